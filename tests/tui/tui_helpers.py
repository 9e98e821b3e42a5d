"""Reading what the annotator shows and what it stored, for the pilot tests."""

from __future__ import annotations

import html
import re

from provenance.store.labels import current_labels

_TAG = re.compile(r"<[^>]+>")


def screen_text(app) -> str:  # noqa: ANN001
    """The characters on screen, from the SVG screenshot (tags stripped, entities decoded), one row per line."""
    svg = app.export_screenshot()
    rows = re.findall(r"<text [^>]*>(.*?)</text>", svg, flags=re.S)
    text = html.unescape(_TAG.sub("", "".join(rows)))
    return text.replace("\u00a0", " ")


def labels(db, article_id: str, annotator: str) -> dict[str, str]:  # noqa: ANN001
    return current_labels(db, article_id, annotator)


def events(db, annotator: str) -> list[tuple[str, str, str, str, str]]:  # noqa: ANN001
    """(article, field, value, action, target) of every event, oldest first."""
    return db.execute(
        "SELECT article_id, field, value, action, target FROM label_events WHERE annotator = ? ORDER BY created_at",
        [annotator],
    ).fetchall()


def run_async(test):  # noqa: ANN001, ANN201
    """Run an ``async def`` test with asyncio (the suite has no async plugin); fixtures pass through."""
    import asyncio
    import functools

    @functools.wraps(test)
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        asyncio.run(test(*args, **kwargs))

    return wrapper
