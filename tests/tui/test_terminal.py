"""``provenance annotate`` in a real terminal (tmux): keys sent with send-keys, the screen read with capture-pane,
the labels checked in the database. Skipped where tmux is not installed."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from provenance.store.db import open_db
from provenance.store.labels import current_labels

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def wait_for(session: str, needle: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if needle in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared; the screen was:\n{screen}")


def test_annotate_in_tmux(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    session = f"provenance-test-{uuid.uuid4().hex[:8]}"
    command = (
        f"cd {shlex.quote(str(tmp_path))} && {shlex.quote(sys.executable)} -m provenance annotate --annotator carol;"
        " echo EXITED; sleep 30"
    )
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    try:
        wait_for(session, "0/5 labelled")  # empty database: ./seeds ingested, first article open
        tmux("send-keys", "-t", session, "2", "4", "1")
        screen = wait_for(session, "1/5 labelled")
        assert "✓ saved origin" in screen
        tmux("send-keys", "-t", session, "s")
        wait_for(session, "skip")
        tmux("send-keys", "-t", session, "q")
        wait_for(session, "EXITED")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    db = open_db(tmp_path / "annotations.db")
    first = db.execute("SELECT id FROM articles ORDER BY rowid LIMIT 1").fetchone()[0]
    labels = current_labels(db, first, "carol")
    assert labels["stance"] == "neutral" and labels["reliability"] == "4" and labels["origin"] == "original"
    assert db.execute("SELECT count(*) FROM label_events WHERE action = 'skip'").fetchone()[0] == 1
