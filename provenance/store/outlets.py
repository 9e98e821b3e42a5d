"""Which outlet an article belongs to: the labelled one, else the suggested one.

The rule is decided here once, so the comparison (100,000 articles at a time) and the annotator (one article at a
time) give the same answer: :func:`suggest_outlet` takes the decision for one article from lookups its caller may
cache (the annotator does), and :data:`SUGGESTED_SQL` is the same rule for a whole corpus at once, over the same
SQL for each lookup:

* labelled: the annotators' current ``outlet`` label — an adjudicated value first, else the value most annotators
  gave, else the newest;
* suggested, for an article with a publisher domain: the registry name of that domain, else the outlet annotators
  most often gave to other articles of that domain, else the domain itself;
* suggested, for an article without one: its declared source (a ``source:`` line, as extracted: outlet name, else
  the registry name of its domain, else the domain), else the registered domain of the reader's declared-source
  value looked up the same way as a publisher domain, else the outlet most often given to the articles it shares a
  paragraph with (the near-duplicate index); else nothing (:data:`UNKNOWN` in the comparison).

The registry is a data file read by ``extract/registry.py``; the domain → name lookup is a parameter (defaulting
to the shipped registry) so tests and user registries can pass their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager

import sqlite_utils

from provenance.domains import registered_domain

UNKNOWN = "(unknown)"
"""The outlet the comparison shows for an article with neither a label, nor a publisher domain, nor a declared source."""

DomainLookup = Callable[[str], "str | None"]
"""Registered domain → the registry's canonical outlet name (None or "" when the registry does not know it)."""


def registry_lookup(db: sqlite_utils.Database) -> DomainLookup:
    """The domain → name lookup of the registry this database's analyses use: the shipped outlets plus the ones
    imported into the database (``provenance outlets import``)."""
    try:
        from provenance.store.user_outlets import registry_for

        registry = registry_for(db)
    except ImportError:
        from provenance.extract.registry import default_registry

        registry = default_registry()

    def lookup(domain: str) -> str | None:
        outlet = registry.by_host(domain) if domain else None
        return outlet.name if outlet else None

    return lookup


@contextmanager
def scratch(db: sqlite_utils.Database) -> Iterator[None]:
    """Ends the implicit transaction that writing temporary tables opens, so a long-lived connection (the
    annotator's) neither keeps an old read snapshot nor blocks other writers; a caller's own transaction is left
    alone."""
    outer = db.conn.in_transaction
    try:
        yield
    finally:
        if not outer and db.conn.in_transaction:
            db.conn.commit()


def _by_domain(domain_sql: str) -> str:
    return (
        f"(SELECT reg_.outlet FROM temp.outlet_registry reg_ WHERE reg_.domain = {domain_sql}),"
        f" (SELECT dom_.outlet FROM temp.domain_outlet dom_ WHERE dom_.domain = {domain_sql})"
    )


def sharing_outlet_sql(article_sql: str) -> str:
    """A query of the outlet most often given, by anyone, to the articles sharing a paragraph with the article
    ``article_sql`` (no row when none of them is labelled)."""
    return f"""SELECT trim(l.value) FROM label_state l
         WHERE l.article_id IN (SELECT x.other_article_id FROM boilerplate_links x WHERE x.article_id = {article_sql})
           AND l.field = 'outlet' AND l.target = '' AND trim(l.value) != ''
         GROUP BY trim(l.value) ORDER BY count(*) DESC, trim(l.value) LIMIT 1"""


def domain_suggestion_sql(domain_sql: str) -> str:
    """The suggestion for an article whose publisher domain is ``domain_sql``: registry name, else the outlet
    annotators gave that domain, else the domain. It depends on the domain alone, so a comparison evaluates it once
    per distinct domain."""
    return f"COALESCE({_by_domain(domain_sql)}, {domain_sql})"


