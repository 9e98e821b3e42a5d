"""The side panel: the sources table and the suggested passages, with the passage labels given so far.

Each list is one ``Text`` (a row per line, cut to the panel's width) in a scrollable box rather than a DataTable:
swapping articles then costs one text update per list, which keeps a keypress that opens the next article cheap.
The lists never take focus — the article screen moves their selection with j/k and J/K — so digits and letters
always reach the label keys. A selection posts :class:`SidePanel.Selected`; the screen scrolls the article there.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from provenance.corpus.text import one_line
from provenance.tui.session import Shown
from provenance.tui.widgets.article import KIND_NAMES, SOURCE_STYLES

VERDICT_STYLES = {"accept": "bold #859900", "reject": "bold #dc322f"}


class RowList(Static):
    """Rows of text, one per line, with one selected row shown reversed; a click selects a row."""

    DEFAULT_CSS = "RowList { width: 100%; height: auto; text-wrap: nowrap; text-overflow: ellipsis; }"

    class Clicked(Message):
        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

    def __init__(self, empty: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.empty = empty
        self.rows: list[Text] = []
        self.selected = -1

    def set_rows(self, rows: list[Text], selected: int = -1) -> None:
        self.rows = rows
        self.selected = selected
        self.redraw()

    def redraw(self) -> None:
        if not self.rows:
            self.update(Text(self.empty, style="dim"))
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, row in enumerate(self.rows):
            line = row.copy()
            if index == self.selected:
                line.stylize("reverse")
            text.append_text(line)
            if index < len(self.rows) - 1:
                text.append("\n")
        self.update(text)

    def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self.rows):
            self.post_message(self.Clicked(self, event.y))


class SidePanel(Vertical):
    """Sources above, passages below."""

    DEFAULT_CSS = """
    SidePanel { width: 42%; max-width: 80; border-left: solid $primary 50%; }
    SidePanel .title { text-style: bold; padding: 0 1; background: $boost; }
    SidePanel VerticalScroll { height: 1fr; padding: 0 1; }
    """

    class Selected(Message):
        """A source or passage was selected: the article should show ``start``..``end``."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    def compose(self):  # noqa: ANN201
        yield Static(Text("Sources"), classes="title", id="sources-title")
        with VerticalScroll(id="sources-box", can_focus=False):
            yield RowList("no sources found", id="sources")
        yield Static(Text("Passages"), classes="title", id="passages-title")
        with VerticalScroll(id="passages-box", can_focus=False):
            yield RowList("no suggested passages", id="passages")

    def on_mount(self) -> None:
        self._shown: Shown | None = None
        for box in self.query(VerticalScroll):
            box.can_focus = False

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
        self.refresh_passages()
        for box in self.query(VerticalScroll):
            box.scroll_home(animate=False)

    def refresh_passages(self) -> None:
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
        passages.set_rows(rows, passages.selected)

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
        box = rows.parent
        if isinstance(box, VerticalScroll):
            box.scroll_to(y=max(index - 1, 0), animate=False)
        items = self._shown.sources if rows.id == "sources" else [p for _, p in self._shown.passages]
        item = items[index]
        self.post_message(self.Selected(item.start, item.end))

    def on_row_list_clicked(self, event: RowList.Clicked) -> None:
        self._select(event.row_list, event.index)
