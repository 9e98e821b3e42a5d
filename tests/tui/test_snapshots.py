"""Snapshots of the main screen (80×24 dark, 120×32 light) and the help screen.

Regenerate after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from provenance.tui.app import build_app


def test_main_screen_80x24(snap_compare, pinned_db, scheme) -> None:
    app = build_app(pinned_db, annotator="alice", scheme=scheme)
    assert snap_compare(app, terminal_size=(80, 24))


def test_main_screen_wide_light_after_a_label(snap_compare, pinned_db, scheme) -> None:
    app = build_app(pinned_db, annotator="alice", scheme=scheme)

    async def light(pilot) -> None:  # noqa: ANN001
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(app, terminal_size=(130, 32), press=["2"], run_before=light)


def test_help_screen(snap_compare, pinned_db, scheme) -> None:
    app = build_app(pinned_db, annotator="alice", scheme=scheme)
    assert snap_compare(app, terminal_size=(80, 24), press=["question_mark"])
