"""Exports read back with the csv and json modules, and their interchange layouts checked field by field."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from label_fixtures import seeded_db

from provenance.analysis import export as export_module
from provenance.analysis import formats
from provenance.analysis.export import export
from provenance.cli import main
from provenance.extract.spans import Analysis, Passage
from provenance.scheme import default_scheme
from provenance.store.analysis import save_analysis
from provenance.store.labels import record_event, undo_last

T = "2026-03-01T10:00:{:06.3f}+00:00"


@pytest.fixture
def labelled(tmp_path: Path):
    """Seeds 0 and 1 labelled by alice and bob, seed 0 also by carol; a ruling on seed 0; passage labels on seed 0."""
    db, ids = seeded_db(tmp_path / "labels.db")
    text = db.execute("SELECT text FROM articles WHERE id = ?", [ids[0]]).fetchone()[0]
    with db.conn:
        save_analysis(db, ids[0], Analysis(passages=[Passage(10, 40, text[10:40], 2.0, "loaded words")]))
    a, b = ids[0], ids[1]
    record_event(db, a, "alice", "stance", "pro-russia", created_at=T.format(0))
    record_event(db, a, "alice", "reliability", "2", created_at=T.format(12.5))
    record_event(db, a, "alice", "outlet", "Réseau International", created_at=T.format(20))
    record_event(db, a, "alice", "frames", "Political", target=f"{a}:0", created_at=T.format(30))
    record_event(db, a, "bob", "stance", "neutral", created_at=T.format(1))
    record_event(db, a, "bob", "stance", "unclear", created_at=T.format(2))
    undo_last(db, "bob")  # back to neutral
    record_event(db, a, "carol", "stance", "pro-russia", created_at=T.format(3))
    record_event(db, b, "alice", "stance", "pro-ukraine", created_at=T.format(4))
    record_event(db, b, "bob", "stance", "pro-ukraine", created_at=T.format(5))
    record_event(db, a, "dana", "stance", "neutral", action="adjudicate", created_at=T.format(50))
    return db, ids


def run_export(db, table: str, fmt: str, tmp_path: Path) -> str:
    out = tmp_path / f"out.{fmt}"
    export(db, default_scheme(), table, fmt, str(out))
    return out.read_text(encoding="utf-8")


def test_labels_csv_has_a_row_per_article_and_annotator(labelled, tmp_path: Path) -> None:
    db, ids = labelled
    rows = list(csv.DictReader(io.StringIO(run_export(db, "labels", "csv", tmp_path))))
    assert list(rows[0]) == ["article_id", "annotator", "outlet", "stance", "reliability", "origin", "note",
                             "started_at", "finished_at", "seconds"]
    by_key = {(r["article_id"], r["annotator"]): r for r in rows}
    assert set(by_key) == {(ids[0], "alice"), (ids[0], "bob"), (ids[0], "carol"), (ids[1], "alice"), (ids[1], "bob")}
    alice = by_key[(ids[0], "alice")]
    assert (alice["stance"], alice["reliability"], alice["outlet"], alice["origin"]) == (
        "pro-russia", "2", "Réseau International", "")
    assert float(alice["seconds"]) == pytest.approx(30.0)  # first event at :00, last (passage label) at :30
    assert by_key[(ids[0], "bob")]["stance"] == "neutral"  # the undone change is not current


def test_consensus_counts_votes_and_shows_the_ruling(labelled, tmp_path: Path) -> None:
    db, ids = labelled
    rows = {r["article_id"]: r for r in csv.DictReader(io.StringIO(run_export(db, "consensus", "csv", tmp_path)))}
    first = rows[ids[0]]
    assert (first["stance"], first["stance_votes"], first["stance_labelled"], first["stance_adjudicated"]) == (
        "pro-russia", "2", "3", "neutral")
    second = rows[ids[1]]
    assert (second["stance"], second["stance_votes"], second["stance_adjudicated"]) == ("pro-ukraine", "2", "")
    assert (second["reliability"], second["reliability_votes"]) == ("", "0")


def test_events_jsonl_is_the_raw_log(labelled, tmp_path: Path) -> None:
    db, _ = labelled
    lines = [json.loads(line) for line in run_export(db, "events", "jsonl", tmp_path).splitlines()]
    assert len(lines) == db.execute("SELECT count(*) FROM label_events").fetchone()[0] == 11
    assert {e["action"] for e in lines} == {"set", "undo", "adjudicate"}
    assert [e["created_at"] for e in lines] == sorted(e["created_at"] for e in lines)


def test_other_tables(labelled, tmp_path: Path) -> None:
    db, ids = labelled
    articles = list(csv.DictReader(io.StringIO(run_export(db, "articles", "csv", tmp_path))))
    assert [a["id"] for a in articles] == ids
    passages = [json.loads(x) for x in run_export(db, "passages", "jsonl", tmp_path).splitlines()]
    text = db.execute("SELECT text FROM articles WHERE id = ?", [ids[0]]).fetchone()[0]
    assert passages == [{"id": f"{ids[0]}:0", "article_id": ids[0], "start": 10, "end": 40, "score": 2.0,
                         "why": "loaded words", "text": text[10:40]}]
    plabels = list(csv.DictReader(io.StringIO(run_export(db, "passage-labels", "csv", tmp_path))))
    assert [(p["passage_id"], p["annotator"], p["field"], p["value"], p["text"]) for p in plabels] == [
        (f"{ids[0]}:0", "alice", "frames", "Political", text[10:40])]
    assert run_export(db, "sources", "csv", tmp_path).startswith("article_id,kind,text,start,end")


def test_prodigy_layout(labelled, tmp_path: Path) -> None:
    db, ids = labelled
    tasks = [json.loads(line) for line in run_export(db, "labels", "prodigy", tmp_path).splitlines()]
    alice_stance = next(t for t in tasks if t["_annotator_id"] == "alice" and t["meta"]["field"] == "stance"
                        and t["meta"]["article_id"] == ids[0])
    assert alice_stance["accept"] == ["pro-russia"]
    assert alice_stance["answer"] == "accept"
    assert [o["id"] for o in alice_stance["options"]] == ["pro-ukraine", "neutral", "pro-russia", "unclear"]
    assert alice_stance["text"].startswith("Home")
    assert isinstance(alice_stance["_input_hash"], int) and isinstance(alice_stance["_task_hash"], int)
    assert alice_stance["_timestamp"] == 1772359200  # 2026-03-01T10:00:00Z
    same_question = [t for t in tasks if t["meta"]["field"] == "stance" and t["meta"]["article_id"] == ids[0]]
    assert len({t["_task_hash"] for t in same_question}) == 1 and len(same_question) == 3
    outlet = next(t for t in tasks if t["meta"]["field"] == "outlet")
    assert outlet["user_input"] == "Réseau International" and "options" not in outlet
    spans = next(t for t in tasks if "spans" in t)
    assert spans["spans"] == [{"start": 10, "end": 40, "text": spans["text"][10:40], "label": "Political",
                               "field": "frames", "passage_id": f"{ids[0]}:0"}]
    assert all(t["_input_hash"] != alice_stance["_input_hash"] for t in tasks if t["meta"]["article_id"] == ids[1])


def test_label_studio_layout(labelled, tmp_path: Path) -> None:
    db, ids = labelled
    tasks = json.loads(run_export(db, "labels", "label-studio", tmp_path))
    assert [t["data"]["article_id"] for t in tasks] == sorted(ids[:2])
    first = next(t for t in tasks if t["data"]["article_id"] == ids[0])
    assert first["data"]["text"].startswith("Home")
    alice = next(a for a in first["annotations"] if a["completed_by"] == "alice")
    assert alice["lead_time"] == pytest.approx(30.0)
    by_type = {}
    for r in alice["result"]:
        by_type.setdefault(r["type"], []).append(r)
    choices = {r["from_name"]: r["value"]["choices"] for r in by_type["choices"]}
    assert choices == {"stance": ["pro-russia"], "reliability": ["2"]}
    [span] = by_type["labels"]
    assert span["value"]["labels"] == ["Political"] and (span["value"]["start"], span["value"]["end"]) == (10, 40)
    assert span["to_name"] == "text" and span["value"]["text"] == first["data"]["text"][10:40]
    assert by_type["textarea"][0]["value"]["text"] == ["Réseau International"]
    assert {a["completed_by"] for a in first["annotations"]} == {"alice", "bob", "carol"}


def test_doccano_layout(labelled, tmp_path: Path) -> None:
    db, ids = labelled
    lines = [json.loads(x) for x in run_export(db, "labels", "doccano", tmp_path).splitlines()]
    alice = next(x for x in lines if x["meta"]["annotator"] == "alice" and x["meta"]["article_id"] == ids[0])
    assert sorted(alice["label"]) == ["reliability:2", "stance:pro-russia"]
    assert alice["text"].startswith("Home") and alice["meta"]["outlet"] == "Réseau International"
    spans = [json.loads(x) for x in run_export(db, "passage-labels", "doccano", tmp_path).splitlines()]
    assert [(s["meta"]["annotator"], s["label"]) for s in spans] == [("alice", [[10, 40, "Political"]])]


def test_a_failed_export_leaves_no_half_written_file(labelled, tmp_path: Path, monkeypatch) -> None:
    db, _ = labelled
    target = tmp_path / "labels.csv"
    target.write_text("previous export\n")

    def broken(fmt, columns, rows, out):
        out.write("article_id\npartial")
        raise OSError("disk full")

    monkeypatch.setattr(formats, "write_table", broken)
    with pytest.raises(OSError):
        export(db, default_scheme(), "labels", "csv", str(target))
    assert target.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_cli_stdout_default_name_and_bad_requests(labelled, tmp_path: Path, monkeypatch) -> None:
    db, ids = labelled
    db.close()
    runner = CliRunner()
    path = str(tmp_path / "labels.db")
    result = runner.invoke(main, ["export", "--db", path, "--table", "consensus", "--format", "jsonl", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert {json.loads(x)["article_id"] for x in result.stdout.splitlines()} == set(ids[:2])
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["export", "--db", path, "--table", "labels"])
    assert result.exit_code == 0 and (tmp_path / "labels.csv").exists()
    assert "wrote 5 record(s)" in result.output
    bad = runner.invoke(main, ["export", "--db", path, "--table", "sources", "--format", "prodigy"])
    assert bad.exit_code == 2 and "not the sources table" in bad.output
    missing = runner.invoke(main, ["export", "--db", path, "--table", "labels", "-o", str(tmp_path / "no/x.csv")])
    assert missing.exit_code == 2 and "no such folder" in missing.output


def test_export_module_checks_requests_before_writing(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="unknown table"):
        export_module.check_request("people", "csv")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(*[st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8),
                              st.sampled_from(["", ",", '"', "a\nb", "\r", " x ", "é,\"q\""]))] * 3),
        max_size=30,
    )
)
def test_csv_writer_matches_the_csv_module(rows) -> None:
    expected = io.StringIO(newline="")
    writer = csv.writer(expected)
    writer.writerow(["a", "b", "c"])
    writer.writerows(rows)
    got = io.StringIO(newline="")
    assert formats.write_csv(["a", "b", "c"], iter(rows), got) == len(rows)
    assert got.getvalue() == expected.getvalue()


def test_csv_writer_hands_rows_with_nulls_to_the_csv_module() -> None:
    rows = [(f"id{i}", None if i % 3 else "x,y", i * 0.5) for i in range(300)] + [("a", "b", "c")] * 5
    expected = io.StringIO(newline="")
    csv.writer(expected).writerows([("a", "b", "c"), *rows])
    got = io.StringIO(newline="")
    assert formats.write_csv(["a", "b", "c"], iter(rows), got) == 305
    assert got.getvalue() == expected.getvalue()


@pytest.mark.parametrize("batch", [1, 3, 7, 1000])
def test_csv_writer_batches_give_the_csv_module_output(monkeypatch, batch: int) -> None:
    """Plain batches joined whole and batches with a cell to quote (or a NULL, a number) agree byte for byte."""
    monkeypatch.setattr(formats, "CSV_CHUNK", batch)
    specials = ["x,y", 'say "no"', "a\nb", "c\rd", None, 4, 2.5, ""]
    rows = [(f"id{i}", "Reuters", specials[i // 5] if i % 5 == 4 and i // 5 < len(specials) else f"v{i}")
            for i in range(60)]
    expected = io.StringIO(newline="")
    csv.writer(expected).writerows([("a", "b", "c"), *rows])
    got = io.StringIO(newline="")
    assert formats.write_csv(["a", "b", "c"], iter(rows), got) == len(rows)
    assert got.getvalue() == expected.getvalue()
    single = io.StringIO(newline="")
    csv.writer(single).writerows([("a",), ("",), ("x",)])
    got = io.StringIO(newline="")
    assert formats.write_csv(["a"], iter([("",), ("x",)]), got) == 2
    assert got.getvalue() == single.getvalue()


def test_labels_follow_clear_and_undo(tmp_path: Path) -> None:
    db, ids = seeded_db()
    record_event(db, ids[0], "ann", "origin", "rewrite", created_at=T.format(0))
    record_event(db, ids[0], "ann", "origin", "", action="clear", created_at=T.format(1))
    record_event(db, ids[0], "ann", "stance", "neutral", created_at=T.format(2))
    record_event(db, ids[0], "ann", "stance", "unclear", created_at=T.format(3))
    undo_last(db, "ann")
    record_event(db, ids[0], "ann", "reliability", "3", action="skip", created_at=T.format(4))
    [row] = list(csv.DictReader(io.StringIO(run_export(db, "labels", "csv", tmp_path))))
    assert (row["origin"], row["stance"], row["reliability"]) == ("", "neutral", "")
