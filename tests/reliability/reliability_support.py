"""Helpers of the reliability tests: small generated corpora, the annotator child process, database checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from provenance.corpus.article import Article
from provenance.store.db import open_db

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ANNOTATOR = Path(__file__).resolve().parent / "annotator_proc.py"


def make_articles(count: int, start: int = 0) -> list[Article]:
    """``count`` distinct small articles (no analysis needed to label them)."""
    return [
        Article(
            text=f"Article {i}. The ministry said on Monday that talks would resume, according to officials.",
            title=f"Article {i}",
            publisher_domain="example.org",
            origin=f"generated/{i}.txt",
            format="text",
        )
        for i in range(start, start + count)
    ]


def annotator(db_path: Path, *, annotator: str = "alice", count: int = 1000, mode: str = "store", seed: int = 1,
              pause: float = 0.0, stop_file: Path | None = None) -> subprocess.Popen:
    """Start an annotator child process; its stdout is a stream of acknowledged event ids."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, str(ANNOTATOR), str(db_path), "--annotator", annotator, "--count", str(count),
         "--mode", mode, "--seed", str(seed), "--pause", str(pause),
         "--stop-file", str(stop_file or "")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def event_ids(db_path: Path) -> set[str]:
    db = open_db(db_path)
    try:
        return {r[0] for r in db.execute("SELECT id FROM label_events")}
    finally:
        db.close()


def integrity(db_path: Path) -> str:
    db = open_db(db_path, migrate=False)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()
