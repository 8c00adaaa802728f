"""The package's data files (``src/munitext/data``): lexicons, gazetteer, patterns."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    """The text of ``data/<name>``."""
    return resources.files("munitext.data").joinpath(name).read_text(encoding="utf-8")


def read_json(name: str) -> Any:
    """``data/<name>`` parsed as JSON."""
    return json.loads(read_text(name))
