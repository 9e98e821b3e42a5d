"""A label save that meets a database locked beyond the busy timeout retries with backoff, then says so clearly."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from provenance.errors import StoreError
from provenance.store import labels
from provenance.store.db import open_db


def hold_write_lock(path: Path, seconds: float, started: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    started.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


@pytest.fixture
def impatient_db(small_db_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setattr(labels, "RETRY_PAUSES", (0.1, 0.2, 0.4))
    db = open_db(small_db_path)
    db.execute("PRAGMA busy_timeout = 50")
    yield db
    db.close()


def test_label_waits_out_a_lock_longer_than_the_busy_timeout(impatient_db, small_db_path: Path) -> None:  # noqa: ANN001
    started = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(small_db_path, 0.3, started))
    holder.start()
    started.wait()
    event = labels.record_event(impatient_db, "a1", "alice", "stance", "neutral")
    holder.join()
    assert impatient_db.execute("SELECT count(*) FROM label_events WHERE id = ?", [event.id]).fetchone()[0] == 1


def test_label_that_cannot_be_saved_is_a_clear_error(impatient_db, small_db_path: Path) -> None:  # noqa: ANN001
    started = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(small_db_path, 2.5, started))
    holder.start()
    started.wait()
    with pytest.raises(StoreError) as error:
        labels.record_event(impatient_db, "a1", "alice", "stance", "neutral")
    holder.join()
    assert "not saved" in error.value.message and error.value.hint
    assert impatient_db.execute("SELECT count(*) FROM label_events").fetchone()[0] == 0


def test_annotator_survives_a_save_that_cannot_happen(impatient_db, small_db_path: Path) -> None:  # noqa: ANN001
    """The annotator says the label was not saved, and keeps running, when another process holds the lock."""
    import asyncio

    from provenance.scheme import default_scheme
    from provenance.tui.app import build_app

    article = impatient_db.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
    app = build_app(impatient_db, annotator="alice", scheme=default_scheme(), start_article=article)
    started = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(small_db_path, 2.5, started))
    notes: list[str] = []

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.session.active = "stance"
            holder.start()
            started.wait()
            await pilot.press("2")
            await pilot.pause()
            notes.extend(str(n.message) for n in app._notifications)
            assert app.is_running
        holder.join()

    asyncio.run(scenario())
    assert any("not saved" in note for note in notes), notes
    assert impatient_db.execute("SELECT count(*) FROM label_events").fetchone()[0] == 0
