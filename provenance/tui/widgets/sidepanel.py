"""The side panel: the sources table and the suggested passages, with the passage labels given so far.

Each list draws one row per screen line (cut to the panel's width) with the Line API rather than a DataTable: swapping
articles then repaints two fixed-size lists, which keeps a keypress that opens the next article cheap.
The lists never take focus — the article screen moves their selection with j/k and J/K — so digits and letters
always reach the label keys. A selection posts :class:`SidePanel.Selected`; the screen scrolls the article there.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from provenance.corpus.text import one_line
from provenance.tui.session import Shown
from provenance.tui.widgets.article import KIND_NAMES, SOURCE_STYLES

VERDICT_STYLES = {"accept": "bold #859900", "reject": "bold #dc322f"}


class RowList(ScrollView):
    """Rows of text, one screen line each (cut to the width), one selected row shown reversed; a click selects.

    Drawn with the Line API at a fixed height, so new rows repaint the list without a layout pass."""

    DEFAULT_CSS = "RowList { height: 1fr; padding: 0 1; overflow-x: hidden; }"

    class Clicked(Message):
        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

    def __init__(self, empty: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.can_focus = False
        self.empty = empty
        self.rows: list[Text] = []
        self.selected = -1

    def set_rows(self, rows: list[Text], selected: int = -1, *, keep_scroll: bool = False) -> None:
        self.rows = rows
        self.selected = selected
        self.virtual_size = Size(self.scrollable_content_region.width, max(len(rows), 1))
        if not keep_scroll:
            self.scroll_to(y=0, animate=False)
        self.redraw()

    def redraw(self) -> None:
        self._strips: dict[int, Strip] = {}
        self._base = self.rich_style
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        strips = getattr(self, "_strips", None)
        if strips is None:
            self.redraw()
            strips = self._strips
        cached = strips.get(index)
        if cached is not None and cached.cell_length == width:
            return cached
        if not self.rows:
            row = Text(self.empty, style="dim") if index == 0 else None
        else:
            row = self.rows[index] if 0 <= index < len(self.rows) else None
        if row is None:
            return Strip.blank(width, self._base)
        line = row.copy()
        line.truncate(width, overflow="ellipsis")
        if index == self.selected:
            line.stylize("reverse")
        strip = Strip(list(line.render(self.app.console))).adjust_cell_length(width).apply_style(self._base)
        strips[index] = strip
        return strip

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.rows):
            self.post_message(self.Clicked(self, index))


class SidePanel(Vertical):
    """Sources above, passages below."""

    DEFAULT_CSS = """
    SidePanel { width: 42%; max-width: 80; border-left: solid $primary 50%; }
    SidePanel .title { text-style: bold; padding: 0 1; background: $boost; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    class Selected(Message):
        """A source or passage was selected: the article should show ``start``..``end``."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    def compose(self):  # noqa: ANN201
        yield Static(Text("Sources"), classes="title", id="sources-title")
        yield RowList("no sources found", id="sources")
        yield Static(Text("Passages"), classes="title", id="passages-title")
        yield RowList("no suggested passages", id="passages")

    def on_mount(self) -> None:
        self._shown: Shown | None = None

    def show(self, shown: Shown) -> None:
        """Fill both lists for a newly opened article."""
        self._shown = shown
        rows = []
        for s in shown.sources:
            row = Text(f"{KIND_NAMES.get(s.kind, s.kind)[:9]:<9} ", style=SOURCE_STYLES.get(s.kind, ""))
            row.append(one_line(s.text, 48))
            extra = " · ".join(one_line(x, 30) for x in (s.domain, s.outlet, s.role) if x)
            if extra:
                row.append(f"  {extra}", style="dim")
            rows.append(row)
        self.query_one("#sources", RowList).set_rows(rows)
        self.query_one("#sources-title", Static).update(
            Text(f"Sources ({len(shown.sources)})  J/K"), layout=False
        )
        self.query_one("#passages-title", Static).update(
            Text(f"Passages ({len(shown.passages)})  j/k · a/x accept/reject · F/T frames/techniques"),
            layout=False,
        )
        self.query_one("#passages", RowList).selected = -1
        self.refresh_passages(keep_scroll=False)

    def refresh_passages(self, *, keep_scroll: bool = True) -> None:
        """Redraw the passages list (after a verdict or labels), keeping the selection."""
        if self._shown is None:
            return
        rows = []
        for pid, p in self._shown.passages:
            labels = self._shown.passage_labels.get(pid, {})
            verdict = labels.get("verdict", "")
            row = Text(f"{p.score:4.2f} ")
            row.append(f"{verdict or 'open':<7}", style=VERDICT_STYLES.get(verdict, "dim"))
            row.append(one_line(p.why, 60))
            markers = ", ".join(one_line(m.text, 24) for m in p.markers[:4])
            if markers:
                row.append(f"  [{markers}]", style="dim")
            tags = " ".join(x.replace("|", ",") for x in (labels.get("frames", ""), labels.get("techniques", "")) if x)
            if tags:
                row.append(f"  {one_line(tags, 60)}", style="italic")
            rows.append(row)
        passages = self.query_one("#passages", RowList)
        passages.set_rows(rows, passages.selected, keep_scroll=keep_scroll)

    def passage_index(self) -> int:
        """The selected passage (0 when none was selected yet)."""
        return max(self.query_one("#passages", RowList).selected, 0)

    def move(self, list_id: str, step: int) -> None:
        """Select the next or previous row of a list and report its span."""
        rows = self.query_one(f"#{list_id}", RowList)
        count = len(rows.rows)
        if not count:
            return
        index = 0 if rows.selected < 0 else (rows.selected + step) % count
        self._select(rows, index)

    def _select(self, rows: RowList, index: int) -> None:
        if self._shown is None:
            return
        rows.selected = index
        rows.redraw()
        height = max(rows.scrollable_content_region.height, 1)
        if not rows.scroll_offset.y <= index < rows.scroll_offset.y + height:
            rows.scroll_to(y=max(index - 1, 0), animate=False)
        items = self._shown.sources if rows.id == "sources" else [p for _, p in self._shown.passages]
        item = items[index]
        self.post_message(self.Selected(item.start, item.end))

    def on_row_list_clicked(self, event: RowList.Clicked) -> None:
        self._select(event.row_list, event.index)
