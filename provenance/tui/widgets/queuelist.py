"""A virtual list of the queue: as many rows as the filter shows, but only the visible ones are ever read or drawn.

It is a ``ScrollView`` whose virtual height is the row count; ``render_line`` asks a page cache for the row under
each screen line, and the cache reads pages of :data:`PAGE` rows by offset from the store. 100,000 articles cost
the same as 100.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from provenance.corpus.text import one_line
from provenance.store.queue import QueueRow

PAGE = 100
STATUS_GLYPHS = {"unlabelled": "·", "partly": "◐", "done": "✓", "skipped": "↷"}

PageFetcher = Callable[[int, int], list[QueueRow]]


class QueueList(ScrollView, can_focus=True):
    """Rows of the queue with a cursor; Enter posts :class:`QueueList.Chosen`."""

    DEFAULT_CSS = """
    QueueList { height: 1fr; }
    """

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    class Chosen(Message):
        """The annotator picked ``article_id``."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, fetch: PageFetcher, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._fetch = fetch
        self._pages: dict[int, list[QueueRow]] = {}
        self.total = 0
        self.cursor = 0

    def reset(self, total: int, cursor: int = 0) -> None:
        """New filter or new labels: forget the cached pages and resize."""
        self._pages.clear()
        self.total = total
        self.cursor = max(0, min(cursor, total - 1)) if total else 0
        self.virtual_size = Size(self.size.width, total)
        self.scroll_to(y=max(self.cursor - 3, 0), animate=False)
        self.refresh()

    def row(self, index: int) -> QueueRow | None:
        if not 0 <= index < self.total:
            return None
        number = index // PAGE
        page = self._pages.get(number)
        if page is None:
            if len(self._pages) > 50:
                self._pages.clear()
            page = self._pages[number] = self._fetch(number * PAGE, PAGE)
        offset = index - number * PAGE
        return page[offset] if offset < len(page) else None

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.size.width
        item = self.row(index)
        if item is None:
            return Strip.blank(width)
        glyph = "!" if item.disagreement else STATUS_GLYPHS.get(item.status, "?")
        outlet_w = 18 if width >= 70 else 12
        date = one_line(item.date, 10).ljust(10)
        lang = one_line(item.language, 3).ljust(3)
        outlet = one_line(item.outlet, outlet_w).ljust(outlet_w)
        head = f" {glyph} {date} {lang} {outlet} "
        title = one_line(item.title or "(untitled)", max(width - len(head), 1))
        line = (head + title).ljust(width)[:width]
        style = Style(reverse=True) if index == self.cursor else Style()
        if item.status == "done" and index != self.cursor:
            style = Style(dim=True)
        return Strip([Segment(line, style)], width)

    def _move_to(self, index: int) -> None:
        if not self.total:
            return
        self.cursor = max(0, min(index, self.total - 1))
        height = max(self.size.height, 1)
        if self.cursor < self.scroll_offset.y:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= self.scroll_offset.y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)
        self.refresh()

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._move_to(self.cursor + step * max(self.size.height - 1, 1))

    def action_jump(self, index: int) -> None:
        self._move_to(index if index >= 0 else self.total - 1)

    def action_choose(self) -> None:
        item = self.row(self.cursor)
        if item is not None:
            self.post_message(self.Chosen(item.article_id))

    def on_click(self, event: object) -> None:
        y = getattr(event, "y", None)
        if y is not None:
            self._move_to(int(self.scroll_offset.y) + y)
