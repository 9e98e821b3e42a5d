"""The indexes on ``label_state``: none duplicates another (each one is written at every saved label), and the
queue's reads of one annotator's labels still seek an index rather than walk the table."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import sqlite_utils

from provenance.store import queue
from provenance.store.db import open_db
from provenance.store.queue import QueueFilter
from tests.label_fixtures import label_all, seeded_db

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "schema_v1.db"
REQUIRED = ("outlet", "stance")


def stored_columns(db: sqlite_utils.Database, table: str) -> dict[str, tuple[str, ...]]:
    """Each index of ``table`` with every column its entries hold, in order (in a WITHOUT ROWID table an index
    also holds the rest of the primary key, so two differently declared indexes can hold the same entries)."""
    return {
        name: tuple(col for _, cid, col, *_ in db.execute(f"PRAGMA index_xinfo('{name}')") if cid >= 0)
        for _, name, *_ in db.execute(f"PRAGMA index_list('{table}')")
    }


def test_no_label_state_index_duplicates_another() -> None:
    db = open_db(memory=True)
    columns = stored_columns(db, "label_state")
    assert "idx_label_state_annotator" not in columns
    assert columns["idx_label_state_progress"] == ("annotator", "target", "article_id", "field")
    by_entries: dict[tuple[str, ...], list[str]] = {}
    for name, cols in columns.items():
        by_entries.setdefault(cols, []).append(name)
    assert [names for names in by_entries.values() if len(names) > 1] == []


def test_an_old_database_loses_the_duplicate_when_migrated(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    shutil.copy(FIXTURE, path)
    before = sqlite_utils.Database(path)
    assert "idx_label_state_annotator" in stored_columns(before, "label_state")
    before.close()
    db = open_db(path)
    assert "idx_label_state_annotator" not in stored_columns(db, "label_state")
    assert "idx_label_state_progress" in stored_columns(db, "label_state")


def label_state_plans(db: sqlite_utils.Database, statements: list[str]) -> dict[str, list[str]]:
    """The query plan lines that read ``label_state`` (by name or alias), for each statement that names it."""
    plans: dict[str, list[str]] = {}
    for sql in statements:
        if "label_state" not in sql:
            continue
        names = {"label_state", *re.findall(r"label_state\s+(?:AS\s+)?(\w+)", sql)} - {"WHERE", "INDEXED"}
        lines = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        plans[sql] = [line for line in lines if re.match(r"(SCAN|SEARCH) (\w+)", line) and line.split()[1] in names]
    return plans


def test_the_queue_reads_an_annotators_labels_through_an_index() -> None:
    db, ids = seeded_db()
    label_all(db, "alice", ids, "outlet", ["RT", "BBC", "RT", "Le Monde", "BBC"])
    label_all(db, "alice", ids[:3], "stance", ["neutral", "pro-russia", "neutral"])
    label_all(db, "bob", ids, "outlet", ["RT", "BBC", "TASS", "Le Monde", "BBC"])
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        queue.progress(db, "alice", REQUIRED)
        queue.closed(db, "alice", REQUIRED)
        queue.status(db, ids[0], "alice", REQUIRED)
        for mode in ("todo", "mine", "disagreements"):
            queue.count(db, "alice", REQUIRED, QueueFilter(mode, search="the"))
            queue.page(db, "alice", REQUIRED, QueueFilter(mode), 0, 10)
    finally:
        db.conn.set_trace_callback(None)
    plans = label_state_plans(db, statements)
    annotator_reads = [sql for sql in plans if "annotator = 'alice'" in sql]
    assert len(annotator_reads) >= 5, statements
    for sql, lines in plans.items():
        assert lines, sql
        for line in lines:
            assert not line.startswith("SCAN"), (sql, line)
            # PRIMARY KEY: label_state is WITHOUT ROWID, so its key is itself an index.
            assert re.search(r"USING (COVERING INDEX|INDEX|PRIMARY KEY)", line), (sql, line)
