"""The article screen: the article, the side panel and the label bar, and every labelling key.

A keypress records one event through the :class:`Session`, then redraws only the label bar (and, when the article
is done, swaps the next article into the same widgets). The "saved" mark is set after the commit returned.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from provenance.corpus.text import one_line
from provenance.errors import ProvenanceError
from provenance.scheme import DIGIT_KEYS
from provenance.tui.messages import LabelsChanged
from provenance.tui.session import Session
from provenance.tui.widgets.article import ArticleView, legend
from provenance.tui.widgets.labelbar import LabelBar
from provenance.tui.widgets.sidepanel import SidePanel

NARROW = 110
"""Below this width the side panel starts hidden (v shows it)."""

_Action = TypeVar("_Action", bound=Callable[..., None])


def key_name(character: str) -> str:
    """Textual's name for the key that types ``character`` (``0``, ``b``, ``minus``). A binding string lists keys
    separated by commas, so the comma itself is named here."""
    if character == ",":
        return "comma"
    return next(iter(Binding.make_bindings([Binding(character, "")]))).key


def reports_unsaved(action: _Action) -> _Action:
    """A label action whose save fails (the database stayed locked, the disk is full) says so and keeps the app
    running: nothing was committed, so no "saved" mark appears and the annotator can press the key again."""

    @functools.wraps(action)
    def guarded(self: ArticleScreen, *args: object) -> None:
        try:
            action(self, *args)
        except ProvenanceError as error:
            self.notify(f"{error.message} — press the key again", severity="error", markup=False, timeout=8)
            if self.session.shown is not None:
                self.session.reload_labels()
                self.refresh_bar()

    return guarded  # type: ignore[return-value]


class ArticleScreen(Screen):
    """One article at a time, labelled by keys."""

    BINDINGS = [
        *[Binding(d, f"choose('{d}')", show=False) for d in DIGIT_KEYS],
        Binding("tab", "field(1)", "Next field", show=False),
        Binding("shift+tab", "field(-1)", "Previous field", show=False),
        Binding("n", "step(1)", "Next", show=False),
        Binding("p", "step(-1)", "Previous", show=False),
        Binding("s", "skip", "Skip", show=False),
        Binding("u,ctrl+z", "undo", "Undo", show=False),
        Binding("j", "passage(1)", show=False),
        Binding("k", "passage(-1)", show=False),
        Binding("J", "source(1)", show=False),
        Binding("K", "source(-1)", show=False),
        Binding("a", "verdict('accept')", show=False),
        Binding("x", "verdict('reject')", show=False),
        Binding("F", "passage_labels('frames')", show=False),
        Binding("T", "passage_labels('techniques')", show=False),
        Binding("v", "toggle_panel", show=False),
        Binding("enter", "edit_active", show=False),
    ]

    DEFAULT_CSS = """
    ArticleScreen #main { height: 1fr; }
    ArticleScreen ArticleView { width: 1fr; }
    ArticleScreen #legend { height: 1; padding: 0 1; }
    ArticleScreen #editor { display: none; dock: bottom; }
    ArticleScreen #editor.editing { display: block; }
    ArticleScreen.-narrow SidePanel { display: none; }
    ArticleScreen.-narrow.-panel SidePanel { display: block; width: 50%; }
    ArticleScreen.-wide.-nopanel SidePanel { display: none; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.saved = ""
        self.editing: str | None = None
        self._selected: tuple[int, int] | None = None
        self.initial: str | None = None
        """The article to open on mount (set by the app: the resume point)."""
        for f in session.scheme.fields:
            if f.type == "text" and f.key:
                self._bindings.bind(f.key, f"edit('{f.id}')", show=False)
        for key in session.scheme.value_keys:
            if key not in DIGIT_KEYS:  # bound for every scheme, so a digit no value takes still rings the bell
                self._bindings.bind(key_name(key), f"choose({key!r})", show=False)

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield ArticleView(id="article")
            yield SidePanel(id="panel")
        yield Static(legend(), id="legend")
        yield Input(id="editor", select_on_focus=False)
        yield LabelBar(id="labelbar")

    def on_mount(self) -> None:
        self._apply_width(self.app.size.width)
        self.query_one(ArticleView).focus()
        self.open(self.initial)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        """The passage tint depends on dark or light: restyle the article."""
        if self.session.shown is not None:
            self.query_one(ArticleView).show(self.session.shown, self._selected, keep_scroll=True)

    def on_resize(self, event: object) -> None:
        self._apply_width(self.app.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width >= NARROW, "-wide")

    # -- showing ---------------------------------------------------------------------------------------------------

    def open(self, article_id: str | None) -> None:
        """Show an article (or an empty screen when there is none) and redraw the bar."""
        if article_id is None:
            self.query_one(ArticleView).show_notice("No article to show: ingest some with 'provenance ingest PATH'.")
            return
        shown = self.session.open(article_id)
        self._selected = None
        self.query_one(ArticleView).show(shown)
        self.query_one(SidePanel).show(shown)
        self.refresh_bar()

    def refresh_bar(self) -> None:
        if self.session.shown is None:
            return
        progress = self.session.progress()
        position = ("done · " if self.session.complete() else "") + self.session.filter.describe()
        self.query_one(LabelBar).refresh_from(self.session, saved=self.saved, progress=str(progress), position=position)

    def _committed(self, what: str) -> None:
        """Called only after the event was committed: now the saved mark may appear."""
        self.saved = f"✓ saved {what}"
        self.post_message(LabelsChanged(self.session.current().article.id))

    # -- label keys ------------------------------------------------------------------------------------------------

    @reports_unsaved
    def action_choose(self, key: str) -> None:
        if self.session.shown is None or self.editing:
            return
        field_id = self.session.active
        if not self.session.choose(key):
            self.app.bell()
            return
        self._committed(field_id or "")
        if self.session.complete() and self.session.active is None:
            self.open(self.session.after_completion() or self.session.current().article.id)
        else:
            self.refresh_bar()

    def action_field(self, step: int) -> None:
        if self.session.shown is None:
            return
        self.session.move_field(step)
        self.refresh_bar()

    def action_edit(self, field_id: str) -> None:
        """Open the one-line editor for a text field, pre-filled with its value or its suggestion."""
        if self.session.shown is None:
            return
        shown = self.session.current()
        self.editing = field_id
        self.session.active = field_id
        editor = self.query_one("#editor", Input)
        value = shown.labels.get(field_id) or self.session.pending_suggestion(field_id)
        if field_id == "outlet":
            editor.suggester = SuggestFromList(self.session.outlet_completions(), case_sensitive=False)
        else:
            editor.suggester = None
        editor.placeholder = f"{self.session.field(field_id).label} — Enter confirms, Esc cancels"
        editor.value = value
        editor.cursor_position = len(value)
        editor.add_class("editing")
        editor.focus()
        self.refresh_bar()

    def action_edit_active(self) -> None:
        """Enter on a text field (reached with Tab) opens its editor."""
        if self.session.shown is None or self.editing is not None or self.session.active is None:
            return
        if self.session.field(self.session.active).type == "text":
            self.action_edit(self.session.active)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "editor" or self.editing is None:
            return
        field_id = self.editing
        self._close_editor()
        try:
            recorded = self.session.set_text(field_id, event.value)
        except ProvenanceError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        if recorded:
            self._committed(field_id)
        if self.session.complete() and self.session.active is None and field_id in self.session.required:
            self.open(self.session.after_completion() or self.session.current().article.id)
        else:
            self.refresh_bar()

    def _close_editor(self) -> None:
        self.editing = None
        editor = self.query_one("#editor", Input)
        editor.remove_class("editing")
        self.query_one(ArticleView).focus()

    def key_escape(self) -> None:
        if self.editing is not None:
            self._close_editor()
            self.session.active = self.session.first_open_field()
            self.refresh_bar()

    # -- moving between articles -----------------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        found = self.session.neighbour(step)
        if found is None:
            self.notify("no more articles in this filter", markup=False)
            return
        self.open(found)

    @reports_unsaved
    def action_skip(self) -> None:
        if self.session.shown is None:
            return
        self.session.skip()
        self._committed("skip")
        self.open(self.session.after_completion() or self.session.current().article.id)

    @reports_unsaved
    def action_undo(self) -> None:
        undone = self.session.undo()
        if undone is None:
            self.notify("nothing to undo", markup=False)
            return
        self.saved = f"✓ saved undo of {undone.field or undone.action}"
        self.post_message(LabelsChanged(undone.article_id))
        current = self.session.shown.article.id if self.session.shown else None
        if undone.article_id != current:
            self.open(undone.article_id)
            return
        self.session.reload_labels()
        self.session.active = self.session.first_open_field()
        self.query_one(SidePanel).refresh_passages()
        self.refresh_bar()

    # -- passages and sources --------------------------------------------------------------------------------------

    def action_passage(self, step: int) -> None:
        self.query_one(SidePanel).move("passages", step)

    def action_source(self, step: int) -> None:
        self.query_one(SidePanel).move("sources", step)

    def on_side_panel_selected(self, event: SidePanel.Selected) -> None:
        self._selected = (event.start, event.end)
        view = self.query_one(ArticleView)
        view.show(self.session.current(), self._selected, keep_scroll=True)
        view.scroll_to_offset(event.start)

    def _selected_passage(self) -> str | None:
        if self.session.shown is None or not self.session.shown.passages:
            self.notify("this article has no suggested passages", markup=False)
            return None
        index = self.query_one(SidePanel).passage_index()
        passages = self.session.shown.passages
        return passages[min(max(index, 0), len(passages) - 1)][0]

    @reports_unsaved
    def action_verdict(self, verdict: str) -> None:
        passage_id = self._selected_passage()
        if passage_id is None:
            return
        self.session.passage_verdict(passage_id, verdict)
        self._committed(f"{verdict} passage")
        self.query_one(SidePanel).refresh_passages()
        self.refresh_bar()

    def action_passage_labels(self, field_id: str) -> None:
        passage_id = self._selected_passage()
        if passage_id is None:
            return
        from provenance.tui.screens.dialogs import PassageLabelsScreen

        options = self.session.scheme.frames if field_id == "frames" else self.session.scheme.techniques
        current = self.session.current().passage_labels.get(passage_id, {}).get(field_id, "")
        chosen = [v for v in current.split("|") if v]

        @reports_unsaved
        def done(self: ArticleScreen, values: list[str] | None) -> None:
            if values is None:
                return
            self.session.passage_labels(passage_id, field_id, values)
            self._committed(field_id)
            self.query_one(SidePanel).refresh_passages()
            self.refresh_bar()

        self.app.push_screen(PassageLabelsScreen(field_id, options, chosen), functools.partial(done, self))

    def action_toggle_panel(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-panel")
        else:
            self.toggle_class("-nopanel")

    def status_line(self) -> str:
        """The title of the shown article, for tests and the terminal title."""
        return one_line(self.session.current().article.title) if self.session.shown else ""
