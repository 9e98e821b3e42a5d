"""Ingest: seeds in, dedupe, per-file all or nothing (batched and streamed), progress, seeding an empty database."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from provenance.ingest import IngestProgress, ensure_seeded, ingest_paths
from provenance.store.articles import article_count, get_article


def by_file(db: sqlite_utils.Database, name_prefix: str):
    row = db.execute("SELECT id FROM articles WHERE origin LIKE ?", [f"%/{name_prefix}%"]).fetchone()
    assert row, name_prefix
    return get_article(db, row[0])


def test_seeds_go_in_once(db: sqlite_utils.Database, seeds_dir: Path) -> None:
    first = ingest_paths(db, [seeds_dir])
    assert first.summary() == "added 5 · unchanged 0 · failed 0"
    assert {Path(e.origin).name[:3] for e in first.added} == {"000", "001", "002", "003", "004"}
    again = ingest_paths(db, [seeds_dir])
    assert again.summary() == "added 0 · unchanged 5 · failed 0"
    assert article_count(db) == 5


def test_seed_facts_are_stored(db: sqlite_utils.Database, seeds_dir: Path) -> None:
    ingest_paths(db, [seeds_dir])
    assert by_file(db, "000_").declared_source.startswith("https://www.rtl.nl/")
    assert by_file(db, "001_").published == "2022-09"
    assert by_file(db, "003_").published == "2022-09"
    assert by_file(db, "004_").byline == "Milos Schmidt"
    assert {row[0] for row in db.execute("SELECT language FROM articles")} == {"fr"}
    furniture = db.execute("SELECT count(*) FROM marks WHERE kind = 'furniture'").fetchone()[0]
    assert furniture >= 8
    versions = {row[0] for row in db.execute("SELECT extractor_version FROM articles")}
    assert "" not in versions  # the analysis was saved with the articles


def test_a_bad_file_leaves_nothing_behind(db: sqlite_utils.Database, tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps({"text": f"good article {i}"}) + "\n" for i in range(3)))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "would be fine alone"}) + "\n{oops\n")
    report = ingest_paths(db, [tmp_path])
    assert len(report.added) == 3
    assert [(Path(f.origin).name, "line 2" in f.message) for f in report.failed] == [("bad.jsonl", True)]
    assert db.execute("SELECT count(*) FROM articles WHERE text = 'would be fine alone'").fetchone()[0] == 0


def test_a_large_file_streams_and_rolls_back_whole(db: sqlite_utils.Database, tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"streamed article number {i}"}) for i in range(25)]
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(lines) + "\n")
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(lines[:20] + ["[1, 2"] + lines[20:]) + "\n")
    (tmp_path / "small.txt").write_text("A small page.")
    report = ingest_paths(db, [broken, tmp_path / "small.txt"], batch_size=4)
    assert len(report.added) == 1 and len(report.failed) == 1
    assert article_count(db) == 1  # the 20 records before the bad line were rolled back
    report = ingest_paths(db, [big], batch_size=4)
    assert len(report.added) == 25 and article_count(db) == 26


def test_duplicates_within_a_run_are_unchanged(db: sqlite_utils.Database, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same text.\n")
    (tmp_path / "b.txt").write_text("Same   text.\r\n")
    report = ingest_paths(db, [tmp_path])
    assert (len(report.added), len(report.unchanged)) == (1, 1)


def test_progress_is_reported(db: sqlite_utils.Database, seeds_dir: Path) -> None:
    seen: list[IngestProgress] = []
    ingest_paths(db, [seeds_dir], on_progress=seen.append)
    assert seen and seen[-1].files_done == 5 and seen[-1].files_total == 5 and seen[-1].added == 5


def test_database_files_in_the_folder_are_skipped(tmp_path: Path) -> None:
    from provenance.store.db import open_db

    db = open_db(tmp_path / "annotations.db")
    (tmp_path / "page.txt").write_text("A page.")
    report = ingest_paths(db, [tmp_path])
    assert len(report.added) == 1 and report.failed == []


def test_ensure_seeded_only_fills_an_empty_database(db: sqlite_utils.Database, seeds_dir: Path,
                                                    tmp_path: Path) -> None:
    assert ensure_seeded(db, tmp_path / "no-such-folder") is None
    report = ensure_seeded(db, seeds_dir)
    assert report is not None and len(report.added) == 5
    assert ensure_seeded(db, seeds_dir) is None


def test_an_extractor_crash_is_reported_not_raised(db: sqlite_utils.Database, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(article, registry=None):  # noqa: ANN001, ANN202
        raise ValueError("boom")

    monkeypatch.setattr("provenance.prepare.analyse", broken)
    (tmp_path / "a.txt").write_text("Some article.")
    report = ingest_paths(db, [tmp_path])
    assert report.added == [] and "extraction failed (ValueError: boom)" in report.failed[0].message


def test_a_folder_of_ten_thousand_small_files(db: sqlite_utils.Database, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.extract.spans import Analysis

    monkeypatch.setattr("provenance.prepare.analyse", lambda article, registry=None: Analysis())  # files, not extraction
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"n{i:05d}.txt").write_bytes(b"Note %d.\n" % i)
    report = ingest_paths(db, [folder], jobs=1)  # the patched analyse lives in this process only
    assert report.summary() == "added 10000 · unchanged 0 · failed 0"
    assert article_count(db) == 10_000


def test_seeds_copied_elsewhere_are_the_same_articles(db: sqlite_utils.Database, seeds_dir: Path,
                                                      tmp_path: Path) -> None:
    ingest_paths(db, [seeds_dir])
    copy = tmp_path / "copy"
    shutil.copytree(seeds_dir, copy)
    assert ingest_paths(db, [copy]).summary() == "added 0 · unchanged 5 · failed 0"


def test_worker_processes_store_what_one_process_stores(seeds_dir: Path, tmp_path: Path) -> None:
    """Analysis in worker processes, overlapped with writing, gives the same rows as analysis in this process."""
    from provenance.store import open_db

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for copy in range(8):
        for seed in seeds:
            text = seed.read_text(encoding="utf-8")
            (corpus / f"{copy}_{seed.name}").write_text(f"{text}\nCopy {copy} of this page.\n", encoding="utf-8")
    (corpus / "duplicate.txt").write_text(seeds[0].read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "duplicate-again.txt").write_text(seeds[0].read_text(encoding="utf-8"), encoding="utf-8")
    records = [{"text": f"{seeds[1].read_text(encoding='utf-8')}\nRecord {n}.", "title": f"Record {n}"} for n in range(20)]
    (corpus / "records.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")  # > a batch

    def ingest(jobs: int) -> tuple:
        db = open_db(tmp_path / f"jobs{jobs}.db")
        report = ingest_paths(db, [corpus], jobs=jobs, batch_size=8)
        rows = {
            table: sorted(db.execute(f'SELECT * FROM {table}').fetchall(), key=repr)
            for table in ("articles", "marks", "sources", "markers", "passages", "boilerplate_links")
        }
        rows["articles"] = [row[:12] + row[13:] for row in rows["articles"]]  # all but the ingest time
        again = ingest_paths(db, [corpus], jobs=jobs, batch_size=8)
        assert again.summary() == "added 0 · unchanged 62 · failed 0"
        return len(report.added), len(report.unchanged), len(report.failed), rows

    alone, parallel = ingest(1), ingest(2)
    assert alone[:3] == (61, 1, 0)
    assert parallel[:3] == alone[:3]
    assert parallel[3] == alone[3]
    assert len(alone[3]["sources"]) > 61 and alone[3]["boilerplate_links"]
