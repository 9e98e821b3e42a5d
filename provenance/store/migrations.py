"""The schema, created and upgraded by named, atomic sqlite-utils migrations.

Migrations are append-only: never edit one that has shipped, add a new one. ``SCHEMA_VERSION`` is the number of
migrations this code knows; ``PRAGMA user_version`` records how many a database has had, so a database from a newer
version of provenance is recognised (and refused) before anything touches it.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from provenance.errors import StoreError

MIGRATIONS = Migrations("provenance")


@MIGRATIONS(name="0001_articles")
def _articles(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": str,
            "title": str,
            "url": str,
            "publisher_domain": str,
            "byline": str,
            "published": str,
            "language": str,
            "text": str,
            "origin": str,
            "format": str,
            "declared_source": str,
            "metadata": str,
            "ingested_at": str,
            "extractor_version": str,
        },
        pk="id",
        not_null={"text"},
        defaults={"extractor_version": ""},
    )
    db["articles"].create_index(["publisher_domain"])
    db["articles"].create_index(["language"])
    db["articles"].enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db["marks"].create(
        {"article_id": str, "kind": str, "start": int, "end": int, "value": str},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["marks"].create_index(["article_id"])


@MIGRATIONS(name="0002_analysis")
def _analysis(db: sqlite_utils.Database) -> None:
    db["sources"].create(
        {
            "article_id": str,
            "kind": str,
            "text": str,
            "start": int,
            "end": int,
            "url": str,
            "domain": str,
            "outlet": str,
            "cue": str,
            "role": str,
            "speaker_kind": str,
            "sentence_start": int,
            "sentence_end": int,
        },
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["sources"].create_index(["article_id"])
    db["sources"].create_index(["outlet"])
    db["sources"].create_index(["kind"])
    db["passages"].create(
        {"id": str, "article_id": str, "start": int, "end": int, "score": float, "why": str},
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["passages"].create_index(["article_id"])
    db["markers"].create(
        {"article_id": str, "passage_id": str, "kind": str, "start": int, "end": int, "text": str, "why": str},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["markers"].create_index(["article_id"])
    db["markers"].create_index(["kind"])


@MIGRATIONS(name="0003_label_events")
def _label_events(db: sqlite_utils.Database) -> None:
    db["label_events"].create(
        {
            "id": str,
            "article_id": str,
            "annotator": str,
            "field": str,
            "value": str,
            "target": str,
            "action": str,
            "undoes": str,
            "created_at": str,
        },
        pk="id",
        not_null={"article_id", "annotator", "field", "action", "created_at"},
        defaults={"target": "", "value": "", "undoes": ""},
    )
    db["label_events"].create_index(["article_id", "annotator"])
    db["label_events"].create_index(["annotator", "created_at"])
    db["label_events"].create_index(["undoes"])
    db.execute(
        """
        CREATE VIEW current_labels AS
        SELECT id, article_id, annotator, target, field, value, action, created_at FROM (
            SELECT e.*, ROW_NUMBER() OVER (
                PARTITION BY e.article_id, e.annotator, e.target, e.field
                ORDER BY e.created_at DESC, e.id DESC
            ) AS rank
            FROM label_events e
            WHERE e.action IN ('set', 'clear', 'adjudicate')
              AND NOT EXISTS (SELECT 1 FROM label_events u WHERE u.undoes = e.id AND u.action = 'undo')
        )
        WHERE rank = 1 AND action != 'clear'
        """
    )


@MIGRATIONS(name="0004_label_state")
def _label_state(db: sqlite_utils.Database) -> None:
    """The current value of every (article, annotator, target, field), kept by a trigger on each new event.

    The ``current_labels`` view ranks the whole event log; the annotator's queue needs the state of any article at
    once, at 100,000 articles, so this table holds the same answer (plus active skips, field "") and is updated in
    the transaction that appends the event. Events arriving by merge go through the same trigger. (The ``+`` keeps
    SQLite on the article index: the annotator index would walk all of that annotator's events.)
    """
    db.execute(
        """
        CREATE TABLE label_state (
            article_id TEXT NOT NULL, annotator TEXT NOT NULL, target TEXT NOT NULL, field TEXT NOT NULL,
            value TEXT, action TEXT, event_id TEXT, created_at TEXT,
            PRIMARY KEY (article_id, annotator, target, field)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX idx_label_state_annotator ON label_state (annotator, target, article_id)")
    db.execute("CREATE INDEX idx_label_state_field ON label_state (article_id, target, field)")
    db.execute("CREATE INDEX idx_label_state_value ON label_state (field, value)")
    db.execute(
        """
        CREATE TRIGGER label_state_after_event AFTER INSERT ON label_events
        BEGIN
            DELETE FROM label_state WHERE article_id = NEW.article_id AND annotator = NEW.annotator
                AND target = NEW.target AND field = NEW.field;
            INSERT INTO label_state (article_id, annotator, target, field, value, action, event_id, created_at)
            SELECT article_id, annotator, target, field, value, action, id, created_at FROM (
                SELECT e.* FROM label_events e
                WHERE e.article_id = NEW.article_id AND +e.annotator = NEW.annotator
                  AND e.target = NEW.target AND e.field = NEW.field
                  AND e.action IN ('set', 'clear', 'adjudicate', 'skip')
                  AND NOT EXISTS (SELECT 1 FROM label_events u WHERE u.undoes = e.id AND u.action = 'undo')
                ORDER BY e.created_at DESC, e.id DESC LIMIT 1
            ) WHERE action != 'clear';
        END
        """
    )
    db.execute(
        """
        INSERT OR REPLACE INTO label_state (article_id, annotator, target, field, value, action, event_id, created_at)
        SELECT article_id, annotator, target, field, value, action, id, created_at FROM (
            SELECT e.*, ROW_NUMBER() OVER (
                PARTITION BY e.article_id, e.annotator, e.target, e.field ORDER BY e.created_at DESC, e.id DESC
            ) AS rank
            FROM label_events e
            WHERE e.action IN ('set', 'clear', 'adjudicate', 'skip')
              AND NOT EXISTS (SELECT 1 FROM label_events u WHERE u.undoes = e.id AND u.action = 'undo')
        ) WHERE rank = 1 AND action != 'clear'
        """
    )


@MIGRATIONS(name="0005_compare_words_and_indexes")
def _compare_words_and_indexes(db: sqlite_utils.Database) -> None:
    """Word counts per article (for rates per 1,000 words) and covering indexes for the per-outlet GROUP BYs.

    Counting words in SQL costs a pass over all text (seconds at 100,000 articles), so it is done once per article
    by a trigger at insert; article text never changes (the id is its hash). The count is spaces and newlines + 1.
    """
    words = "length({t}) - length(replace(replace({t}, ' ', ''), char(10), '')) + 1"
    db.execute("CREATE TABLE article_words (article_id TEXT PRIMARY KEY, words INTEGER NOT NULL) WITHOUT ROWID")
    db.execute(f"INSERT INTO article_words SELECT id, {words.format(t='text')} FROM articles")
    db.execute(
        f"""CREATE TRIGGER article_words_after_insert AFTER INSERT ON articles BEGIN
                INSERT OR REPLACE INTO article_words VALUES (NEW.id, {words.format(t='NEW.text')});
            END"""
    )
    db.execute("CREATE TRIGGER article_words_after_delete AFTER DELETE ON articles BEGIN"
               " DELETE FROM article_words WHERE article_id = OLD.id; END")
    db.execute("CREATE INDEX idx_markers_article_kind ON markers (article_id, kind)")
    db.execute("CREATE INDEX idx_sources_article_kind ON sources (article_id, kind, role, outlet)")
    db.execute("CREATE INDEX idx_sources_role_domain ON sources (role, domain)")


@MIGRATIONS(name="0006_boilerplate")
def _boilerplate(db: sqlite_utils.Database) -> None:
    """The incremental near-duplicate paragraph index (see provenance.store.boilerplate).

    Each candidate paragraph keeps its MinHash signature; its LSH band hashes go in a WITHOUT ROWID table keyed by
    hash, so finding the paragraphs that share a band with a new one is one index seek per band, whatever the size
    of the database. Links hold, for each repeated paragraph, the other articles carrying it (both directions).
    """
    db.execute(
        "CREATE TABLE boilerplate_paragraphs (id INTEGER PRIMARY KEY, article_id TEXT NOT NULL,"
        ' start INTEGER NOT NULL, "end" INTEGER NOT NULL, signature BLOB NOT NULL)'
    )
    db.execute("CREATE INDEX idx_boilerplate_paragraphs_article ON boilerplate_paragraphs (article_id)")
    db.execute(
        "CREATE TABLE boilerplate_bands (hash INTEGER NOT NULL, paragraph_id INTEGER NOT NULL,"
        " PRIMARY KEY (hash, paragraph_id)) WITHOUT ROWID"
    )
    db.execute("CREATE TABLE boilerplate_indexed (article_id TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute(
        "CREATE TABLE boilerplate_links (article_id TEXT NOT NULL, start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
        ' other_article_id TEXT NOT NULL, other_start INTEGER NOT NULL, other_end INTEGER NOT NULL,'
        " similarity REAL NOT NULL)"
    )
    db.execute("CREATE INDEX idx_boilerplate_links_article ON boilerplate_links (article_id, start)")
    db.execute("CREATE INDEX idx_boilerplate_links_other ON boilerplate_links (other_article_id)")


@MIGRATIONS(name="0007_user_outlets")
def _user_outlets(db: sqlite_utils.Database) -> None:
    """Outlets a researcher imported (``provenance outlets import``), layered over the shipped registry by name."""
    db["user_outlets"].create(
        {
            "name": str,
            "domains": str,
            "aliases": str,
            "country": str,
            "type": str,
            "languages": str,
            "origin": str,
            "imported_at": str,
        },
        pk="name",
    )


@MIGRATIONS(name="0008_queue_order")
def _queue_order(db: sqlite_utils.Database) -> None:
    """A narrow copy of each article's place in the queue (``seq`` is the article's rowid) and its filter columns.

    Walking ``articles`` in order reads a whole page per article (the text is stored inline); this table holds a
    hundred rows per page, so counting and paging the annotator's queue stays fast at 100,000 articles.
    """
    db.execute(
        "CREATE TABLE queue_order (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE,"
        " language TEXT NOT NULL DEFAULT '', publisher_domain TEXT NOT NULL DEFAULT '')"
    )
    db.execute("CREATE INDEX idx_queue_order_language ON queue_order (language)")
    db.execute("CREATE INDEX idx_queue_order_domain ON queue_order (publisher_domain)")
    db.execute(
        "INSERT INTO queue_order (seq, article_id, language, publisher_domain)"
        " SELECT rowid, id, coalesce(language, ''), coalesce(publisher_domain, '') FROM articles"
    )
    db.execute(
        """CREATE TRIGGER queue_order_after_insert AFTER INSERT ON articles BEGIN
               INSERT OR REPLACE INTO queue_order (seq, article_id, language, publisher_domain)
               VALUES (NEW.rowid, NEW.id, coalesce(NEW.language, ''), coalesce(NEW.publisher_domain, ''));
           END"""
    )
    db.execute("CREATE TRIGGER queue_order_after_delete AFTER DELETE ON articles BEGIN"
               " DELETE FROM queue_order WHERE article_id = OLD.id; END")
    db.execute(
        """CREATE TRIGGER queue_order_after_update AFTER UPDATE OF language, publisher_domain ON articles BEGIN
               UPDATE queue_order SET language = coalesce(NEW.language, ''),
                   publisher_domain = coalesce(NEW.publisher_domain, '') WHERE article_id = NEW.id;
           END"""
    )


COUNTED_MARKER_KINDS = ("scare_quotes", "reportive", "attribution_to_opponent", "anonymous", "loaded_or_evaluative",
                        "naming", "analogy", "translation_artifact", "boilerplate")


@MIGRATIONS(name="0009_compare_counts")
def _compare_counts(db: sqlite_utils.Database) -> None:
    """Per-article span counts for the outlet comparison, kept by triggers as markers and sources come and go.

    Comparing outlets sums these per outlet; counting 800,000 markers and 400,000 sources at every comparison would
    take seconds at 100,000 articles, an upsert per span at ingest costs microseconds. ``article_counts`` has one
    column per marker kind (``m_<kind>``) and per kind of attribution (``s_anonymous``, ``s_named``, ``s_links``);
    ``article_cited`` counts each cited outlet per article.
    """
    kinds = COUNTED_MARKER_KINDS
    marker_cols = [f"m_{k}" for k in kinds]
    source_cols = {
        "s_anonymous": "kind = 'anonymous' AND role != 'declared'",
        "s_named": "kind IN ('person', 'organization', 'outlet') AND role != 'declared'",
        "s_links": "kind = 'url' AND role = 'body'",
    }
    columns = ", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in [*marker_cols, *source_cols])
    db.execute(f"CREATE TABLE article_counts (article_id TEXT PRIMARY KEY, {columns}) WITHOUT ROWID")
    db.execute(
        "CREATE TABLE article_cited (article_id TEXT NOT NULL, outlet TEXT NOT NULL, n INTEGER NOT NULL,"
        " PRIMARY KEY (article_id, outlet)) WITHOUT ROWID"
    )
    marker_exprs = [f"kind = '{k}'" for k in kinds]
    source_exprs = list(source_cols.values())

    def of(row: str, expr: str) -> str:
        return "(" + expr.replace("kind", f"{row}.kind").replace("role", f"{row}.role") + ")"

    def bump(table: str, cols: list[str], exprs: list[str], row: str, sign: str) -> str:
        if sign == "-":
            sets = ", ".join(f"{c} = {c} - {of(row, e)}" for c, e in zip(cols, exprs))
            return f"UPDATE article_counts SET {sets} WHERE article_id = {row}.article_id;"
        values = ", ".join(of(row, e) for e in exprs)
        sets = ", ".join(f"{c} = {c} + excluded.{c}" for c in cols)
        return (f"INSERT INTO article_counts (article_id, {', '.join(cols)}) VALUES ({row}.article_id, {values})"
                f" ON CONFLICT (article_id) DO UPDATE SET {sets};")

    cited_add = ("INSERT INTO article_cited (article_id, outlet, n) SELECT NEW.article_id, NEW.outlet, 1"
                 " WHERE NEW.outlet != '' AND NEW.role != 'internal'"
                 " ON CONFLICT (article_id, outlet) DO UPDATE SET n = n + 1;")
    cited_remove = ("UPDATE article_cited SET n = n - 1 WHERE article_id = OLD.article_id AND outlet = OLD.outlet"
                    " AND OLD.outlet != '' AND OLD.role != 'internal';"
                    " DELETE FROM article_cited WHERE article_id = OLD.article_id AND outlet = OLD.outlet AND n <= 0;")
    for table, cols, exprs, extra_add, extra_remove in (
        ("markers", marker_cols, marker_exprs, "", ""),
        ("sources", list(source_cols), source_exprs, cited_add, cited_remove),
    ):
        add, remove = bump(table, cols, exprs, "NEW", "+"), bump(table, cols, exprs, "OLD", "-")
        db.execute(f"CREATE TRIGGER {table}_counts_insert AFTER INSERT ON {table} BEGIN {add} {extra_add} END")
        db.execute(f"CREATE TRIGGER {table}_counts_delete AFTER DELETE ON {table} BEGIN {remove} {extra_remove} END")
        db.execute(
            f"CREATE TRIGGER {table}_counts_update AFTER UPDATE OF article_id, kind, role"
            f"{', outlet' if table == 'sources' else ''} ON {table}"
            f" BEGIN {remove} {extra_remove} {add} {extra_add} END"
        )
    sums = lambda exprs: ", ".join(f"sum({e})" for e in exprs)  # noqa: E731
    db.execute(f"INSERT INTO article_counts (article_id, {', '.join(marker_cols)})"
               f" SELECT article_id, {sums(marker_exprs)} FROM markers GROUP BY article_id")
    db.execute(f"INSERT INTO article_counts (article_id, {', '.join(source_cols)})"
               f" SELECT article_id, {sums(source_exprs)} FROM sources WHERE true GROUP BY article_id"
               f" ON CONFLICT (article_id) DO UPDATE SET "
               + ", ".join(f"{c} = excluded.{c}" for c in source_cols))
    db.execute("INSERT INTO article_cited SELECT article_id, outlet, count(*) FROM sources"
               " WHERE outlet != '' AND role != 'internal' GROUP BY article_id, outlet")



@MIGRATIONS(name="0010_compare_article_index")
def _compare_article_index(db: sqlite_utils.Database) -> None:
    """A covering index of the article columns the comparison groups by, so it never walks the table of texts."""
    db.execute(
        "CREATE INDEX idx_articles_compare ON articles (publisher_domain, id, language, published, declared_source)"
    )

@MIGRATIONS(name="0011_label_state_covering")
def _label_state_covering(db: sqlite_utils.Database) -> None:
    """Covering indexes for the queue's counts: one annotator's labels by article and field (progress, "to do",
    "mine"), and every annotator's values by field and article (disagreements), read without touching the table."""
    db.execute("CREATE INDEX idx_label_state_progress ON label_state (annotator, target, article_id, field)")
    db.execute("CREATE INDEX idx_label_state_compare ON label_state (target, field, article_id, value)")


@MIGRATIONS(name="0012_fts_reindex_on_text_change_only")
def _fts_reindex_on_text_change_only(db: sqlite_utils.Database) -> None:
    """The full-text index is rebuilt for a row only when its title or text changes.

    The trigger sqlite-utils creates fires on any update, so stamping the extractor version on 500 articles
    re-indexed 500 texts (0.37 ms an article, more than inserting it).
    """
    db.execute('DROP TRIGGER IF EXISTS "articles_au"')
    db.execute(
        """
        CREATE TRIGGER "articles_au" AFTER UPDATE OF "title", "text" ON "articles" BEGIN
          INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text")
            VALUES ('delete', old.rowid, old."title", old."text");
          INSERT INTO "articles_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
        END
        """
    )



@MIGRATIONS(name="0013_markers_by_kind_covering")
def _markers_by_kind_covering(db: sqlite_utils.Database) -> None:
    """Markers indexed by kind, article and text, so per-outlet naming counts read the index alone.

    It replaces the index on kind alone (its prefix), so writing a marker costs no more than before.
    """
    db.execute("DROP INDEX IF EXISTS idx_markers_kind")
    db.execute("CREATE INDEX IF NOT EXISTS idx_markers_kind_article_text ON markers (kind, article_id, text)")



@MIGRATIONS(name="0014_label_state_votes")
def _label_state_votes(db: sqlite_utils.Database) -> None:
    """Every annotator's article values by field with the kind of event, so the comparison counts votes (not
    adjudications) per article and value from the index alone.

    It replaces the index on (target, field, article_id, value), its prefix, so saving a label writes no more
    index entries than before.
    """
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_label_state_votes ON label_state (target, field, article_id, value, action)"
    )
    db.execute("DROP INDEX IF EXISTS idx_label_state_compare")


@MIGRATIONS(name="0015_counts_written_with_spans")
def _counts_written_with_spans(db: sqlite_utils.Database) -> None:
    """The comparison's per-article counts are written by the store along with the spans (store/counts.py), not by
    triggers: an upsert per span cost more than storing the span, most of what ingest spent writing."""
    for table in ("markers", "sources"):
        for event in ("insert", "delete", "update"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_counts_{event}")


@MIGRATIONS(name="0016_boilerplate_recent_bands")
def _boilerplate_recent_bands(db: sqlite_utils.Database) -> None:
    """New band hashes go to a small table first and are folded into the large one in bulk (store/boilerplate.py).

    Band hashes are random, so each one written straight into the large table lands on its own page: past a few
    tens of thousands of articles every batch rewrote most of the table. ``folded_through`` is the last paragraph
    whose bands are in the large table.
    """
    db.execute(
        "CREATE TABLE boilerplate_bands_recent (hash INTEGER NOT NULL, paragraph_id INTEGER NOT NULL,"
        " PRIMARY KEY (hash, paragraph_id)) WITHOUT ROWID"
    )
    db.execute("CREATE TABLE boilerplate_folded (folded_through INTEGER NOT NULL)")
    db.execute("INSERT INTO boilerplate_folded SELECT coalesce(max(id), 0) FROM boilerplate_paragraphs")
    db.execute("CREATE INDEX IF NOT EXISTS idx_sources_article_id ON sources (article_id)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_markers_article_id ON markers (article_id)")


@MIGRATIONS(name="0017_label_state_annotator_dropped")
def _label_state_annotator_dropped(db: sqlite_utils.Database) -> None:
    """Drops the (annotator, target, article_id) index: ``label_state`` is WITHOUT ROWID, so that index already
    ended with ``field`` (the rest of the key) and held the same entries as ``idx_label_state_progress``; every
    label saved wrote both."""
    db.execute("DROP INDEX IF EXISTS idx_label_state_annotator")


@MIGRATIONS(name="0018_span_indexes_trimmed")
def _span_indexes_trimmed(db: sqlite_utils.Database) -> None:
    """Fewer index entries written per span. Article ids are hashes, so every index that starts with one takes each
    new article's entries on a page of its own: past a few tens of thousands of articles, an ingest batch rewrote
    thousands of pages per index (and the write-ahead log writes each page twice).

    - The indexes on ``article_id`` alone go: ``idx_markers_article_kind`` and ``idx_sources_article_kind`` start
      with it and serve the same look-ups.
    - The comparison's covering index of naming markers indexes those markers only (a partial index), keyed by
      article first, instead of every marker by kind.
    """
    db.execute("DROP INDEX IF EXISTS idx_markers_article_id")
    db.execute("DROP INDEX IF EXISTS idx_sources_article_id")
    db.execute("DROP INDEX IF EXISTS idx_markers_kind_article_text")
    db.execute("CREATE INDEX IF NOT EXISTS idx_markers_naming ON markers (article_id, text) WHERE kind = 'naming'")


@MIGRATIONS(name="0019_label_state_trigger_pinned")
def _label_state_trigger_pinned(db: sqlite_utils.Database) -> None:
    """The label-state trigger reads the event log through named indexes.

    Once ``ANALYZE`` has run over a log without undos (``sqlite3 annotations.db ANALYZE``, or a tool that runs
    ``PRAGMA optimize``), every event shares the same empty ``undoes``, the planner judges that index useless, and
    the undo check walked the whole log at every saved label: a quarter of a second at a million events.
    """
    db.execute("DROP TRIGGER IF EXISTS label_state_after_event")
    db.execute(
        """
        CREATE TRIGGER label_state_after_event AFTER INSERT ON label_events
        BEGIN
            DELETE FROM label_state WHERE article_id = NEW.article_id AND annotator = NEW.annotator
                AND target = NEW.target AND field = NEW.field;
            INSERT INTO label_state (article_id, annotator, target, field, value, action, event_id, created_at)
            SELECT article_id, annotator, target, field, value, action, id, created_at FROM (
                SELECT e.* FROM label_events e INDEXED BY idx_label_events_article_id_annotator
                WHERE e.article_id = NEW.article_id AND e.annotator = NEW.annotator
                  AND e.target = NEW.target AND e.field = NEW.field
                  AND e.action IN ('set', 'clear', 'adjudicate', 'skip')
                  AND NOT EXISTS (SELECT 1 FROM label_events u INDEXED BY idx_label_events_undoes
                                  WHERE u.undoes = e.id AND u.action = 'undo')
                ORDER BY e.created_at DESC, e.id DESC LIMIT 1
            ) WHERE action != 'clear';
        END
        """
    )


@MIGRATIONS(name="0020_current_labels_view_pinned")
def _current_labels_view_pinned(db: sqlite_utils.Database) -> None:
    """The ``current_labels`` view checks for undos through the undo index, as the trigger of 0019 does.

    After ``ANALYZE`` over a log without undos the planner walked the whole log for each event the view ranked:
    0.4 s for one article's labels at a million events, and a query of the whole view never finished.
    """
    db.execute("DROP VIEW IF EXISTS current_labels")
    db.execute(
        """
        CREATE VIEW current_labels AS
        SELECT id, article_id, annotator, target, field, value, action, created_at FROM (
            SELECT e.*, ROW_NUMBER() OVER (
                PARTITION BY e.article_id, e.annotator, e.target, e.field
                ORDER BY e.created_at DESC, e.id DESC
            ) AS rank
            FROM label_events e
            WHERE e.action IN ('set', 'clear', 'adjudicate')
              AND NOT EXISTS (SELECT 1 FROM label_events u INDEXED BY idx_label_events_undoes
                              WHERE u.undoes = e.id AND u.action = 'undo')
        )
        WHERE rank = 1 AND action != 'clear'
        """
    )


SCHEMA_VERSION = len(MIGRATIONS._migrations)


def _known_names() -> set[str]:
    return {m.name for m in MIGRATIONS._migrations}


def check_schema_version(db: sqlite_utils.Database) -> None:
    """Refuse a database that a newer provenance has migrated further than this code knows.

    Read-only: nothing is written to a refused database.
    """
    table = db[MIGRATIONS.migrations_table]
    if not table.exists():
        return
    applied = {m.name for m in MIGRATIONS.applied(db)}
    unknown = sorted(applied - _known_names())
    if unknown:
        raise StoreError(
            f"this database has schema changes from a newer provenance ({', '.join(unknown)}); it was left untouched",
            "upgrade provenance (pip install -U provenance) or pass --db with another file",
        )


def schema_version(db: sqlite_utils.Database) -> int:
    """How many of this code's migrations the database has had."""
    return len({m.name for m in MIGRATIONS.applied(db)} & _known_names())
