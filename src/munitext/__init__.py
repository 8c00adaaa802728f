"""munitext: Russian-language news about local self-government in Kyrgyzstan, turned into data."""

from .frames import Analysis, analyze
from .pipeline import load

__version__ = "0.1.0"
__all__ = ["Analysis", "analyze", "load", "__version__"]
