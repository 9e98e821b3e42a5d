"""The database-wide index of repeated paragraphs, kept up to date as articles arrive.

Every candidate paragraph (see :mod:`provenance.extract.boilerplate`) is stored with its MinHash signature, and its
LSH band hashes in ``boilerplate_bands`` (primary key ``(hash, paragraph_id)``). Indexing a new article is then a
handful of indexed lookups — one per band of each of its paragraphs — followed by a signature comparison with the
few paragraphs found, whatever the size of the database.

Band hashes are random, so rows written one batch at a time into a large table would each land on a page of their
own, and every batch would rewrite most of the table. New rows therefore go to ``boilerplate_bands_recent``, small
enough to stay in memory, and are folded into ``boilerplate_bands`` in one sorted pass once it holds
:data:`RECENT_LIMIT` rows; lookups read both. When a paragraph turns out to be carried by other articles,
both sides get a link, a ``boilerplate`` marker, and a passage saying "also in N other articles".

Passage ids are ``<article id>:<n>`` and labels may point at them, so refreshing an article never renumbers its
passages: a passage that gains a repeated paragraph keeps its id, a new passage takes the next free number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlite_utils

from provenance.corpus.article import Article
from provenance.extract import boilerplate as pure
from provenance.extract.passages import boilerplate_markers, score, why
from provenance.extract.spans import Marker
from provenance.store import counts

_CHUNK = 500
RECENT_LIMIT = 500_000
"""Band rows (10 per paragraph, about 70 per news article) held in the recent table before a fold."""


def _chunks(values: Sequence, size: int = _CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _indexed(db: sqlite_utils.Database, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(f"SELECT article_id FROM boilerplate_indexed WHERE article_id IN ({marks})", list(chunk)))
    return found


def _band_members(db: sqlite_utils.Database, hashes: Sequence[int]) -> dict[int, list[int]]:
    """The stored paragraphs that share each band hash."""
    members: dict[int, list[int]] = {}
    for chunk in _chunks(hashes):
        marks = ",".join("?" * len(chunk))
        for value, paragraph_id in db.execute(
            f"SELECT hash, paragraph_id FROM boilerplate_bands WHERE hash IN ({marks}) UNION ALL"
            f" SELECT hash, paragraph_id FROM boilerplate_bands_recent WHERE hash IN ({marks})",
            [*chunk, *chunk],
        ):
            members.setdefault(value, []).append(paragraph_id)
    return members


def _paragraph_rows(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[int, tuple[str, int, int, bytes]]:
    rows: dict[int, tuple[str, int, int, bytes]] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for pid, article_id, start, end, signature in db.execute(
            f'SELECT id, article_id, start, "end", signature FROM boilerplate_paragraphs WHERE id IN ({marks})',
            list(chunk),
        ):
            rows[pid] = (article_id, start, end, signature)
    return rows


def index_articles(db: sqlite_utils.Database, articles: Iterable[Article]) -> set[str]:
    """Add the articles' paragraphs to the index, link the ones other articles carry, and refresh the passages of
    every article that gained a link. Articles already indexed are skipped. Returns the ids of the refreshed articles.
    """
    batch = list({a.id: a for a in articles if a.text}.values())
    if not batch:
        return set()
    found = pure.candidates([a.text for a in batch], [[(m.start, m.end) for m in a.marks_of("furniture")] for a in batch])
    return index_candidates(db, [a.id for a in batch], found)


def index_candidates(db: sqlite_utils.Database, ids: Sequence[str], found: pure.Candidates) -> set[str]:
    """:func:`index_articles` for candidates computed beforehand (by an ingest worker process): ``ids`` are the
    articles, distinct, that ``found.owners`` index into."""
    if not ids:
        return set()
    with db.atomic():  # reads and writes in one transaction: a concurrent ingest cannot slip paragraphs in between
        done = _indexed(db, ids)
        if done:
            keep = [i for i, article_id in enumerate(ids) if article_id not in done]
            found = pure.merge([(found, {old: new for new, old in enumerate(keep)})])
            ids = [ids[i] for i in keep]
        if not ids:
            return set()
        to_stored = _links_to_stored(db, ids, found)
        within = [
            (ids[found.owners[i]], *found.spans[i], ids[found.owners[j]], *found.spans[j], similarity)
            for i, j, similarity in pure.match_pairs(found)
        ]
        links = to_stored + _reverse(db, to_stored) + within
        links += [(b, bs, be, a, as_, ae, s) for a, as_, ae, b, bs, be, s in within]
        _insert(db, ids, found, links, _widely_repeated(found, ids, to_stored))
        touched = sorted({link[0] for link in links})
        refresh(db, touched)
    return set(touched)


def _links_to_stored(db: sqlite_utils.Database, ids: Sequence[str], found: pure.Candidates) -> list[tuple]:
    """Links ``(article, start, end, other article, other start, other end, similarity)`` from the batch's
    paragraphs to the stored paragraphs they nearly repeat: one indexed lookup per band hash, then a signature check.
    A paragraph links to the first :data:`~provenance.extract.boilerplate.MAX_SHARED` stored copies only."""
    import numpy as np

    if not found.spans:
        return []
    members = _band_members(db, np.unique(found.bands).tolist())
    if not members:
        return []
    stored = _paragraph_rows(db, sorted({p for ids in members.values() for p in ids}))
    links = []
    known = np.isin(found.bands, np.fromiter(members, dtype=np.int64, count=len(members))).any(axis=1)
    for i in np.flatnonzero(known).tolist():
        owner = ids[found.owners[i]]
        start, end = found.spans[i]
        linked = 0
        for pid in sorted({p for h in found.bands[i].tolist() for p in members.get(h, ())}):
            other, other_start, other_end, signature = stored[pid]
            if other == owner:
                continue
            similarity = pure.similarity(found.signatures[i], np.frombuffer(signature, dtype=np.uint64))
            if similarity >= pure.MATCH_THRESHOLD:
                links.append((owner, start, end, other, other_start, other_end, similarity))
                linked += 1
                if linked >= pure.MAX_SHARED:
                    break
    return links


def _reverse(db: sqlite_utils.Database, links: list[tuple]) -> list[tuple]:
    """The other direction of new links to stored paragraphs, for the stored paragraphs that do not list
    :data:`~provenance.extract.boilerplate.MAX_SHARED` carriers yet."""
    listed: dict[tuple[str, int], int] = {}
    reverse = []
    for owner, start, end, other, other_start, other_end, similarity in links:
        key = (other, other_start)
        if key not in listed:
            listed[key] = db.execute(
                "SELECT count(*) FROM boilerplate_links WHERE article_id = ? AND start = ?", list(key)
            ).fetchone()[0]
        if listed[key] < pure.MAX_SHARED:
            listed[key] += 1
            reverse.append((other, other_start, other_end, owner, start, end, similarity))
    return reverse


def _widely_repeated(found: pure.Candidates, ids: Sequence[str], to_stored: list[tuple]) -> set[int]:
    """The batch's paragraphs that already have :data:`~provenance.extract.boilerplate.MAX_SHARED` stored copies:
    later copies will find those, so their band hashes are not indexed, and no band bucket grows without bound."""
    copies: dict[tuple[str, int], int] = {}
    for owner, start, *_ in to_stored:
        copies[owner, start] = copies.get((owner, start), 0) + 1
    return {i for i, (start, _) in enumerate(found.spans) if copies.get((ids[found.owners[i]], start), 0) >= pure.MAX_SHARED}


def _insert(
    db: sqlite_utils.Database, ids: Sequence[str], found: pure.Candidates, links: list[tuple], unindexed: set[int]
) -> None:
    import numpy as np

    base = db.execute("SELECT coalesce(max(id), 0) FROM boilerplate_paragraphs").fetchone()[0]
    db.conn.executemany(
        'INSERT INTO boilerplate_paragraphs (id, article_id, start, "end", signature) VALUES (?, ?, ?, ?, ?)',
        [
            (base + 1 + i, ids[found.owners[i]], s, e, found.signatures[i].tobytes())
            for i, (s, e) in enumerate(found.spans)
        ],
    )
    # Sorted by hash, the rows go into the (hash, paragraph_id) b-tree in order instead of at random pages.
    indexed = np.array([i not in unindexed for i in range(len(found.spans))], dtype=bool)
    flat = found.bands[indexed].ravel()
    paragraph = np.repeat(np.flatnonzero(indexed) + base + 1, pure.BANDS)
    order = np.argsort(flat, kind="stable")
    db.conn.executemany(
        "INSERT OR IGNORE INTO boilerplate_bands_recent (hash, paragraph_id) VALUES (?, ?)",
        zip(flat[order].tolist(), paragraph[order].tolist()),
    )
    _fold_when_full(db, base + len(found.spans))
    db.conn.executemany("INSERT OR IGNORE INTO boilerplate_indexed (article_id) VALUES (?)", [(article_id,) for article_id in ids])
    db.conn.executemany(
        'INSERT INTO boilerplate_links (article_id, start, "end", other_article_id, other_start, other_end,'
        " similarity) VALUES (?, ?, ?, ?, ?, ?, ?)",
        links,
    )


def _fold_when_full(db: sqlite_utils.Database, last_paragraph: int) -> None:
    """Move the recent band rows into the large table once there are :data:`RECENT_LIMIT` of them: read in key
    order, they are written page after page."""
    (folded_through,) = db.execute("SELECT folded_through FROM boilerplate_folded").fetchone()
    if (last_paragraph - folded_through) * pure.BANDS < RECENT_LIMIT:
        return
    db.execute("INSERT OR IGNORE INTO boilerplate_bands SELECT hash, paragraph_id FROM boilerplate_bands_recent")
    db.execute("DELETE FROM boilerplate_bands_recent")
    db.execute("UPDATE boilerplate_folded SET folded_through = ?", [last_paragraph])


def shared_spans(db: sqlite_utils.Database, article_id: str) -> list[pure.SharedSpan]:
    """The paragraphs of an article that other stored articles carry, with those articles' ids and outlets."""
    grouped: dict[tuple[int, int], dict[str, str]] = {}
    for start, end, other, outlet in db.execute(
        'SELECT l.start, l."end", l.other_article_id, coalesce(a.publisher_domain, "")'
        " FROM boilerplate_links l LEFT JOIN articles a ON a.id = l.other_article_id"
        " WHERE l.article_id = ? ORDER BY l.start, l.other_article_id",
        [article_id],
    ):
        entries = grouped.setdefault((start, end), {})
        entries.setdefault(other, outlet)
    return [
        pure.SharedSpan(s, e, tuple(others), tuple(sorted({w for w in others.values() if w})))
        for (s, e), others in grouped.items()
    ]


