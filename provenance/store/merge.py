"""Bringing label events and articles from elsewhere into this database: another database, or an imported file.

Everything is a union: articles by id (the hash of their normalised text, the same on every machine), events by
their UUID. ``INSERT OR IGNORE`` makes both idempotent, so merging the same database twice adds nothing. The other
database is opened read-only and its schema checked before a single row is written here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from provenance.errors import StoreError
from provenance.store.exports import EVENT_COLUMNS
from provenance.store.migrations import MIGRATIONS, check_schema_version

ANALYSIS_TABLES = ("marks", "sources", "passages", "markers")
"""Per-article tables copied along with an article the other database has and this one lacks."""

BATCH = 500


@dataclass(frozen=True, slots=True)
class MergeCounts:
    """What merging one database did."""

    path: str
    articles_added: int
    articles_present: int
    events_added: int
    events_present: int


@dataclass(slots=True)
class OtherDatabase:
    """Another provenance database, opened read-only and checked."""

    path: str
    conn: sqlite3.Connection

    def close(self) -> None:
        self.conn.close()


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def open_other(path: str | os.PathLike[str], db: sqlite_utils.Database | None = None) -> OtherDatabase:
    """Open another database read-only and refuse it, untouched, unless it is a provenance database we understand."""
    shown = str(path)
    resolved = Path(path)
    if not resolved.is_file():
        raise StoreError(f"{shown}: no such database file", "check the path of the database to merge")
    main_file = db.conn.execute("PRAGMA database_list").fetchone()[2] if db is not None else ""
    if main_file and os.path.exists(main_file) and os.path.samefile(main_file, resolved):
        raise StoreError(f"{shown}: is the database being merged into", "pass another database to merge")
    try:
        conn = sqlite3.connect(resolved.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{shown}: not a usable SQLite database ({exc})", "check the path of the database to merge") from None
    other = OtherDatabase(shown, conn)
    try:
        if MIGRATIONS.migrations_table not in tables or not {"articles", "label_events"} <= tables:
            raise StoreError(
                f"{shown}: not a provenance database (unknown schema); it was left untouched",
                "merge only databases written by provenance",
            )
        try:
            check_schema_version(sqlite_utils.Database(conn))
        except StoreError as exc:
            raise StoreError(f"{shown}: {exc.message}", exc.hint) from None
        missing = set(EVENT_COLUMNS) - set(_columns(conn, "label_events"))
        if missing or "id" not in _columns(conn, "articles"):
            raise StoreError(
                f"{shown}: its label tables lack columns ({', '.join(sorted(missing)) or 'articles.id'}); it was left untouched",
                "open it once with this provenance (e.g. 'provenance agreement --db FILE') to upgrade it, then merge",
            )
    except BaseException:
        other.close()
        raise
    return other


def _batches(cursor: Iterable[tuple], size: int = BATCH) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for row in cursor:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _copy_rows(
    other: sqlite3.Connection, db: sqlite_utils.Database, table: str, where: str, params: list
) -> None:
    """Copy the rows of ``table`` matching ``where`` from the other database, in the columns both know."""
    if table not in {r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}:
        return
    if not db[table].exists():
        return
    here = set(_columns(db.conn, table))
    columns = [c for c in _columns(other, table) if c in here]
    names = ", ".join(f'"{c}"' for c in columns)
    rows = other.execute(f'SELECT {names} FROM "{table}" WHERE {where}', params)
    db.conn.executemany(
        f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})', rows
    )


def _merge_articles(other: sqlite3.Connection, db: sqlite_utils.Database) -> tuple[int, int]:
    here = set(_columns(db.conn, "articles"))
    columns = [c for c in _columns(other, "articles") if c in here]
    names = ", ".join(f'"{c}"' for c in columns)
    id_index = columns.index("id")
    added = present = 0
    for batch in _batches(other.execute(f"SELECT {names} FROM articles ORDER BY rowid")):
        ids = [row[id_index] for row in batch]
        marks = ",".join("?" * len(ids))
        known = {r[0] for r in db.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", ids)}
        fresh = [row for row in batch if row[id_index] not in known]
        present += len(batch) - len(fresh)
        if not fresh:
            continue
        db.conn.executemany(
            f'INSERT OR IGNORE INTO articles ({names}) VALUES ({", ".join("?" * len(columns))})', fresh
        )
        fresh_ids = [row[id_index] for row in fresh]
        added += len(fresh_ids)
        where = f"article_id IN ({','.join('?' * len(fresh_ids))})"
        for table in ANALYSIS_TABLES:
            _copy_rows(other, db, table, where, fresh_ids)
    return added, present


def insert_events(db: sqlite_utils.Database, rows: Iterable[tuple]) -> tuple[int, int]:
    """Add label events (tuples in :data:`EVENT_COLUMNS` order) unless their id is already here.

    Returns (added, already present). The caller owns the transaction.
    """
    added = seen = 0
    sql = f"INSERT OR IGNORE INTO label_events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
    for batch in _batches(rows, 1000):
        added += db.conn.executemany(sql, batch).rowcount  # rows inserted, not counting trigger writes
        seen += len(batch)
    return added, seen - added


def add_events(db: sqlite_utils.Database, rows: Iterable[tuple]) -> tuple[int, int]:
    """:func:`insert_events` in a transaction of its own: all the rows go in, or none."""
    with db.atomic():
        return insert_events(db, rows)


def merge_into(db: sqlite_utils.Database, others: list[OtherDatabase]) -> list[MergeCounts]:
    """Union the articles (with their analyses) and label events of checked databases into ``db``, in one transaction."""
    counts: list[MergeCounts] = []
    with db.atomic():
        for other in others:
            articles_added, articles_present = _merge_articles(other.conn, db)
            events = other.conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM label_events ORDER BY rowid")
            events_added, events_present = insert_events(db, events)
            counts.append(MergeCounts(other.path, articles_added, articles_present, events_added, events_present))
    return counts
