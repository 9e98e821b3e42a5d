"""Label tables for publication: which rows each table holds, and writing them out whole or not at all.

Tables are streamed from the store (columns plus a lazy row iterator), so exporting a million rows keeps memory
flat. The interchange formats (Prodigy, Label Studio, doccano) need each article's text with all its labels; they are
built here as :class:`ArticleLabels` records, one article at a time, and rendered in :mod:`provenance.analysis.formats`.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import sqlite_utils

from provenance.errors import InputError
from provenance.scheme import Scheme
from provenance.store import exports as store

TABLES = ("labels", "consensus", "articles", "sources", "passages", "passage-labels", "events")
FORMATS = ("csv", "jsonl", "prodigy", "label-studio", "doccano")
DOCUMENT_FORMATS = ("prodigy", "label-studio", "doccano")
"""Formats made of documents with their annotations: they export the ``labels`` and ``passage-labels`` tables."""

EXTENSIONS = {
    "csv": "csv",
    "jsonl": "jsonl",
    "prodigy": "prodigy.jsonl",
    "label-studio": "label-studio.json",
    "doccano": "doccano.jsonl",
}


@dataclass(slots=True)
class Table:
    """A table ready to write: its column names and its rows, produced lazily."""

    columns: list[str]
    rows: Iterator[tuple]


@dataclass(slots=True)
class Label:
    """One current label of one annotator: an article field (``target`` empty) or a passage label."""

    field: str
    value: str
    created_at: str
    target: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class AnnotatorLabels:
    """Everything one annotator says about one article, and when they worked on it."""

    annotator: str
    labels: list[Label] = field(default_factory=list)
    first_at: str = ""
    last_at: str = ""

    @property
    def fields(self) -> list[Label]:
        return [label for label in self.labels if not label.target]

    @property
    def spans(self) -> list[Label]:
        return [label for label in self.labels if label.target and label.start is not None]


@dataclass(slots=True)
class ArticleLabels:
    """One article with the labels of every annotator who labelled it."""

    article_id: str
    text: str
    title: str
    url: str
    annotators: list[AnnotatorLabels]


def consensus_columns(scheme: Scheme) -> list[str]:
    """article_id, then per field: majority value, its votes, how many labelled the field, the adjudicated value."""
    columns = ["article_id"]
    for f in scheme.fields:
        columns += [f.id, f"{f.id}_votes", f"{f.id}_labelled", f"{f.id}_adjudicated"]
    return columns


def _consensus_rows(db: sqlite_utils.Database, scheme: Scheme) -> Iterator[tuple]:
    """Merge-join the vote counts and the rulings, both ordered by article, into one row per article."""
    field_ids = [f.id for f in scheme.fields]
    votes = itertools.groupby(store.iter_vote_counts(db), key=lambda r: r[0])
    rulings = itertools.groupby(store.iter_adjudicated(db), key=lambda r: r[0])
    next_vote = next(votes, None)
    next_ruling = next(rulings, None)
    while next_vote is not None or next_ruling is not None:
        article_ids = [g[0] for g in (next_vote, next_ruling) if g is not None]
        article_id = min(article_ids)
        counts: dict[str, Counter] = {}
        adjudicated: dict[str, str] = {}
        if next_vote is not None and next_vote[0] == article_id:
            for _, field_id, value, n in next_vote[1]:
                counts.setdefault(field_id, Counter())[value] = n
            next_vote = next(votes, None)
        if next_ruling is not None and next_ruling[0] == article_id:
            adjudicated = {field_id: value for _, field_id, value in next_ruling[1]}
            next_ruling = next(rulings, None)
        row: list = [article_id]
        for field_id in field_ids:
            tally = counts.get(field_id, Counter())
            ranked = tally.most_common()
            top = ranked[0][1] if ranked else 0
            tied = len(ranked) > 1 and ranked[1][1] == top
            row += [
                ranked[0][0] if ranked and not tied else "",
                top,
                sum(tally.values()),
                adjudicated.get(field_id, ""),
            ]
        yield tuple(row)


def build_table(db: sqlite_utils.Database, scheme: Scheme, name: str) -> Table:
    """The rows of one exportable table (see :data:`TABLES`)."""
    if name == "labels":
        columns, rows = store.iter_labels(db, [f.id for f in scheme.fields])
    elif name == "consensus":
        columns, rows = consensus_columns(scheme), _consensus_rows(db, scheme)
    elif name == "articles":
        columns, rows = store.iter_articles(db)
    elif name == "sources":
        columns, rows = store.iter_sources(db)
    elif name == "passages":
        columns, rows = store.iter_passages(db)
    elif name == "passage-labels":
        columns, rows = store.iter_passage_labels(db)
    elif name == "events":
        columns, rows = store.iter_events(db)
    else:
        raise InputError(f"unknown table {name!r}", f"choose one of: {', '.join(TABLES)}")
    return Table(columns, iter(rows))


def iter_article_labels(db: sqlite_utils.Database, *, article_fields: bool = True) -> Iterator[ArticleLabels]:
    """Articles with their annotators' current labels, one at a time (passage labels always included)."""
    details = store.iter_label_details(db, article_fields=article_fields, passages=True)
    spans = itertools.groupby(store.iter_work_spans(db), key=lambda r: r[0])
    pending = next(spans, None)
    for article_id, rows in itertools.groupby(details, key=lambda r: r[0]):
        times: dict[str, tuple[str, str]] = {}
        while pending is not None and pending[0] < article_id:
            pending = next(spans, None)
        if pending is not None and pending[0] == article_id:
            times = {annotator: (first, last) for _, annotator, first, last in pending[1]}
            pending = next(spans, None)
        annotators = []
        for annotator, labels in itertools.groupby(rows, key=lambda r: r[1]):
            first, last = times.get(annotator, ("", ""))
            annotators.append(
                AnnotatorLabels(
                    annotator,
                    [Label(f, v, at, target, start, end) for _, _, target, f, v, at, start, end in labels],
                    first,
                    last,
                )
            )
        text, title, url = store.article_texts(db, [article_id]).get(article_id, ("", "", ""))
        yield ArticleLabels(article_id, text, title, url, annotators)


