"""The adjudication review driven by keys: disagreements side by side, a digit records a ruling as its own event."""

from __future__ import annotations

from provenance.analysis.adjudication import list_disagreements, ruling_options
from provenance.store.articles import iter_article_ids
from provenance.store.labels import record_event
from provenance.tui.app import build_app
from provenance.tui.screens.review import ReviewScreen
from tui_helpers import events, run_async, screen_text


def disagree(db) -> list[str]:  # noqa: ANN001
    """alice and bob differ on the stance of seed 0 and the reliability of seed 1; they agree on seed 2."""
    ids = list(iter_article_ids(db))
    record_event(db, ids[0], "alice", "stance", "pro-russia")
    record_event(db, ids[0], "bob", "stance", "neutral")
    record_event(db, ids[0], "carol", "stance", "pro-russia")
    record_event(db, ids[1], "alice", "reliability", "2")
    record_event(db, ids[1], "bob", "reliability", "[bold]4")  # a hostile value (not in the scheme) stays inert
    record_event(db, ids[2], "alice", "stance", "neutral")
    record_event(db, ids[2], "bob", "stance", "neutral")
    return ids


def test_options_put_the_annotators_values_first(seeded_db, scheme) -> None:
    disagree(seeded_db)
    first = list_disagreements(seeded_db, scheme)[0]
    assert first.values == {"alice": "pro-russia", "bob": "neutral", "carol": "pro-russia"}
    options = ruling_options(first, scheme)
    assert options[:2] == [("pro-russia", ["alice", "carol"]), ("neutral", ["bob"])]
    assert [v for v, _ in options[2:]] == ["pro-ukraine", "unclear"]


@run_async
async def test_review_rules_with_a_digit_and_undoes(seeded_db, scheme) -> None:
    ids = disagree(seeded_db)
    app = build_app(seeded_db, annotator="dana", scheme=scheme)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert [(d.article_id, d.field) for d in screen.items] == sorted(
            [(ids[0], "stance"), (ids[1], "reliability")])
        text = screen_text(app)
        assert "2 disagreements" in text and "[bold]4" in text
        target = screen.current()
        await pilot.press("2")  # the second option: the minority value
        ruled = [e for e in events(seeded_db, "dana") if e[3] == "adjudicate"]
        second_option = ruling_options(target, scheme)[1][0]
        assert ruled == [(target.article_id, target.field, second_option, "adjudicate", "")]
        assert "1 open" in screen_text(app)
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [e[3] for e in events(seeded_db, "dana")] == ["adjudicate", "undo"]
        assert all(not d.settled for d in screen.items)
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)
