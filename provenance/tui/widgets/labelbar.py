"""The label bar: every field of the scheme with its key and current value, the active field marked and its choices
spelled out, plus the saved mark and the progress count.

Rendered as one ``Text`` and updated in place after each key, which is all a keypress has to redraw besides the
article.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from provenance.corpus.text import one_line
from provenance.tui.session import Session


def bar_text(session: Session, *, saved: str, progress: str, position: str) -> Text:
    """Line 1: fields and values; line 2: the active field's choices; line 3: status."""
    shown = session.current()
    text = Text(no_wrap=False)
    for f in session.scheme.fields:
        active = f.id == session.active
        value = shown.labels.get(f.id, "")
        pending = session.pending_suggestion(f.id)
        marker = "▶" if active else " "
        text.append(marker, style="bold reverse" if active else "")
        key = f" {f.key}" if f.key else ""
        text.append(f"{f.label}{key}: ", style="bold" if active else "dim")
        if value:
            label = f.value(value).label if f.type == "choice" and f.value(value) else value
            text.append(one_line(label, 24), style="bold")
        elif pending:
            text.append(one_line(pending, 24), style="italic")
            text.append("?", style="dim")
        else:
            text.append("—", style="dim")
        text.append("  ")
    text.append("\n")
    active_field = session.scheme.field(session.active) if session.active else None
    if active_field is None:
        text.append("all required fields set — n next, Tab to revise", style="dim")
    elif active_field.type == "choice":
        for v in active_field.values:
            text.append(f" {v.key} ", style="bold reverse")
            text.append(f" {v.label.removeprefix(v.key + ' ')}  ")
    else:
        text.append(f" {active_field.key} ", style="bold reverse")
        text.append(f" edit {active_field.label.lower()}", style="")
        if session.pending_suggestion(active_field.id):
            text.append("  (a digit for the next field accepts the suggestion)", style="dim")
    text.append("\n")
    text.append(saved, style="bold #859900")
    text.append(f"  {progress}", style="bold")
    text.append(f"  {position}", style="dim")
    text.append("  ? help", style="dim")
    return text


class LabelBar(Static):
    """Bottom bar; ``refresh_from`` redraws it from the session. Its height is fixed so that a keypress repaints
    the bar alone, without a layout pass over the screen."""

    DEFAULT_CSS = """
    LabelBar { height: 5; padding: 0 1; background: $boost; border-top: solid $primary 50%; }
    """

    def refresh_from(self, session: Session, *, saved: str, progress: str, position: str) -> None:
        self.update(bar_text(session, saved=saved, progress=progress, position=position), layout=False)
