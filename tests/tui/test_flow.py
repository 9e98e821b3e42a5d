"""The whole labelling flow driven by keys through Textual's pilot, checked in the database."""

from __future__ import annotations

from provenance.extract.spans import Analysis, Passage
from provenance.store import queue
from provenance.store.analysis import load_sources, save_analysis
from provenance.store.articles import iter_article_ids
from provenance.tui.app import build_app
from tui_helpers import events, labels, run_async, screen_text

ME = "alice"


def make_app(db, scheme, annotator: str = ME):  # noqa: ANN001, ANN201
    return build_app(db, annotator=annotator, scheme=scheme)


@run_async
async def test_three_digits_label_an_article_whose_outlet_is_suggested(seeded_db, scheme) -> None:
    first, second = list(iter_article_ids(seeded_db))[:2]
    app = make_app(seeded_db, scheme)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.session.current().article.id == first
        assert app.session.active == "stance"  # the outlet is pre-filled from the declared source
        await pilot.press("2", "4", "1")
        got = labels(seeded_db, first, ME)
        assert got.pop("outlet")  # the suggestion, recorded as one event before the stance
        assert got == {"stance": "neutral", "reliability": "4", "origin": "original"}
        assert app.session.current().article.id == second  # saved, and the next one opened
        assert "✓ saved" in screen_text(app)
        assert "1/5 labelled" in screen_text(app)


@run_async
async def test_outlet_editor_then_digits_label_three_articles(seeded_db, scheme) -> None:
    ids = list(iter_article_ids(seeded_db))
    app = make_app(seeded_db, scheme)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "4", "1")
        assert app.session.active == "outlet"  # no suggestion for the second seed
        await pilot.press("o", *"Le Monde", "enter")
        assert app.session.active == "stance"
        await pilot.press("1", "3", "2")
        await pilot.press("o", *"[@click=app.quit]x[/]", "enter", "4", "2", "5")
        assert app.is_running
    assert labels(seeded_db, ids[1], ME) == {
        "outlet": "Le Monde",
        "stance": "pro-ukraine",
        "reliability": "3",
        "origin": "rewrite",
    }
    assert labels(seeded_db, ids[2], ME)["outlet"] == "[@click=app.quit]x[/]"
    assert queue.progress(seeded_db, ME, app.session.required).done == 3


@run_async
async def test_undo_is_a_new_event_and_reopens_what_it_undid(seeded_db, scheme) -> None:
    first = next(iter_article_ids(seeded_db))
    app = make_app(seeded_db, scheme)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "4", "1")
        await pilot.press("u")
        assert app.session.current().article.id == first
        assert app.session.active == "origin"
        assert "origin" not in labels(seeded_db, first, ME)
        await pilot.press("ctrl+z")
        assert "reliability" not in labels(seeded_db, first, ME)
    actions = [e[3] for e in events(seeded_db, ME)]
    assert actions.count("set") == 4 and actions.count("undo") == 2  # nothing deleted


@run_async
async def test_skip_sets_the_article_aside(seeded_db, scheme) -> None:
    first, second = list(iter_article_ids(seeded_db))[:2]
    app = make_app(seeded_db, scheme)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        assert app.session.current().article.id == second
    status, _ = queue.statuses(seeded_db, [first], ME, app.session.required)[first]
    assert status == "skipped"
    assert queue.count(seeded_db, ME, app.session.required, queue.QueueFilter("todo")) == 4


@run_async
async def test_restart_resumes_where_the_annotator_stopped(seeded_db, scheme) -> None:
    ids = list(iter_article_ids(seeded_db))
    app = make_app(seeded_db, scheme)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "4", "1", "n", "n")
        assert app.session.current().article.id == ids[3]
        await pilot.press("o", *"TASS", "enter", "3")
    again = make_app(seeded_db, scheme)
    async with again.run_test(size=(100, 30)):
        assert again.session.current().article.id == ids[3]
        assert again.session.active == "reliability"
    other = make_app(seeded_db, scheme, annotator="bob")
    async with other.run_test(size=(100, 30)):
        assert other.session.current().article.id == ids[0]  # labels belong to their annotator


@run_async
async def test_filter_by_language_and_mine(seeded_db, scheme) -> None:
    app = make_app(seeded_db, scheme)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "4", "1")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # to do → all → mine
        await pilot.pause()
        assert app.session.filter.mode == "mine"
        assert app.screen.query_one("QueueList").total == 1
        await pilot.press("f", "end", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.filter == queue.QueueFilter("language", "fr")
        assert app.screen.query_one("QueueList").total == 5


@run_async
async def test_search_opens_a_matching_article(seeded_db, scheme) -> None:
    app = make_app(seeded_db, scheme)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"Porochenko", "enter")
        await pilot.pause()
        expected = [r[0] for r in seeded_db.execute("SELECT id FROM articles WHERE text LIKE '%Porochenko%'")]
        assert 0 < len(expected) < 5 and app.screen.query_one("QueueList").total == len(expected)
        await pilot.press("enter")
        await pilot.pause()
        assert "Porochenko" in app.session.current().article.text


@run_async
async def test_accept_and_reject_passages(seeded_db, scheme) -> None:
    first = next(iter_article_ids(seeded_db))
    text = seeded_db.execute("SELECT text FROM articles WHERE id = ?", [first]).fetchone()[0]
    spans = [(text.index("secrète"), text.index("secrète") + 40), (text.index("Kyiv"), text.index("Kyiv") + 30)]
    passages = [Passage(s, e, text[s:e], 1.0 - i / 10, "test passage") for i, (s, e) in enumerate(spans)]
    save_analysis(seeded_db, first, Analysis(sources=load_sources(seeded_db, first), passages=passages))
    app = make_app(seeded_db, scheme)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "a", "j", "x")
        await pilot.press("F")
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
    assert labels(seeded_db, first, ME) == {}
    assert seeded_db.execute(
        "SELECT target, field, value FROM label_events WHERE annotator = ? ORDER BY created_at", [ME]
    ).fetchall() == [
        (f"{first}:0", "verdict", "accept"),
        (f"{first}:1", "verdict", "reject"),
        (f"{first}:1", "frames", scheme.frames[0]),
    ]


@run_async
async def test_untrusted_text_is_shown_verbatim(seeded_db, scheme) -> None:
    target = next(i for i in iter_article_ids(seeded_db) if "[by Kiev]" in seeded_db["articles"].get(i)["text"])
    app = build_app(seeded_db, annotator=ME, scheme=scheme, start_article=target)
    async with app.run_test(size=(100, 40)) as pilot:
        view = app.screen.query_one("ArticleView")
        view.scroll_to_offset(app.session.current().article.text.index("[by Kiev]"))
        await pilot.pause()
        assert "[by Kiev]" in screen_text(app)


@run_async
async def test_help_and_guidelines_open_and_close(seeded_db, scheme) -> None:
    app = make_app(seeded_db, scheme)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert "undo your last change" in screen_text(app)
        await pilot.press("escape", "g")
        await pilot.pause()
        assert "Labelling guidelines" in screen_text(app)
        await pilot.press("escape")
        assert app.screen is app.article_screen
