"""A label save that meets a full disk says so in one line and commits nothing; the labels saved before stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.errors import StoreError
from provenance.store import labels
from provenance.store.db import open_db


def test_a_save_on_a_full_disk_is_a_clear_error(small_db_path: Path) -> None:
    db = open_db(small_db_path)
    kept = labels.record_event(db, "a1", "alice", "stance", "neutral")
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    db.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: as full as a disk can be
    with pytest.raises(StoreError) as error:
        labels.record_event(db, "a1", "alice", "note", "x" * 200_000)
    assert "full" in error.value.message and "disk space" in error.value.hint
    assert "\n" not in error.value.message
    reopened = open_db(small_db_path)
    assert [row[0] for row in reopened.execute("SELECT id FROM label_events WHERE annotator = 'alice'")] == [kept.id]
