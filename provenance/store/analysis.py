"""What the extractors found, stored per article so the TUI and the comparison read it without recomputing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from provenance.extract.spans import Analysis, Marker, Passage, Source
from provenance.store import counts
from provenance.store.counts import counts_of


@dataclass(frozen=True, slots=True)
class AnalysisRows:
    """An article's analysis as the rows it is stored in: built where the analysis ran (an ingest worker process),
    so the process holding the write lock only inserts plain tuples."""

    article_id: str
    version: str
    sources: list[tuple]
    passages: list[tuple]
    markers: list[tuple]
    counts: tuple
    cited: list[tuple]


def analysis_rows(article_id: str, analysis: Analysis) -> AnalysisRows:
    """The ``sources``, ``passages`` and ``markers`` rows of one analysis; passage ids are ``<article id>:<n>``."""
    sources = [
        (article_id, s.kind, s.text, s.start, s.end, s.url, s.domain, s.outlet, s.cue, s.role, s.speaker_kind,
         s.sentence_start, s.sentence_end)
        for s in analysis.sources
    ]
    passages: list[tuple] = []
    markers: list[tuple] = []
    in_passages: set[tuple[str, int, int]] = set()
    for index, p in enumerate(analysis.passages):
        passage_id = f"{article_id}:{index}"
        passages.append((passage_id, article_id, p.start, p.end, p.score, p.why))
        for m in p.markers:
            markers.append((article_id, passage_id, m.kind, m.start, m.end, m.text, m.why))
            in_passages.add((m.kind, m.start, m.end))
    for m in analysis.markers:
        if (m.kind, m.start, m.end) not in in_passages:
            markers.append((article_id, "", m.kind, m.start, m.end, m.text, m.why))
    return AnalysisRows(article_id, analysis.version, sources, passages, markers, *counts_of(article_id, sources, markers))


def save_analysis(db: sqlite_utils.Database, article_id: str, analysis: Analysis) -> None:
    """Replace the stored sources, passages and markers of one article. The caller owns the transaction."""
    save_many(db, [(article_id, analysis)])


def save_many(db: sqlite_utils.Database, analyses: list[tuple[str, Analysis]]) -> None:
    """Replace the analyses of several articles at once (reanalyse writes in batches).

    The caller owns the transaction (``with db.atomic():``); nothing here commits.
    """
    if not analyses:
        return
    ids = [article_id for article_id, _ in analyses]
    for table in ("sources", "markers", "passages"):
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            db.execute(f"DELETE FROM {table} WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)
    counts.forget(db, ids)
    rows = [analysis_rows(article_id, analysis) for article_id, analysis in analyses]
    insert_rows(db, rows)
    db.conn.executemany("UPDATE articles SET extractor_version = ? WHERE id = ?", [(r.version, r.article_id) for r in rows])


def insert_rows(db: sqlite_utils.Database, rows: Sequence[AnalysisRows]) -> None:
    """Insert the analyses of articles that have none stored (new articles: their version went in with them), and
    their counts for the comparison."""
    # Plain executemany: sqlite-utils' insert_all inspects every value of every row, which costs more than the
    # insert itself at a few dozen spans per article.
    db.conn.executemany(
        'INSERT INTO sources (article_id, kind, text, start, "end", url, domain, outlet, cue, role, speaker_kind,'
        " sentence_start, sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [row for r in rows for row in r.sources],
    )
    db.conn.executemany(
        'INSERT INTO passages (id, article_id, start, "end", score, why) VALUES (?, ?, ?, ?, ?, ?)',
        [row for r in rows for row in r.passages],
    )
    db.conn.executemany(
        'INSERT INTO markers (article_id, passage_id, kind, start, "end", text, why) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [row for r in rows for row in r.markers],
    )
    counts.insert(db, [r.counts for r in rows], [row for r in rows for row in r.cited])


def load_sources(db: sqlite_utils.Database, article_id: str) -> list[Source]:
    """The stored sources of one article, in text order."""
    cursor = db.execute(
        'SELECT kind, text, start, "end", url, domain, outlet, cue, role, speaker_kind, sentence_start, sentence_end'
        " FROM sources WHERE article_id = ? ORDER BY start",
        [article_id],
    )
    return [Source(*(v if v is not None else "" for v in row)) for row in cursor.fetchall()]


def load_passages(db: sqlite_utils.Database, article_id: str) -> list[tuple[str, Passage]]:
    """The stored passages of one article with their ids, best first, each with its markers."""
    text_row = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
    text = text_row[0] if text_row else ""
    markers: dict[str, list[Marker]] = {}
    for passage_id, kind, start, end, marker_text, why in db.execute(
        'SELECT passage_id, kind, start, "end", text, why FROM markers WHERE article_id = ? ORDER BY start',
        [article_id],
    ):
        markers.setdefault(passage_id, []).append(Marker(kind, start, end, marker_text, why))
    return [
        (pid, Passage(start, end, text[start:end], score, why, markers.get(pid, [])))
        for pid, start, end, score, why in db.execute(
            'SELECT id, start, "end", score, why FROM passages WHERE article_id = ? ORDER BY score DESC, start',
            [article_id],
        )
    ]
