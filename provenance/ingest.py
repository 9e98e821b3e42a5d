"""Ingest: files → articles → analysis → store, in batches, each file all or nothing.

Articles are read one file at a time and written in batches of a few hundred, one transaction per batch: per-row
commits would cost more than the reading. A file's articles join a batch only once the whole file has been read
without error, so a bad file leaves nothing behind. A file with more records than a batch (a large JSON Lines or
WARC file) is read through once to check it, then read again and written one batch per transaction: holding the
write lock for a whole large file would make an annotator saving labels meanwhile wait for minutes. Standard input
cannot be read twice; it goes in within one transaction, rolled back if it turns out bad halfway.

Analysis runs on the articles the store does not hold yet, before the write transaction opens, so a long analysis
never keeps the database locked against an annotator saving labels.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from provenance.corpus.article import Article
from provenance.corpus.readers import DEFAULT_MAX_BYTES, STDIN, ReadFailure, iter_files, read_path
from provenance.extract.pipeline import analyse
from provenance.extract.registry import Registry
from provenance.extract.spans import Analysis
from provenance.store import analysis as stored_analysis
from provenance.store import articles as stored_articles
from provenance.store import boilerplate as stored_boilerplate
from provenance.store.db import checkpoint
from provenance.store.user_outlets import registry_for

BATCH_SIZE = 500
CHECKPOINT_AFTER = 2000
"""Fold the write-ahead log back into the database after a run that added at least this many articles."""
PROGRESS_EVERY = 0.1
"""Seconds between two progress reports."""


@dataclass(frozen=True, slots=True)
class Ingested:
    """An article an ingest met: its id, title and where it came from."""

    id: str
    title: str
    origin: str


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: articles added, articles already stored, and inputs that failed (with why)."""

    added: list[Ingested] = field(default_factory=list)
    unchanged: list[Ingested] = field(default_factory=list)
    failed: list[ReadFailure] = field(default_factory=list)

    def summary(self) -> str:
        """``added 5 · unchanged 0 · failed 0``."""
        return f"added {len(self.added)} · unchanged {len(self.unchanged)} · failed {len(self.failed)}"


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """A progress report: files done out of ``files_total`` (0 while unknown), and the running counts."""

    files_done: int
    files_total: int
    added: int
    unchanged: int
    failed: int
    current: str


ProgressCallback = Callable[[IngestProgress], None]


class _FileFailed(Exception):
    """Abandons a streamed file's transaction."""


@dataclass(slots=True)
class _Written:
    added: list[Ingested] = field(default_factory=list)
    unchanged: list[Ingested] = field(default_factory=list)
    failed: list[ReadFailure] = field(default_factory=list)

    def extend(self, other: _Written) -> None:
        self.added += other.added
        self.unchanged += other.unchanged
        self.failed += other.failed


def _analyse(article: Article, registry: Registry) -> Analysis | ReadFailure:
    try:
        return analyse(article, registry=registry)
    except Exception as error:  # noqa: BLE001 - one article tripping an extractor must not stop the run
        return ReadFailure(article.origin, f"extraction failed ({type(error).__name__}: {error}); not stored")


def _write_batch(db: sqlite_utils.Database, articles: list[Article], registry: Registry) -> _Written:
    """Store one batch: analyse what is new, then write articles and analyses in one transaction."""
    written = _Written()
    if not articles:
        return written
    known = stored_articles.existing_ids(db, (a.id for a in articles))
    fresh: dict[str, Article] = {}
    analyses: list[tuple[str, Analysis]] = []
    for article in articles:
        if article.id in known or article.id in fresh:
            written.unchanged.append(Ingested(article.id, article.title, article.origin))
            continue
        result = _analyse(article, registry)
        if isinstance(result, ReadFailure):
            written.failed.append(result)
            continue
        fresh[article.id] = article
        analyses.append((article.id, result))
    with db.atomic():
        stored = stored_articles.add_articles(db, fresh.values())
        added_ids = set(stored.added)
        stored_analysis.save_many(db, [(i, a) for i, a in analyses if i in added_ids])
        stored_boilerplate.index_articles(db, [a for a in fresh.values() if a.id in added_ids])
    for article in fresh.values():
        entry = Ingested(article.id, article.title, article.origin)
        (written.added if article.id in added_ids else written.unchanged).append(entry)
    return written


def _database_files(db: sqlite_utils.Database) -> set[str]:
    """The database's own files, which a folder being ingested may contain."""
    row = db.execute("PRAGMA database_list").fetchone()
    path = row[2] if row else ""
    if not path:
        return set()
    return {os.path.realpath(path + suffix) for suffix in ("", "-wal", "-shm", "-journal")}