def refresh(db: sqlite_utils.Database, article_ids: Iterable[str]) -> None:
    """Rewrite the ``boilerplate`` markers of the articles and the passages holding them, keeping passage ids.

    Called after indexing, and by anything that re-analyses an article (re-analysis rewrites passages without them).
    """
    for article_id in article_ids:
        row = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            continue
        text = row[0]
        shared = shared_spans(db, article_id)
        previously = {
            pid
            for (pid,) in db.execute(
                "SELECT DISTINCT passage_id FROM markers WHERE article_id = ? AND kind = 'boilerplate'", [article_id]
            )
        }
        db.execute("DELETE FROM markers WHERE article_id = ? AND kind = 'boilerplate'", [article_id])
        passages = {
            pid: (start, end)
            for pid, start, end in db.execute('SELECT id, start, "end" FROM passages WHERE article_id = ?', [article_id])
        }
        markers: dict[str, list[Marker]] = {}
        for pid, kind, start, end, marker_text, marker_why in db.execute(
            'SELECT passage_id, kind, start, "end", text, why FROM markers WHERE article_id = ?', [article_id]
        ):
            markers.setdefault(pid, []).append(Marker(kind, start, end, marker_text, marker_why))
        furniture = [
            (s, e) for s, e in db.execute('SELECT start, "end" FROM marks WHERE article_id = ? AND kind = ?', [article_id, "furniture"])
        ]
        next_index = 1 + max((int(pid.rsplit(":", 1)[1]) for pid in passages if pid.rsplit(":", 1)[-1].isdigit()), default=-1)
        changed: set[str] = set()
        new_rows = []
        for span, marker in zip(shared, boilerplate_markers(text, shared)):
            if any(fs <= span.start and span.end <= fe for fs, fe in furniture):
                continue
            pid = next((p for p, (s, e) in passages.items() if s <= span.start and span.end <= e), None)
            if pid is None:
                pid = f"{article_id}:{next_index}"
                next_index += 1
                passages[pid] = (span.start, span.end)
                new_rows.append((pid, span.start, span.end))
            markers.setdefault(pid, []).append(marker)
            changed.add(pid)
            db.conn.execute(
                'INSERT INTO markers (article_id, passage_id, kind, start, "end", text, why) VALUES (?, ?, ?, ?, ?, ?, ?)',
                (article_id, pid, marker.kind, marker.start, marker.end, marker.text, marker.why),
            )
        for pid, start, end in new_rows:
            db.conn.execute(
                'INSERT INTO passages (id, article_id, start, "end", score, why) VALUES (?, ?, ?, ?, ?, ?)',
                (pid, article_id, start, end, 0.0, ""),
            )
        for pid in changed | (previously & passages.keys()):
            start, end = passages[pid]
            kept = markers.get(pid, [])
            here = [s for s in shared if s.start < end and start < s.end]
            db.conn.execute("UPDATE passages SET score = ?, why = ? WHERE id = ?", (score(kept), why(kept, here), pid))
        if changed or previously:
            counts.recount_boilerplate(db, article_id)


def after_reanalysis(db: sqlite_utils.Database, article_ids: Sequence[str]) -> None:
    """Keep the index right after re-analysis rewrote these articles' passages: index the ones never indexed (a
    database from before the index existed), and put back the boilerplate markers of the ones with links."""
    from provenance.store.articles import get_article

    ids = list(dict.fromkeys(article_ids))
    done = _indexed(db, ids)
    missing = [a for a in (get_article(db, i) for i in ids if i not in done) if a is not None]
    if missing:
        index_articles(db, missing)
    linked: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        linked.update(
            r[0] for r in db.execute(f"SELECT DISTINCT article_id FROM boilerplate_links WHERE article_id IN ({marks})", list(chunk))
        )
    refresh(db, sorted(linked))
