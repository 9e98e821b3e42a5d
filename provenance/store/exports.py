"""Read queries behind exports, agreement and adjudication: streamed cursors, never whole tables in memory.

Two label rules live here next to the ``current_labels`` view. An annotator's *own* label of a field is their
newest ``set``/``clear`` event that no ``undo`` points at (``adjudicate`` events are left out, so an adjudicator's
ruling never counts as one more vote). The *adjudicated* value is the newest ``adjudicate`` event of any
adjudicator that was not undone; an empty value withdraws the ruling.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import sqlite_utils

from provenance.store.labels import NOT_UNDONE

OWN_LABELS_CTE = f"""
own AS (
    SELECT article_id, annotator, target, field, value, created_at FROM (
        SELECT e.article_id, e.annotator, e.target, e.field, e.value, e.action, e.created_at,
               ROW_NUMBER() OVER (
                   PARTITION BY e.article_id, e.annotator, e.target, e.field
                   ORDER BY e.created_at DESC, e.id DESC
               ) AS rank
        FROM label_events e
        WHERE e.action IN ('set', 'clear')
          AND {NOT_UNDONE}
    )
    WHERE rank = 1 AND action = 'set'
)"""

ADJUDICATED_CTE = f"""
adjudicated AS (
    SELECT article_id, target, field, value, annotator, created_at FROM (
        SELECT e.article_id, e.target, e.field, e.value, e.annotator, e.created_at,
               ROW_NUMBER() OVER (
                   PARTITION BY e.article_id, e.target, e.field ORDER BY e.created_at DESC, e.id DESC
               ) AS rank
        FROM label_events e
        WHERE e.action = 'adjudicate'
          AND {NOT_UNDONE}
    )
    WHERE rank = 1 AND value != ''
)"""

EVENT_COLUMNS = ("id", "article_id", "annotator", "field", "value", "target", "action", "undoes", "created_at")


def _quote(name: str) -> str:
    """A column alias safe to put in SQL whatever the scheme calls its field."""
    return '"' + name.replace('"', '""') + '"'


def stream(db: sqlite_utils.Database, sql: str, params: Sequence = ()) -> tuple[list[str], Iterator[tuple]]:
    """Column names and a lazy cursor over the rows: exports write rows as SQLite produces them."""
    cursor = db.execute(sql, list(params))
    return [d[0] for d in cursor.description], cursor


def labels_sql(field_ids: Sequence[str]) -> tuple[str, list[str]]:
    """One row per article and annotator with a column per field, their first and last event, and seconds between.

    One pass over the log: every event but rulings counts for the time span, and a window marks each field's
    current own label (the newest ``set``/``clear`` not undone, kept when it is a ``set``) for the pivot. Returns
    the SQL and its parameters, so a benchmark can hand the very same query to the ``sqlite3`` tool.
    """
    pivot = "".join(
        f",\n    max(CASE WHEN cur AND target = '' AND field = ? THEN value END) AS {_quote(field_id)}"
        for field_id in field_ids
    )
    sql = f"""
SELECT article_id, annotator{pivot},
    min(created_at) AS started_at, max(created_at) AS finished_at,
    round((julianday(max(created_at)) - julianday(min(created_at))) * 86400, 3) AS seconds
