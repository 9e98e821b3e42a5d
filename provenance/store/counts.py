"""Per-article span counts for the outlet comparison (the tables of migration 0009), written with the spans they count.

Comparing outlets sums these per outlet: counting 2,000,000 markers at every comparison would take seconds, counting
one article's spans as it is stored costs microseconds. The counts are made from the very rows that are inserted
(by an ingest worker process, along with the rows), so they cannot disagree with them. Every writer of sources or
markers goes through :func:`provenance.store.analysis.insert_rows` or :func:`recount_boilerplate`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import sqlite_utils

from provenance.store.migrations import COUNTED_MARKER_KINDS

_NAMED_KINDS = frozenset({"person", "organization", "outlet"})
_MARKER_COLUMN = {kind: index for index, kind in enumerate(COUNTED_MARKER_KINDS)}
_COLUMNS = [f"m_{kind}" for kind in COUNTED_MARKER_KINDS] + ["s_anonymous", "s_named", "s_links"]
_INSERT_COUNTS = (
    f"INSERT OR REPLACE INTO article_counts (article_id, {', '.join(_COLUMNS)})"
    f" VALUES (?, {', '.join('?' * len(_COLUMNS))})"
)


def counts_of(article_id: str, source_rows: Sequence[tuple], marker_rows: Sequence[tuple]) -> tuple[tuple, list[tuple]]:
    """The ``article_counts`` row and the ``article_cited`` rows of one article, from its ``sources`` rows
    (kind, outlet and role at positions 1, 7 and 9) and ``markers`` rows (kind at position 2)."""
    markers = [0] * len(COUNTED_MARKER_KINDS)
    for row in marker_rows:
        column = _MARKER_COLUMN.get(row[2])
        if column is not None:
            markers[column] += 1
    anonymous = named = links = 0
    cited: Counter[str] = Counter()
    for row in source_rows:
        kind, outlet, role = row[1], row[7], row[9]
        if role != "declared":
            anonymous += kind == "anonymous"
            named += kind in _NAMED_KINDS
        links += kind == "url" and role == "body"
        if outlet and role != "internal":
            cited[outlet] += 1
    return (article_id, *markers, anonymous, named, links), [(article_id, o, n) for o, n in cited.items()]


def insert(db: sqlite_utils.Database, counts: Sequence[tuple], cited: Sequence[tuple]) -> None:
    """Store the counts of articles whose spans were just inserted (their old counts forgotten beforehand)."""
    db.conn.executemany(_INSERT_COUNTS, counts)
    db.conn.executemany("INSERT INTO article_cited (article_id, outlet, n) VALUES (?, ?, ?)", cited)


def forget(db: sqlite_utils.Database, article_ids: Sequence[str]) -> None:
    """Drop the counts of articles whose spans are being replaced."""
    for i in range(0, len(article_ids), 500):
        chunk = list(article_ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM article_counts WHERE article_id IN ({marks})", chunk)
        db.execute(f"DELETE FROM article_cited WHERE article_id IN ({marks})", chunk)


def recount_boilerplate(db: sqlite_utils.Database, article_id: str) -> None:
    """Count again the ``boilerplate`` markers of an article whose repeated paragraphs were refreshed."""
    db.execute(
        "INSERT INTO article_counts (article_id, m_boilerplate)"
        " VALUES (?1, (SELECT count(*) FROM markers WHERE article_id = ?1 AND kind = 'boilerplate'))"
        " ON CONFLICT (article_id) DO UPDATE SET m_boilerplate = excluded.m_boilerplate",
        [article_id],
    )
