"""Shared fixtures: one real pipeline per test session, and where the data lies."""

from __future__ import annotations

from pathlib import Path

import pytest

import munitext

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "corpora" / "sample"


@pytest.fixture(scope="session")
def nlp():
    """munitext's pipeline, loaded once per test session."""
    return munitext.load()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not beside the checkout")
    return path
