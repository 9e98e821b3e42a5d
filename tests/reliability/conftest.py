"""Fixtures of the reliability tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reliability_support import make_articles

from provenance.store.articles import add_articles
from provenance.store.db import open_db


@pytest.fixture(scope="session")
def small_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database holding 50 generated articles, built once per run."""
    path = tmp_path_factory.mktemp("reliability") / "small.db"
    db = open_db(path)
    with db.atomic():
        add_articles(db, make_articles(50))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def small_db_path(small_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "annotations.db"
    shutil.copy(small_template, path)
    return path


