"""Fixtures for the annotator tests: a database holding the five seeds, built once and copied per test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from provenance.scheme import default_scheme
from provenance.store.db import open_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
os.environ.pop("NO_COLOR", None)  # snapshot tests compare colours


def ingest_seeds(db) -> None:  # noqa: ANN001
    """Ingest ./seeds the way the CLI does."""
    from provenance.ingest import ingest_paths

    report = ingest_paths(db, [SEEDS])
    assert not report.failed, report.failed


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "seeds.db"
    db = open_db(path)
    ingest_seeds(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def seeded_path(seeded_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "annotations.db"
    shutil.copy(seeded_template, path)
    return path


@pytest.fixture
def seeded_db(seeded_path: Path):  # noqa: ANN201
    db = open_db(seeded_path)
    yield db
    db.close()


@pytest.fixture
def scheme():  # noqa: ANN201
    return default_scheme()


PINNED = Path(__file__).resolve().parent / "fixtures" / "seed_analysis.json"


@pytest.fixture
def pinned_db(seeded_path: Path):  # noqa: ANN201
    """The seeds with the sources and passages of ``fixtures/seed_analysis.json``: the snapshots show the
    annotator, not the extractors of the day, so they do not change each time an extractor improves."""
    import json

    from provenance.extract.spans import Analysis, Marker, Passage, Source
    from provenance.store.analysis import save_analysis

    db = open_db(seeded_path)
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    with db.atomic():
        for article_id, analysis in pinned.items():
            passages = [
                Passage(**{**p, "markers": [Marker(**m) for m in p["markers"]]}) for p in analysis["passages"]
            ]
            save_analysis(db, article_id, Analysis(sources=[Source(**s) for s in analysis["sources"]], passages=passages))
    yield db
    db.close()
