"""The indexes on the span tables: every one is written for each stored span, so none may be a prefix of another
(a longer index starting with the same columns serves the same look-ups), and the per-article reads still seek an
index that starts with ``article_id``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import sqlite_utils

from provenance.store import analysis, boilerplate, counts, outlets
from provenance.store.db import open_db
from tests.label_fixtures import seeded_db
from tests.test_label_state_indexes import FIXTURE, stored_columns

SPAN_TABLES = ("markers", "sources", "passages", "marks")


def prefixed_pairs(db: sqlite_utils.Database, table: str) -> list[tuple[str, str]]:
    """(shorter, longer) pairs of non-unique indexes of ``table`` where the shorter one's columns begin the
    longer one's; a partial index is left out, since it holds other entries."""
    partial = {name for _, name, _, _, is_partial in db.execute(f"PRAGMA index_list('{table}')") if is_partial}
    unique = {name for _, name, is_unique, *_ in db.execute(f"PRAGMA index_list('{table}')") if is_unique}
    columns = {
        name: tuple(col for _, cid, col, *_ in db.execute(f"PRAGMA index_xinfo('{name}')") if cid >= 0)
        for name in stored_columns(db, table)
        if name not in partial and name not in unique
    }
    return [
        (short, long)
        for short, short_cols in columns.items()
        for long, long_cols in columns.items()
        if short != long and long_cols[: len(short_cols)] == short_cols
    ]


def test_no_span_index_is_a_prefix_of_another() -> None:
    db = open_db(memory=True)
    for table in SPAN_TABLES:
        assert prefixed_pairs(db, table) == [], table
    markers = stored_columns(db, "markers")
    assert "idx_markers_article_id" not in markers and "idx_markers_kind_article_text" not in markers
    assert markers["idx_markers_naming"] == ("article_id", "text")


def test_an_old_database_loses_the_redundant_span_indexes(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    shutil.copy(FIXTURE, path)
    before = sqlite_utils.Database(path)
    assert prefixed_pairs(before, "markers") or prefixed_pairs(before, "sources")
    before.close()
    db = open_db(path)
    for table in SPAN_TABLES:
        assert prefixed_pairs(db, table) == [], table


def span_plans(db: sqlite_utils.Database, statements: list[str]) -> dict[str, list[str]]:
    """For each statement reading markers or sources by article, the plan lines that read those tables."""
    plans: dict[str, list[str]] = {}
    for sql in statements:
        if not re.search(r"\b(markers|sources)\b", sql) or "article_id = " not in sql:
            continue
        lines = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        plans[sql] = [line for line in lines if re.match(r"(SCAN|SEARCH) (markers|sources)\b", line)]
    return plans


def test_per_article_reads_seek_an_article_index() -> None:
    db, ids = seeded_db()
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        for article_id in ids:
            analysis.load_sources(db, article_id)
            analysis.load_passages(db, article_id)
            outlets.suggested_outlet(db, article_id)
            counts.recount_boilerplate(db, article_id)
        boilerplate.refresh(db, ids)
    finally:
        db.conn.set_trace_callback(None)
    plans = span_plans(db, statements)
    assert any("FROM markers" in sql for sql in plans) and any("FROM sources" in sql for sql in plans), statements
    for sql, lines in plans.items():
        assert lines, sql
        for line in lines:
            assert re.search(r"^SEARCH \w+ USING (COVERING )?INDEX idx_\w+_article_\w+ \(article_id=", line), (sql, line)