class _Run:
    """One ingest run: the pending batch, the report, and progress."""

    def __init__(self, db: sqlite_utils.Database, on_progress: ProgressCallback | None, batch_size: int) -> None:
        self.db = db
        self.report = IngestReport()
        self.pending: list[Article] = []
        self.on_progress = on_progress
        self.batch_size = batch_size
        self.files_done = 0
        self.files_total = 0
        self.last_report = 0.0
        self.registry = registry_for(db)  # shipped outlets plus the ones imported into this database

    def flush(self) -> None:
        self.record(_write_batch(self.db, self.pending, self.registry))
        self.pending = []

    def record(self, written: _Written) -> None:
        self.report.added += written.added
        self.report.unchanged += written.unchanged
        self.report.failed += written.failed

    def progress(self, current: str, force: bool = False) -> None:
        if self.on_progress is None:
            return
        now = time.monotonic()
        if force or now - self.last_report >= PROGRESS_EVERY:
            self.last_report = now
            report = self.report
            self.on_progress(
                IngestProgress(
                    self.files_done,
                    self.files_total,
                    len(report.added),
                    len(report.unchanged),
                    len(report.failed),
                    current,
                )
            )

    def ingest_file(self, path: Path, max_bytes: int) -> None:
        """Read one file; its articles join the batch, or, for a file larger than a batch, are written batch by batch
        once the whole file has been checked."""
        articles: list[Article] = []
        items: Iterator[Article | ReadFailure] = read_path(path, max_bytes=max_bytes)
        for item in items:
            if isinstance(item, ReadFailure):
                self.report.failed.append(item)
                return
            articles.append(item)
            if len(articles) >= self.batch_size:
                break
        else:
            self.pending.extend(articles)
            if len(self.pending) >= self.batch_size:
                self.flush()
            return
        self.flush()
        if str(path) == STDIN:
            self.stream_in_one_transaction(path, articles, items)
            return
        failure = next((item for item in items if isinstance(item, ReadFailure)), None)
        if failure is not None:
            self.report.failed.append(failure)
            return
        articles = []
        for item in read_path(path, max_bytes=max_bytes):
            if isinstance(item, ReadFailure):  # the file changed after it was checked
                self.report.failed.append(item)
                return
            articles.append(item)
            if len(articles) >= self.batch_size:
                self.record(_write_batch(self.db, articles, self.registry))
                articles = []
                self.progress(str(path))
        self.record(_write_batch(self.db, articles, self.registry))

    def stream_in_one_transaction(self, path: Path, first: list[Article], rest: Iterator[Article | ReadFailure]) -> None:
        """Write a large input that cannot be read twice within one transaction, rolled back if it turns out bad."""
        streamed = _Written()
        articles = first
        try:
            with self.db.atomic():
                for item in rest:
                    if isinstance(item, ReadFailure):
                        self.report.failed.append(item)
                        raise _FileFailed
                    articles.append(item)
                    if len(articles) >= self.batch_size:
                        streamed.extend(_write_batch(self.db, articles, self.registry))
                        articles = []
                        self.progress(str(path))
                streamed.extend(_write_batch(self.db, articles, self.registry))
        except _FileFailed:
            return
        self.record(streamed)


def ingest_paths(
    db: sqlite_utils.Database,
    paths: Iterable[Path | str],
    *,
    on_progress: ProgressCallback | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Read every file under ``paths`` (``-`` = JSON Lines on standard input) into the store.

    Articles already stored (same normalised text) are counted unchanged, so ingesting twice is a no-op. Each
    unreadable or malformed file is one entry of ``failed``; the others go in. ``on_progress`` is called now and
    then (at most every 0.1 s) and once at the end.
    """
    run = _Run(db, on_progress, batch_size)
    own_files = _database_files(db)
    own_names = {os.path.basename(p) for p in own_files}
    files: list[str] = []  # strings, not Paths: a run over 100,000 files keeps the whole list
    for item in iter_files(paths):
        if isinstance(item, ReadFailure):
            run.report.failed.append(item)
        elif item.name in own_names and os.path.realpath(item) in own_files:
            continue
        else:
            files.append(os.fspath(item))
    run.files_total = len(files)
    for path in files:
        run.ingest_file(Path(path), max_bytes)
        run.files_done += 1
        run.progress(path)
    run.flush()
    run.progress("", force=True)
    if len(run.report.added) >= CHECKPOINT_AFTER:
        checkpoint(db)
    return run.report


def ensure_seeded(db: sqlite_utils.Database, seeds_dir: Path = Path("seeds")) -> IngestReport | None:
    """Ingest ``seeds_dir`` into an empty database, so a first run has something to show; None if nothing done."""
    if stored_articles.article_count(db) or not Path(seeds_dir).is_dir():
        return None
    return ingest_paths(db, [seeds_dir])