def default_output(table: str, fmt: str) -> str:
    """The file an export goes to when no ``-o`` is given: ``labels.csv``, ``labels.prodigy.jsonl``..."""
    return f"{table}.{EXTENSIONS[fmt]}"


def check_request(table: str, fmt: str) -> None:
    """Refuse a table/format pair that makes no sense before anything is opened or written."""
    if table not in TABLES:
        raise InputError(f"unknown table {table!r}", f"choose one of: {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", f"choose one of: {', '.join(FORMATS)}")
    if fmt in DOCUMENT_FORMATS and table not in ("labels", "passage-labels"):
        raise InputError(
            f"the {fmt} format holds annotated documents, not the {table} table",
            "export --table labels or --table passage-labels in that format, or use csv/jsonl",
        )


def _file_mode() -> int:
    """Permissions a newly created file gets under the current umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def open_output(path: str) -> Iterator[TextIO]:
    """A text stream for ``path`` that appears complete or not at all; ``-`` is standard output.

    The rows go to a temporary file in the same folder, which replaces the target only once everything is written
    and synced, so an interrupted or failed export never leaves a half-written table behind.
    """
    if path == "-":
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: is a folder", "pass -o with a file name, or -o - for standard output")
    if not target.parent.is_dir():
        raise InputError(f"{target.parent}: no such folder", "create it first, or pass -o with another path")
    if target.exists() and not target.is_file():  # a pipe or a device (-o /dev/stdout) is a stream, not a file
        with open(target, "w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    target = Path(os.path.realpath(target))  # through a link to the file it names, as the shell's > writes
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _file_mode())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def export(db: sqlite_utils.Database, scheme: Scheme, table: str, fmt: str, output: str) -> int:
    """Write one table in one format to ``output`` (a path, or ``-``); returns how many records were written."""
    from provenance.analysis import formats

    check_request(table, fmt)
    with open_output(output) as out:
        if fmt in DOCUMENT_FORMATS:
            records = iter_article_labels(db, article_fields=table == "labels")
            return formats.write_documents(fmt, records, scheme, out)
        built = build_table(db, scheme, table)
        return formats.write_table(fmt, built.columns, built.rows, out)
