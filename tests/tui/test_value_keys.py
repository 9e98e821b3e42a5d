"""A scheme may give a value any free one-character key (``0``, a letter, a sign): the annotator binds it, and the
keys the scheme loader refuses are exactly those the annotator already uses."""

from __future__ import annotations

from textual.keys import key_to_character

from provenance.scheme import DIGIT_KEYS, RESERVED_KEYS, parse_scheme
from provenance.store.articles import iter_article_ids
from provenance.tui.app import AnnotatorApp, build_app
from provenance.tui.screens.article import ArticleScreen, key_name
from provenance.tui.widgets.article import ArticleView
from tui_helpers import events, labels, run_async, screen_text

ME = "alice"

SCHEME = """
[[fields]]
id = "outlet"
type = "text"
key = "o"

[[fields]]
id = "topic"
type = "choice"
values = [
    { id = "war", key = "0" },
    { id = "peace", key = "b" },
    { id = "trade", key = "-" },
]

[[fields]]
id = "tone"
type = "choice"
values = [{ id = "calm" }, { id = "angry" }]
"""


@run_async
async def test_value_keys_other_than_digits_save_their_value(seeded_db) -> None:
    first, second = list(iter_article_ids(seeded_db))[:2]
    app = build_app(seeded_db, annotator=ME, scheme=parse_scheme(SCHEME, "topics.toml"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.session.current().article.id == first
        assert app.session.active == "topic"  # the outlet is pre-filled from the declared source
        assert " 0  war" in screen_text(app) and " b  peace" in screen_text(app)
        await pilot.press("0")
        assert labels(seeded_db, first, ME)["topic"] == "war"
        assert app.session.active == "tone"
        await pilot.press("minus")  # a key of another field's value: nothing is recorded
        assert "tone" not in labels(seeded_db, first, ME)
        await pilot.press("2")
        assert labels(seeded_db, first, ME)["tone"] == "angry"
        assert app.session.current().article.id == second
        await pilot.press("o", *"TASS", "enter", "b")
        assert labels(seeded_db, second, ME) == {"outlet": "TASS", "topic": "peace"}
    assert [e[2] for e in events(seeded_db, ME) if e[1] == "topic"] == ["war", "peace"]


def test_key_names_are_the_keys_textual_reports() -> None:
    assert [key_name(c) for c in "0b-,B"] == ["0", "b", "minus", "comma", "B"]


def test_every_key_the_annotator_binds_is_reserved_from_value_keys() -> None:
    """The scheme loader refuses a value key the article screen or the app already binds (digits aside)."""
    bound = {
        key
        for node in (AnnotatorApp, ArticleScreen, ArticleView)
        for binding in node.BINDINGS
        for key in binding.key.split(",")
    }
    characters = {key_to_character(key) or key for key in bound} - set(DIGIT_KEYS)
    single = {c for c in characters if len(c) == 1 and c.isprintable() and not c.isspace()}  # whitespace is never a value key
    assert single and single <= RESERVED_KEYS, sorted(single - RESERVED_KEYS)