NO_PUBLISHER_SQL = f"""COALESCE(
        (SELECT COALESCE(NULLIF(s.outlet, ''), (SELECT r.outlet FROM temp.outlet_registry r WHERE r.domain = s.domain),
                         NULLIF(s.domain, ''))
         FROM sources s WHERE s.article_id = a.id AND +s.role = 'declared' ORDER BY s.start LIMIT 1),
        (SELECT COALESCE({_by_domain('h.host')}, NULLIF(h.host, '')) FROM temp.declared_host h
         WHERE h.value = a.declared_source),
        ({sharing_outlet_sql('a.id')}))"""
"""The suggestion (or NULL) for the article aliased ``a`` when it has no publisher domain: its declared source,
else the outlet most often given to the articles it shares a paragraph with."""

SUGGESTED_SQL = f"""(CASE WHEN COALESCE(a.publisher_domain, '') != ''
    THEN {domain_suggestion_sql('a.publisher_domain')} ELSE {NO_PUBLISHER_SQL} END)"""
"""The suggested outlet (or NULL) of the article aliased ``a``; needs :func:`prepare_suggestions` first."""

CURRENT_LABELS = "(SELECT * FROM label_state WHERE action != 'skip' AND field != '')"
"""Each annotator's current label (the trigger-maintained ``label_state`` table, without skips)."""


def labelled_outlets_sql(where: str = "") -> str:
    """A query of (article_id, outlet): one agreed outlet label per labelled article (``where`` narrows the labels,
    e.g. ``AND article_id IN (...)``)."""
    return f"""
        SELECT article_id, value AS outlet FROM (
            SELECT article_id, value, ROW_NUMBER() OVER (
                PARTITION BY article_id ORDER BY adjudicated DESC, n DESC, newest DESC, value
            ) AS rank
            FROM (
                SELECT article_id, trim(value) AS value, max(action = 'adjudicate') AS adjudicated, count(*) AS n,
                       max(created_at) AS newest
                FROM label_state
                WHERE field = 'outlet' AND target = '' AND action != 'skip' AND trim(value) != ''{where}
                GROUP BY article_id, trim(value)
            )
        ) WHERE rank = 1
    """


def prepare_suggestions(
    db: sqlite_utils.Database,
    lookup: DomainLookup | None = None,
    article_ids: Iterable[str] | None = None,
    *,
    labelled: str = "",
) -> None:
    """Fill the connection's temporary lookup tables for :data:`SUGGESTED_SQL`.

    Only distinct domains go through Python (a few hundred for a large corpus); the joins happen in SQL. "The outlet
    annotators gave a domain" counts articles by their agreed outlet label; ``labelled`` names a table of
    (article_id, outlet) already holding them (the comparison builds one), else they are computed here.
    """
    lookup = lookup or registry_lookup(db)
    for ddl in (
        "CREATE TEMP TABLE IF NOT EXISTS outlet_registry (domain TEXT PRIMARY KEY, outlet TEXT NOT NULL)",
        "CREATE TEMP TABLE IF NOT EXISTS domain_outlet (domain TEXT PRIMARY KEY, outlet TEXT NOT NULL)",
        "CREATE TEMP TABLE IF NOT EXISTS declared_host (value TEXT PRIMARY KEY, host TEXT NOT NULL)",
    ):
        db.execute(ddl)
    for name in ("outlet_registry", "domain_outlet", "declared_host"):
        db.execute(f"DELETE FROM temp.{name}")
    if article_ids is None:
        scope, params = "", []
    else:
        ids = list(article_ids)
        scope, params = f" AND id IN ({','.join('?' * len(ids))})", ids
    declared = {
        value: registered_domain(value)
        for (value,) in db.execute(
            "SELECT DISTINCT declared_source FROM articles WHERE (publisher_domain = '' OR publisher_domain IS NULL)"
            f" AND declared_source != ''{scope}",
            params,
        )
    }
    db.conn.executemany("INSERT INTO temp.declared_host VALUES (?, ?)", declared.items())
    domains = {r[0] for r in db.execute(f"SELECT DISTINCT publisher_domain FROM articles WHERE 1{scope}", params) if r[0]}
    domains |= {
        r[0]
        for r in db.execute(
            f"SELECT DISTINCT domain FROM sources WHERE role = 'declared'{scope.replace(' id IN', ' article_id IN')}",
            params,
        )
        if r[0]
    }
    domains |= {h for h in declared.values() if h}
    db.conn.executemany(
        "INSERT INTO temp.outlet_registry VALUES (?, ?)", [(d, n) for d in sorted(domains) if (n := lookup(d))]
    )
    restrict, restrict_params = "", []
    if article_ids is not None:  # one article: look only at the labels of articles of its own domains
        restrict_params = sorted(domains)
        restrict = (" AND article_id IN (SELECT id FROM articles WHERE publisher_domain IN"
                    f" ({','.join('?' * len(restrict_params))}))")
    source = labelled or f"({labelled_outlets_sql(restrict)})"
    db.execute(f"INSERT INTO temp.domain_outlet {_domain_outlets_sql(source)}", [] if labelled else restrict_params)


