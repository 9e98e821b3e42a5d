"""The command line: every command documented, `ingest` end to end, and a bare `provenance` without a terminal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from provenance import __version__
from provenance.cli import main
from provenance.store.db import open_db


def every_command(group: click.Group = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += every_command(command, prefix + (name,))
        else:
            found.append(prefix + (name,))
    return found


@pytest.mark.parametrize("path", every_command(), ids=lambda p: " ".join(p) or "provenance")
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    assert "Example:" in command.help
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"option {param.name} of {' '.join(path)} has no help"


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_ingest_seeds_twice(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "a.db")
    first = CliRunner().invoke(main, ["ingest", "--db", db, str(seeds_dir)])
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "added 5 · unchanged 0 · failed 0"
    second = CliRunner().invoke(main, ["ingest", "--db", db, str(seeds_dir)])
    assert second.exit_code == 0
    assert second.stdout.splitlines() == [
        "added 0 · unchanged 5 · failed 0",
        "nothing new: all 5 article(s) were already stored",
    ]


def test_ingest_uses_provenance_db(tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROVENANCE_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(main, ["ingest", str(seeds_dir / "000_b46072169c073c9b.txt")])
    assert result.exit_code == 0, result.output
    assert open_db(tmp_path / "env.db").execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_ingest_from_stdin(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"piped article {i}", "title": f"P{i}"}) + "\n" for i in range(3))
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "s.db"), "-"], input=lines)
    assert result.exit_code == 0, result.output
    assert "added 3" in result.stdout


def test_ingest_needs_a_path() -> None:
    result = CliRunner().invoke(main, ["ingest"])
    assert result.exit_code == 2 and "PATHS" in result.output


def test_ingest_into_a_newer_database_is_one_clear_line(tmp_path: Path, seeds_dir: Path) -> None:
    db_path = tmp_path / "new.db"
    db = open_db(db_path)
    db["_sqlite_migrations"].insert({"migration_set": "provenance", "name": "9999_future", "applied_at": "x"})
    db.close()
    result = CliRunner().invoke(main, ["ingest", "--db", str(db_path), str(seeds_dir)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ") and "newer provenance" in result.stderr
    assert "Traceback" not in result.output


def test_bare_command_without_terminal_seeds_an_empty_database(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(seeds_dir, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(main, [])
    assert first.exit_code == 0, first.output
    out = first.stdout.splitlines()
    assert len(out) == 7
    assert any("Collaboration militaire secrète" in line for line in out[:5])
    assert out[5] == "ingested ./seeds into annotations.db: added 5 · unchanged 0 · failed 0"
    assert "provenance" in out[6]
    assert (tmp_path / "annotations.db").exists()
    second = CliRunner().invoke(main, [])
    assert second.exit_code == 0
    assert second.stdout.splitlines()[0] == "5 article(s) in annotations.db"


def test_progress_bar_appears_on_a_terminal_after_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from provenance import cli
    from provenance.ingest import IngestProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    bar = cli._ProgressBar()
    bar(IngestProgress(1, 10, 1, 0, 0, "a.txt"))
    assert bar.bar is None  # not in the first second
    bar.started -= 2
    bar(IngestProgress(5, 10, 4, 1, 0, "e.txt"))
    bar.close()
    assert bar.bar is not None and "ingesting" in screen.getvalue()


def test_no_progress_bar_without_a_terminal() -> None:
    from provenance import cli
    from provenance.ingest import IngestProgress

    bar = cli._ProgressBar()
    bar.started -= 2
    bar(IngestProgress(5, 10, 4, 1, 0, "e.txt"))
    assert bar.bar is None
