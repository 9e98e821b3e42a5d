"""Ingest: files → articles → analysis → store, in batches, each file all or nothing.

Files are read, analysed and turned into rows (:mod:`provenance.prepare`) a few at a time, and written in batches of
a few hundred articles, one transaction per batch: per-row commits would cost more than the reading. A file's
articles join a batch only once the whole file has been read without error, so a bad file leaves nothing behind.
A file with more records than a batch (a large JSON Lines or WARC file) is read through once to check it, then read
again and written one batch per transaction: holding the write lock for a whole large file would make an annotator
saving labels meanwhile wait for minutes. Standard input cannot be read twice; it goes in within one transaction,
rolled back if it turns out bad halfway.

On a large run the preparing happens in one worker process per core while this process writes the batches already
prepared: reading and extraction are CPU-bound pure Python, writing is not. Preparation never holds the write lock,
so a long analysis never keeps the database locked against an annotator saving labels.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from provenance.corpus.article import Article
from provenance.corpus.readers import DEFAULT_MAX_BYTES, STDIN, ReadFailure, iter_files, read_path
from provenance.extract.boilerplate import Candidates, merge
from provenance.prepare import PreparedArticle, PreparedGroup
from provenance.store import analysis as stored_analysis
from provenance.store import articles as stored_articles
from provenance.store import boilerplate as stored_boilerplate
from provenance.store.db import checkpoint, large_cache
from provenance.store.user_outlets import registry_for
from provenance.workers import Workers

BATCH_SIZE = 500
CHECKPOINT_AFTER = 2000
"""Fold the write-ahead log back into the database after a run that added at least this many articles."""
PROGRESS_EVERY = 0.1
"""Seconds between two progress reports."""
PARALLEL_FROM = 1000
"""A run over at least this many files prepares its articles in one worker process per core: a worker's one-off
start (imports, lexicon compilation, the language model) pays for itself only on a large run."""


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


@dataclass(slots=True)
class _Batch:
    """Prepared articles waiting to be written, with the boilerplate candidates of the groups they came from
    (each renumbered from its group's positions to the batch's)."""

    articles: list[PreparedArticle] = field(default_factory=list)
    parts: list[tuple[Candidates, dict[int, int]]] = field(default_factory=list)

    def add(self, group: PreparedGroup, start: int = 0, count: int | None = None) -> None:
        """Add ``count`` articles of ``group`` from position ``start`` (all of them by default)."""
        count = len(group.articles) - start if count is None else count
        base = len(self.articles)
        self.articles += group.articles[start : start + count]
        self.parts.append((group.candidates, {start + k: base + k for k in range(count)}))

    def __len__(self) -> int:
        return len(self.articles)


def _commit(db: sqlite_utils.Database, batch: _Batch) -> _Written:
    """Write a batch's new articles, their analyses and their paragraphs in one transaction."""
    written = _Written()
    if not batch.articles:
        return written
    with db.atomic():
        known = stored_articles.existing_ids(db, [a.id for a in batch.articles if a.storable])
        fresh: dict[str, int] = {}
        for index, article in enumerate(batch.articles):
            if article.storable and article.id not in known and article.id not in fresh:
                fresh[article.id] = index
        position = {index: n for n, index in enumerate(fresh.values())}
        new = [batch.articles[index] for index in fresh.values()]
        stored_articles.insert_new(db, [a.rows for a in new])
        stored_analysis.insert_rows(db, [a.analysis for a in new])
        found = merge(
            [(c, {g: position[b] for g, b in renumber.items() if b in position}) for c, renumber in batch.parts]
        )
        stored_boilerplate.index_candidates(db, list(fresh), found)
    for index, article in enumerate(batch.articles):
        if isinstance(article.analysis, ReadFailure):
            written.failed.append(article.analysis)
            continue
        entry = Ingested(article.id, article.title, article.origin)
        (written.added if index in position else written.unchanged).append(entry)
    return written


