"""Shared fixtures: the project's seeds, the optional dev data, and an isolated cache."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Never touch the user's cache from tests."""
    monkeypatch.setenv("NEWSKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_documents():
    import helpers

    return helpers.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_analysis(seed_documents):
    import helpers

    return helpers.analyze(seed_documents, cache=False)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests using it skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present (development data is optional)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def nlp():
    import helpers

    return helpers.load_model()
