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
