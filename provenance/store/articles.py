"""Articles and what the reader marked in them: written in batches, read one at a time or as a page of the queue."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils

from provenance.corpus.article import Article, Mark


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one batch of articles did to the store."""

    added: list[str]
    unchanged: list[str]


_ARTICLE_COLUMNS = (
    "id", "title", "url", "publisher_domain", "byline", "published", "language", "text", "origin", "format",
    "declared_source", "metadata", "extractor_version", "ingested_at",
)
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})"
)
_INSERT_MARK = 'INSERT INTO marks (article_id, kind, start, "end", value) VALUES (?, ?, ?, ?, ?)'


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """An article as the rows it is stored in, built wherever the article was read (an ingest worker process
    builds them, so the process holding the write lock only inserts tuples)."""

    article: tuple
    marks: list[tuple]

    @property
    def id(self) -> str:
        return self.article[0]


def article_rows(article: Article, extractor_version: str = "") -> ArticleRows:
    """The ``articles`` row (without its ingest time, added when it is inserted) and the ``marks`` rows."""
    row = (
        article.id, article.title, article.url, article.publisher_domain, article.byline, article.published,
        article.language, article.text, article.origin, article.format, article.declared_source,
        json.dumps(article.metadata, ensure_ascii=False, default=str), extractor_version,
    )
    return ArticleRows(row, [(article.id, m.kind, m.start, m.end, m.value) for m in article.marks])


def insert_new(db: sqlite_utils.Database, rows: Sequence[ArticleRows]) -> None:
    """Insert articles known not to be stored yet (the caller checked, within its transaction)."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    # Plain executemany: sqlite-utils' insert_all inspects every value of every row, which costs more than the
    # insert itself here.
    db.conn.executemany(_INSERT_ARTICLE, [(*r.article, now) for r in rows])
    db.conn.executemany(_INSERT_MARK, [mark for r in rows for mark in r.marks])


def existing_ids(db: sqlite_utils.Database, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the store already holds."""
    ids = list(ids)
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk).fetchall())
    return found


def add_articles(db: sqlite_utils.Database, articles: Iterable[Article]) -> AddResult:
    """Insert the articles not stored yet, with their marks, in one transaction.

    An article already stored (same id, i.e. same normalised text) is left as it is and reported unchanged; so is a
    duplicate within the batch.
    """
    articles = list(articles)
    known = existing_ids(db, (a.id for a in articles))
    fresh: dict[str, Article] = {}
    unchanged: list[str] = []
    for article in articles:
        if article.id in known or article.id in fresh:
            unchanged.append(article.id)
        else:
            fresh[article.id] = article
    if fresh:
        with db.atomic():
            insert_new(db, [article_rows(a) for a in fresh.values()])
    return AddResult(added=list(fresh), unchanged=unchanged)


def article_count(db: sqlite_utils.Database) -> int:
    """How many articles are stored."""
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def get_article(db: sqlite_utils.Database, article_id: str) -> Article | None:
    """One stored article with its marks, or None."""
    cursor = db.execute("SELECT * FROM articles WHERE id = ?", [article_id])
    row = cursor.fetchone()
    if row is None:
        return None
    record = dict(zip([d[0] for d in cursor.description], row))
    marks = [
        Mark(kind, start, end, value or "")
        for kind, start, end, value in db.execute(
            'SELECT kind, start, "end", value FROM marks WHERE article_id = ? ORDER BY start', [article_id]
        )
    ]
    return Article(
        id=record["id"],
        text=record["text"],
        title=record["title"] or "",
        url=record["url"] or "",
        publisher_domain=record["publisher_domain"] or "",
        byline=record["byline"] or "",
        published=record["published"] or "",
        language=record["language"] or "",
        origin=record["origin"] or "",
        format=record["format"] or "",
        declared_source=record["declared_source"] or "",
        metadata=json.loads(record["metadata"] or "{}"),
        marks=marks,
    )


def iter_article_ids(db: sqlite_utils.Database) -> Iterator[str]:
    """Every article id in ingest order."""
    for (article_id,) in db.execute("SELECT id FROM articles ORDER BY rowid"):
        yield article_id
