"""Reads keep their indexes once ``ANALYZE`` has run (``sqlite3 annotations.db ANALYZE``, ``sqlite-utils analyze``,
or a tool running ``PRAGMA optimize``) on the databases where the statistics mislead the planner most:

- a label log without undos, where every event has the same empty ``undoes``: the undo index then looks useless,
  and a check "was this event undone?" that walked the whole log per event made exports quadratic in the log and
  an undo keypress or a review page cost a full pass over it;
- a corpus from a single outlet, where every article has the same publisher domain: the comparison then read the
  whole table of texts to find the articles without one.

The statistics are written by hand (as ANALYZE writes them over a million events and 100,000 articles), so the
planner sees those databases while the test data stays small."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from provenance.store import compare, exports, labels
from provenance.store.db import open_db
from provenance.store.labels import record_event
from tests.label_fixtures import STANCE_A, STANCE_B, label_all, seeded_db

EVENTS = 1_163_596
ARTICLES = 102_000
MISLEADING = {
    # (table, index): sqlite_stat1 "stat" — every event shares one ``undoes``, every article one domain and language.
    ("label_events", "idx_label_events_undoes"): f"{EVENTS} {EVENTS}",
    ("label_events", "idx_label_events_article_id_annotator"): f"{EVENTS} 12 3",
    ("label_events", "idx_label_events_annotator_created_at"): f"{EVENTS} 22377 1",
    ("label_events", "sqlite_autoindex_label_events_1"): f"{EVENTS} 1",
    ("articles", "idx_articles_publisher_domain"): f"{ARTICLES} {ARTICLES}",
    ("articles", "idx_articles_language"): f"{ARTICLES} {ARTICLES}",
    ("articles", "idx_articles_compare"): f"{ARTICLES} {ARTICLES} 1 1 1 1",
    ("articles", "sqlite_autoindex_articles_1"): f"{ARTICLES} 1",
}


def analysed(path: Path) -> sqlite_utils.Database:
    """ANALYZE, overwrite the statistics with :data:`MISLEADING`, and reopen so the planner loads them."""
    db = open_db(path)
    db.execute("ANALYZE")
    for (table, index), stat in MISLEADING.items():
        db.execute("DELETE FROM sqlite_stat1 WHERE tbl = ? AND idx = ?", [table, index])
        db.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", [table, index, stat])
    db.conn.commit()
    db.close()
    return open_db(path)


def labelled_db(path: Path) -> tuple[sqlite_utils.Database, list[str]]:
    """The seeds labelled by two annotators, with a ruling and an undo, then analysed as above."""
    db, ids = seeded_db(path)
    label_all(db, "alice", ids, "stance", STANCE_A)
    label_all(db, "bob", ids, "stance", STANCE_B)
    record_event(db, ids[2], "carol", "stance", "neutral", action="adjudicate")
    labels.undo_last(db, "bob")
    db.close()
    return analysed(path), ids


def traced(db: sqlite_utils.Database, *calls: Callable[[], object]) -> list[str]:
    """The statements the calls run (iterators are drained, so their queries run too)."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        for call in calls:
            result = call()
            if isinstance(result, Iterator):
                list(result)
            elif isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], Iterator):
                list(result[1])
    finally:
        db.conn.set_trace_callback(None)
    return statements


def plan(db: sqlite_utils.Database, sql: str) -> list[str]:
    return [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]


def test_undo_checks_seek_the_undo_index(tmp_path: Path) -> None:
    db, ids = labelled_db(tmp_path / "labels.db")
    statements = traced(
        db,
        lambda: labels.last_undoable(db, "alice"),
        lambda: labels.current_labels(db, ids[0], "alice"),
        lambda: exports.iter_article_own_labels(db, ids[0]),
        lambda: exports.iter_own_labels(db, ["stance"]),
        lambda: exports.iter_labels(db, ["stance"]),
        lambda: exports.iter_vote_counts(db),
        lambda: exports.iter_adjudicated(db),
        lambda: exports.adjudicated_values(db, ids),
        lambda: exports.iter_label_details(db),
        lambda: exports.iter_passage_labels(db),
    )
    checks = [sql for sql in statements if re.search(r"\bu\.undoes = e\.id\b", sql) or "current_labels" in sql]
    assert len(checks) >= 10, statements
    for sql in checks:
        lines = [line for line in plan(db, sql) if re.match(r"(SCAN|SEARCH) u\b", line)]
        assert lines, sql
        for line in lines:
            assert line.startswith("SEARCH u USING INDEX idx_label_events_undoes (undoes=?)"), (sql, line)
    assert labels.current_labels(db, ids[1], "bob") == {"stance": STANCE_B[1]}


def test_the_comparison_seeks_the_articles_without_a_publisher(tmp_path: Path) -> None:
    db, _ = labelled_db(tmp_path / "labels.db")
    statements = traced(db, lambda: compare.build_scope(db))
    try:
        reads = [
            sql
            for sql in statements
            if "INSERT INTO temp.cmp_article" in sql and re.search(r"publisher_domain (= ''|IS NULL)", sql)
        ]
        assert reads, statements
        for sql in reads:
            lines = [line for line in plan(db, sql) if re.match(r"(SCAN|SEARCH) (a|articles)\b", line)]
            assert lines, sql
            for line in lines:
                assert re.match(r"SEARCH (a|articles) USING (COVERING )?INDEX \w+ \(publisher_domain=\?\)", line), (
                    sql,
                    line,
                )
        scoped = db.execute("SELECT count(*) FROM temp.cmp_article").fetchone()[0]
        assert scoped == db.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        compare.drop_scope(db)
