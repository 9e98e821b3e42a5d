"""The extract, reanalyse and outlets commands, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main
from provenance.corpus.readers import read_path
from provenance.extract.record import SOURCE_KEYS
from provenance.store import open_db
from provenance.store.articles import add_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURE = Path(__file__).parent / "eval" / "outlets_fixture.csv"
RECORD_KEYS = [
    "path", "title", "language", "publisher_domain", "declared_source", "sources", "chain", "passages", "boilerplate"
]


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)


def test_extract_json_lines_on_seeds() -> None:
    result = run("extract", str(SEEDS), "--format", "json")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == len(list(SEEDS.glob("*.txt")))
    texts = {str(SEEDS / p.name): next(iter(read_path(p))).text for p in SEEDS.glob("*.txt")}
    for record in records:
        assert list(record) == RECORD_KEYS
        text = texts[record["path"]]
        for source in record["sources"]:
            assert list(source) == list(SOURCE_KEYS)
            assert text[source["start"] : source["end"]] == source["text"]
            assert source["kind"] in ("url", "outlet", "person", "organization", "anonymous")
            assert source["role"] in ("body", "credit", "declared", "internal")
    first = next(r for r in records if r["path"].endswith("000_b46072169c073c9b.txt"))
    declared = [s for s in first["sources"] if s["role"] == "declared"]
    assert [(s["kind"], s["domain"]) for s in declared] == [("url", "rtl.nl"), ("outlet", "rtl.nl")]
    assert declared[1]["text"] == "rtl.nl"
    assert first["chain"][0]["step"] == "declared"


def test_extract_text_format_and_control_characters(tmp_path: Path) -> None:
    page = tmp_path / "evil.txt"
    page.write_text("Titre \x1b[31mrouge\n\nSelon CNN, http://evil.example/\x1b[2J ok.\n", encoding="utf-8")
    result = run("extract", str(page), "--format", "text")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "CNN" in result.output and "evil.example" in result.output


def test_extract_skips_bad_files_and_keeps_good_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Selon l'AFP, tout va bien.\n", encoding="utf-8")
    result = run("extract", str(good), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert len([line for line in result.stdout.splitlines() if line.startswith("{")]) == 1
    assert "missing.txt" in result.stderr and "Traceback" not in result.output


def test_extract_with_extra_outlets_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text("name,domains,aliases\nBlog du Coin,blogducoin.example,BdC\n", encoding="utf-8")
    page = tmp_path / "a.txt"
    page.write_text("Un titre\n\nComme l'a révélé le Blog du Coin hier.\n", encoding="utf-8")
    result = run("extract", str(page), "--outlets", str(extra))
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert [s["outlet"] for s in record["sources"] if s["kind"] == "outlet"] == ["Blog du Coin"]
    bad = run("extract", str(page), "--outlets", str(tmp_path / "nope.csv"))
    assert bad.exit_code == 2 and "no such file" in bad.stderr


def test_extract_needs_a_path() -> None:
    assert run("extract").exit_code == 2


def test_outlets_import_list_show(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    result = run("outlets", "import", str(FIXTURE), "--db", db)
    assert result.exit_code == 0, result.output
    assert "imported 19 outlet(s)" in result.output
    listing = run("outlets", "list", "--db", db, "--type", "agency")
    assert "* Reuters" in listing.stdout and "CNN" not in listing.stdout
    show = run("outlets", "show", "bbc.co.uk", "--db", db)
    assert "name:      BBC" in show.stdout and "(imported)" in show.stdout
    missing = run("outlets", "show", "Nobody Gazette", "--db", db)
    assert missing.exit_code == 2 and "outlets list" in missing.stderr


def test_outlets_import_rejects_bad_csv(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("title,url\nx,y\n", encoding="utf-8")
    result = run("outlets", "import", str(bad), "--db", str(tmp_path / "a.db"))
    assert result.exit_code == 2 and "missing column" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("name,domains\n,x.example\n", encoding="utf-8")
    result = run("outlets", "import", str(empty), "--db", str(tmp_path / "a.db"))
    assert result.exit_code == 2 and "skipped" in result.stderr


def test_outlets_list_without_database_creates_none(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = run("outlets", "list", "--db", str(db))
    assert result.exit_code == 0
    assert not db.exists()


def test_reanalyse_recomputes_stale_articles_and_after_import(tmp_path: Path) -> None:
    db_path = tmp_path / "a.db"
    db = open_db(db_path)
    article = next(iter(read_path(SEEDS / "001_9659c3a96bdd644f.txt")))
    add_articles(db, [article])
    db.conn.close()
    first = run("reanalyse", "--db", str(db_path))
    assert first.exit_code == 0, first.output
    assert "reanalysed 1 article(s)" in first.stdout
    again = run("reanalyse", "--db", str(db_path))
    assert "reanalysed 0 article(s); 1 already current" in again.stdout
    extra = tmp_path / "mine.csv"
    extra.write_text("name,domains,aliases\nKharkov Daily,kharkov.example,Kharkov\n", encoding="utf-8")
    run("outlets", "import", str(extra), "--db", str(db_path))
    after = run("reanalyse", "--db", str(db_path))
    assert "reanalysed 1 article(s)" in after.stdout
    db = open_db(db_path)
    outlets = {row[0] for row in db.execute("SELECT outlet FROM sources WHERE kind = 'outlet'")}
    assert "Kharkov Daily" in outlets
    assert run("reanalyse", "--db", str(db_path), "--all").stdout.startswith("reanalysed 1 article(s)")


@pytest.mark.parametrize("command", [["extract"], ["reanalyse"], ["outlets"], ["outlets", "import"],
                                     ["outlets", "list"], ["outlets", "show"]])
def test_commands_have_help_with_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output


def test_outlet_names_are_printed_safely(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.csv"
    hostile.write_text('name,domains,aliases\n"Evil\x1b[2J News",evil.example,"[bold]x[/]"\n', encoding="utf-8")
    db = str(tmp_path / "a.db")
    assert run("outlets", "import", str(hostile), "--db", db).exit_code == 0
    for result in (run("outlets", "list", "--db", db), run("outlets", "show", "evil.example", "--db", db)):
        assert result.exit_code == 0
        assert "\x1b" not in result.output and "Evil" in result.output
