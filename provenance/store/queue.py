"""The annotator's queue: which articles to show, in what order, with what status — as indexed SQL.

Everything here must stay instant at 100,000 articles, so nothing loads the whole corpus: the queue is counted and
read one page at a time (by offset, for a virtual list), and an article's status comes from ``label_state``, the
trigger-maintained current value of every field (migration 0004), never from replaying the event log.

Statuses, for one annotator: ``done`` (every required field set), ``skipped`` (an active skip, not done),
``partly`` (some required field set), ``unlabelled``; ``disagreement`` is reported beside them when two annotators'
current values of a required field differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

FILTERS = ("todo", "all", "mine", "disagreements", "outlet", "language")
"""``todo``: unlabelled and partly labelled (the default); ``mine``: articles this annotator labelled or skipped;
``outlet``/``language``: articles of one outlet (publisher domain or labelled outlet) or language."""

SKIP_FIELD = ""
"""Skips are events on the empty field, so they never collide with a field of the scheme."""


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What the queue shows: a filter ``mode`` (with its ``value`` for outlet/language) and an optional search."""

    mode: str = "todo"
    value: str = ""
    search: str = ""

    def describe(self) -> str:
        """A short human description, e.g. ``outlet = rt.com · "Kharkov"``."""
        text = {"todo": "to do", "mine": "mine", "all": "all", "disagreements": "disagreements"}.get(
            self.mode, f"{self.mode} = {self.value}"
        )
        return f'{text} · "{self.search}"' if self.search else text


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the queue."""

    article_id: str
    title: str
    outlet: str
    language: str
    date: str
    status: str
    disagreement: bool


def fts_query(text: str) -> str:
    """The user's words as an FTS5 query that cannot be a syntax error: each word quoted, all required, the last
    one as a prefix so the results follow the typing."""
    words = [w.replace('"', '""') for w in text.split()]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _marks(values: Any) -> str:
    return ",".join("?" * len(values))


def _where(flt: QueueFilter, annotator: str, required: tuple[str, ...]) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``queue_order q``) and its parameters for a filter."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.mode == "todo":
        clauses.append(
            "NOT EXISTS (SELECT 1 FROM label_state s WHERE s.article_id = q.article_id AND s.annotator = ?"
            " AND s.target = '' AND s.field = ?)"
        )
        params += [annotator, SKIP_FIELD]
        if required:
            clauses.append(
                "(SELECT count(*) FROM label_state s WHERE s.article_id = q.article_id AND s.annotator = ? AND s.target = ''"
                f" AND s.field IN ({_marks(required)})) < ?"
            )
            params += [annotator, *required, len(required)]
    elif flt.mode == "mine":
        clauses.append(
            "EXISTS (SELECT 1 FROM label_state s WHERE s.article_id = q.article_id AND s.annotator = ? AND s.target = '')"
        )
        params.append(annotator)
    elif flt.mode == "disagreements":
        clauses.append(f"q.article_id IN ({_disagreement_sql(required)})")
        params += [*required]
    elif flt.mode == "outlet":
        clauses.append(
            "(q.publisher_domain = ? OR q.article_id IN (SELECT article_id FROM label_state"
            " WHERE field = 'outlet' AND value = ? AND target = ''))"
        )
        params += [flt.value, flt.value]
    elif flt.mode == "language":
        clauses.append("q.language = ?")
        params.append(flt.value)
    query = fts_query(flt.search)
    if query:
        clauses.append("q.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(query)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _disagreement_sql(required: tuple[str, ...]) -> str:
    """Article ids where annotators' current values of a required field differ (parameters: the required fields).
    One pass over those fields' labels, grouped; no self-join."""
    fields = _marks(required) if required else "NULL"
    return (
        "SELECT article_id FROM label_state WHERE target = '' AND field IN"
        f" ({fields}) GROUP BY article_id, field HAVING count(DISTINCT lower(trim(value))) > 1"
    )


def count(db: sqlite_utils.Database, annotator: str, required: tuple[str, ...], flt: QueueFilter) -> int:
    """How many articles the filter shows (the virtual list's length)."""
    if not flt.search and flt.mode == "all":
        return total(db)
    if not flt.search and flt.mode == "todo":
        return total(db) - closed(db, annotator, required)
    where, params = _where(flt, annotator, required)
    return db.execute(f"SELECT count(*) FROM queue_order q{where}", params).fetchone()[0]


def total(db: sqlite_utils.Database) -> int:
    """How many articles are stored (counted on the narrow queue table)."""
    return db.execute("SELECT count(*) FROM queue_order").fetchone()[0]


