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


@pytest.mark.parametrize("command", [["ingest", "{seeds}"], ["merge", "{other}"]])
def test_a_command_meeting_a_lock_beyond_the_timeout_says_so_in_one_line(
    small_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """Ingest or merge while another process holds the write lock longer than the busy timeout: one line saying
    what to do, exit status 2, no traceback, and nothing half-written."""
    from click.testing import CliRunner

    import provenance.store.db as store_db
    from provenance.cli import main

    other = tmp_path / "other.db"
    open_db(other).close()
    labels.record_event(open_db(other), "a1", "bob", "stance", "neutral")
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    before = open_db(small_db_path).execute("SELECT count(*) FROM articles").fetchone()[0]
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 100)
    started = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(small_db_path, 3.0, started))
    holder.start()
    started.wait()
    try:
        args = [part.format(seeds=seeds, other=other) for part in command]
        result = CliRunner().invoke(main, [*args, "--db", str(small_db_path)])
    finally:
        holder.join()
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "locked" in lines[0] and "run this again" in lines[0], result.stderr
    assert "Traceback" not in result.output
    assert open_db(small_db_path).execute("SELECT count(*) FROM articles").fetchone()[0] == before
