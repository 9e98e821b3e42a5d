"""The queue screen: every article the filter shows, with this annotator's status, in a virtual list.

The list reads only the rows on screen; the filter and search are SQL (see :mod:`provenance.store.queue`).
Choosing an article dismisses the screen with its id.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from provenance.store import queue
from provenance.tui.session import Session
from provenance.tui.widgets.queuelist import QueueList


class QueueScreen(Screen[str | None]):
    """Browse, filter and search; Enter opens, Esc returns."""

    BINDINGS = [
        Binding("escape,l", "back", "Back", show=False),
        Binding("slash", "search", "Search", show=False),
        Binding("f", "filter", "Filter", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    DEFAULT_CSS = """
    QueueScreen #search { display: none; }
    QueueScreen #search.searching { display: block; }
    QueueScreen #summary { height: 1; padding: 0 1; background: $boost; }
    QueueScreen #columns { height: 1; padding: 0 0; color: $text-muted; }
    """

    def __init__(self, session: Session, *, search: bool = False) -> None:
        super().__init__()
        self.session = session
        self.start_searching = search

    def compose(self) -> ComposeResult:
        yield Input(id="search", placeholder="search titles and text (Enter runs, Esc leaves the box)", value=self.session.filter.search)
        yield Static(id="summary")
        yield Static(Text("   date       lang outlet             title"), id="columns")
        yield QueueList(self._fetch, id="list")

    def on_mount(self) -> None:
        self.reload()
        if self.start_searching:
            self.action_search()
        else:
            self.query_one(QueueList).focus()

    def _fetch(self, offset: int, limit: int) -> list[queue.QueueRow]:
        s = self.session
        return queue.page(s.db, s.annotator, s.required, s.filter, offset, limit)

    def reload(self) -> None:
        """Recount, keep the shown article under the cursor when the filter shows it."""
        s = self.session
        total = queue.count(s.db, s.annotator, s.required, s.filter)
        cursor = 0
        if s.shown is not None:
            cursor = max(queue.position(s.db, s.annotator, s.required, s.filter, s.shown.article.id), 0)
        self.query_one(QueueList).reset(total, cursor)
        summary = Text()
        summary.append(f"{total} articles", style="bold")
        summary.append(f" · filter: {s.filter.describe()} · {s.progress()}")
        summary.append("   Enter open  f filter  / search  Esc back", style="dim")
        self.query_one("#summary", Static).update(summary)

    def on_queue_list_chosen(self, event: QueueList.Chosen) -> None:
        self.dismiss(event.article_id)

    def action_back(self) -> None:
        box = self.query_one("#search", Input)
        if box.has_focus:
            if not box.value:
                box.remove_class("searching")
            self.query_one(QueueList).focus()
            return
        self.dismiss(None)

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.add_class("searching")
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        s = self.session
        s.filter = queue.QueueFilter(s.filter.mode, s.filter.value, event.value.strip())
        self.reload()
        self.query_one(QueueList).focus()

    def action_filter(self) -> None:
        from provenance.tui.screens.dialogs import choose_filter

        s = self.session

        def apply(flt: queue.QueueFilter) -> None:
            s.filter = flt
            self.reload()

        outlets = list(dict.fromkeys([*queue.used_outlets(s.db, 200), *queue.publisher_domains(s.db)]))
        choose_filter(self.app, outlets, queue.languages(s.db), s.filter.search, apply)