def closed(db: sqlite_utils.Database, annotator: str, required: tuple[str, ...]) -> int:
    """How many stored articles this annotator has done or skipped: read from their own labels only."""
    fields = _marks(required) if required else "NULL"
    return db.execute(
        "SELECT count(*) FROM (SELECT article_id FROM label_state WHERE annotator = ? AND target = ''"
        f" AND (field = ? OR field IN ({fields})) GROUP BY article_id"
        f" HAVING max(field = ?) = 1 OR sum(field IN ({fields})) >= ?) c"
        " WHERE EXISTS (SELECT 1 FROM queue_order q WHERE q.article_id = c.article_id)",
        [annotator, SKIP_FIELD, *required, SKIP_FIELD, *required, max(len(required), 1)],
    ).fetchone()[0]


def page(
    db: sqlite_utils.Database,
    annotator: str,
    required: tuple[str, ...],
    flt: QueueFilter,
    offset: int,
    limit: int,
) -> list[QueueRow]:
    """``limit`` rows of the queue from ``offset``, in ingest order, each with this annotator's status."""
    where, params = _where(flt, annotator, required)
    ids = [
        r[0]
        for r in db.execute(
            f"SELECT q.article_id FROM queue_order q{where} ORDER BY q.seq LIMIT ? OFFSET ?", [*params, limit, offset]
        )
    ]
    if not ids:
        return []
    meta = {
        r[0]: r[1:]
        for r in db.execute(
            f"SELECT id, title, publisher_domain, language, published FROM articles WHERE id IN ({_marks(ids)})", ids
        )
    }
    states = statuses(db, ids, annotator, required)
    outlets = labelled_outlets(db, ids, annotator)
    rows = []
    for id_ in ids:
        title, domain, language, published = meta.get(id_, ("", "", "", ""))
        rows.append(
            QueueRow(
                article_id=id_,
                title=title or "",
                outlet=outlets.get(id_) or domain or "",
                language=language or "",
                date=published or "",
                status=states[id_][0],
                disagreement=states[id_][1],
            )
        )
    return rows


def statuses(
    db: sqlite_utils.Database, article_ids: list[str], annotator: str, required: tuple[str, ...]
) -> dict[str, tuple[str, bool]]:
    """(status, in disagreement) of each article for this annotator."""
    if not article_ids:
        return {}
    filled: dict[str, int] = {}
    skipped: set[str] = set()
    for article_id, field in db.execute(
        f"SELECT article_id, field FROM label_state WHERE article_id IN ({_marks(article_ids)})"
        " AND annotator = ? AND target = ''",
        [*article_ids, annotator],
    ):
        if field == SKIP_FIELD:
            skipped.add(article_id)
        elif field in required:
            filled[article_id] = filled.get(article_id, 0) + 1
    disagreeing: set[str] = set()
    if required:
        # The "+" keeps SQLite on the article key rather than walking every label of those fields.
        disagreeing = {
            r[0]
            for r in db.execute(
                f"SELECT article_id FROM label_state WHERE article_id IN ({_marks(article_ids)}) AND +target = ''"
                f" AND +field IN ({_marks(required)}) GROUP BY article_id, field"
                " HAVING count(DISTINCT lower(trim(value))) > 1",
                [*article_ids, *required],
            )
        }
    result: dict[str, tuple[str, bool]] = {}
    for article_id in article_ids:
        n = filled.get(article_id, 0)
        if required and n >= len(required):
            status = "done"
        elif article_id in skipped:
            status = "skipped"
        elif n:
            status = "partly"
        else:
            status = "unlabelled"
        result[article_id] = (status, article_id in disagreeing)
    return result


def status(db: sqlite_utils.Database, article_id: str, annotator: str, required: tuple[str, ...]) -> str:
    """One article's status for this annotator (as :func:`statuses`, without the disagreement flag): a seek on
    ``label_state``'s key, the few rows of this annotator's labels of this article."""
    fields = {
        r[0]
        for r in db.execute(
            "SELECT field FROM label_state WHERE article_id = ? AND annotator = ? AND target = ''",
            [article_id, annotator],
        )
    }
    n = len(fields.intersection(required))
    if required and n >= len(required):
        return "done"
    if SKIP_FIELD in fields:
        return "skipped"
    return "partly" if n else "unlabelled"


def labelled_outlets(db: sqlite_utils.Database, article_ids: list[str], annotator: str) -> dict[str, str]:
    """The outlet this annotator gave each article, where given."""
    if not article_ids:
        return {}
    return dict(
        db.execute(
            f"SELECT article_id, value FROM label_state WHERE article_id IN ({_marks(article_ids)})"
            " AND annotator = ? AND target = '' AND field = 'outlet'",
            [*article_ids, annotator],
        ).fetchall()
    )


@dataclass(frozen=True, slots=True)
class Progress:
    """How far one annotator is: ``done`` of ``total`` articles labelled, ``skipped`` set aside."""

    done: int
    skipped: int
    total: int

    def __str__(self) -> str:
        return f"{self.done}/{self.total} labelled"


