"""Every key of the annotator with what it does: the help screen and the README are written from this table."""

from __future__ import annotations

ARTICLE_KEYS: tuple[tuple[str, str], ...] = (
    ("1-9", "choose a value of the active field, then move to the next field"),
    ("Tab / Shift+Tab", "next / previous field"),
    ("o", "edit the outlet (Enter confirms, Esc cancels, → accepts a completion)"),
    ("N", "edit the note"),
    ("Enter", "edit the active text field (reached with Tab)"),
    ("n / p", "next / previous article"),
    ("s", "skip this article"),
    ("u / Ctrl+Z", "undo your last change (recorded as a new event)"),
    ("j / k", "next / previous suggested passage (scrolls the article to it)"),
    ("a / x", "accept / reject the selected passage"),
    ("F / T", "frames / techniques of the selected passage"),
    ("J / K", "next / previous source (scrolls the article to it)"),
    ("↑ ↓ PgUp PgDn", "scroll the article"),
    ("v", "show / hide the side panel"),
    ("l", "the queue of articles"),
    ("f", "filter the queue: to do, all, mine, disagreements, outlet, language"),
    ("/", "full-text search"),
    ("r", "review disagreements between annotators and record rulings (1-9 rule, u undo, Esc back)"),
    ("c", "compare outlets: labels, sourcing, framing and citations side by side (Esc back)"),
    ("Ctrl+P", "command palette (switch between dark and light themes)"),
    ("?", "this help"),
    ("g", "the labelling guidelines"),
    ("q", "quit (every label is already saved)"),
)

QUEUE_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓ j k PgUp PgDn Home End", "move in the queue"),
    ("Enter", "open the article"),
    ("/", "search (Enter to run, Esc to leave the box)"),
    ("f", "filter"),
    ("Esc / l", "back to the article"),
)
