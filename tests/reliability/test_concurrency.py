"""Concurrency: several annotator processes label the same database at once; nothing is lost, nothing fails.

Every acknowledged event must be stored, no process may see ``database is locked``, and the current-label table the
queue reads (``label_state``, kept by a trigger) must agree with the ``current_labels`` view computed from the log.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_support import annotator, integrity

from provenance.store.db import open_db


def run_annotators(db_path: Path, processes: int, labels: int, mode: str = "store") -> dict[str, int]:
    children = [annotator(db_path, annotator=f"annotator{n}", count=labels, mode=mode, seed=n) for n in range(processes)]
    acknowledged: dict[str, list[str]] = {}
    for n, child in enumerate(children):
        out, err = child.communicate(timeout=300)
        assert "database is locked" not in err, err
        assert child.returncode == 0, err
        lines = out.split()
        assert lines[0] == "ready" and lines[-1] == "done"
        acknowledged[f"annotator{n}"] = lines[1:-1]
    db = open_db(db_path)
    try:
        for name, ids in acknowledged.items():
            stored = {r[0] for r in db.execute("SELECT id FROM label_events WHERE annotator = ?", [name])}
            assert len(ids) >= labels
            assert set(ids) == stored, f"{name}: {len(set(ids) - stored)} lost, {len(stored - set(ids))} unacknowledged"
        assert_current_view_consistent(db)
        total = db.execute("SELECT count(*) FROM label_events").fetchone()[0]
    finally:
        db.close()
    assert integrity(db_path) == "ok"
    return {"events": total}


def assert_current_view_consistent(db) -> None:  # noqa: ANN001
    """The trigger-kept table and the view over the whole log give the same current label everywhere."""
    view = set(db.execute("SELECT article_id, annotator, target, field, value, id FROM current_labels"))
    table = set(
        db.execute("SELECT article_id, annotator, target, field, value, event_id FROM label_state WHERE action != 'skip'")
    )
    assert view, "no current labels at all"
    assert view == table, f"{len(view - table)} only in the view, {len(table - view)} only in label_state"


def test_two_annotators(small_db_path: Path) -> None:
    result = run_annotators(small_db_path, 2, 200)
    assert result["events"] == 2 * 200


def test_eight_annotators(small_db_path: Path) -> None:
    result = run_annotators(small_db_path, 8, 100)
    assert result["events"] == 8 * 100


def test_two_annotator_sessions(small_db_path: Path) -> None:
    result = run_annotators(small_db_path, 2, 60, mode="session")
    assert result["events"] >= 2 * 60


@pytest.mark.slow
@pytest.mark.parametrize("processes", [2, 8])
def test_many_labels(small_db_path: Path, processes: int) -> None:
    result = run_annotators(small_db_path, processes, 1000)
    assert result["events"] == processes * 1000


OPEN_FRESH = """
import sys
from provenance.store.db import open_db
from provenance.store.labels import record_event
db = open_db(sys.argv[1])
record_event(db, "a1", sys.argv[2], "stance", "neutral")
print(db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0])
"""


@pytest.mark.parametrize("processes", [4, pytest.param(8, marks=pytest.mark.slow)])
def test_processes_creating_the_same_new_database_take_turns(tmp_path: Path, processes: int) -> None:
    """Processes opening a database that does not exist yet: one migrates it, the others wait and use it."""
    import subprocess
    import sys

    from reliability_support import ROOT

    from provenance.store.migrations import SCHEMA_VERSION

    path = tmp_path / "new.db"
    children = [
        subprocess.Popen([sys.executable, "-c", OPEN_FRESH, str(path), f"p{n}"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for n in range(processes)
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert int(out) == SCHEMA_VERSION
    db = open_db(path)
    assert db.execute("SELECT count(DISTINCT annotator) FROM label_events").fetchone()[0] == processes
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == SCHEMA_VERSION
    db.close()