def progress(db: sqlite_utils.Database, annotator: str, required: tuple[str, ...]) -> Progress:
    """Counts from ``label_state`` alone (indexed by annotator), plus the article count."""
    done = 0
    if required:
        done = db.execute(
            "SELECT count(*) FROM (SELECT article_id FROM label_state WHERE annotator = ? AND target = ''"
            f" AND field IN ({_marks(required)}) GROUP BY article_id HAVING count(*) >= ?)",
            [annotator, *required, len(required)],
        ).fetchone()[0]
    skipped = db.execute(
        "SELECT count(*) FROM label_state WHERE annotator = ? AND target = '' AND field = ?", [annotator, SKIP_FIELD]
    ).fetchone()[0]
    return Progress(done=done, skipped=skipped, total=total(db))


def position(db: sqlite_utils.Database, annotator: str, required: tuple[str, ...], flt: QueueFilter, article_id: str) -> int:
    """The offset of an article in the filtered queue, or -1 when the filter does not show it."""
    row = db.execute("SELECT seq FROM queue_order WHERE article_id = ?", [article_id]).fetchone()
    if row is None:
        return -1
    where, params = _where(flt, annotator, required)
    joiner = " AND" if where else " WHERE"
    shown = db.execute(f"SELECT 1 FROM queue_order q{where}{joiner} q.seq = ?", [*params, row[0]]).fetchone()
    if shown is None:
        return -1
    return db.execute(f"SELECT count(*) FROM queue_order q{where}{joiner} q.seq < ?", [*params, row[0]]).fetchone()[0]


def neighbour(
    db: sqlite_utils.Database,
    annotator: str,
    required: tuple[str, ...],
    flt: QueueFilter,
    article_id: str | None,
    step: int = 1,
) -> str | None:
    """The next (``step`` 1) or previous (-1) article after ``article_id`` in ingest order that the filter shows
    (the first one when ``article_id`` is None). A keyset query: no offset to walk."""
    where, params = _where(flt, annotator, required)
    if article_id is not None:
        row = db.execute("SELECT seq FROM queue_order WHERE article_id = ?", [article_id]).fetchone()
        if row is not None:
            op = ">" if step > 0 else "<"
            where = f"{where}{' AND' if where else ' WHERE'} q.seq {op} ?"
            params = [*params, row[0]]
    order = "ASC" if step > 0 else "DESC"
    found = db.execute(
        f"SELECT q.article_id FROM queue_order q{where} ORDER BY q.seq {order} LIMIT 1", params
    ).fetchone()
    return found[0] if found else None


def resume_point(db: sqlite_utils.Database, annotator: str, required: tuple[str, ...]) -> str | None:
    """Where this annotator stopped: the article of their newest event if it still needs work, else the next article
    to do after it (wrapping round), else the first article."""
    last = db.execute(
        "SELECT article_id FROM label_events WHERE annotator = ? ORDER BY created_at DESC, id DESC LIMIT 1",
        [annotator],
    ).fetchone()
    todo = QueueFilter("todo")
    if last is not None:
        status, _ = statuses(db, [last[0]], annotator, required).get(last[0], ("", False))
        stored = db.execute("SELECT 1 FROM queue_order WHERE article_id = ?", [last[0]]).fetchone()
        if status in ("unlabelled", "partly") and stored:
            return last[0]
        found = neighbour(db, annotator, required, todo, last[0]) or neighbour(db, annotator, required, todo, None)
        if found:
            return found
    return neighbour(db, annotator, required, todo, None) or neighbour(
        db, annotator, required, QueueFilter("all"), None
    )


def used_outlets(db: sqlite_utils.Database, limit: int = 5000) -> list[str]:
    """Outlet names already given by any annotator, most used first (for autocompletion)."""
    return [
        r[0]
        for r in db.execute(
            "SELECT value FROM label_state WHERE field = 'outlet' AND target = '' AND value != ''"
            " GROUP BY value ORDER BY count(*) DESC LIMIT ?",
            [limit],
        )
    ]


def languages(db: sqlite_utils.Database) -> list[str]:
    """Every language in the corpus (the ``language`` index makes this a cheap distinct scan)."""
    return [r[0] for r in db.execute("SELECT DISTINCT language FROM queue_order WHERE language != '' ORDER BY 1")]


def publisher_domains(db: sqlite_utils.Database, limit: int = 500) -> list[str]:
    """Publisher domains of the corpus, most frequent first."""
    return [
        r[0]
        for r in db.execute(
            "SELECT publisher_domain FROM queue_order WHERE publisher_domain != '' GROUP BY 1 ORDER BY count(*) DESC"
            " LIMIT ?",
            [limit],
        )
    ]
