"""munitext: Russian-language news about local self-government in Kyrgyzstan, turned into data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .pipeline import load

if TYPE_CHECKING:
    from .frames import Analysis, analyze

__version__ = "0.1.0"
__all__ = ["Analysis", "analyze", "load", "__version__"]


def __getattr__(name: str):
    """``analyze`` and ``Analysis`` import pandas only when first used (the CLI never does)."""
    if name in ("analyze", "Analysis"):
        from . import frames

        return getattr(frames, name)
    raise AttributeError(f"module 'munitext' has no attribute {name!r}")
