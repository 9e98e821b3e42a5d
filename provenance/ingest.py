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

import multiprocessing
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
PARALLEL_FROM = 1000
"""A run over at least this many files analyses its articles in one worker process per core: extraction is
CPU-bound pure Python, and a worker's one-off start (imports, lexicon compilation) pays for itself only on a large
run."""


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


_worker_registry: Registry | None = None


def _init_worker(registry: Registry) -> None:
    global _worker_registry
    _worker_registry = registry


def _analyse_in_worker(article: Article) -> Analysis | ReadFailure:
    assert _worker_registry is not None
    return _analyse(article, _worker_registry)


class _Analyser:
    """Runs the pipeline over a batch: in this process, or in a pool of worker processes for a large run.

    Workers only compute; every write stays in this process, so the one-way flow to the store is unchanged.
    """

    def __init__(self, registry: Registry, jobs: int) -> None:
        self.registry = registry
        self.jobs = jobs
        self.pool: multiprocessing.pool.Pool | None = None

    @property
    def parallel(self) -> bool:
        return self.jobs > 1

    def submit(self, articles: list[Article]) -> Callable[[], list[Analysis | ReadFailure]]:
        """Start analysing ``articles``; the returned function waits for and returns the results, in order."""
        if not self.parallel or len(articles) < 2 * self.jobs:
            results = [_analyse(article, self.registry) for article in articles]
            return lambda: results
        if self.pool is None:
            context = multiprocessing.get_context("spawn")  # safe even when called from a thread of the TUI
            self.pool = context.Pool(self.jobs, initializer=_init_worker, initargs=(self.registry,))
        chunksize = max(1, len(articles) // (4 * self.jobs))
        return self.pool.map_async(_analyse_in_worker, articles, chunksize=chunksize).get

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None


@dataclass(slots=True)
class _Prepared:
    """A batch whose analysis has been started: what is already stored, and the new articles being analysed."""

    written: _Written
    new: list[Article]
    results: Callable[[], list[Analysis | ReadFailure]]


def _prepare_batch(db: sqlite_utils.Database, articles: list[Article], analyser: _Analyser) -> _Prepared:
    """Set aside what the store already holds and start analysing the rest."""
    written = _Written()
    known = stored_articles.existing_ids(db, (a.id for a in articles)) if articles else set()
    new: dict[str, Article] = {}
    for article in articles:
        if article.id in known or article.id in new:
            written.unchanged.append(Ingested(article.id, article.title, article.origin))
        else:
            new[article.id] = article
    return _Prepared(written, list(new.values()), analyser.submit(list(new.values())))


def _write_batch(db: sqlite_utils.Database, articles: list[Article], analyser: _Analyser) -> _Written:
    """Store one batch: analyse what is new, then write articles and analyses in one transaction."""
    return _commit_batch(db, _prepare_batch(db, articles, analyser))


def _commit_batch(db: sqlite_utils.Database, prepared: _Prepared) -> _Written:
    """Wait for a prepared batch's analysis, then write its articles and analyses in one transaction."""
    written = prepared.written
    if not prepared.new:
        return written
    fresh: dict[str, Article] = {}
    analyses: list[tuple[str, Analysis]] = []
    for article, result in zip(prepared.new, prepared.results()):
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
        self.analyser = _Analyser(self.registry, jobs=1)
        self.in_flight: _Prepared | None = None

    def flush(self) -> None:
        """Write the pending batch; with worker processes, write the previous one while this one is analysed."""
        prepared = _prepare_batch(self.db, self.pending, self.analyser)
        self.pending = []
        self.finish()
        if self.analyser.parallel:
            self.in_flight = prepared
        else:
            self.record(_commit_batch(self.db, prepared))

    def finish(self) -> None:
        """Write the batch still being analysed, if any."""
        if self.in_flight is not None:
            prepared, self.in_flight = self.in_flight, None
            self.record(_commit_batch(self.db, prepared))

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
        self.finish()
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
                self.record(_write_batch(self.db, articles, self.analyser))
                articles = []
                self.progress(str(path))
        self.record(_write_batch(self.db, articles, self.analyser))

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
                        streamed.extend(_write_batch(self.db, articles, self.analyser))
                        articles = []
                        self.progress(str(path))
                streamed.extend(_write_batch(self.db, articles, self.analyser))
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
    jobs: int | None = None,
) -> IngestReport:
    """Read every file under ``paths`` (``-`` = JSON Lines on standard input) into the store.

    Articles already stored (same normalised text) are counted unchanged, so ingesting twice is a no-op. Each
    unreadable or malformed file is one entry of ``failed``; the others go in. ``on_progress`` is called now and
    then (at most every 0.1 s) and once at the end. ``jobs`` is the number of processes that analyse articles
    (default: one per core for a run of at least ``PARALLEL_FROM`` files, else this process alone).
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
    if jobs is None:
        jobs = (os.cpu_count() or 1) if len(files) >= PARALLEL_FROM else 1
    run.analyser.jobs = jobs
    try:
        for path in files:
            run.ingest_file(Path(path), max_bytes)
            run.files_done += 1
            run.progress(path)
        run.flush()
        run.finish()
    finally:
        run.analyser.close()
    run.progress("", force=True)
    if len(run.report.added) >= CHECKPOINT_AFTER:
        checkpoint(db)
    return run.report


def ensure_seeded(db: sqlite_utils.Database, seeds_dir: Path = Path("seeds")) -> IngestReport | None:
    """Ingest ``seeds_dir`` into an empty database, so a first run has something to show; None if nothing done."""
    if stored_articles.article_count(db) or not Path(seeds_dir).is_dir():
        return None
    return ingest_paths(db, [seeds_dir])
