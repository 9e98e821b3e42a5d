"""Preparation (:mod:`provenance.prepare`) in this process, or spread over a pool of worker processes.

Workers only read and compute; every write stays in the process that owns the database, so the one-way flow to the
store is unchanged. Results come back in the order the work was given, and no more than a few chunks are in flight at
once, so memory stays flat however many files a run has and however slow the writing is. That bound is about two
batches: the workers keep preparing while this process writes a batch, instead of idling once a few chunks are done.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.pool
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import resource_tracker

from provenance.corpus.article import Article
from provenance.extract.registry import Registry
from provenance.prepare import KnownIds, PreparedFiles, PreparedGroup, Preparer, concat
from provenance.store.articles import existing_ids
from provenance.store.db import open_reader

FILES_PER_TASK = 16
"""Files a worker reads per task: enough to make the round trip and the batch signing of paragraphs cheap, few
enough that progress stays smooth."""

_preparer: Preparer | None = None


def _init_worker(registry: Registry, db_path: str) -> None:
    global _preparer
    reader = open_reader(db_path) if db_path else None
    _preparer = Preparer(registry, (lambda ids: existing_ids(reader, ids)) if reader is not None else None)


def _files_in_worker(paths: list[str], max_bytes: int, batch_size: int) -> PreparedFiles:
    assert _preparer is not None
    return _preparer.files(paths, max_bytes, batch_size)


def _articles_in_worker(articles: list[Article]) -> PreparedGroup:
    assert _preparer is not None
    return _preparer.articles(articles)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Start worker processes ignoring Ctrl+C, which they inherit and keep.

    Ctrl+C reaches the whole process group. The writing process alone must handle it (it ends the pool and exits
    with a short message): a worker that took it would print a traceback of its own and die holding a task the pool
    then waits for forever. A Ctrl+C pressed meanwhile is held back (blocked, not lost) and raised here once the
    workers are started. Only the main thread may change how a signal is handled; from another thread (the TUI
    ingests in one) Ctrl+C does not reach the workers anyway, the TUI having the terminal's keys.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    resource_tracker.ensure_running()  # started later, it would unblock Ctrl+C in the middle of this
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


class Workers:
    """Prepares files and articles with ``jobs`` processes (1: in this process, no pool)."""

    def __init__(self, registry: Registry, jobs: int, known_ids: KnownIds | None, db_path: str = "") -> None:
        self.registry = registry
        self.jobs = jobs
        self.local = Preparer(registry, known_ids)
        self.db_path = db_path
        self._pool: multiprocessing.pool.Pool | None = None

    @property
    def parallel(self) -> bool:
        return self.jobs > 1

    def pool(self) -> multiprocessing.pool.Pool:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")  # safe even when called from a thread of the TUI
            with _sigint_ignored():
                self._pool = context.Pool(self.jobs, initializer=_init_worker, initargs=(self.registry, self.db_path))
        return self._pool

    def files(self, paths: Sequence[str], max_bytes: int, batch_size: int) -> Iterator[PreparedFiles]:
        """The files prepared, a few at a time, in order."""
        chunks = (list(paths[i : i + FILES_PER_TASK]) for i in range(0, len(paths), FILES_PER_TASK))
        if not self.parallel:
            for chunk in chunks:
                yield self.local.files(chunk, max_bytes, batch_size)
            return
        pool = self.pool()
        limit = max(4 * self.jobs, 2 * batch_size // FILES_PER_TASK)
        in_flight: deque[multiprocessing.pool.AsyncResult] = deque()
        for chunk in chunks:
            in_flight.append(pool.apply_async(_files_in_worker, (chunk, max_bytes, batch_size)))
            if len(in_flight) >= limit:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()

    def articles(self, articles: list[Article]) -> Callable[[], PreparedGroup]:
        """Start preparing ``articles`` (split among the workers); the returned function waits for the group."""
        if not self.parallel or len(articles) < 2 * self.jobs:
            group = self.local.articles(articles)
            return lambda: group
        size = -(-len(articles) // (2 * self.jobs))
        pending = [self.pool().apply_async(_articles_in_worker, (articles[i : i + size],))
                   for i in range(0, len(articles), size)]
        return lambda: concat([result.get() for result in pending])

    def close(self) -> None:
        """End the workers. After a complete run none has work left; after an interruption or an error, what is
        still in flight is not wanted, and waiting for it would keep the user waiting for nothing."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
