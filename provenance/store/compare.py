"""The aggregates behind ``provenance compare``: one GROUP BY per question, over indexed tables.

Every article is first given its outlet (labelled, else suggested: :mod:`provenance.store.outlets`) in a temporary
table ``temp.cmp_article`` together with its word count; every later query joins on it and groups by outlet, so the
cost grows with the number of stored spans, never with a Python loop over rows. Current labels are copied once into
``temp.cmp_label``. The result is plain rows (:class:`Aggregates`); the statistics are computed in
``analysis/compare.py``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sqlite_utils

from provenance.store.outlets import (
    SUGGESTED_SQL,
    UNKNOWN,
    DomainLookup,
    drop_suggestions,
    scratch,
    label_table,
    labelled_outlets_sql,
    prepare_suggestions,
)

WORDS_SQL = "(length({col}) - length(replace(replace({col}, ' ', ''), char(10), '')) + 1)"
"""Approximate word count of a text column: spaces and newlines plus one, computed without leaving SQLite."""

ARTICLE_FIELDS = ("stance", "reliability", "origin")
PASSAGE_FIELDS = ("frames", "techniques")


@dataclass
class Aggregates:
    """Raw per-outlet numbers, keyed by outlet name. Sums of squares feed the intervals of per-word rates."""

    corpus: dict[str, dict] = field(default_factory=dict)
    languages: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    labelled: dict[str, int] = field(default_factory=dict)
    labels: dict[str, dict[str, dict[str, int]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(dict)))
    multi_annotated: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    cited: dict[str, dict[str, tuple[int, int]]] = field(default_factory=lambda: defaultdict(dict))
    source_kinds: dict[str, dict[str, tuple[int, int]]] = field(default_factory=lambda: defaultdict(dict))
    declared: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    span_sums: dict[str, dict[str, tuple[int, int, int]]] = field(default_factory=lambda: defaultdict(dict))
    naming: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    accepted_passages: dict[str, int] = field(default_factory=dict)
    passage_labels: dict[str, dict[str, dict[str, int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    boilerplate: list[dict] = field(default_factory=list)


def _words_source(db: sqlite_utils.Database) -> str:
    """Stored word counts when the schema keeps them (filled by a trigger at insert), else computed on the fly."""
    if db["article_words"].exists():
        with scratch(db):
            db.execute(
                f"INSERT OR IGNORE INTO article_words (article_id, words) SELECT id, {WORDS_SQL.format(col='text')}"
                " FROM articles WHERE id NOT IN (SELECT article_id FROM article_words)"
            )
        return "(SELECT words FROM article_words w WHERE w.article_id = a.id)"
    return WORDS_SQL.format(col="a.text")


def build_scope(db: sqlite_utils.Database, lookup: DomainLookup | None, words: str) -> None:
    """Give every article its outlet, word count, language and date in ``temp.cmp_article``; copy current labels."""
    prepare_suggestions(db, lookup)
    for name in ("cmp_article", "cmp_label", "cmp_outlet_label"):
        db.execute(f"DROP TABLE IF EXISTS temp.{name}")
    db.execute(
        f"CREATE TEMP TABLE cmp_label AS SELECT article_id, annotator, target, field, value, action FROM {label_table(db)}"
    )
    db.execute("CREATE INDEX temp.cmp_label_target ON cmp_label (target, field, value)")
    db.execute("CREATE INDEX temp.cmp_label_article ON cmp_label (article_id, field)")
    db.execute(f"CREATE TEMP TABLE cmp_outlet_label AS {labelled_outlets_sql(db)}")
    db.execute("CREATE UNIQUE INDEX temp.cmp_outlet_label_id ON cmp_outlet_label (article_id)")
    db.execute(
        f"""CREATE TEMP TABLE cmp_article (
                article_id TEXT PRIMARY KEY, outlet TEXT, suggested INT, words INT, language TEXT, published TEXT
            ) WITHOUT ROWID"""
    )
    db.execute(
        f"""INSERT INTO temp.cmp_article
            SELECT a.id, COALESCE(l.outlet, {SUGGESTED_SQL}, '{UNKNOWN}'), l.outlet IS NULL, max(COALESCE({words}, 0), 0),
                   COALESCE(a.language, ''), COALESCE(a.published, '')
            FROM articles a LEFT JOIN temp.cmp_outlet_label l ON l.article_id = a.id"""
    )


def drop_scope(db: sqlite_utils.Database) -> None:
    """Drop the temporary tables (the connection may be a long-lived one shared with the annotator)."""
    for name in ("cmp_article", "cmp_label", "cmp_outlet_label"):
        db.execute(f"DROP TABLE IF EXISTS temp.{name}")
    drop_suggestions(db)


def aggregates(db: sqlite_utils.Database, lookup: DomainLookup | None = None) -> Aggregates:
    """Every per-outlet count the comparison needs."""
    words = _words_source(db)
    with scratch(db):
        build_scope(db, lookup, words)
        try:
            return _collect(db)
        finally:
            drop_scope(db)


def _collect(db: sqlite_utils.Database) -> Aggregates:
    agg = Aggregates()
    q = db.execute
    for outlet, n, suggested, words, words2, first, last in q(
        """SELECT outlet, count(*), sum(suggested), sum(words), sum(words * words),
                  min(NULLIF(published, '')), max(NULLIF(published, ''))
           FROM temp.cmp_article GROUP BY outlet"""
    ):
        agg.corpus[outlet] = {
            "articles": n, "suggested": suggested, "words": words, "words2": words2, "first": first, "last": last
        }
    for outlet, language, n in q("SELECT outlet, language, count(*) FROM temp.cmp_article GROUP BY 1, 2"):
        agg.languages[outlet][language or "?"] = n
    for outlet, n in q(
        """SELECT c.outlet, count(*) FROM temp.cmp_article c
           WHERE EXISTS (SELECT 1 FROM temp.cmp_label l WHERE l.article_id = c.article_id AND l.field != 'note')
           GROUP BY 1"""
    ):
        agg.labelled[outlet] = n
    fields = ",".join(f"'{f}'" for f in ARTICLE_FIELDS)
    for outlet, field_, value, n in q(
        f"""SELECT c.outlet, l.field, trim(l.value), count(*) FROM temp.cmp_label l
            JOIN temp.cmp_article c ON c.article_id = l.article_id
            WHERE l.target = '' AND l.field IN ({fields}) AND trim(l.value) != '' GROUP BY 1, 2, 3"""
    ):
        agg.labels[outlet][field_][value] = n
    for outlet, article_id, annotator, field_, value in q(
        f"""SELECT c.outlet, l.article_id, l.annotator, l.field, trim(l.value) FROM temp.cmp_label l
            JOIN temp.cmp_article c ON c.article_id = l.article_id
            WHERE l.target = '' AND l.field IN ({fields}) AND l.action != 'adjudicate' AND l.article_id IN (
                SELECT article_id FROM temp.cmp_label WHERE target = '' AND action != 'adjudicate' GROUP BY article_id
                HAVING count(DISTINCT annotator) > 1)
            ORDER BY 1, 2, 3"""
    ):
        agg.multi_annotated[outlet].append((article_id, annotator, field_, value))
    for outlet, cited, articles, mentions in q(
        """SELECT c.outlet, s.outlet, count(DISTINCT s.article_id), count(*) FROM sources s
           JOIN temp.cmp_article c ON c.article_id = s.article_id
           WHERE s.outlet != '' AND s.outlet != c.outlet AND s.role != 'internal' GROUP BY 1, 2"""
    ):
        agg.cited[outlet][cited] = (articles, mentions)
    for outlet, kind, articles, mentions in q(
        """SELECT c.outlet, s.kind, count(DISTINCT s.article_id), count(*) FROM sources s
           JOIN temp.cmp_article c ON c.article_id = s.article_id
           WHERE s.role != 'declared' GROUP BY 1, 2"""
    ):
        agg.source_kinds[outlet][kind] = (articles, mentions)
    for outlet, declared, n in q(
        """SELECT c.outlet, COALESCE(NULLIF(s.outlet, ''), NULLIF(s.domain, ''), s.text), count(*) FROM sources s
           JOIN temp.cmp_article c ON c.article_id = s.article_id WHERE s.role = 'declared' GROUP BY 1, 2"""
    ):
        agg.declared[outlet][declared] = n
    _span_sums(db, agg)
    for outlet, name, n in q(
        """SELECT c.outlet, m.text, count(*) FROM markers m JOIN temp.cmp_article c ON c.article_id = m.article_id
           WHERE m.kind = 'naming' GROUP BY 1, 2"""
    ):
        agg.naming[outlet][name] = n
    _passage_labels(db, agg)
    agg.boilerplate = _boilerplate(db)
    return agg


def _span_sums(db: sqlite_utils.Database, agg: Aggregates) -> None:
    """Per outlet and marker kind (and ``link`` for URLs in the body): sum of counts, of squared counts, and of
    count × words over articles — what a ratio estimator's interval needs, without one row per article in Python."""
    for outlet, kind, total, squares, cross in db.execute(
        """SELECT c.outlet, k.kind, sum(k.n), sum(k.n * k.n), sum(k.n * c.words) FROM (
               SELECT article_id, kind, count(*) AS n FROM markers GROUP BY article_id, kind
               UNION ALL
               SELECT article_id, 'link', count(*) FROM sources WHERE kind = 'url' AND role = 'body' GROUP BY article_id
           ) k JOIN temp.cmp_article c ON c.article_id = k.article_id GROUP BY 1, 2"""
    ):
        agg.span_sums[outlet][kind] = (total, squares, cross)


