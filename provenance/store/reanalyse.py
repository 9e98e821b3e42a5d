"""Recompute the stored sources of articles analysed by an older extractor or with another outlet registry.

Each article row records the version string of the analysis it holds (the extractor version, plus the fingerprint
of the user's outlets); an article is stale when that differs from what the current code and registry would write.
Work is committed in batches, so an interrupted run keeps what it finished and the next run resumes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sqlite_utils

from provenance.extract.pipeline import analyse, version_for
from provenance.extract.registry import Registry
from provenance.store.analysis import save_many
from provenance.store.boilerplate import after_reanalysis
from provenance.store.articles import get_article
from provenance.store.user_outlets import registry_for

BATCH = 200


@dataclass(frozen=True, slots=True)
class ReanalyseResult:
    """What a run did: articles recomputed, articles already current, and the version now stored."""

    updated: int
    current: int
    version: str


def stale_ids(db: sqlite_utils.Database, version: str, *, everything: bool = False) -> Iterator[str]:
    """Ids of the articles whose stored analysis is not ``version`` (all of them with ``everything``)."""
    if everything:
        query, params = "SELECT id FROM articles ORDER BY rowid", []
    else:
        query = "SELECT id FROM articles WHERE coalesce(extractor_version, '') != ? ORDER BY rowid"
        params = [version]
    for (article_id,) in db.execute(query, params).fetchall():
        yield article_id


def reanalyse(
    db: sqlite_utils.Database,
    *,
    everything: bool = False,
    registry: Registry | None = None,
    progress: Callable[[int], None] | None = None,
) -> ReanalyseResult:
    """Recompute stale analyses (or all with ``everything``) with the database's registry; returns the counts."""
    registry = registry if registry is not None else registry_for(db)
    version = version_for(registry)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    batch: list = []
    updated = 0
    for article_id in stale_ids(db, version, everything=everything):
        article = get_article(db, article_id)
        if article is None:
            continue
        batch.append((article_id, analyse(article, registry=registry)))
        if len(batch) >= BATCH:
            updated += _flush(db, batch, progress, updated)
    updated += _flush(db, batch, progress, updated)
    return ReanalyseResult(updated=updated, current=total - updated, version=version)


def _flush(db: sqlite_utils.Database, batch: list, progress: Callable[[int], None] | None, done: int) -> int:
    count = len(batch)
    if count:
        with db.atomic():
            save_many(db, batch)
            after_reanalysis(db, [article_id for article_id, _ in batch])
        batch.clear()
        if progress is not None:
            progress(done + count)
    return count
