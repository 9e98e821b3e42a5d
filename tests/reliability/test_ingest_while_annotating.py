"""Ingest while annotating: a long ingest and an annotator share the database; both finish, nothing is lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import ROOT, annotator, integrity

from provenance.store.db import open_db


def write_corpus(folder: Path, count: int, per_file: int = 1) -> None:
    """``count`` distinct plain-text articles, ``per_file`` per JSON Lines file (or one .txt each)."""
    folder.mkdir()
    if per_file == 1:
        for i in range(count):
            (folder / f"{i:05d}.txt").write_text(
                f"Report number {i}\n\nThe minister said on Monday, according to Reuters, that the talks on item {i} "
                "would resume next week.\n",
                encoding="utf-8",
            )
        return
    import json

    for start in range(0, count, per_file):
        with open(folder / f"part{start:06d}.jsonl", "w", encoding="utf-8") as out:
            for i in range(start, min(start + per_file, count)):
                out.write(json.dumps({"title": f"Item {i}", "text": f"Item {i}: officials said the vote was delayed."}) + "\n")


def ingest_and_annotate(db_path: Path, corpus: Path, labels: int) -> tuple[int, int]:
    ingest = subprocess.Popen(
        [sys.executable, "-m", "provenance", "ingest", "--db", str(db_path), str(corpus)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    child = annotator(db_path, count=labels)
    out, err = child.communicate(timeout=300)
    ingest_out, ingest_err = ingest.communicate(timeout=300)
    assert "database is locked" not in err + ingest_err, err + ingest_err
    assert "Traceback" not in err + ingest_err, err + ingest_err
    assert child.returncode == 0, err
    assert ingest.returncode == 0, ingest_err
    acknowledged = out.split()[1:-1]
    db = open_db(db_path)
    try:
        stored = {r[0] for r in db.execute("SELECT id FROM label_events")}
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        db.close()
    assert set(acknowledged) <= stored
    assert integrity(db_path) == "ok"
    return len(acknowledged), articles


def test_ingest_files_while_labelling(small_db_path: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 1500)
    labelled, articles = ingest_and_annotate(small_db_path, tmp_path / "corpus", 1000)
    assert labelled == 1000
    assert articles == 50 + 1500


def test_ingest_large_jsonl_while_labelling(small_db_path: Path, tmp_path: Path) -> None:
    """Files larger than a batch are streamed inside one transaction of their own."""
    write_corpus(tmp_path / "corpus", 3000, per_file=1500)
    labelled, articles = ingest_and_annotate(small_db_path, tmp_path / "corpus", 1000)
    assert labelled == 1000
    assert articles == 50 + 3000


@pytest.mark.slow
def test_long_ingest_while_labelling(small_db_path: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 20000, per_file=1)
    labelled, articles = ingest_and_annotate(small_db_path, tmp_path / "corpus", 5000)
    assert labelled == 5000
    assert articles == 50 + 20000
