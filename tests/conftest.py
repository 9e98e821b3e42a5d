"""Shared fixtures: a temporary database, the seed articles, and an environment that does not leak into tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

# Snapshot tests compare colours: NO_COLOR in the caller's environment would turn them all grey.
os.environ.pop("NO_COLOR", None)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _no_user_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test never reads or writes the database named by the caller's $PROVENANCE_DB."""
    monkeypatch.delenv("PROVENANCE_DB", raising=False)


@pytest.fixture
def repo_root() -> Path:
    """The checkout the tests run from."""
    return ROOT


@pytest.fixture
def seeds_dir() -> Path:
    """The five seed articles."""
    return SEEDS


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's own database file goes (not created yet)."""
    return tmp_path / "test.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """A fresh, migrated database file in a temporary folder."""
    from provenance.store.db import open_db

    database = open_db(db_path)
    yield database
    database.close()
