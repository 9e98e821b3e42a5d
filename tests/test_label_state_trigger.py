"""Saving a label costs the same however long the event log is, even after ``ANALYZE`` has told the planner that
the undo index is useless (every event of a log without undos has the same empty ``undoes``)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from provenance.store.db import open_db
from provenance.store.labels import current_labels, record_event
from tests.label_fixtures import seeded_db


def steps_to_save(db: sqlite_utils.Database, article_id: str) -> int:
    """SQLite virtual-machine steps (in thousands) spent appending one event and updating the label state."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    db.conn.set_progress_handler(count, 1000)
    try:
        record_event(db, article_id, "zoe", "stance", "neutral")
    finally:
        db.conn.set_progress_handler(None, 0)
    return steps


def grow_log(db: sqlite_utils.Database, ids: list[str], events: int) -> None:
    """Append ``events`` label events in one transaction (through the same trigger as a save)."""
    start = db.execute("SELECT count(*) FROM label_events").fetchone()[0]
    db["label_events"].insert_all(
        {
            "id": f"e{start + n}",
            "article_id": ids[n % len(ids)],
            "annotator": f"a{n % 50}",
            "field": "stance",
            "value": f"v{n % 7}",
            "target": "",
            "action": "set",
            "undoes": "",
            "created_at": f"2026-01-01T00:00:{n % 60:02d}.{start + n:06d}+00:00",
        }
        for n in range(events)
    )


def analysed_without_undos(path: Path) -> sqlite_utils.Database:
    """Reopen after ANALYZE, with the statistics a log without undos gives: one key shared by every event."""
    db = open_db(path)
    db.execute("ANALYZE")
    (rows,) = db.execute("SELECT count(*) FROM label_events").fetchone()
    db.execute("UPDATE sqlite_stat1 SET stat = ? WHERE idx = 'idx_label_events_undoes'", [f"{rows} {rows}"])
    db.conn.commit()
    db.close()
    return open_db(path)


def test_a_save_does_not_walk_the_log_after_analyze(tmp_path: Path) -> None:
    path = tmp_path / "labels.db"
    db, ids = seeded_db(path)
    grow_log(db, ids, 2000)
    db.close()
    db = analysed_without_undos(path)
    small = steps_to_save(db, ids[0])
    grow_log(db, ids, 8000)
    db.close()
    db = analysed_without_undos(path)
    large = steps_to_save(db, ids[1])
    assert large <= small + 2, (small, large)
    assert current_labels(db, ids[1], "zoe") == {"stance": "neutral"}
