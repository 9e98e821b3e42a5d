"""Outlet suggestions and the active field, without the UI."""

from __future__ import annotations

from provenance.store.boilerplate import shared_spans
from provenance.store.articles import iter_article_ids
from provenance.store.labels import record_event
from provenance.tui.session import Session


def test_outlet_suggested_from_articles_sharing_a_paragraph(seeded_db, scheme) -> None:
    ids = list(iter_article_ids(seeded_db))
    sharing = [i for i in ids if shared_spans(seeded_db, i)]
    assert len(sharing) >= 2, "the seeds share a paragraph between two articles"
    first, other = sharing[0], shared_spans(seeded_db, sharing[0])[0].shared_with[0]
    session = Session(seeded_db, annotator="alice", scheme=scheme)
    assert session.open(first).suggestion == ""
    assert session.active == "outlet"
    record_event(seeded_db, other, "bob", "outlet", "RT France")
    shown = session.open(first)
    assert shown.suggestion == "RT France"
    assert session.active == "stance"  # pre-filled: the first digit confirms it
    assert session.choose("3")
    assert shown.labels == {"outlet": "RT France", "stance": "pro-russia"}
    assert session.active == "reliability"


def test_tab_and_digits_move_between_fields(seeded_db, scheme) -> None:
    session = Session(seeded_db, annotator="alice", scheme=scheme)
    session.open(next(iter_article_ids(seeded_db)))
    assert session.active == "stance"
    assert session.move_field(1) == "reliability"
    assert session.move_field(-1) == "stance"
    assert not session.choose("9")  # not a value of stance: nothing recorded
    assert session.current().labels == {}
    assert session.set_text("note", "[b]inert[/b]")
    assert session.current().labels == {"note": "[b]inert[/b]"}


def test_label_commits_leave_checkpoints_to_another_connection(seeded_path, tmp_path) -> None:
    """Commits stay in the write-ahead log (no checkpoint on the annotator's connection) until a checkpoint runs on
    a connection of its own; the database file alone then holds them."""
    import shutil

    from provenance.store.db import open_db
    from provenance.store.labels import checkpoint_from_another_connection, defer_checkpoints

    db = open_db(seeded_path)
    path = defer_checkpoints(db)
    assert path is not None and db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    article = next(iter_article_ids(db))
    for n in range(5):
        record_event(db, article, "alice", "note", f"note {n}")

    def events_in_file_alone() -> int:
        copy = tmp_path / f"alone-{len(list(tmp_path.iterdir()))}.db"
        shutil.copy(seeded_path, copy)  # the database file without its log
        return open_db(copy, migrate=False).execute("SELECT count(*) FROM label_events").fetchone()[0]

    assert events_in_file_alone() == 0
    checkpoint_from_another_connection(path)
    assert events_in_file_alone() == 5
    assert defer_checkpoints(open_db(memory=True)) is None