def _database_path(db: sqlite_utils.Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row else ""


def _database_files(db: sqlite_utils.Database) -> set[str]:
    """The database's own files, which a folder being ingested may contain."""
    path = _database_path(db)
    if not path:
        return set()
    return {os.path.realpath(path + suffix) for suffix in ("", "-wal", "-shm", "-journal")}


class _Run:
    """One ingest run: the pending batch, the report, and progress."""

    def __init__(
        self, db: sqlite_utils.Database, on_progress: ProgressCallback | None, batch_size: int, max_bytes: int
    ) -> None:
        self.db = db
        self.report = IngestReport()
        self.batch = _Batch()
        self.on_progress = on_progress
        self.batch_size = batch_size
        self.max_bytes = max_bytes
        self.files_done = 0
        self.files_total = 0
        self.last_report = 0.0
        self.registry = registry_for(db)  # shipped outlets plus the ones imported into this database
        self.workers = Workers(self.registry, 1, lambda ids: stored_articles.existing_ids(db, ids), _database_path(db))

    def commit(self) -> None:
        """Write the pending batch."""
        batch, self.batch = self.batch, _Batch()
        self.record(_commit(self.db, batch))

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

    def ingest_files(self, paths: list[str]) -> None:
        """Prepare files (in the workers on a large run) and write them in batches, in order."""
        for prepared in self.workers.files(paths, self.max_bytes, self.batch_size):
            offset = 0
            for outcome in prepared.files:
                if outcome.failure is not None:
                    self.report.failed.append(outcome.failure)
                elif outcome.oversized:
                    self.ingest_large_file(outcome.path)
                else:
                    self.batch.add(prepared.group, offset, outcome.count)
                    offset += outcome.count
                    if len(self.batch) >= self.batch_size:
                        self.commit()
                self.files_done += 1
                self.progress(outcome.path)

    def ingest_large_file(self, path: str) -> None:
        """Read a file here: standard input, or a file with more records than a batch. Once the whole file has
        been checked, its articles are written batch by batch."""
        articles: list[Article] = []
        items: Iterator[Article | ReadFailure] = read_path(path, max_bytes=self.max_bytes)
        for item in items:
            if isinstance(item, ReadFailure):
                self.report.failed.append(item)
                return
            articles.append(item)
            if len(articles) > self.batch_size:
                break
        else:
            self.batch.add(self.workers.articles(articles)())
            if len(self.batch) >= self.batch_size:
                self.commit()
            return
        self.commit()
        if path == STDIN:
            self.stream_in_one_transaction(path, articles, items)
            return
        failure = next((item for item in items if isinstance(item, ReadFailure)), None)
        if failure is not None:
            self.report.failed.append(failure)
            return
        for written in self.write_in_batches(read_path(path, max_bytes=self.max_bytes), path):
            if written is None:
                return
            self.record(written)

    def write_in_batches(self, items: Iterable[Article | ReadFailure], path: str) -> Iterator[_Written | None]:
        """Prepare and write articles one batch at a time, preparing the next batch while one is written; None
        (and the end) when a failure turns up."""
        articles: list[Article] = []
        pending: Callable[[], PreparedGroup] | None = None
        for item in items:
            if isinstance(item, ReadFailure):  # the file changed after it was checked
                self.report.failed.append(item)
                yield None
                return
            articles.append(item)
            if len(articles) >= self.batch_size:
                started = self.workers.articles(articles)
                articles = []
                if pending is not None:
                    yield self.write_group(pending())
                    self.progress(path)
                pending = started
        if pending is not None:
            yield self.write_group(pending())
        if articles:
            yield self.write_group(self.workers.articles(articles)())

    def write_group(self, group: PreparedGroup) -> _Written:
        batch = _Batch()
        batch.add(group)
        return _commit(self.db, batch)

    def stream_in_one_transaction(self, path: str, first: list[Article], rest: Iterator[Article | ReadFailure]) -> None:
        """Write a large input that cannot be read twice within one transaction, rolled back if it turns out bad."""
        streamed = _Written()
        try:
            with self.db.atomic():
                for written in self.write_in_batches(itertools.chain(first, rest), path):
                    if written is None:
                        raise _FileFailed
                    streamed.extend(written)
        except _FileFailed:
            return
        self.record(streamed)


@contextlib.contextmanager
def _rare_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely: a large run allocates millions of short-lived rows and spans, none of
    them in cycles, and the collector walking every object the report holds cost more than a tenth of the writing."""
    threshold = gc.get_threshold()
    gc.set_threshold(200_000, 50, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def ingest_paths(
    db: sqlite_utils.Database,
    paths: Iterable[Path | str],
    *,
    on_progress: ProgressCallback | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = BATCH_SIZE,
    jobs: int | None = None,
) -> IngestReport:
    """Read every file under ``paths`` (``-`` = JSON Lines on standard input) into the store.

    Articles already stored (same normalised text) are counted unchanged, so ingesting twice is a no-op. Each
    unreadable or malformed file is one entry of ``failed``; the others go in. ``on_progress`` is called now and
    then (at most every 0.1 s) and once at the end. ``jobs`` is the number of processes that analyse articles
    (default: one per core for a run of at least ``PARALLEL_FROM`` files, else this process alone).
    """
    run = _Run(db, on_progress, batch_size, max_bytes)
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
    if jobs is None:
        jobs = (os.cpu_count() or 1) if len(files) >= PARALLEL_FROM else 1
    run.workers.jobs = jobs
    with _rare_collections(), large_cache(db):
        _ingest_all(run, files)
    run.progress("", force=True)
    if len(run.report.added) >= CHECKPOINT_AFTER:
        checkpoint(db)
    return run.report


def _ingest_all(run: _Run, files: list[str]) -> None:
    try:
        start = 0
        for stdin_at in [i for i, path in enumerate(files) if path == STDIN] + [len(files)]:
            run.ingest_files(files[start:stdin_at])
            if stdin_at < len(files):
                run.ingest_large_file(STDIN)
                run.files_done += 1
            start = stdin_at + 1
        run.commit()
    finally:
        run.workers.close()


def ensure_seeded(db: sqlite_utils.Database, seeds_dir: Path = Path("seeds")) -> IngestReport | None:
    """Ingest ``seeds_dir`` into an empty database, so a first run has something to show; None if nothing done."""
    if stored_articles.article_count(db) or not Path(seeds_dir).is_dir():
        return None
    return ingest_paths(db, [seeds_dir])
