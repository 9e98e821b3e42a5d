"""The store: connection pragmas, migrations and the schema-version check, articles, marks and the FTS index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from provenance.corpus.article import Article, Mark
from provenance.errors import StoreError
from provenance.store.articles import add_articles, article_count, get_article, iter_article_ids
from provenance.store.db import BUSY_TIMEOUT_MS, open_db, resolve_db_path
from provenance.store.migrations import MIGRATIONS, SCHEMA_VERSION, schema_version


def test_every_connection_gets_the_pragmas(db: sqlite_utils.Database, db_path: Path) -> None:
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    second = open_db(db_path)
    assert second.execute("PRAGMA synchronous").fetchone()[0] == 1
    assert second.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_are_named_applied_once_and_counted(db: sqlite_utils.Database, db_path: Path) -> None:
    applied = [m.name for m in MIGRATIONS.applied(db)]
    assert applied == [m.name for m in MIGRATIONS._migrations]
    assert applied[0] == "0001_articles"
    assert schema_version(db) == SCHEMA_VERSION
    open_db(db_path)  # a second open applies nothing twice
    assert len(MIGRATIONS.applied(open_db(db_path))) == SCHEMA_VERSION
    tables = set(db.table_names())
    assert {"articles", "marks", "sources", "passages", "markers", "label_events", "articles_fts"} <= tables
    columns = set(db["articles"].columns_dict)
    assert {"id", "title", "url", "publisher_domain", "byline", "published", "language", "text", "origin",
            "format", "metadata", "ingested_at"} <= columns


def test_database_from_a_newer_version_is_refused_untouched(db: sqlite_utils.Database, db_path: Path) -> None:
    db[MIGRATIONS.migrations_table].insert(
        {"migration_set": MIGRATIONS.name, "name": "9999_from_the_future", "applied_at": "2099-01-01T00:00:00"}
    )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as raised:
        open_db(db_path)
    assert "newer provenance" in raised.value.message and "9999_from_the_future" in raised.value.message
    assert raised.value.hint
    assert db_path.read_bytes() == before


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some text, certainly not SQLite " * 40)
    with pytest.raises(StoreError) as raised:
        open_db(path)
    assert str(path) in raised.value.message
    with pytest.raises(StoreError):
        open_db(tmp_path)  # a folder
    with pytest.raises(StoreError):
        open_db(tmp_path / "missing" / "x.db")


def test_default_path_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_db_path(None) == Path("annotations.db")
    monkeypatch.setenv("PROVENANCE_DB", "/somewhere/else.db")
    assert resolve_db_path(None) == Path("/somewhere/else.db")
    assert resolve_db_path("given.db") == Path("given.db")


def test_articles_round_trip_with_marks_and_dedupe(db: sqlite_utils.Database) -> None:
    text = "A title\n\nBody with [markup] and \x1b[31mescapes\x1b[0m kept verbatim.\n"
    article = Article(
        text=text, title="A title", url="https://www.example.com/a", publisher_domain="example.com",
        byline="Ann", published="2024-01", language="en", origin="a.txt", format="text",
        declared_source="https://x.org", metadata={"k": [1, 2]}, marks=[Mark("title", 0, 7)],
    )
    first = add_articles(db, [article, Article(text=text)])
    assert first.added == [article.id] and first.unchanged == [article.id]
    again = add_articles(db, [Article(text=text.replace("\n", "\n\n"))])  # same normalised text, same id
    assert again.added == [] and again.unchanged == [article.id]
    stored = get_article(db, article.id)
    assert stored is not None
    assert stored.text == text
    assert (stored.title, stored.byline, stored.metadata, stored.declared_source) == ("A title", "Ann", {"k": [1, 2]},
                                                                                      "https://x.org")
    assert stored.marks == [Mark("title", 0, 7)]
    assert article_count(db) == 1
    assert list(iter_article_ids(db)) == [article.id]
    assert get_article(db, "missing") is None


def test_full_text_search_over_title_and_text(db: sqlite_utils.Database) -> None:
    add_articles(db, [Article(text="Les négociations à Bruxelles ont échoué.", title="Échec"),
                      Article(text="Nothing to see here.", title="Other")])
    hits = [row["title"] for row in db["articles"].search("negociations")]
    assert hits == ["Échec"]
    assert [row["title"] for row in db["articles"].search("echec")] == ["Échec"]


def test_tables_are_readable_with_plain_sqlite(db: sqlite_utils.Database, db_path: Path) -> None:
    add_articles(db, [Article(text="one article")])
    conn = sqlite3.connect(db_path)
    counts = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
              for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert counts["articles"] == 1
    assert counts["_sqlite_migrations"] == SCHEMA_VERSION


def test_full_text_index_follows_text_changes_only(db: sqlite_utils.Database) -> None:
    article = Article(text="Les négociations à Bruxelles ont échoué.", title="Échec")
    add_articles(db, [article])
    fts_rows = db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
    with db.atomic():
        db.execute("UPDATE articles SET extractor_version = 'x' WHERE id = ?", [article.id])
    assert db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0] == fts_rows
    assert [row["title"] for row in db["articles"].search("bruxelles")] == ["Échec"]
    with db.atomic():
        db.execute("UPDATE articles SET text = 'Un tout autre texte sur Strasbourg.' WHERE id = ?", [article.id])
    assert [row["title"] for row in db["articles"].search("strasbourg")] == ["Échec"]
    assert list(db["articles"].search("bruxelles")) == []
