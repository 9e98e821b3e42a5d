"""Label events: append-only, never updated or deleted.

The current label of a field is the newest ``set`` (or ``adjudicate``) event for it that no ``undo`` event points
at; that rule lives in the ``current_labels`` view. Undo is a new event. Merging two databases is a union of events
by id, which is why ids are UUIDs and times are UTC ISO-8601 with microseconds.
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils

from provenance.errors import StoreError
from provenance.store.db import explained

ACTIONS = frozenset({"set", "clear", "undo", "skip", "adjudicate"})
NOT_UNDONE = (
    "NOT EXISTS (SELECT 1 FROM label_events u INDEXED BY idx_label_events_undoes"
    " WHERE u.undoes = e.id AND u.action = 'undo')"
)
"""The condition that the event aliased ``e`` has not been undone. The undo index is named: once ANALYZE has run over
a log without undos (every event shares the same empty ``undoes``), the planner judges that index useless and walks
the whole log for each event checked, which made an undo keypress or a review page cost a pass over the log and
exports quadratic in it."""

RETRY_PAUSES = (0.05, 0.2, 1.0)
"""Backoff (seconds, jittered) between further attempts once the busy timeout ran out: a label is worth waiting
for, and a long write by another process (a large merge) may hold the lock beyond the timeout."""


@dataclass(frozen=True, slots=True)
class LabelEvent:
    """One row of the append-only log."""

    id: str
    article_id: str
    annotator: str
    field: str
    value: str
    target: str
    action: str
    undoes: str
    created_at: str


def now_iso() -> str:
    """The current UTC time, sortable as text and precise enough to order one annotator's keystrokes."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def record_event(
    db: sqlite_utils.Database,
    article_id: str,
    annotator: str,
    field: str,
    value: str = "",
    *,
    action: str = "set",
    target: str = "",
    undoes: str = "",
    created_at: str | None = None,
) -> LabelEvent:
    """Append one event and commit it before returning: once this returns, the label survives a crash."""
    if action not in ACTIONS:
        raise ValueError(f"unknown label action {action!r}")
    event = LabelEvent(
        id=str(uuid.uuid4()),
        article_id=article_id,
        annotator=annotator,
        field=field,
        value=value,
        target=target,
        action=action,
        undoes=undoes,
        created_at=created_at or now_iso(),
    )
    row = (
        event.id,
        event.article_id,
        event.annotator,
        event.field,
        event.value,
        event.target,
        event.action,
        event.undoes,
        event.created_at,
    )
    for attempt, pause in enumerate((*RETRY_PAUSES, None)):
        try:
            with db.conn:
                db.conn.execute(
                    "INSERT INTO label_events (id, article_id, annotator, field, value, target, action, undoes,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
            return event
        except sqlite3.DatabaseError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise explained(exc) from None  # a full disk, a read-only file: waiting will not help
            if pause is None:
                raise StoreError(
                    f"the database stayed locked by another process; this label was not saved ({exc})",
                    "wait for the other writer (an ingest or a merge) to finish, then label again",
                ) from None
            time.sleep(pause * (1 + random.random()))
    raise AssertionError("unreachable")


def last_undoable(db: sqlite_utils.Database, annotator: str) -> LabelEvent | None:
    """The annotator's newest event that changed something and has not been undone yet."""
    row = db.execute(
        f"""
        SELECT id, article_id, annotator, field, value, target, action, undoes, created_at
        FROM label_events e
        WHERE annotator = ? AND action IN ('set', 'clear', 'skip', 'adjudicate')
          AND {NOT_UNDONE}
        ORDER BY created_at DESC, id DESC LIMIT 1
        """,
        [annotator],
    ).fetchone()
    return LabelEvent(*row) if row else None


def undo_last(db: sqlite_utils.Database, annotator: str) -> LabelEvent | None:
    """Undo the annotator's newest change by appending an ``undo`` event; returns the event undone, or None."""
    undone = last_undoable(db, annotator)
    if undone is None:
        return None
    record_event(db, undone.article_id, annotator, undone.field, action="undo", target=undone.target, undoes=undone.id)
    return undone


def defer_checkpoints(db: sqlite_utils.Database) -> str | None:
    """Stop this connection's commits from checkpointing the write-ahead log; returns the database file to
    checkpoint from elsewhere (:func:`checkpoint_from_another_connection`), or None when there is no log.

    The commit that takes the log past its threshold copies about a thousand pages back into the database and syncs
    the file before it returns: tens of milliseconds, hundreds when the file has just been copied or another process
    writes a lot. The annotator's label commits must not wait for that; a label is saved once it is in the log.
    """
    path = db.execute("PRAGMA database_list").fetchone()[2]
    if not path or db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return None
    db.execute("PRAGMA wal_autocheckpoint = 0")
    return path


def checkpoint_from_another_connection(path: str) -> None:
    """Copy what the write-ahead log holds back into the database without waiting for readers or writers (a
    passive checkpoint, on a connection of its own so the annotator's connection stays free)."""
    from provenance.store.db import connect

    conn = connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        conn.close()


def article_labels(db: sqlite_utils.Database, article_id: str, annotator: str) -> dict[str, dict[str, str]]:
    """The annotator's current labels of one article and of each of its passages, by target ("" for the article).

    Read from ``label_state`` (the trigger-kept answer of the ``current_labels`` view, skips aside) with one seek on
    its key: the view ranks the article's events once per target, which costs more the more events there are.
    """
    labels: dict[str, dict[str, str]] = {"": {}}
    for target, field, value in db.execute(
        "SELECT target, field, value FROM label_state WHERE article_id = ? AND annotator = ? AND field != ''"
        " AND action != 'skip'",
        [article_id, annotator],
    ):
        labels.setdefault(target, {})[field] = value
    return labels


def current_labels(db: sqlite_utils.Database, article_id: str, annotator: str, target: str = "") -> dict[str, str]:
    """The annotator's current value of every labelled field of one article (or one passage, via ``target``)."""
    return dict(
        db.execute(
            "SELECT field, value FROM current_labels WHERE article_id = ? AND annotator = ? AND target = ?",
            [article_id, annotator, target],
        ).fetchall()
    )