def _domain_counts_sql(labelled: str, where: str = "") -> str:
    """A query of (domain, outlet, n): how many labelled articles of each publisher domain agreed on each outlet
    (``labelled`` is a query or table of (article_id, outlet))."""
    return f"""SELECT a.publisher_domain AS domain, l.outlet AS outlet, count(*) AS n
                FROM {labelled} l JOIN articles a ON a.id = l.article_id
                WHERE a.publisher_domain != ''{where}
                GROUP BY a.publisher_domain, l.outlet"""


def _domain_outlets_sql(labelled: str, where: str = "") -> str:
    """A query of (domain, outlet): for each publisher domain, the outlet most of its labelled articles agreed on;
    a tie goes to the first name (:func:`outlet_from_counts` is the same choice made from counts in memory)."""
    return f"""SELECT domain, outlet FROM (
                SELECT domain, outlet, ROW_NUMBER() OVER (PARTITION BY domain ORDER BY n DESC, outlet) AS rank
                FROM ({_domain_counts_sql(labelled, where)})
            ) WHERE rank = 1"""


def outlet_from_counts(counts: Mapping[str, int]) -> str:
    """The outlet of a domain from its counts (outlet → labelled articles that agreed on it): the most articles,
    a tie to the first name in SQLite's default (code point) order, as :func:`_domain_outlets_sql` chooses;
    "" when no article is counted."""
    best = min(((-n, outlet) for outlet, n in counts.items() if n > 0), default=None)
    return best[1] if best else ""


def drop_suggestions(db: sqlite_utils.Database) -> None:
    """Drop the temporary lookup tables (the connection may be long-lived)."""
    for name in ("outlet_registry", "domain_outlet", "declared_host"):
        db.execute(f"DROP TABLE IF EXISTS temp.{name}")


def suggest_outlet(
    publisher_domain: str,
    declared: tuple[str, str] | None,
    declared_value: str,
    *,
    registry_name: DomainLookup,
    given_to_domain: Callable[[str], str],
    declared_host: Callable[[str], str],
    sharing_outlet: Callable[[], str],
) -> str:
    """The suggested outlet of one article ("" when there is nothing to go on): the rule of this module's docstring.

    ``declared`` is the (outlet, domain) of the article's first declared source, if any, and ``declared_value`` the
    reader's declared-source value. The lookups are called only when the rule gets to them, so a caller can cache
    them or leave out what is not loaded yet: ``registry_name`` (domain → registry name), ``given_to_domain``
    (domain → the outlet annotators gave its articles), ``declared_host`` (declared-source value → its registered
    domain), ``sharing_outlet`` (the outlet given to the articles sharing a paragraph with this one).
    """
    if publisher_domain:
        return registry_name(publisher_domain) or given_to_domain(publisher_domain) or publisher_domain
    if declared is not None:
        outlet, domain = declared
        found = outlet or (registry_name(domain) if domain else "") or domain
        if found:
            return found
    host = declared_host(declared_value) if declared_value else ""
    if host:
        return registry_name(host) or given_to_domain(host) or host
    return sharing_outlet()


_OF_DOMAIN = f"({labelled_outlets_sql(' AND article_id IN (SELECT id FROM articles WHERE publisher_domain = ?)')})"


