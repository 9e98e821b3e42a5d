"""The Compare screen (``c``): the side-by-side table, charts and citations over a small, fixed corpus.

Regenerate after an intended change with ``pytest tests/tui/test_compare_screen.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.corpus.article import Article
from provenance.extract.spans import Analysis, Marker, Source
from provenance.scheme import default_scheme
from provenance.store import open_db
from provenance.store.analysis import save_many
from provenance.store.articles import add_articles
from provenance.store.labels import record_event
from provenance.tui.app import build_app
from provenance.tui.screens.compare import CompareScreen
from tui_helpers import run_async

TEXTS = (
    "Le “régime de Kiev” a perdu du terrain, selon une source anonyme citée par le NYT. Kiev dément.",
    "Kyiv said on Monday it had retaken the town, CNN reported, quoting the defence ministry.",
    "Kiev aurait autorisé les frappes, selon des sources proches du dossier [by Kiev].",
)


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _marker(text: str, kind: str, phrase: str) -> Marker:
    return Marker(kind, *_span(text, phrase), phrase, "test")


def _source(text: str, kind: str, phrase: str, **extra: str) -> Source:
    return Source(kind, phrase, *_span(text, phrase), **extra)


@pytest.fixture
def compare_db(tmp_path: Path):
    db = open_db(tmp_path / "compare.db")
    articles = [
        Article(TEXTS[0], publisher_domain="evil.example", published="2022-09-12"),
        Article(TEXTS[1], publisher_domain="good.example", published="2022-09-13"),
        Article(TEXTS[2], publisher_domain="evil.example", published="2022-10-01"),
    ]
    add_articles(db, articles)
    t = TEXTS
    analyses = [
        Analysis(
            sources=[_source(t[0], "outlet", "NYT", outlet="The New York Times"),
                     _source(t[0], "anonymous", "une source anonyme")],
            markers=[_marker(t[0], "scare_quotes", "“régime de Kiev”"), _marker(t[0], "naming", "Kiev")],
        ),
        Analysis(
            sources=[_source(t[1], "outlet", "CNN", outlet="CNN"), _source(t[1], "organization", "the defence ministry")],
            markers=[_marker(t[1], "naming", "Kyiv")],
        ),
        Analysis(
            sources=[_source(t[2], "anonymous", "des sources proches du dossier")],
            markers=[_marker(t[2], "reportive", "aurait autorisé"), _marker(t[2], "translation_artifact", "[by Kiev]"),
                     _marker(t[2], "naming", "Kiev")],
        ),
    ]
    with db.atomic():
        save_many(db, [(a.id, an) for a, an in zip(articles, analyses)])
    labels = [("[red]Evil[/] News", "pro-russia", "1"), ("Good Post", "pro-ukraine", "4"), ("[red]Evil[/] News", "pro-russia", "2")]
    for article, (outlet, stance, reliability) in zip(articles, labels):
        for field, value in (("outlet", outlet), ("stance", stance), ("reliability", reliability)):
            record_event(db, article.id, "alice", field, value, created_at="2026-01-01T10:00:00.000000+00:00")
    yield db
    db.close()


async def _open_compare(pilot) -> None:  # noqa: ANN001
    await pilot.press("c")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_compare_screen_snapshot(snap_compare, compare_db) -> None:
    app = build_app(compare_db, annotator="alice", scheme=default_scheme())
    assert snap_compare(app, terminal_size=(110, 48), run_before=_open_compare)


@run_async
async def test_compare_screen_shows_outlets_as_text_and_goes_back(compare_db) -> None:
    app = build_app(compare_db, annotator="alice", scheme=default_scheme())
    async with app.run_test(size=(110, 48)) as pilot:
        await _open_compare(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.report is not None
        assert [p.outlet for p in screen.report.outlets] == ["[red]Evil[/] News", "Good Post"]
        table = screen.query_one("#table")
        assert table.columns[next(iter(list(table.columns)[1:]))].label.plain == "[red]Evil[/] News"
        assert table.row_count > 20
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


@run_async
async def test_a_long_cell_wraps_in_its_column_so_every_outlet_stays_on_screen(compare_db) -> None:
    from provenance.tui.screens.compare import OUTLET_COLUMN_WIDTH

    long_naming = " ".join(["Kiev"] * 30)
    with compare_db.atomic():
        compare_db.execute("UPDATE markers SET text = ? WHERE kind = 'naming' AND text = 'Kyiv'", [long_naming])
    app = build_app(compare_db, annotator="alice", scheme=default_scheme())
    async with app.run_test(size=(110, 48)) as pilot:
        await _open_compare(pilot)
        table = app.screen.query_one("#table")
        outlet_columns = list(table.columns.values())[1:]
        assert len(outlet_columns) == 2
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= 110
        assert all(column.width == OUTLET_COLUMN_WIDTH for column in outlet_columns)
        assert max(row.height for row in table.rows.values()) > 1
