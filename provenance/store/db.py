"""Opening the database: pragmas on every connection, migrations, and the schema-version check.

WAL lets an annotator keep labelling while an ingest writes; ``synchronous=NORMAL`` is durable across a process
crash in WAL mode (only a power loss can cost the last transactions) and keeps a label commit well under a
millisecond. ``busy_timeout`` makes concurrent writers wait instead of failing.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from provenance.errors import StoreError
from provenance.store.migrations import MIGRATIONS, check_schema_version

DEFAULT_DB = "annotations.db"
BUSY_TIMEOUT_MS = 10_000


def resolve_db_path(path: str | os.PathLike[str] | None) -> Path:
    """The database path: an explicit one, else ``$PROVENANCE_DB``, else ``./annotations.db``."""
    if path:
        return Path(path)
    return Path(os.environ.get("PROVENANCE_DB") or DEFAULT_DB)


class _Connection(sqlite3.Connection):
    """A connection whose write transactions take the write lock when they begin.

    sqlite-utils opens ``atomic()`` blocks with a plain (deferred) ``BEGIN``. A deferred transaction that reads
    before it writes (ingest checks which articles are new, then inserts) cannot upgrade its read snapshot once
    another process has committed meanwhile: SQLite then answers "database is locked" at once, without waiting
    for the busy timeout. ``BEGIN IMMEDIATE`` waits for the lock up front, so writers queue instead of failing.
    """

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
        if sql == "BEGIN":
            sql = "BEGIN IMMEDIATE"
        return super().execute(sql, *args)


def explained(error: sqlite3.Error) -> StoreError:
    """What SQLite raised in the middle of a command (locked beyond the busy timeout, disk full, a read-only file),
    as one line saying what to do. Whatever was committed before it stays committed."""
    text = " ".join(str(error).split()) or type(error).__name__
    if "locked" in text or "busy" in text:
        hint = "another process is writing to this database (an ingest, a merge or a reanalysis); run this again later"
    elif "full" in text:
        hint = "free some disk space and run this again; what was saved before stays saved"
    elif "readonly" in text or "read-only" in text:
        hint = "make the database file and its folder writable, or choose another file with --db or $PROVENANCE_DB"
    else:
        hint = "check the file with: sqlite3 DB 'PRAGMA integrity_check'"
    return StoreError(f"the database refused the operation ({text})", hint)


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A raw connection with the pragmas every connection needs (they are per connection in SQLite).

    WAL is switched on by :func:`open_db` once the schema check passed: switching rewrites the file header, and a
    database from a newer provenance must be left byte for byte as it was.
    """
    try:
        conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
            isolation_level="IMMEDIATE",
            factory=_Connection,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path}: not a usable SQLite database ({exc})",
            "check the path, or choose another file with --db or $PROVENANCE_DB",
        ) from None
    return conn


def open_db(
    path: str | os.PathLike[str] | None = None, *, migrate: bool = True, memory: bool = False
) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database.

    A database written by a newer version of provenance is refused before anything is written to it.
    """
    if memory:
        db = sqlite_utils.Database(memory=True)
        db.execute("PRAGMA foreign_keys = ON")
    else:
        resolved = resolve_db_path(path)
        if resolved.is_dir():
            raise StoreError(
                f"{resolved}: is a folder, not a database", "choose a file path with --db or $PROVENANCE_DB"
            )
        if resolved.parent and not resolved.parent.exists():
            raise StoreError(
                f"{resolved.parent}: no such folder",
                "create it first, or choose another path with --db or $PROVENANCE_DB",
            )
        db = sqlite_utils.Database(connect(resolved))
    try:
        check_schema_version(db)
        if not memory:
            db.execute("PRAGMA journal_mode = WAL")
        if migrate and MIGRATIONS.pending(db):
            _migrate(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{resolve_db_path(path) if not memory else ':memory:'}: cannot be read as a provenance database ({exc})",
            "check the path, or choose another file with --db or $PROVENANCE_DB",
        ) from None
    return db


def _migrate(db: sqlite_utils.Database) -> None:
    """Apply the pending migrations inside one ``BEGIN IMMEDIATE`` transaction.

    Two processes opening a new database at once (an ingest and the annotator) then take turns: the second waits
    for the write lock, sees the migrations already applied, and does nothing, instead of failing on tables that
    now exist. Every migration must therefore be transactional.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        check_schema_version(db)
        MIGRATIONS.apply(db)
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")


def checkpoint(db: sqlite_utils.Database) -> None:
    """Fold the write-ahead log back into the database file after a large import."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def open_reader(path: str | os.PathLike[str]) -> sqlite_utils.Database:
    """A connection to an existing database for reading only (an ingest worker checking which articles are stored):
    no migration and no journal switch, which are the business of the process that writes."""
    return sqlite_utils.Database(connect(path))


@contextlib.contextmanager
def large_cache(db: sqlite_utils.Database, megabytes: int = 64) -> Iterator[None]:
    """A page cache large enough for a bulk write's working set, set back afterwards.

    Article ids are hashes, so each batch writes into pages spread over every index that starts with the article
    id (about 250 MB of them at 100,000 articles). With the default 2 MB cache a long ingest re-read those pages
    from the file at every batch. Writing 5,000 articles into 100,000, a 32 MB cache read 236k pages and wrote 546k
    (it spilled dirty pages mid-transaction); 64 MB read 182k and wrote 492k. 160 MB read 153k, but took the
    ingest's peak memory to within 20 MB of its 300 MB limit.
    """
    (previous,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size = {-1024 * megabytes}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(previous)}")