FROM (
    SELECT article_id, annotator, target, field, value, created_at,
        eligible AND action = 'set' AND ROW_NUMBER() OVER (
            PARTITION BY article_id, annotator, target, field ORDER BY eligible DESC, created_at DESC, id DESC
        ) = 1 AS cur
    FROM (
        SELECT e.*, (e.action IN ('set', 'clear')
            AND {NOT_UNDONE}) AS eligible
        FROM label_events e WHERE e.action != 'adjudicate'
    )
)
GROUP BY article_id, annotator
ORDER BY article_id, annotator"""
    return sql, list(field_ids)


def iter_labels(db: sqlite_utils.Database, field_ids: Sequence[str]) -> tuple[list[str], Iterator[tuple]]:
    """The ``labels`` table, streamed."""
    sql, params = labels_sql(field_ids)
    return stream(db, sql, params)


def events_sql() -> str:
    """The raw append-only log in time order."""
    return f"SELECT {', '.join(EVENT_COLUMNS)} FROM label_events ORDER BY created_at, id"


def iter_events(db: sqlite_utils.Database) -> tuple[list[str], Iterator[tuple]]:
    """The ``events`` table, streamed."""
    return stream(db, events_sql())


def _columns(db: sqlite_utils.Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({_quote(table)})")]


def iter_articles(db: sqlite_utils.Database) -> tuple[list[str], Iterator[tuple]]:
    """Every stored article with its metadata and text, in ingest order."""
    columns = ", ".join(_quote(c) for c in _columns(db, "articles"))
    return stream(db, f"SELECT {columns} FROM articles ORDER BY rowid")


def iter_sources(db: sqlite_utils.Database) -> tuple[list[str], Iterator[tuple]]:
    """Every extracted source, article by article in text order."""
    columns = ", ".join(_quote(c) for c in _columns(db, "sources"))
    return stream(db, f'SELECT {columns} FROM sources ORDER BY article_id, start, "end"')


def iter_passages(db: sqlite_utils.Database) -> tuple[list[str], Iterator[tuple]]:
    """Every suggested passage with its text (cut from the article by its offsets)."""
    return stream(
        db,
        'SELECT p.id, p.article_id, p.start, p."end", p.score, p.why,'
        ' substr(a.text, p.start + 1, p."end" - p.start) AS text'
        " FROM passages p JOIN articles a ON a.id = p.article_id ORDER BY p.article_id, p.start",
    )


def iter_passage_labels(db: sqlite_utils.Database) -> tuple[list[str], Iterator[tuple]]:
    """Each annotator's current passage labels, with the passage offsets and text."""
    return stream(
        db,
        f"""
WITH {OWN_LABELS_CTE}
SELECT o.article_id, o.target AS passage_id, p.start, p."end",
    substr(a.text, p.start + 1, p."end" - p.start) AS text,
    o.annotator, o.field, o.value, o.created_at
FROM own o
LEFT JOIN passages p ON p.id = o.target
LEFT JOIN articles a ON a.id = o.article_id
WHERE o.target != ''
ORDER BY o.article_id, p.start, o.target, o.annotator, o.field, o.value""",
    )


