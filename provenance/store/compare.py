"""The aggregates behind ``provenance compare``: GROUP BYs over indexed tables, never a Python object per stored row.

Every article is first given its outlet (labelled, else suggested: :mod:`provenance.store.outlets`), word count,
language and date in the temporary table ``temp.cmp_article``, keyed by outlet so per-outlet sums stream without a
sort; the suggestion of an article with a publisher domain depends on the domain alone, so it is computed once per
distinct domain. Span counts come from the per-article ``article_counts`` and ``article_cited`` tables, labels from
the ``label_state`` indexes (one row per labelled article and field), naming markers from their partial ``(article_id,
text)`` index. Where grouping in SQL would sort a table's worth of rows, rows come back grouped per outlet or per
article and are counted here over their few distinct values. The result is plain numbers (:class:`Aggregates`); the
statistics are computed in ``analysis/compare.py``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlite_utils

from provenance.store.migrations import COUNTED_MARKER_KINDS
from provenance.store.outlets import (
    NO_PUBLISHER_SQL,
    UNKNOWN,
    DomainLookup,
    domain_suggestion_sql,
    drop_suggestions,
    labelled_outlets_sql,
    prepare_suggestions,
    scratch,
)

WORDS_SQL = "(length({col}) - length(replace(replace({col}, ' ', ''), char(10), '')) + 1)"
"""Approximate word count of a text column: spaces and newlines plus one, computed without leaving SQLite."""

ARTICLE_FIELDS = ("stance", "reliability", "origin")
PASSAGE_FIELDS = ("frames", "techniques")
MARKER_KINDS = tuple(kind for kind in COUNTED_MARKER_KINDS if kind != "boilerplate")
"""The marker kinds counted per article (``article_counts``) that the comparison reports as rates; shared
boilerplate is reported from the near-duplicate index instead."""
SCOPE_TABLES = ("cmp_article", "cmp_domain", "cmp_outlet_label", "cmp_labelled", "cmp_selected")


@dataclass
class Aggregates:
    """Raw per-outlet numbers, keyed by outlet name. Sums of squares feed the intervals of per-word rates."""

    corpus: dict[str, dict] = field(default_factory=dict)
    languages: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    labelled: dict[str, int] = field(default_factory=dict)
    labels: dict[str, dict[str, dict[str, int]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(dict)))
    agreement_units: dict[str, dict[str, list[tuple[dict[str, int], int]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    """Per outlet and article field: how many of the annotators of an article gave each value (all that percent
    agreement and Krippendorff's α depend on), with the number of articles labelled that very way."""
    cited: dict[str, dict[str, tuple[int, int]]] = field(default_factory=lambda: defaultdict(dict))
    sourcing: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per outlet: ``anonymous_articles``, ``anonymous`` and ``named`` attributions."""
    declared: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    span_sums: dict[str, dict[str, tuple[int, int, int]]] = field(default_factory=lambda: defaultdict(dict))
    """Per outlet and marker kind (and ``link``): Σcount, Σcount², Σcount·words over its articles."""
    naming: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    accepted_passages: dict[str, int] = field(default_factory=dict)
    passage_labels: dict[str, dict[str, dict[str, int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    boilerplate: list[dict] = field(default_factory=list)


def _words_source(db: sqlite_utils.Database) -> str:
    """The word count of article ``a``: kept by a trigger at insert (migration 0005), computed on the fly only for
    an article that somehow lacks one. Reading never writes, so a comparison never waits for a writer's lock."""
    inline = WORDS_SQL.format(col="a.text")
    if db["article_words"].exists():
        return f"COALESCE((SELECT w.words FROM article_words w WHERE w.article_id = a.id), {inline})"
    return inline


OUTLET_VOTES = ("FROM label_state INDEXED BY idx_label_state_votes WHERE target = '' AND field = 'outlet'"
                " AND action != 'skip' AND trim(value) != '' GROUP BY article_id")
"""The current outlet labels, article by article, from the index alone."""


def _outlet_labels(db: sqlite_utils.Database) -> None:
    """``temp.cmp_outlet_label``: the agreed outlet label of every article that has one.

    Annotators nearly always agree, and then the only value is the answer, read from the index alone; only the
    articles given two different outlets go through the full rule (adjudication, majority, newest).
    """
    db.execute("CREATE TEMP TABLE cmp_outlet_label (article_id TEXT PRIMARY KEY, outlet TEXT NOT NULL) WITHOUT ROWID")
    db.execute(
        "INSERT INTO temp.cmp_outlet_label SELECT article_id, min(trim(value))"
        f" {OUTLET_VOTES} HAVING min(trim(value)) = max(trim(value))"
    )
    disputed = f"SELECT article_id {OUTLET_VOTES} HAVING min(trim(value)) != max(trim(value))"
    db.execute(
        "INSERT INTO temp.cmp_outlet_label SELECT article_id, outlet"
        f" FROM ({labelled_outlets_sql(f' AND article_id IN ({disputed})')})"
    )


def build_scope(db: sqlite_utils.Database, lookup: DomainLookup | None = None) -> None:
    """Give every article its outlet, whether it is only suggested, whether it is labelled, word count, language
    and date. Keyed by (outlet, language, article_id), so per-outlet and per-language sums stream without a sort."""
    for name in SCOPE_TABLES:
        db.execute(f"DROP TABLE IF EXISTS temp.{name}")
    _outlet_labels(db)
    db.execute("CREATE TEMP TABLE cmp_labelled (article_id TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute(
        "INSERT INTO temp.cmp_labelled SELECT DISTINCT article_id FROM label_state INDEXED BY idx_label_state_field"
        " WHERE target = '' AND field NOT IN ('', 'note')"
    )
    prepare_suggestions(db, lookup, labelled="temp.cmp_outlet_label")
    db.execute("CREATE TEMP TABLE cmp_domain (domain TEXT PRIMARY KEY, outlet TEXT) WITHOUT ROWID")
    db.execute(
        f"""INSERT INTO temp.cmp_domain SELECT d.domain, {domain_suggestion_sql('d.domain')}
            FROM (SELECT DISTINCT publisher_domain AS domain FROM articles WHERE publisher_domain != '') d"""
    )
    db.execute(
        """CREATE TEMP TABLE cmp_article (
               outlet TEXT NOT NULL, language TEXT NOT NULL, article_id TEXT NOT NULL, suggested INT, words INT,
               published TEXT, PRIMARY KEY (outlet, language, article_id)
           ) WITHOUT ROWID"""
    )
    words = _words_source(db)
    columns = (f"COALESCE(a.language, ''), a.id, l.outlet IS NULL, max(COALESCE({words}, 0), 0),"
               " COALESCE(a.published, '')")
    db.execute(
        f"""INSERT INTO temp.cmp_article
            SELECT COALESCE(l.outlet, d.outlet, '{UNKNOWN}'), {columns}
            FROM articles a INDEXED BY idx_articles_compare
            JOIN temp.cmp_domain d ON d.domain = a.publisher_domain
            LEFT JOIN temp.cmp_outlet_label l ON l.article_id = a.id
            WHERE a.publisher_domain > ''"""
    )
    # One seek of the domain index per kind of missing domain: with an OR, once ANALYZE has seen a corpus from a
    # single outlet (one domain shared by every article), the planner read the whole table of texts instead.
    for missing in ("= ''", "IS NULL"):
        db.execute(
            f"""INSERT INTO temp.cmp_article
                SELECT COALESCE(l.outlet, {NO_PUBLISHER_SQL}, '{UNKNOWN}'), {columns}
                FROM articles a INDEXED BY idx_articles_publisher_domain
                LEFT JOIN temp.cmp_outlet_label l ON l.article_id = a.id
                WHERE a.publisher_domain {missing}"""
        )
    # An article with nothing to go on has no outlet, suggested or otherwise.
    db.execute(f"UPDATE temp.cmp_article SET suggested = 0 WHERE outlet = '{UNKNOWN}' AND suggested")
    db.execute("CREATE UNIQUE INDEX temp.cmp_article_id ON cmp_article (article_id, outlet)")


def drop_scope(db: sqlite_utils.Database) -> None:
    """Drop the temporary tables (the connection may be a long-lived one shared with the annotator)."""
    for name in SCOPE_TABLES:
        db.execute(f"DROP TABLE IF EXISTS temp.{name}")
    drop_suggestions(db)


CACHE_KIB = 64 * 1024
"""Page cache for the length of a comparison: its queries read the same index pages over and over, and the
default 2 MiB cache would send each of them back to the file system."""


@contextmanager
def _page_cache(db: sqlite_utils.Database) -> Iterator[None]:
    """Raise the connection's page caches (main and temporary) to :data:`CACHE_KIB`, and restore them after."""
    page_kib = db.execute("PRAGMA page_size").fetchone()[0] / 1024
    before = {schema: db.execute(f"PRAGMA {schema}.cache_size").fetchone()[0] for schema in ("main", "temp")}
    raised = [schema for schema, size in before.items() if (-size if size < 0 else size * page_kib) < CACHE_KIB]
    for schema in raised:
        db.execute(f"PRAGMA {schema}.cache_size = -{CACHE_KIB}")
    try:
        yield
    finally:
        for schema in raised:
            db.execute(f"PRAGMA {schema}.cache_size = {before[schema]}")


def aggregates(
    db: sqlite_utils.Database,
    lookup: DomainLookup | None = None,
    select: Callable[[dict[str, int]], list[str]] | None = None,
) -> Aggregates:
    """Every per-outlet count the comparison needs.

    ``select`` receives {outlet: articles} once outlets are known and returns the outlets to aggregate (all when it
    returns an empty list); comparing two outlets then reads only their articles' rows wherever an index allows.
    """
    with scratch(db), _page_cache(db):
        try:
            build_scope(db, lookup)
            only = ""
            if select is not None:
                counts = dict(db.execute("SELECT outlet, count(*) FROM temp.cmp_article GROUP BY outlet").fetchall())
                chosen = select(counts)
                if chosen:
                    db.execute("CREATE TEMP TABLE cmp_selected (outlet TEXT PRIMARY KEY) WITHOUT ROWID")
                    db.conn.executemany("INSERT INTO temp.cmp_selected VALUES (?)", [(o,) for o in chosen])
                    only = " AND c.outlet IN (SELECT outlet FROM temp.cmp_selected)"
            agg = Aggregates()
            _corpus(db, agg, only)
            _labels(db, agg, only)
            _sources(db, agg, only)
            _passage_labels(db, agg, only)
            agg.boilerplate = _boilerplate(db, only.replace("c.outlet", "ca.outlet"))
            return agg
        finally:
            drop_scope(db)


def _corpus(db: sqlite_utils.Database, agg: Aggregates, only: str = "") -> None:
    """Articles, words, dates and languages per outlet, with the attribution and marker sums from the per-article
    counts (``article_counts``, written with the spans): one pass over the scope, one row per outlet and language."""
    markers = ", ".join(f"sum(k.m_{k}), sum(k.m_{k} * k.m_{k}), sum(k.m_{k} * c.words)" for k in MARKER_KINDS)
    for row in db.execute(
        f"""SELECT c.outlet, c.language, count(*), sum(c.suggested), sum(c.words),
                   sum(c.words * c.words), min(NULLIF(c.published, '')), max(NULLIF(c.published, '')),
                   count(k.article_id), sum(k.s_anonymous > 0), sum(k.s_anonymous), sum(k.s_named),
                   sum(k.s_links), sum(k.s_links * k.s_links), sum(k.s_links * c.words), {markers}
            FROM temp.cmp_article c LEFT JOIN article_counts k ON k.article_id = c.article_id
            WHERE 1{only} GROUP BY c.outlet, c.language"""
    ):
        outlet, language, n, suggested, words, words2, first, last, counted = row[:9]
        c = agg.corpus.setdefault(
            outlet, {"articles": 0, "suggested": 0, "words": 0, "words2": 0, "first": None, "last": None}
        )
        c["articles"] += n
        c["suggested"] += suggested
        c["words"] += words
        c["words2"] += words2
        c["first"] = min(filter(None, (c["first"], first)), default=None)
        c["last"] = max(filter(None, (c["last"], last)), default=None)
        agg.languages[outlet][language or "?"] = n
        agg.labelled.setdefault(outlet, 0)
        if counted:
            _add_counts(agg, outlet, row[9:])
    for outlet, n in db.execute(
        f"""SELECT c.outlet, count(*) FROM temp.cmp_labelled l
            CROSS JOIN temp.cmp_article c INDEXED BY cmp_article_id ON c.article_id = l.article_id
            WHERE 1{only} GROUP BY c.outlet"""
    ):
        agg.labelled[outlet] = n


def _add_counts(agg: Aggregates, outlet: str, sums: tuple) -> None:
    sourcing = agg.sourcing.setdefault(outlet, {"anonymous_articles": 0, "anonymous": 0, "named": 0})
    for key, value in zip(("anonymous_articles", "anonymous", "named"), sums[:3]):
        sourcing[key] += value
    spans = agg.span_sums[outlet]
    for i, kind in enumerate(("link", *MARKER_KINDS)):
        before = spans.get(kind, (0, 0, 0))
        spans[kind] = tuple(x + y for x, y in zip(before, sums[3 + 3 * i : 6 + 3 * i]))


def _labels(db: sqlite_utils.Database, agg: Aggregates, only: str = "") -> None:
    """Article labels per outlet, field and value, and the value counts annotator agreement needs, from one pass
    over the label index: each labelled article and field gives its current labels as a JSON list of values (an
    adjudicated value wrapped in a list of its own), and the articles of each outlet that share a list are counted (by ``Counter`` in C: no Python
    runs per article). The few distinct lists are parsed once each."""
    fields = ",".join(f"'{f}'" for f in ARTICLE_FIELDS)
    parsed: dict[str, tuple[list[str], dict[str, int]]] = {}
    shared = Counter(
        db.execute(
            f"""SELECT c.outlet, u.field, u.votes FROM (
                    SELECT field, article_id, json_group_array(iif(action = 'adjudicate', json_array(value), value)) AS votes
                    FROM label_state INDEXED BY idx_label_state_votes WHERE target = '' AND field IN ({fields})
                    GROUP BY field, article_id
                ) u CROSS JOIN temp.cmp_article c INDEXED BY cmp_article_id ON c.article_id = u.article_id
                WHERE 1{only}"""
        )
    )
    for (outlet, field_, votes), articles in sorted(shared.items()):
        found = parsed.get(votes)
        if found is None:
            found = parsed[votes] = _parse_votes(votes)
        counts = agg.labels[outlet][field_]
        for value in found[0]:
            counts[value] = counts.get(value, 0) + articles
        if found[1]:
            agg.agreement_units[outlet][field_].append((found[1], articles))


def _parse_votes(votes: str) -> tuple[list[str], dict[str, int]]:
    """A JSON list of values, adjudicated ones wrapped in a list → the non-empty values as counted (whitespace
    stripped), and the value counts agreement uses (values trimmed of spaces as SQL ``trim`` does; adjudications are
    not votes; empty unless two annotators gave one)."""
    values, unit = [], {}
    for item in json.loads(votes):
        adjudicated = isinstance(item, list)
        value = item[0] if adjudicated else item
        shown = (value or "").strip()
        if shown:
            values.append(shown)
        if not adjudicated:
            key = value.strip(" ") if isinstance(value, str) else value
            unit[key] = unit.get(key, 0) + 1
    return values, unit if sum(unit.values()) >= 2 else {}


def _sources(db: sqlite_utils.Database, agg: Aggregates, only: str = "") -> None:
    """Cited outlets, declared sources and naming per outlet."""
    for outlet, cited, articles, mentions in db.execute(
        f"""SELECT c.outlet, k.outlet, count(*), sum(k.n) FROM temp.cmp_article c
           CROSS JOIN article_cited k ON k.article_id = c.article_id WHERE k.outlet != c.outlet{only} GROUP BY 1, 2"""
    ):
        agg.cited[outlet][cited] = (articles, mentions)
    for outlet, declared, n in db.execute(
        f"""SELECT c.outlet, COALESCE(NULLIF(s.outlet, ''), NULLIF(s.domain, ''), s.text), count(*)
           FROM sources s INDEXED BY idx_sources_role_domain
           CROSS JOIN temp.cmp_article c INDEXED BY cmp_article_id ON c.article_id = s.article_id
           WHERE s.role = 'declared'{only} GROUP BY 1, 2"""
    ):
        agg.declared[outlet][declared] = n
    _naming(db, agg, only)


def _naming(db: sqlite_utils.Database, agg: Aggregates, only: str = "") -> None:
    """Naming markers per outlet and text. Naming markers are the most common kind, and grouping them by (outlet,
    text) in SQL sorts every one; walked outlet by outlet, each outlet's texts come back as one JSON list and are
    counted here, which costs a fraction of that sort."""
    for outlet, names in db.execute(
        f"""SELECT c.outlet, json_group_array(m.text) FROM temp.cmp_article c
            CROSS JOIN markers m INDEXED BY idx_markers_naming
                ON m.kind = 'naming' AND m.article_id = c.article_id
            WHERE 1{only} GROUP BY c.outlet"""
    ):
        agg.naming[outlet] = dict(Counter(json.loads(names)))


def _passage_labels(db: sqlite_utils.Database, agg: Aggregates, only: str = "") -> None:
    accepted = (f"SELECT DISTINCT target FROM label_state WHERE field = 'verdict' AND value = 'accept'"
                " AND target != '' AND action != 'skip'")
    for outlet, n in db.execute(
        f"""SELECT c.outlet, count(*) FROM passages p JOIN temp.cmp_article c ON c.article_id = p.article_id
            WHERE p.id IN ({accepted}){only} GROUP BY 1"""
    ):
        agg.accepted_passages[outlet] = n
    fields = ",".join(f"'{f}'" for f in PASSAGE_FIELDS)
    for outlet, field_, value, n in db.execute(
        f"""SELECT c.outlet, l.field, l.value, count(*) FROM label_state l
            JOIN temp.cmp_article c ON c.article_id = l.article_id
            WHERE l.field IN ({fields}) AND l.action != 'skip' AND l.target IN ({accepted}){only} GROUP BY 1, 2, 3"""
    ):
        agg.passage_labels[outlet][field_][value] = n


def _boilerplate(db: sqlite_utils.Database, only: str = "") -> list[dict]:
    """Paragraphs one outlet shares with another (from the near-duplicate index), per ordered pair of outlets, with
    which side had it first: ``earlier`` counts shared paragraphs the outlet published before the other one did,
    ``later`` after, ``unclear`` when a date is missing or the dates agree (to their common precision).

    First seen = the publication date, else the ingest time. Only linked articles are read for dates.
    """
    if not db["boilerplate_links"].exists():
        return []
    rows = db.execute(
        f"""SELECT ca.outlet, cb.outlet, count(DISTINCT l.article_id || ':' || l.start), count(DISTINCT l.article_id),
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
                 CROSS JOIN articles a ON a.id = x.article_id CROSS JOIN articles b ON b.id = x.other_article_id) l
           CROSS JOIN temp.cmp_article ca INDEXED BY cmp_article_id ON ca.article_id = l.article_id
           CROSS JOIN temp.cmp_article cb INDEXED BY cmp_article_id ON cb.article_id = l.other_article_id
           WHERE ca.outlet != cb.outlet{only}
           GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"""
    ).fetchall()
    return [
        {"outlet": outlet, "other": other, "passages": paragraphs, "articles": articles, "other_articles": others,
         "links": links, "earlier": earlier, "later": later, "unclear": links - earlier - later}
        for outlet, other, paragraphs, articles, others, earlier, later, links in rows
    ]
