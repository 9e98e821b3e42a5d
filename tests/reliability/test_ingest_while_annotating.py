"""Ingest while annotating: a long ingest and an annotator share the database; both finish, nothing is lost.

The annotator labels at a steady pace from before the ingest starts writing until after it ended, so every batch
the ingest commits competes with label commits.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import ROOT, annotator, integrity

from provenance.store.db import open_db


VOCABULARY = (
    "the minister said talks would resume next week according to Reuters while officials in Kyiv and Moscow denied"
    " any deal on grain exports sanctions energy prices troops border ceasefire parliament vote budget"
).split()


def write_corpus(folder: Path, count: int, per_file: int = 1, paragraphs: int = 0) -> None:
    """``count`` distinct articles: one .txt file each, or ``per_file`` per JSON Lines file (a sentence, then
    ``paragraphs`` paragraphs of random words)."""
    folder.mkdir()
    if per_file == 1:
        for i in range(count):
            (folder / f"{i:05d}.txt").write_text(
                f"Report number {i}\n\nThe minister said on Monday, according to Reuters, that the talks on item {i} "
                "would resume next week.\n",
                encoding="utf-8",
            )
        return
    for start in range(0, count, per_file):
        with open(folder / f"part{start:06d}.jsonl", "w", encoding="utf-8") as out:
            for i in range(start, min(start + per_file, count)):
                rng = random.Random(i)
                text = f"Item {i}: officials said the vote was delayed." + "".join(
                    "\n\n" + " ".join(rng.choices(VOCABULARY, k=40)).capitalize() + "." for _ in range(paragraphs)
                )
                out.write(json.dumps({"title": f"Item {i}", "text": text}) + "\n")


def ingest_and_annotate(db_path: Path, corpus: Path, tmp_path: Path) -> tuple[int, int]:
    """Run ``provenance ingest`` while an annotator labels; returns (labels acknowledged, articles stored)."""
    stop = tmp_path / "stop"
    child = annotator(db_path, count=10**6, pause=0.002, stop_file=stop)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    ingest = subprocess.run(
        [sys.executable, "-m", "provenance", "ingest", "--db", str(db_path), str(corpus)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    stop.touch()
    out, err = child.communicate(timeout=120)
    assert "database is locked" not in err + ingest.stderr, err + ingest.stderr
    assert "Traceback" not in err + ingest.stderr, err + ingest.stderr
    assert child.returncode == 0, err
    assert ingest.returncode == 0, ingest.stderr
    acknowledged = out.split()[:-1]
    db = open_db(db_path)
    try:
        stored = {r[0] for r in db.execute("SELECT id FROM label_events")}
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        db.close()
    assert acknowledged and set(acknowledged) <= stored
    assert integrity(db_path) == "ok"
    return len(acknowledged), articles


def test_ingest_files_while_labelling(small_db_path: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 200)
    labelled, articles = ingest_and_annotate(small_db_path, tmp_path / "corpus", tmp_path)
    assert labelled > 0
    assert articles == 50 + 200


def test_ingest_large_jsonl_while_labelling(small_db_path: Path, tmp_path: Path) -> None:
    """A file larger than a batch is streamed inside one transaction of its own."""
    write_corpus(tmp_path / "corpus", 600, per_file=600)
    labelled, articles = ingest_and_annotate(small_db_path, tmp_path / "corpus", tmp_path)
    assert labelled > 0
    assert articles == 50 + 600


@pytest.mark.slow
@pytest.mark.parametrize("per_file", [1, 20000])
def test_long_ingest_while_labelling(small_db_path: Path, tmp_path: Path, per_file: int) -> None:
    write_corpus(tmp_path / "corpus", 20000, per_file=per_file)
    labelled, articles = ingest_and_annotate(small_db_path, tmp_path / "corpus", tmp_path)
    assert labelled > 1000
    assert articles == 50 + 20000


def test_a_large_file_never_holds_the_lock_for_long(small_db_path: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A file of many batches is written one batch per transaction, each article analysed before its batch takes
    the lock: a save waiting half a second (plus short retries) always gets through while it is ingested, where
    holding the lock for the whole file (analysis included) would take seconds."""
    import threading

    from provenance.ingest import ingest_paths
    from provenance.store import labels

    write_corpus(tmp_path / "corpus", 1200, per_file=1200, paragraphs=6)
    monkeypatch.setattr(labels, "RETRY_PAUSES", (0.1, 0.2))
    writer = open_db(small_db_path)
    annotator_db = open_db(small_db_path)
    annotator_db.execute("PRAGMA busy_timeout = 500")
    done = threading.Event()
    failures: list[str] = []
    saved = 0

    def label_until_done() -> None:
        nonlocal saved
        while not done.wait(0.01):  # a hundred saves a second: faster than anyone labels, yet not a busy loop
            try:
                labels.record_event(annotator_db, "a1", "alice", "stance", "neutral")
                saved += 1
            except Exception as error:  # noqa: BLE001 - any failure is what the test looks for
                failures.append(f"{type(error).__name__}: {error}")
                return

    thread = threading.Thread(target=label_until_done)
    thread.start()
    try:
        report = ingest_paths(writer, [tmp_path / "corpus"], batch_size=100)
    finally:
        done.set()
        thread.join()
    assert not failures, failures[0]
    assert len(report.added) == 1200 and saved > 0


def test_large_standard_input_goes_in_whole(small_db_path: Path) -> None:
    from click.testing import CliRunner

    from provenance.cli import main

    lines = "".join(json.dumps({"text": f"From a pipe, article {i}, officials said."}) + "\n" for i in range(600))
    result = CliRunner().invoke(main, ["ingest", "--db", str(small_db_path), "-"], input=lines + "{broken\n")
    assert result.exit_code == 1 and "line 601" in result.stderr
    result = CliRunner().invoke(main, ["ingest", "--db", str(small_db_path), "-"], input=lines)
    assert result.exit_code == 0 and "added 600" in result.stdout
    db = open_db(small_db_path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 50 + 600
    db.close()