def iter_own_labels(
    db: sqlite_utils.Database, field_ids: Sequence[str] | None = None, *, passages: bool = False
) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(article_id, annotator, target, field, value, created_at) of every own current label, by article.

    Article-level labels only, unless ``passages``.
    """
    where = "o.target != ''" if passages else "o.target = ''"
    params: list[str] = []
    if field_ids is not None:
        where += f" AND o.field IN ({','.join('?' * len(field_ids))})"
        params = list(field_ids)
    yield from db.execute(
        f"WITH {OWN_LABELS_CTE} SELECT o.article_id, o.annotator, o.target, o.field, o.value, o.created_at"
        f" FROM own o WHERE {where} ORDER BY o.article_id, o.target, o.annotator, o.field",
        params,
    )


Labelling = tuple[tuple[str, str], ...]
"""The own current labels of one article and field: (annotator, value) pairs in annotator order."""


def count_own_labellings(
    db: sqlite_utils.Database, field_ids: Sequence[str]
) -> dict[str, tuple[Counter[Labelling], list[str]]]:
    """Per field: how many articles carry each distinct :data:`Labelling`, and the articles whose labels differ
    (two annotators or more, two values or more), in article order.

    The own label rule (see the module docstring) is answered by ``label_state`` wherever it holds a ``set``: the
    trigger keeps there the newest ``set``/``clear``/``adjudicate``/``skip`` not undone, so a ``set`` is the newest of
    the ``set``/``clear`` events too, and a missing row means a ``clear``. Read from the ``idx_label_state_votes``
    index, each article and field comes back as one JSON list and identical lists are counted by ``Counter`` in C.
    Only an article and field where that row is a ruling or a skip, or whose event was undone by an undo filed
    under another key (which the trigger does not see), is read again from the log (:func:`_own_labels_from_events`).
    """
    fields = list(field_ids)
    found: dict[str, tuple[Counter[Labelling], list[str]]] = {f: (Counter(), []) for f in fields}
    if not fields:
        return found
    marks = ",".join("?" * len(fields))
    stale = db.execute(
        f"""SELECT e.field, e.article_id FROM label_events u INDEXED BY idx_label_events_undoes
            JOIN label_events e ON e.id = u.undoes
            WHERE u.undoes > '' AND u.action = 'undo' AND e.target = '' AND e.field IN ({marks})
              AND (u.article_id, u.annotator, u.target, u.field)
                  IS NOT (e.article_id, e.annotator, e.target, e.field)""",
        fields,
    ).fetchall()
    also_stale = (" OR (field, article_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')"
                  " FROM json_each(?))" if stale else "")
    rows = Counter(db.execute(
        f"""SELECT field, kind, iif(kind, article_id, NULL), votes FROM (
                SELECT field, article_id, json_group_array(json_array(annotator, value)) AS votes,
                       CASE WHEN max(action != 'set'){also_stale} THEN 2 WHEN min(value) != max(value) THEN 1 ELSE 0 END
                       AS kind
                FROM label_state INDEXED BY idx_label_state_votes WHERE target = '' AND field IN ({marks})
                GROUP BY field, article_id)""",
        [json.dumps(stale), *fields] if stale else fields,
    ))
    parsed: dict[str, Labelling] = {}
    recheck = set(stale)
    for (field_, kind, article_id, votes), n in rows.items():
        if kind == 2:
            recheck.add((field_, article_id))
            continue
        labelling = parsed.get(votes)
        if labelling is None:
            labelling = parsed[votes] = tuple(sorted((a, v) for a, v in json.loads(votes)))
        found[field_][0][labelling] += n
        if kind == 1:
            found[field_][1].append(article_id)
    for (field_, article_id), labelling in _own_labels_from_events(db, recheck).items():
        found[field_][0][labelling] += 1
        if len({v for _, v in labelling}) > 1:
            found[field_][1].append(article_id)
    for _, disagreements in found.values():
        disagreements.sort()  # str order is SQLite's BINARY order of the UTF-8 text
    return found


def _own_labels_from_events(db: sqlite_utils.Database, keys: set[tuple[str, str]]) -> dict[tuple[str, str], Labelling]:
    """{(field, article_id): labelling} by the own label rule over the event log, for a few articles and fields.

    The event lookups are pinned to their index, and the undo check is :data:`~provenance.store.labels.NOT_UNDONE`:
    statistics from ANALYZE can otherwise send the planner through the whole log.
    """
    if not keys:
        return {}
    by_key: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for article_id, annotator, field_, value in db.execute(
        f"""SELECT article_id, annotator, field, value FROM (
               SELECT e.article_id, e.annotator, e.field, e.value, e.action, ROW_NUMBER() OVER (
                          PARTITION BY e.article_id, e.annotator, e.field ORDER BY e.created_at DESC, e.id DESC
                      ) AS rank
               FROM label_events e INDEXED BY idx_label_events_article_id_annotator
               WHERE e.article_id IN (SELECT value FROM json_each(?)) AND e.target = ''
                 AND e.action IN ('set', 'clear') AND e.field IN (SELECT value FROM json_each(?))
                 AND {NOT_UNDONE}
           ) WHERE rank = 1 AND action = 'set'""",
        [json.dumps(sorted({a for _, a in keys})), json.dumps(sorted({f for f, _ in keys}))],
    ):
        if (field_, article_id) in keys:
            by_key.setdefault((field_, article_id), []).append((annotator, value))
    return {key: tuple(sorted(pairs)) for key, pairs in by_key.items()}


def iter_article_own_labels(db: sqlite_utils.Database, article_id: str) -> Iterator[tuple[str, str, str, str, str, str]]:
    """Like :func:`iter_own_labels` for the article fields of one article (a review screen's page)."""
    yield from db.execute(
        "SELECT article_id, annotator, target, field, value, created_at FROM ("
        "  SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.annotator, e.field ORDER BY e.created_at DESC, e.id DESC) AS rank"
        "  FROM label_events e WHERE e.article_id = ? AND e.target = '' AND e.action IN ('set', 'clear')"
        f"  AND {NOT_UNDONE}"
        ") WHERE rank = 1 AND action = 'set' ORDER BY annotator, field",
        [article_id],
    )


def article_has_labels(db: sqlite_utils.Database, article_id: str) -> bool:
    """Whether any label event names this article."""
    return db.execute("SELECT 1 FROM label_events WHERE article_id = ? LIMIT 1", [article_id]).fetchone() is not None


def iter_label_details(
    db: sqlite_utils.Database, *, article_fields: bool = True, passages: bool = True
) -> Iterator[tuple[str, str, str, str, str, str, int | None, int | None]]:
    """(article_id, annotator, target, field, value, created_at, start, end) of own current labels, by article.

    ``start``/``end`` are the passage offsets for passage labels (None for article fields).
    """
    kinds = []
    if article_fields:
        kinds.append("o.target = ''")
    if passages:
        kinds.append("o.target != ''")
    where = " OR ".join(kinds) or "0"
    yield from db.execute(
        f"""WITH {OWN_LABELS_CTE}
SELECT o.article_id, o.annotator, o.target, o.field, o.value, o.created_at, p.start, p."end"
FROM own o LEFT JOIN passages p ON p.id = o.target
WHERE {where}
ORDER BY o.article_id, o.annotator, p.start, o.target, o.field"""
    )


def iter_work_spans(db: sqlite_utils.Database) -> Iterator[tuple[str, str, str, str]]:
    """(article_id, annotator, first event, last event) of every annotator on every article, by article."""
    yield from db.execute(
        "SELECT article_id, annotator, min(created_at), max(created_at) FROM label_events"
        " WHERE action != 'adjudicate' GROUP BY article_id, annotator ORDER BY article_id, annotator"
    )


def iter_vote_counts(db: sqlite_utils.Database) -> Iterator[tuple[str, str, str, int]]:
    """(article_id, field, value, votes) of article-level own labels, grouped by article: what consensus counts."""
    yield from db.execute(
        f"WITH {OWN_LABELS_CTE} SELECT article_id, field, value, count(*) FROM own WHERE target = ''"
        " GROUP BY article_id, field, value ORDER BY article_id, field, count(*) DESC, value"
    )


def adjudicated_values(
    db: sqlite_utils.Database, article_ids: Iterable[str] | None = None
) -> dict[tuple[str, str], tuple[str, str]]:
    """{(article_id, field): (value, adjudicator)} of article-level rulings, for some articles or all."""
    sql = f"WITH {ADJUDICATED_CTE} SELECT article_id, field, value, annotator FROM adjudicated WHERE target = ''"
    if article_ids is None:
        return {(a, f): (v, who) for a, f, v, who in db.execute(sql)}
    ids = list(article_ids)
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = db.execute(sql + f" AND article_id IN ({','.join('?' * len(chunk))})", chunk)
        found.update({(a, f): (v, who) for a, f, v, who in rows})
    return found


def iter_adjudicated(db: sqlite_utils.Database) -> Iterator[tuple[str, str, str]]:
    """(article_id, field, value) of every article-level ruling, by article."""
    yield from db.execute(
        f"WITH {ADJUDICATED_CTE} SELECT article_id, field, value FROM adjudicated WHERE target = ''"
        " ORDER BY article_id, field"
    )


def article_texts(db: sqlite_utils.Database, article_ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """{article_id: (text, title, url)} for the given articles, fetched 500 at a time."""
    ids = list(article_ids)
    found: dict[str, tuple[str, str, str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = db.execute(
            f"SELECT id, text, title, url FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
        )
        found.update({r[0]: (r[1] or "", r[2] or "", r[3] or "") for r in rows})
    return found


def article_titles(db: sqlite_utils.Database, article_ids: Iterable[str]) -> dict[str, str]:
    """{article_id: title} for the given articles."""
    return {k: title for k, (_, title, _) in article_texts(db, article_ids).items()}


def find_articles(db: sqlite_utils.Database, refs: Iterable[str]) -> dict[str, list[str]]:
    """Which article ids each reference names: its id, its URL, its origin path, or the file name of its origin.

    Exact matches (id, URL, origin) win; the file name is tried only for references that matched nothing. A
    reference naming several articles maps to all of them, so the caller can say it is ambiguous.
    """
    refs = list(dict.fromkeys(r for r in refs if r))
    found: dict[str, list[str]] = {}
    for i in range(0, len(refs), 300):
        chunk = refs[i : i + 300]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT id, id FROM articles WHERE id IN ({marks})"
            f" UNION ALL SELECT url, id FROM articles WHERE url IN ({marks})"
            f" UNION ALL SELECT origin, id FROM articles WHERE origin IN ({marks})",
            chunk * 3,
        )
        for ref, article_id in rows:
            ids = found.setdefault(ref, [])
            if article_id not in ids:
                ids.append(article_id)
    missing = {r for r in refs if r not in found}
    if missing:
        for article_id, origin in db.execute("SELECT id, origin FROM articles WHERE origin != ''"):
            name = os.path.basename(origin.replace("\\", "/"))
            if name in missing:
                ids = found.setdefault(name, [])
                if article_id not in ids:
                    ids.append(article_id)
    return found