def _passage_labels(db: sqlite_utils.Database, agg: Aggregates) -> None:
    accepted = "SELECT DISTINCT target FROM temp.cmp_label WHERE target != '' AND field = 'verdict' AND value = 'accept'"
    for outlet, n in db.execute(
        f"""SELECT c.outlet, count(*) FROM passages p JOIN temp.cmp_article c ON c.article_id = p.article_id
            WHERE p.id IN ({accepted}) GROUP BY 1"""
    ):
        agg.accepted_passages[outlet] = n
    fields = ",".join(f"'{f}'" for f in PASSAGE_FIELDS)
    for outlet, field_, value, n in db.execute(
        f"""SELECT c.outlet, l.field, l.value, count(*) FROM temp.cmp_label l
            JOIN temp.cmp_article c ON c.article_id = l.article_id
            WHERE l.target IN ({accepted}) AND l.field IN ({fields}) GROUP BY 1, 2, 3"""
    ):
        agg.passage_labels[outlet][field_][value] = n


def _boilerplate(db: sqlite_utils.Database) -> list[dict]:
    """Paragraphs one outlet shares with another (from the near-duplicate index), per ordered pair of outlets, with
    which side had it first: ``earlier`` counts shared paragraphs the outlet published before the other one did,
    ``later`` after, ``unclear`` when a date is missing or the dates agree (to their common precision).

    First seen = the publication date, else the ingest time. Only linked articles are read for dates.
    """
    if not db["boilerplate_links"].exists():
        return []
    rows = db.execute(
        """SELECT ca.outlet, cb.outlet, count(DISTINCT l.article_id || ':' || l.start), count(DISTINCT l.article_id),
                  count(DISTINCT l.other_article_id),
                  sum(CASE WHEN l.da IS NULL OR l.db IS NULL
                            OR substr(l.da, 1, min(length(l.da), length(l.db)))
                             = substr(l.db, 1, min(length(l.da), length(l.db))) THEN 0
                           WHEN l.da < l.db THEN 1 ELSE 0 END),
                  sum(CASE WHEN l.da IS NULL OR l.db IS NULL
                            OR substr(l.da, 1, min(length(l.da), length(l.db)))
                             = substr(l.db, 1, min(length(l.da), length(l.db))) THEN 0
                           WHEN l.da > l.db THEN 1 ELSE 0 END),
                  count(*)
           FROM (SELECT x.article_id, x.start, x.other_article_id,
                        COALESCE(NULLIF(a.published, ''), NULLIF(a.ingested_at, '')) AS da,
                        COALESCE(NULLIF(b.published, ''), NULLIF(b.ingested_at, '')) AS db
                 FROM boilerplate_links x
                 JOIN articles a ON a.id = x.article_id JOIN articles b ON b.id = x.other_article_id) l
           JOIN temp.cmp_article ca ON ca.article_id = l.article_id
           JOIN temp.cmp_article cb ON cb.article_id = l.other_article_id
           WHERE ca.outlet != cb.outlet
           GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"""
    ).fetchall()
    return [
        {"outlet": outlet, "other": other, "passages": paragraphs, "articles": articles, "other_articles": others,
         "links": links, "earlier": earlier, "later": later, "unclear": links - earlier - later}
        for outlet, other, paragraphs, articles, others, earlier, later, links in rows
    ]
