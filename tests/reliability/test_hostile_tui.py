"""Hostile text in the annotator: markup and terminal escapes in titles, text, outlet names and notes are shown
literally, run no action, and never reach the terminal as escape sequences."""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

import pytest
from hostile import ESCAPES, MARKUP, write_hostile

from provenance.ingest import ingest_paths
from provenance.scheme import default_scheme
from provenance.store.db import open_db
from provenance.store.labels import record_event

ANNOTATOR = "[b]ann[/b]"


def screen_text(app) -> str:  # noqa: ANN001
    """The characters on screen, read from the SVG screenshot."""
    svg = app.export_screenshot()
    rows = re.findall(r"<text [^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", "".join(rows))).replace("\u00a0", " ")


@pytest.fixture
def hostile_db(tmp_path: Path):  # noqa: ANN201
    kinds = write_hostile(tmp_path / "corpus")
    keep = [k.path for k in kinds if k.path.name in ("hostile_body.txt", "hostile.jsonl", "hostile.csv")]
    db = open_db(tmp_path / "db.db")
    report = ingest_paths(db, keep)
    assert not report.failed and len(report.added) == 4
    body = next(a.id for a in report.added if a.origin.endswith("hostile_body.txt"))
    record_event(db, body, ANNOTATOR, "outlet", f"Outlet {MARKUP['click action']} {ESCAPES['title setting']}")
    record_event(db, body, ANNOTATOR, "note", f"note {MARKUP['unbalanced close']} {ESCAPES['OSC 8 hyperlink']}")
    yield db, body
    db.close()


def test_hostile_article_is_shown_literally(hostile_db) -> None:  # noqa: ANN001
    from provenance.tui.app import build_app

    db, body = hostile_db

    async def scenario() -> None:
        app = build_app(db, annotator=ANNOTATOR, scheme=default_scheme(), start_article=body)
        async with app.run_test(size=(140, 60)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            for literal in ("[bold]x[/]", MARKUP["click action"], MARKUP["theme variable"], MARKUP["unbalanced close"],
                            "[link=https://evil.example]link[/link]", "[by Kiev]"):
                assert literal in shown, f"{literal!r} not shown literally"
            assert "\x1b" not in shown and "\x9b" not in shown
            assert "pwned title" not in app.title
            await pilot.press("l")  # the queue lists every hostile title
            await pilot.pause()
            listed = screen_text(app)
            assert MARKUP["theme variable"] in listed or "[$accent]" in listed
            assert "\x1b" not in listed
            await pilot.press("escape", "2")
            await pilot.pause()
            assert app.is_running
        assert app.return_code in (None, 0)

    asyncio.run(scenario())
    assert db.execute("SELECT count(*) FROM label_events WHERE annotator = ?", [ANNOTATOR]).fetchone()[0] >= 3
