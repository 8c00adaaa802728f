import pytest

import munitext


@pytest.fixture(scope="session")
def nlp():
    """munitext's pipeline, loaded once per test session."""
    return munitext.load()
