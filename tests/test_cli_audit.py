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


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from provenance.cli import main as cli

    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(path), str(Path(__file__).parent.parent / "seeds")])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("args", [
    ["export", "--table", "labels", "-o", "-"],
    ["compare"],
    ["reanalyse"],
    ["labels", "import", "labels.csv"],
    ["agreement"],
])
def test_a_mistyped_database_is_refused_not_created_empty(tmp_path: Path, args: list[str]) -> None:
    typo = tmp_path / "anotations.db"
    code, out, err = run(*args, "--db", str(typo))
    assert code != 0 and out == ""
    assert err.startswith("error: ") and "no such database" in err and err.count("\n") == 1
    assert not typo.exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder no file can be created in")
@pytest.mark.parametrize("command", [["export", "--table", "labels"], ["compare", "--format", "csv"]])
def test_an_output_that_cannot_be_created_is_one_line(seeded: Path, command: list[str]) -> None:
    code, _, err = run(*command, "--db", str(seeded), "-o", "/proc/no-such-export.csv")
    assert code != 0
    assert err.startswith("error: /proc/no-such-export.csv: cannot be written") and err.count("\n") == 1


@pytest.mark.parametrize("command", [["export", "--table", "labels"], ["compare", "--format", "csv"]])
def test_an_output_through_a_link_writes_the_file_it_names(seeded: Path, tmp_path: Path, command: list[str]) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, _, err = run(*command, "--db", str(seeded), "-o", str(link))
    assert code == 0, err
    assert link.is_symlink()
    assert real.read_text() != "old\n" and real.read_text().count(",") > 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("command", [["export", "--table", "labels"], ["compare", "--format", "csv"]])
def test_an_output_that_is_a_pipe_is_written_into_not_replaced(seeded: Path, tmp_path: Path,
                                                               command: list[str]) -> None:
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()), daemon=True)
    reader.start()
    code, _, err = run(*command, "--db", str(seeded), "-o", str(pipe))
    reader.join(timeout=30)  # a reader left waiting (the pipe replaced by a file) is a daemon: it ends with the run
    assert code == 0, err
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received and received[0].count(",") > 1


@pytest.mark.parametrize("size", ["inf", "1e999"])
def test_an_infinite_max_size_is_a_usage_error(tmp_path: Path, size: str) -> None:
    code, _, err = run("ingest", "--db", str(tmp_path / "x.db"), "--max-size", size, str(tmp_path))
    assert code == 2 and "is not a size" in err


def test_an_absurd_number_of_jobs_is_refused_before_any_process_starts(tmp_path: Path) -> None:
    nowhere = tmp_path / "no-such-folder" / "x.db"  # were the option let through, the run would stop here
    code, _, err = run("ingest", "--db", str(nowhere), "--jobs", "99999999999", str(tmp_path))
    assert code == 2 and "--jobs" in err


def test_extract_names_the_outlet_rows_it_leaves_out(seeds_dir: Path, tmp_path: Path) -> None:
    outlets = tmp_path / "outlets.csv"
    outlets.write_text("name,domains\nGood Paper,good.example\n,\nNo Domain,\n", encoding="utf-8")
    article = sorted(seeds_dir.glob("*.txt"))[0]
    code, out, err = run("extract", "--outlets", str(outlets), str(article))
    assert code == 0 and out.startswith("{")
    assert "outlets.csv:3" in err and "'No Domain'" in err
