"""The side panel: the sources table and the suggested passages, with the passage labels given so far.

Cells are ``Text`` objects (a ``str`` cell would be parsed as markup). The tables never take focus — the article
screen moves their cursors with j/k and J/K — so digits and letters always reach the label keys. Moving a cursor
posts :class:`SidePanel.Selected`, and the screen scrolls the article to the span.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from provenance.corpus.text import one_line
from provenance.tui.session import Shown
from provenance.tui.widgets.article import KIND_NAMES, SOURCE_STYLES


class SidePanel(Vertical):
    """Sources above, passages below."""

    DEFAULT_CSS = """
    SidePanel { width: 42%; max-width: 70; border-left: solid $primary 50%; }
    SidePanel .title { text-style: bold; padding: 0 1; }
    SidePanel DataTable { height: 1fr; }
    """

    class Selected(Message):
        """A source or passage row was selected: the article should show ``start``..``end``."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    def compose(self):  # noqa: ANN201
        yield Static(Text("Sources (J/K)"), classes="title", id="sources-title")
        sources = DataTable(id="sources", cursor_type="row", zebra_stripes=True)
        sources.can_focus = False
        yield sources
        yield Static(Text("Passages (j/k, a accept, x reject, F frames, T techniques)"), classes="title")
        passages = DataTable(id="passages", cursor_type="row", zebra_stripes=True)
        passages.can_focus = False
        yield passages

    def on_mount(self) -> None:
        self.query_one("#sources", DataTable).add_columns("kind", "text", "domain", "outlet", "role")
        self.query_one("#passages", DataTable).add_columns("score", "label", "markers", "why")
        self._shown: Shown | None = None

    def show(self, shown: Shown) -> None:
        """Fill both tables for a newly opened article."""
        self._shown = shown
        sources = self.query_one("#sources", DataTable)
        sources.clear()
        for s in shown.sources:
            sources.add_row(
                Text(KIND_NAMES.get(s.kind, s.kind), style=SOURCE_STYLES.get(s.kind, "")),
                Text(one_line(s.text, 40)),
                Text(one_line(s.domain, 24)),
                Text(one_line(s.outlet, 24)),
                Text(s.role),
            )
        self.query_one("#sources-title", Static).update(Text(f"Sources ({len(shown.sources)}) J/K"))
        self.refresh_passages()

    def refresh_passages(self) -> None:
        """Redraw the passages table (after a verdict or labels), keeping the cursor."""
        if self._shown is None:
            return
        table = self.query_one("#passages", DataTable)
        row = table.cursor_row
        table.clear()
        for pid, p in self._shown.passages:
            labels = self._shown.passage_labels.get(pid, {})
            verdict = labels.get("verdict", "")
            extra = [x for x in (labels.get("frames", ""), labels.get("techniques", "")) if x]
            label = Text(verdict or "?", style={"accept": "bold #859900", "reject": "bold #dc322f"}.get(verdict, "dim"))
            if extra:
                label.append(" " + one_line(" ".join(extra).replace("|", ","), 30))
            markers = ", ".join(one_line(m.text, 20) for m in p.markers[:3])
            table.add_row(Text(f"{p.score:.2f}"), label, Text(markers), Text(one_line(p.why, 60)))
        if self._shown.passages:
            table.move_cursor(row=min(max(row, 0), len(self._shown.passages) - 1), scroll=True)

    def passage_index(self) -> int:
        """The selected passage row (0 when there is none)."""
        return self.query_one("#passages", DataTable).cursor_row

    def move(self, table_id: str, step: int) -> None:
        """Move a table's cursor and report the span it now points at."""
        if self._shown is None:
            return
        table = self.query_one(f"#{table_id}", DataTable)
        items = self._shown.sources if table_id == "sources" else [p for _, p in self._shown.passages]
        if not items:
            return
        row = (table.cursor_row + step) % len(items) if self._selected_once(table_id) else 0
        table.move_cursor(row=row, scroll=True)
        item = items[row]
        self.post_message(self.Selected(item.start, item.end))

    def _selected_once(self, table_id: str) -> bool:
        key = f"_touched_{table_id}"
        touched = getattr(self, key, False)
        setattr(self, key, True)
        return touched

    def reset_selection(self) -> None:
        """A new article: the next j/J starts from the first row."""
        self._touched_sources = False
        self._touched_passages = False

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self._shown is None:
            return
        items = self._shown.sources if event.data_table.id == "sources" else [p for _, p in self._shown.passages]
        if 0 <= event.cursor_row < len(items):
            item = items[event.cursor_row]
            self.post_message(self.Selected(item.start, item.end))
