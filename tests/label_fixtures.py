"""Shared test data for the label-table tests: databases holding the five seed articles, and labelling helpers."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from provenance.corpus.article import Article
from provenance.corpus.readers import read_path
from provenance.store import open_db
from provenance.store.articles import add_articles
from provenance.store.labels import record_event

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))

STANCE_A = ["pro-ukraine", "pro-russia", "neutral", "pro-russia", "pro-ukraine"]
STANCE_B = ["pro-ukraine", "pro-russia", "pro-ukraine", "pro-russia", "neutral"]


def seed_articles() -> list[Article]:
    """The seed articles as the readers make them, in file order."""
    articles = [item for path in SEEDS for item in read_path(path) if isinstance(item, Article)]
    assert len(articles) == 5
    return articles


def seeded_db(path: Path | None = None) -> tuple[sqlite_utils.Database, list[str]]:
    """A migrated database (in memory unless ``path``) holding the seeds; returns it and the ids in seed order."""
    db = open_db(path) if path is not None else open_db(memory=True)
    articles = seed_articles()
    add_articles(db, articles)
    return db, [a.id for a in articles]


def label_all(
    db: sqlite_utils.Database, annotator: str, ids: list[str], field: str, values: list[str], hour: int = 10
) -> None:
    """Give article i the value i, at fixed times one minute apart (so seconds spent are known)."""
    for i, (article_id, value) in enumerate(zip(ids, values)):
        record_event(db, article_id, annotator, field, value, created_at=f"2026-01-0{i + 1}T{hour:02d}:00:00.000000+00:00")
