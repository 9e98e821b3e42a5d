"""The adjudication review: every article field annotators labelled differently, their values side by side, and
the adjudicator's ruling recorded as an ``adjudicate`` event of its own (the annotators' labels stay as they were).

The list is computed in a worker (it reads every label) and arrives by message; a ruling is one committed event,
after which the row is redrawn and the cursor moves to the next open disagreement.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from provenance.analysis.adjudication import Disagreement, adjudicate, list_disagreements, ruling_options
from provenance.errors import ProvenanceError
from provenance.store.labels import undo_last
from provenance.tui.session import Session
from provenance.tui.text import plain

COLUMNS = ("article", "field", "side by side", "ruling")


class ReviewScreen(Screen[str | None]):
    """Disagreements one per row; digits rule, Enter opens the article, Esc returns."""

    BINDINGS = [
        Binding("escape,r", "back", "Back", show=False),
        *[Binding(str(d), f"rule({d})", show=False) for d in range(1, 10)],
        Binding("backspace,delete", "withdraw", "Withdraw ruling", show=False),
        Binding("u,ctrl+z", "undo", "Undo", show=False),
        Binding("h", "toggle_settled", "Hide settled", show=False),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    DEFAULT_CSS = """
    ReviewScreen #review-summary { height: 1; padding: 0 1; background: $boost; }
    ReviewScreen #review-list { height: 1fr; }
    ReviewScreen #review-detail { height: auto; max-height: 14; padding: 0 1; border-top: solid $primary; }
    """

    class Loaded(Message):
        """The worker finished reading the disagreements."""

        def __init__(self, items: list[Disagreement]) -> None:
            super().__init__()
            self.items = items

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.items: list[Disagreement] = []
        self.shown: list[Disagreement] = []
        self.hide_settled = False
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static(Text("reading labels…"), id="review-summary")
        table: DataTable = DataTable(id="review-list", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="review-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def load(self) -> None:
        s = self.session
        self.post_message(self.Loaded(list_disagreements(s.db, s.scheme)))

    def on_review_screen_loaded(self, message: Loaded) -> None:
        self.items = message.items
        self.loaded = True
        self.rebuild()

    # -- drawing ---------------------------------------------------------------------------------------------------

    def _cells(self, d: Disagreement) -> tuple[Text, Text, Text, Text]:
        side = Text(no_wrap=True, overflow="ellipsis")
        for i, (annotator, value) in enumerate(d.values.items()):
            if i:
                side.append(" · ", style="dim")
            side.append(plain(annotator, 16).plain, style="bold")
            side.append(" ")
            side.append(plain(value, 24).plain)
        ruling = plain(d.adjudicated, 24, "green") if d.settled else Text("open", style="yellow")
        return plain(d.title or d.article_id, 40), plain(d.field), side, ruling

    def rebuild(self, keep: int = 0) -> None:
        """Refill the table from the items (hiding settled ones when asked) and put the cursor on row ``keep``."""
        table = self.query_one(DataTable)
        table.clear()
        self.shown = [d for d in self.items if not (self.hide_settled and d.settled)]
        for index, d in enumerate(self.shown):
            table.add_row(*self._cells(d), key=str(index))
        if self.shown:
            table.move_cursor(row=min(keep, len(self.shown) - 1))
        self.refresh_summary()
        self.refresh_detail()

    def refresh_summary(self) -> None:
        open_count = sum(not d.settled for d in self.items)
        summary = Text()
        summary.append(f"{len(self.items)} disagreements", style="bold")
        summary.append(f" · {open_count} open · ruling as ")
        summary.append(plain(self.session.annotator, 24).plain, style="bold")
        summary.append("   1-9 rule  ⌫ withdraw  u undo  h hide settled  Enter open  Esc back", style="dim")
        self.query_one("#review-summary", Static).update(summary)

    def current(self) -> Disagreement | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def refresh_detail(self) -> None:
        detail = self.query_one("#review-detail", Static)
        d = self.current()
        if d is None:
            detail.update(Text("No disagreements: every field labelled by two or more annotators agrees."
                               if self.loaded else ""))
            return
        out = Text()
        out.append_text(plain(d.title or "(untitled)", 100, "bold"))
        out.append(f"  {d.article_id}\n", style="dim")
        out.append(f"{plain(d.field).plain}\n", style="underline")
        width = max(len(plain(a, 24).plain) for a in d.values) + 2
        for annotator, value in d.values.items():
            out.append(f"  {plain(annotator, 24).plain:<{width}}", style="bold")
            out.append(plain(value, 80).plain + "\n")
        out.append("  ruling: ", style="bold")
        if d.settled:
            out.append(plain(d.adjudicated, 80).plain, style="green")
            out.append(f" (by {plain(d.adjudicator, 24).plain})\n", style="dim")
        else:
            out.append("none yet\n", style="yellow")
        for number, (value, who) in enumerate(ruling_options(d, self.session.scheme)[:9], start=1):
            out.append(f"  {number} ", style="reverse")
            out.append(" " + plain(value, 40).plain)
            if who:
                out.append(f" ({', '.join(plain(w, 16).plain for w in who)})", style="dim")
        detail.update(out)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        d = self.current()
        if d is not None:
            self.dismiss(d.article_id)

    # -- actions ---------------------------------------------------------------------------------------------------

    def _record(self, d: Disagreement, value: str) -> None:
        s = self.session
        try:
            adjudicate(s.db, s.scheme, d.article_id, d.field, value, s.annotator)
        except ProvenanceError as error:
            self.notify(Text(error.message), severity="error", markup=False)
            return
        d.adjudicated, d.adjudicator = (value, s.annotator) if value else ("", "")
        row = self.query_one(DataTable).cursor_row
        self.rebuild(keep=row)
        self._next_open(row)

    def _next_open(self, row: int) -> None:
        for index in list(range(row + 1, len(self.shown))) + list(range(0, row + 1)):
            if not self.shown[index].settled:
                self.query_one(DataTable).move_cursor(row=index)
                return

    def action_rule(self, number: int) -> None:
        d = self.current()
        if d is None:
            return
        options = ruling_options(d, self.session.scheme)
        if 1 <= number <= len(options):
            self._record(d, options[number - 1][0])

    def action_withdraw(self) -> None:
        d = self.current()
        if d is not None and d.settled:
            self._record(d, "")

    def action_undo(self) -> None:
        undone = undo_last(self.session.db, self.session.annotator)
        if undone is not None:
            self.load()

    def action_toggle_settled(self) -> None:
        self.hide_settled = not self.hide_settled
        self.rebuild()

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(table.cursor_row + step, 0))

    def action_back(self) -> None:
        self.dismiss(None)
