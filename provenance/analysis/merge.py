"""Combining the work of annotators on different machines: a union of articles and label events, never an overwrite.

Every other database is opened read-only and checked (a provenance database, not from a newer version) before
anything is written here; then all of them are merged in one transaction. Because articles are keyed by the hash of
their text and events by UUID, merging the same database again adds nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import sqlite_utils

from provenance.store import merge as store_merge
from provenance.store.merge import MergeCounts


def merge_databases(db: sqlite_utils.Database, paths: Sequence[str | os.PathLike[str]]) -> list[MergeCounts]:
    """Merge the databases at ``paths`` into ``db``; returns what each one added."""
    others: list[store_merge.OtherDatabase] = []
    try:
        for path in paths:
            others.append(store_merge.open_other(path, db))
        return store_merge.merge_into(db, others)
    finally:
        for other in others:
            other.close()


def describe(counts: MergeCounts) -> str:
    """One line saying what merging a database added."""
    return (
        f"{counts.path}: added {counts.articles_added} article(s) ({counts.articles_present} already here) and "
        f"{counts.events_added} label event(s) ({counts.events_present} already here)"
    )
