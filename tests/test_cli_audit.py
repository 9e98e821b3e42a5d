"""Bad input at the command line, as a demanding user gives it: each mistake is answered on one line that says what
to do, with a non-zero exit status, no traceback, nothing lost, and nothing the user typed driving the terminal."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main

ESCAPES = "\x1b]0;owned\x07\x1b[31m"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_an_error_quoting_a_file_name_prints_it_without_its_escapes_on_one_line(tmp_path: Path) -> None:
    name = str(tmp_path / f"{ESCAPES}out\nlets.csv")
    code, _, err = run("outlets", "import", "--db", str(tmp_path / "x.db"), name)
    assert code != 0
    assert "\x1b" not in err and "\x07" not in err
    assert err.count("\n") == 1 and err.startswith("error: ") and "lets.csv" in err


def test_ingest_workers_leave_ctrl_c_to_the_writing_process() -> None:
    from provenance.extract.registry import default_registry
    from provenance.workers import Workers

    workers = Workers(default_registry(), 2, None)
    try:
        assert workers.pool().apply(signal.getsignal, (signal.SIGINT,)) == signal.SIG_IGN
    finally:
        workers.close()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _workers_at_work(pid: int, db: Path) -> int:
    """How many worker processes of ``pid`` have started and opened the database (their last start-up step)."""
    ready = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                opened = {os.readlink(fd) for fd in Path(f"/proc/{child}/fd").iterdir()}
            except OSError:
                continue
            ready += str(db) in opened
    return ready


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
def test_ctrl_c_during_a_parallel_ingest_exits_at_once_with_one_line(tmp_path: Path) -> None:
    """Ctrl+C reaches every process of the group: the workers used to print tracebacks and the pool then waited
    forever for the tasks of the ones that died."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i}.txt").write_text(f"Report {i}.\n\nThe minister said on Tuesday, according to Reuters, "
                                         f"that talks number {i} would resume. " * 8)
    db = tmp_path / "p.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "provenance", "ingest", "--db", str(db), "--jobs", "2", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        while process.poll() is None and _workers_at_work(process.pid, db) < 2:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, (out, err)
    assert err == "interrupted\n"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