def outlet_given_to_domain(db: sqlite_utils.Database, domain: str) -> str:
    """The outlet most of the labelled articles of this publisher domain agreed on ("" when none is labelled)."""
    if not domain:
        return ""
    row = db.execute(_domain_outlets_sql(_OF_DOMAIN, " AND a.publisher_domain = ?"), [domain, domain]).fetchone()
    return row[1] if row else ""


def domain_outlet_counts(db: sqlite_utils.Database, domain: str) -> dict[str, int]:
    """Outlet → how many labelled articles of this publisher domain agreed on it: what
    :func:`outlet_given_to_domain` decides from, for a caller that keeps it current label by label."""
    if not domain:
        return {}
    sql = f"SELECT outlet, n FROM ({_domain_counts_sql(_OF_DOMAIN, ' AND a.publisher_domain = ?')})"
    return dict(db.execute(sql, [domain, domain]).fetchall())


def agreed_outlet(db: sqlite_utils.Database, article_id: str) -> str:
    """The outlet the annotators' labels of one article agree on ("" when it has no outlet label)."""
    row = db.execute(f"SELECT outlet FROM ({labelled_outlets_sql(' AND article_id = ?')})", [article_id]).fetchone()
    return row[0] if row else ""


def newest_label_event(db: sqlite_utils.Database) -> int:
    """The rowid of the newest label event: the log is append-only, so every later event has a greater one."""
    return db.execute("SELECT coalesce(max(rowid), 0) FROM label_events").fetchone()[0]


def outlet_label_changes(
    db: sqlite_utils.Database, since: int, limit: int = 1000
) -> tuple[int, list[tuple[str, str]] | None]:
    """What changed the outlets given to domains since the event with rowid ``since``: the newest event's rowid, and
    the (article_id, publisher domain) of each article outlet event after ``since`` — None when more than ``limit``
    events came in (a merge), which a caller treats as "everything may have changed"."""
    newest = newest_label_event(db)
    if newest == since:
        return newest, []
    if newest - since > limit:
        return newest, None
    rows = db.execute(
        "SELECT e.article_id, coalesce(a.publisher_domain, '') FROM label_events e"
        " LEFT JOIN articles a ON a.id = e.article_id"
        " WHERE e.rowid > ? AND e.rowid <= ? AND e.field = 'outlet' AND e.target = '' ORDER BY e.rowid",
        [since, newest],
    ).fetchall()
    return newest, [(article_id, domain) for article_id, domain in rows]


def outlet_of_sharing_articles(db: sqlite_utils.Database, article_id: str) -> str:
    """The outlet most often given to the articles sharing a paragraph with this one ("" when none is labelled)."""
    row = db.execute(sharing_outlet_sql("?"), [article_id]).fetchone()
    return row[0] if row else ""


def suggested_outlet(db: sqlite_utils.Database, article_id: str, lookup: DomainLookup | None = None) -> str:
    """The outlet suggested for one article, ignoring its own labels ("" when there is nothing to go on)."""
    row = db.execute(
        "SELECT coalesce(publisher_domain, ''), coalesce(declared_source, '') FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None:
        return ""
    declared = db.execute(
        "SELECT coalesce(outlet, ''), coalesce(domain, '') FROM sources WHERE article_id = ? AND +role = 'declared'"
        " ORDER BY start LIMIT 1",
        [article_id],
    ).fetchone()
    return suggest_outlet(
        row[0],
        declared,
        row[1],
        registry_name=lookup or registry_lookup(db),
        given_to_domain=lambda domain: outlet_given_to_domain(db, domain),
        declared_host=registered_domain,
        sharing_outlet=lambda: outlet_of_sharing_articles(db, article_id),
    )


def article_outlet(db: sqlite_utils.Database, article_id: str, lookup: DomainLookup | None = None) -> tuple[str, bool]:
    """The outlet of one article and whether it is only suggested (True) rather than labelled (False).

    ("", True) when there is neither a label nor anything to suggest from.
    """
    labelled = agreed_outlet(db, article_id)
    if labelled:
        return labelled, False
    return suggested_outlet(db, article_id, lookup), True
