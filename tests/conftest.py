"""Shared fixtures: a fresh in-memory store, the embedded store, and ../shared paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from capexlens.store import FactStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = SHARED / "fixtures"


@pytest.fixture()
def store() -> Iterator[FactStore]:
    """A fresh, empty in-memory store."""
    with FactStore.open(":memory:") as s:
        yield s


@pytest.fixture(scope="session")
def embedded_store() -> Iterator[FactStore]:
    """An in-memory store built from the embedded curated dataset (built once per run)."""
    from capexlens.ingest import open_store

    s = open_store(":memory:")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """../shared/fixtures, read in place."""
    if not FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {FIXTURES}")
    return FIXTURES
