"""Hostile input through every command: no traceback, one clear line per bad file, the good files in, and terminal
output free of escape sequences. Stored text stays exactly as read; exports keep it verbatim."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile import ESCAPES, LITERALS, MARKUP, Kind, write_hostile

from provenance.cli import main
from provenance.corpus.text import one_line
from provenance.store.db import open_db
from provenance.store.labels import record_event

LIMIT = 64 * 1024
TERMINAL_POISON = ("\x1b", "\x9b", "\x07", "\x08")
HOSTILE_OUTLET = f"Evil {MARKUP['click action']} {ESCAPES['title setting']} <script>alert(1)</script> News"
HOSTILE_NOTE = f"{ESCAPES['OSC 8 hyperlink']} {MARKUP['unbalanced close']} {ESCAPES['cursor moves']}"
EXPORT_TABLES = ["labels", "consensus", "articles", "sources", "passages", "passage-labels", "events"]
EXPORT_FORMATS = ["csv", "jsonl", "prodigy", "label-studio", "doccano"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args[0]} raised {type(result.exception).__name__}: {result.exception}")
    return result.exit_code, result.stdout, result.stderr


def assert_clean_terminal(text: str, where: str) -> None:
    assert "Traceback" not in text, f"{where}: traceback\n{text}"
    for poison in TERMINAL_POISON:
        assert poison not in text, f"{where}: raw {poison!r} would reach the terminal: {text[:300]!r}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Kind]]:
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    return folder, write_hostile(folder, huge_limit=LIMIT)


@pytest.fixture(scope="module")
def ingested(corpus: tuple[Path, list[Kind]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str, str]:
    folder, _ = corpus
    db_path = tmp_path_factory.mktemp("hostile_db") / "hostile.db"
    code, out, err = run("ingest", "--db", str(db_path), "--max-size", str(LIMIT), str(folder))
    db = open_db(db_path)
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY rowid")]
    for n, article in enumerate(ids):
        for annotator in ("alice", "\x1b[31mbob[/]"):
            record_event(db, article, annotator, "outlet", HOSTILE_OUTLET if n % 2 else f"Plain {n % 3}")
            record_event(db, article, annotator, "stance", ("neutral", "pro-russia")[n % 2])
            record_event(db, article, annotator, "reliability", str(1 + n % 5))
            record_event(db, article, annotator, "note", HOSTILE_NOTE)
    db.close()
    return db_path, code, out, err


def test_corpus_has_at_least_twenty_kinds(corpus: tuple[Path, list[Kind]]) -> None:
    _, kinds = corpus
    assert len(kinds) >= 20
    assert {k.expect for k in kinds} == {"good", "bad", "either"}


def test_ingest_refuses_bad_files_one_line_each_and_keeps_the_good(
    corpus: tuple[Path, list[Kind]], ingested: tuple[Path, int, str, str]
) -> None:
    _, kinds = corpus
    db_path, code, out, err = ingested
    assert code == 1, out + err
    assert_clean_terminal(out, "ingest stdout")
    assert_clean_terminal(err, "ingest stderr")
    lines = [line for line in err.splitlines() if line.strip()]
    db = open_db(db_path)
    origins = {r[0].split("#")[0] for r in db.execute("SELECT origin FROM articles")}  # records: path#n
    db.close()
    for kind in kinds:
        shown = one_line(str(kind.path))
        named = [line for line in lines if line.startswith(shown + ":")]
        if kind.expect == "bad":
            assert len(named) == 1, f"{kind.name}: expected one line on stderr, got {named}"
            assert len(named[0]) > len(shown) + 5, f"{kind.name}: no reason given"
            assert str(kind.path) not in origins
        elif kind.expect == "good":
            assert not named, f"{kind.name}: refused: {named}"
            assert str(kind.path) in origins, f"{kind.name}: not stored"
        else:
            assert len(named) <= 1
    assert len(lines) == len({line.split(":")[0] for line in lines}), "a file was reported twice"


def test_stored_text_is_verbatim(ingested: tuple[Path, int, str, str]) -> None:
    db_path = ingested[0]
    db = open_db(db_path)
    texts = "\n".join(r[0] for r in db.execute("SELECT text FROM articles"))
    titles = "\n".join(r[0] or "" for r in db.execute("SELECT title FROM articles"))
    db.close()
    for literal in LITERALS:
        assert literal in texts
    assert ESCAPES["OSC 8 hyperlink"] in texts  # kept as read; stripped only when shown
    assert MARKUP["theme variable"] in titles


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_extract_survives_every_kind(corpus: tuple[Path, list[Kind]], fmt: str) -> None:
    folder, kinds = corpus
    code, out, err = run("extract", "--format", fmt, str(folder))
    assert code == 1
    assert_clean_terminal(err, "extract stderr")
    if fmt == "text":
        assert_clean_terminal(out, "extract text output")
    else:
        assert "\x1b" not in out  # JSON escapes control characters
        records = [json.loads(line) for line in out.splitlines() if line.strip()]
        assert len(records) >= sum(k.expect == "good" for k in kinds)
    for kind in kinds:
        if kind.expect == "bad" and kind.name != "over the size limit":
            assert f"skipped {one_line(str(kind.path))}:" in err, kind.name


@pytest.mark.parametrize("table", EXPORT_TABLES)
def test_every_export_keeps_hostile_text_verbatim(ingested: tuple[Path, int, str, str], tmp_path: Path, table: str) -> None:
    db_path = ingested[0]
    for fmt in EXPORT_FORMATS:
        target = tmp_path / f"{table}.{fmt}"
        code, out, err = run("export", "--db", str(db_path), "--table", table, "--format", fmt, "-o", str(target))
        if code == 2:  # a table that has no such layout: refused with one clear line
            assert_clean_terminal(err, f"export {table} {fmt}")
            assert len(err.strip().splitlines()) == 1
            continue
        assert code == 0, err
        assert_clean_terminal(err, f"export {table} {fmt}")
        data = target.read_text(encoding="utf-8")
        if fmt == "csv":
            rows = list(csv.reader(data.splitlines(keepends=True)))
            if table in ("labels", "consensus", "articles", "events"):
                assert len(rows) >= 2, f"{table}: empty export"
        elif data.lstrip().startswith("["):
            json.loads(data)  # Label Studio: one JSON array
        else:
            for line in data.splitlines():
                if line.strip():
                    json.loads(line)
        if table in ("labels", "events"):
            assert HOSTILE_OUTLET in data.replace('\\"', '"') or json.dumps(HOSTILE_OUTLET)[1:-1] in data


def test_export_to_standard_output(ingested: tuple[Path, int, str, str]) -> None:
    code, out, err = run("export", "--db", str(ingested[0]), "--table", "labels", "--format", "jsonl", "-o", "-")
    assert code == 0, err
    assert "\x1b" not in out  # JSON escapes control characters
    assert {json.loads(line)["annotator"] for line in out.splitlines()} >= {"alice", "\x1b[31mbob[/]"}


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md", "html"])
def test_compare_over_hostile_outlets(ingested: tuple[Path, int, str, str], fmt: str) -> None:
    code, out, err = run("compare", "--db", str(ingested[0]), "--format", fmt)
    assert code == 0, err
    assert_clean_terminal(err, f"compare {fmt} stderr")
    if fmt in ("table", "md"):
        assert_clean_terminal(out, f"compare {fmt}")
    if fmt == "table":
        assert "[@click=app.quit]x[/]" in out  # shown literally, not as markup
    if fmt == "html":
        assert "<script>alert(1)" not in out
    if fmt == "json":
        json.loads(out)


def test_agreement_and_outlet_lookup_with_hostile_names(ingested: tuple[Path, int, str, str]) -> None:
    code, out, err = run("agreement", "--db", str(ingested[0]))
    assert code == 0, err
    assert_clean_terminal(out + err, "agreement")
    code, out, err = run("outlets", "show", "--db", str(ingested[0]), ESCAPES["title setting"] + "[/]")
    assert code == 2
    assert_clean_terminal(out + err, "outlets show")
    assert len(err.strip().splitlines()) == 1


def test_labels_import_of_a_hostile_file(ingested: tuple[Path, int, str, str], tmp_path: Path) -> None:
    db = open_db(ingested[0])
    article = db.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
    db.close()
    bad = tmp_path / "labels\x1b[2J.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    good = tmp_path / "good.csv"
    good.write_text(f"article,annotator,field,value\n{article},carol,outlet,\"{HOSTILE_OUTLET}\"\n", encoding="utf-8")
    code, out, err = run("labels", "import", "--db", str(ingested[0]), str(bad), str(good))
    assert code == 1
    assert_clean_terminal(out + err, "labels import")
    assert "imported 1 label" in out


@pytest.mark.slow
def test_ten_thousand_small_files(tmp_path: Path) -> None:
    kinds = write_hostile(tmp_path / "corpus", huge_limit=LIMIT, many_files=10_000)
    code, out, err = run("ingest", "--db", str(tmp_path / "db.db"), "--max-size", str(LIMIT), str(tmp_path / "corpus"))
    assert code == 1
    assert_clean_terminal(out + err, "ingest")
    assert len([line for line in err.splitlines() if line.strip()]) == sum(k.expect == "bad" for k in kinds) + sum(
        1 for k in kinds if k.expect == "either" and one_line(str(k.path)) + ":" in err
    )
