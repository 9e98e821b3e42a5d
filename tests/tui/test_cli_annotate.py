"""The annotate command outside a terminal: it still ingests, then explains it needs a terminal; bad options are one
clear line, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main


def test_annotate_without_a_terminal_ingests_then_explains(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(seeds_dir, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["annotate", "--db", "a.db"])
    assert result.exit_code == 2
    assert "needs a terminal" in result.output and "Traceback" not in result.output
    assert "added 5" in result.output
    assert (tmp_path / "a.db").exists()


def test_a_broken_scheme_is_one_line(tmp_path: Path) -> None:
    scheme = tmp_path / "bad.toml"
    scheme.write_text('[[fields]]\nid = "s"\ntype = "bogus"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["annotate", "--db", str(tmp_path / "a.db"), "--scheme", str(scheme)])
    assert result.exit_code == 2
    assert "bad.toml:2" in result.output and "type must be one of" in result.output
    assert "Traceback" not in result.output


def test_an_empty_annotator_name_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["annotate", "--db", str(tmp_path / "a.db"), "--annotator", "  "])
    assert result.exit_code == 2 and "annotator name is empty" in result.output
