"""Importing labels made elsewhere: all of a file or nothing, bad rows named by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from label_fixtures import SEEDS, seeded_db

from provenance.analysis.label_import import import_labels
from provenance.cli import main
from provenance.errors import InputError
from provenance.scheme import default_scheme
from provenance.store.labels import current_labels


def event_count(db) -> int:
    return db.execute("SELECT count(*) FROM label_events").fetchone()[0]


def test_csv_rows_match_articles_by_id_origin_and_file_name(tmp_path: Path) -> None:
    db, ids = seeded_db()
    origin = db.execute("SELECT origin FROM articles WHERE id = ?", [ids[1]]).fetchone()[0]
    path = tmp_path / "study.csv"
    path.write_text(
        "article,annotator,field,value,created_at,note\n"
        f"{ids[0]},alice,stance,pro-russia,2025-05-01T09:00:00Z,\n"
        f"{origin},alice,reliability,2,2025-05-01T09:01:00+02:00,rewrite of RT\n"
        f"{SEEDS[2].name},bob,origin,rewrite,,\n",
        encoding="utf-8",
    )
    result = import_labels(db, default_scheme(), path)
    assert (result.added, result.present, result.articles) == (4, 0, 3)
    assert current_labels(db, ids[0], "alice") == {"stance": "pro-russia"}
    assert current_labels(db, ids[1], "alice") == {"reliability": "2", "note": "rewrite of RT"}
    assert current_labels(db, ids[2], "bob") == {"origin": "rewrite"}
    times = dict(db.execute("SELECT field, created_at FROM label_events WHERE annotator = 'alice'").fetchall())
    assert times["stance"] == "2025-05-01T09:00:00.000000+00:00"
    assert times["reliability"] == "2025-05-01T07:01:00.000000+00:00"


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path) -> None:
    db, ids = seeded_db()
    path = tmp_path / "study.csv"
    path.write_text(f"article,annotator,field,value\n{ids[0]},alice,stance,neutral\n{ids[1]},alice,stance,neutral\n")
    assert import_labels(db, default_scheme(), path).added == 2
    again = import_labels(db, default_scheme(), path)
    assert (again.added, again.present) == (0, 2)
    assert event_count(db) == 2


def test_one_bad_row_imports_nothing_and_names_its_line(tmp_path: Path) -> None:
    db, ids = seeded_db()
    path = tmp_path / "study.csv"
    path.write_text(
        "article,annotator,field,value\n"
        f"{ids[0]},alice,stance,neutral\n"
        f"{ids[1]},alice,stance,neutral\n"
        f"{ids[2]},alice,stance,very-pro\n"
        f"{ids[3]},alice,stance,neutral\n"
    )
    with pytest.raises(InputError) as caught:
        import_labels(db, default_scheme(), path)
    assert f"{path}:4:" in caught.value.message
    assert "'very-pro' is not a value of stance" in caught.value.message
    assert "nothing was imported" in caught.value.message
    assert event_count(db) == 0


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("nosuch,alice,stance,neutral", "no article matches 'nosuch'"),
        ("{id},,stance,neutral", "the annotator is empty"),
        ("{id},alice,mood,happy", "unknown field 'mood'"),
        ("{id},alice,stance,neutral,yesterday", "not an ISO-8601 time"),
    ],
)
def test_each_kind_of_bad_row_is_explained(tmp_path: Path, row: str, expected: str) -> None:
    db, ids = seeded_db()
    path = tmp_path / "bad.csv"
    path.write_text("article,annotator,field,value,created_at\n" + f"{ids[1]},bob,stance,neutral,\n" + row.format(id=ids[0]) + "\n")
    with pytest.raises(InputError, match=expected) as caught:
        import_labels(db, default_scheme(), path)
    assert ":3:" in caught.value.message
    assert event_count(db) == 0


def test_jsonl_and_semicolon_csv(tmp_path: Path) -> None:
    db, ids = seeded_db()
    jsonl = tmp_path / "labels.jsonl"
    jsonl.write_text(json.dumps({"article": ids[0], "annotator": "ann", "field": "reliability", "value": 4}) + "\n\n")
    assert import_labels(db, default_scheme(), jsonl).added == 1
    assert current_labels(db, ids[0], "ann") == {"reliability": "4"}
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps({"article": ids[0], "annotator": "a", "field": "stance", "value": "neutral"}) + "\n{oops\n")
    with pytest.raises(InputError, match=r"broken.jsonl:2: not valid JSON"):
        import_labels(db, default_scheme(), broken)
    excel = tmp_path / "excel.csv"
    excel.write_bytes(("\ufeffarticle;annotator;field;value\n" + f"{ids[2]};zoé;stance;unclear\n").encode("utf-8"))
    assert import_labels(db, default_scheme(), excel).added == 1
    assert current_labels(db, ids[2], "zoé") == {"stance": "unclear"}


def test_missing_columns_and_ambiguous_file_names(tmp_path: Path) -> None:
    db, ids = seeded_db()
    path = tmp_path / "x.csv"
    path.write_text("article,who,field,value\nx,y,z,w\n")
    with pytest.raises(InputError, match=r"x.csv:1: the header lacks the column\(s\) annotator"):
        import_labels(db, default_scheme(), path)
    with db.conn:
        db.execute("UPDATE articles SET origin = 'a/same.txt' WHERE id = ?", [ids[0]])
        db.execute("UPDATE articles SET origin = 'b/same.txt' WHERE id = ?", [ids[1]])
    path.write_text("article,annotator,field,value\nsame.txt,alice,stance,neutral\n")
    with pytest.raises(InputError, match="matches 2 articles"):
        import_labels(db, default_scheme(), path)


def test_cli_imports_good_files_and_reports_bad_ones(tmp_path: Path) -> None:
    db_path = tmp_path / "a.db"
    db, ids = seeded_db(db_path)
    db.close()
    good = tmp_path / "good.csv"
    good.write_text(f"article,annotator,field,value\n{ids[0]},alice,stance,neutral\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"article,annotator,field,value\n{ids[0]},alice,stance,nope\n")
    result = CliRunner().invoke(main, ["labels", "import", "--db", str(db_path), str(bad), str(good)])
    assert result.exit_code == 1
    assert "bad.csv:2:" in result.output and "nothing was imported" in result.output
    assert "good.csv: imported 1 label(s) on 1 article(s)" in result.output
    assert "Traceback" not in result.output
