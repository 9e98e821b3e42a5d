"""The article itself: a header (title, date, byline, publisher, declared source, provenance chain) and the text
with sources highlighted by kind, framing passages tinted, page furniture dimmed and boilerplate marked.

The text is one ``rich.text.Text`` styled by character offsets, so nothing in the article is ever read as markup,
and swapping articles re-wraps one text in place rather than rebuilding the screen.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from provenance.corpus.text import one_line
from provenance.tui.session import Shown
from provenance.tui.text import same_length_safe

# Solarized accents read on dark and light backgrounds alike; only the passage tint depends on the theme.
SOURCE_STYLES = {
    "url": "underline #268bd2",
    "outlet": "bold #d33682",
    "person": "bold #2aa198",
    "organization": "bold #859900",
    "anonymous": "bold italic #cb4b16",
}
PASSAGE_TINT = {True: "on #3b3520", False: "on #f3e9c6"}
SELECTED_TINT = {True: "on #1f4060", False: "on #cfe3f5"}
KIND_NAMES = {
    "url": "URL",
    "outlet": "outlet",
    "person": "person",
    "organization": "organisation",
    "anonymous": "anonymous",
}


def legend() -> Text:
    """One line saying what each highlight means."""
    text = Text("sources: ", style="dim")
    for kind, style in SOURCE_STYLES.items():
        text.append(KIND_NAMES[kind], style=style)
        text.append(" ")
    return text


def header_text(shown: Shown) -> Text:
    """The header: title, then one line of metadata, the declared source and the provenance chain. Every value is
    untrusted and appended as plain text; long values are cut so the header stays short at 80×24."""
    article = shown.article
    text = Text()
    text.append(one_line(article.title, 160) or "(untitled)", style="bold")
    facts = [
        ("date", article.published),
        ("by", article.byline),
        ("publisher", article.publisher_domain),
        ("lang", article.language),
    ]
    first = True
    for name, value in facts:
        if value:
            text.append("\n" if first else " · ")
            first = False
            text.append(f"{name} ", style="dim")
            text.append(one_line(value, 40))
    if article.declared_source:
        text.append("\ndeclared source ", style="dim")
        text.append(one_line(article.declared_source, 70))
    chain = provenance_chain(shown)
    if chain:
        text.append("\nchain ", style="dim")
        text.append(chain)
    return text


def provenance_chain(shown: Shown) -> str:
    """Where this text says it comes from, oldest first: declared and credited outlets, then this page."""
    steps: list[str] = []
    for role in ("declared", "credit"):
        for source in shown.sources:
            if source.role == role:
                name = one_line(source.outlet or source.domain or source.text, 40)
                if name and name not in steps:
                    steps.append(name)
    if not steps:
        return ""
    page = shown.labels.get("outlet") or shown.article.publisher_domain or "this page"
    return " → ".join([*steps, one_line(page, 40)])


def body_text(shown: Shown, *, dark: bool, selected: tuple[int, int] | None = None) -> Text:
    """The article text with every span styled by offset (control characters replaced, offsets kept)."""
    raw = shown.article.text
    text = Text(same_length_safe(raw))
    size = len(raw)

    def clamp(start: int, end: int) -> tuple[int, int]:
        return max(0, min(start, size)), max(0, min(end, size))

    for mark in shown.article.marks:
        if mark.kind == "furniture":
            text.stylize("dim", *clamp(mark.start, mark.end))
    for _pid, passage in shown.passages:
        text.stylize(PASSAGE_TINT[dark], *clamp(passage.start, passage.end))
    if selected is not None:
        text.stylize(SELECTED_TINT[dark], *clamp(*selected))
    for source in shown.sources:
        style = SOURCE_STYLES.get(source.kind)
        if style:
            text.stylize(style, *clamp(source.start, source.end))
    for start, end, _count in shown.boilerplate:
        text.stylize("dim italic", *clamp(start, end))
    if shown.boilerplate:
        text.append("\n\n")
        for start, end, count in shown.boilerplate:
            text.append(f"▌ also in {count} articles: ", style="bold")
            text.append(one_line(raw[start:end], 70) + "\n", style="dim italic")
    return text


class ArticleView(ScrollView, can_focus=True):
    """The scrollable article, header then body, drawn with the Line API.

    The text is wrapped once per article (and per width), paragraph by paragraph so that each screen line knows
    the character offset it starts at; only the lines on screen are turned into strips. A ``Static`` would wrap the
    whole article twice per swap (once to measure, once to draw), which is most of what a keypress that opens the
    next article costs.
    """

    DEFAULT_CSS = """
    ArticleView { padding: 0 1; }
    """

    BINDINGS = [
        Binding("up", "scroll_up", show=False),
        Binding("down", "scroll_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown,space", "page_down", show=False),
        Binding("home", "scroll_home", show=False),
        Binding("end", "scroll_end", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._shown: Shown | None = None
        self._selected: tuple[int, int] | None = None
        self._lines: list[Text] = []
        self._starts: list[int] = []
        """Character offset in the article text where each body line starts (-1 for header lines)."""
        self._strips: dict[int, Strip] = {}
        self._width = 0
        self._base = Style()

    def show(self, shown: Shown, selected: tuple[int, int] | None = None, *, keep_scroll: bool = False) -> None:
        """Swap in an article (or re-style the same one)."""
        self._shown = shown
        self._selected = selected
        self._wrap()
        if not keep_scroll:
            self.scroll_to(y=0, animate=False)

    def show_notice(self, notice: str) -> None:
        """No article: show one line of explanation instead."""
        self._shown = None
        self._lines, self._starts, self._strips = [Text(notice, style="italic")], [-1], {}
        self.virtual_size = Size(self._width or 20, 1)
        self.refresh()

    def _wrap(self) -> None:
        shown = self._shown
        width = max(self.scrollable_content_region.width, 20)
        self._width = width
        self._strips = {}
        self._base = self.rich_style
        if shown is None:
            self._lines, self._starts = [], []
            self.virtual_size = Size(width, 0)
            return
        console = self.app.console
        lines: list[Text] = []
        starts: list[int] = []
        for line in header_text(shown).wrap(console, width):
            lines.append(line)
            starts.append(-1)
        lines.append(Text("─" * width, style="dim"))
        starts.append(-1)
        lines.append(Text(""))
        starts.append(-1)
        body = body_text(shown, dark=self.app.current_theme.dark, selected=self._selected)
        offset = 0
        for paragraph in body.split("\n", allow_blank=True):
            if not paragraph.plain:
                lines.append(Text(""))
                starts.append(offset)
            else:
                position = offset
                for line in paragraph.wrap(console, width):
                    lines.append(line)
                    starts.append(position)
                    position += len(line.plain)
            offset += len(paragraph.plain) + 1
        self._lines, self._starts = lines, starts
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def on_resize(self, event: object) -> None:
        if self._shown is not None and self.scrollable_content_region.width != self._width:
            self._wrap()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, self._base)
        strip = self._strips.get(index)
        if strip is None:
            segments = self._lines[index].render(self.app.console)
            strip = Strip(list(segments)).adjust_cell_length(width).apply_style(self._base)
            self._strips[index] = strip
        return strip

    def line_of(self, offset: int) -> int:
        """The screen line (in the virtual space) holding character ``offset`` of the article text."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the line holding character ``offset`` of the text is near the top."""
        self.scroll_to(y=max(self.line_of(offset) - 2, 0), animate=False)

    def visible_text(self) -> str:
        """The lines currently on screen, as plain text (what a reader sees)."""
        top = int(self.scroll_offset.y)
        return "\n".join(line.plain for line in self._lines[top : top + self.size.height])
