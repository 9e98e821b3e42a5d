"""The article itself: a header (title, date, byline, publisher, declared source, provenance chain) and the text
with sources highlighted by kind, framing passages tinted, page furniture dimmed and boilerplate marked.

The text is one ``rich.text.Text`` styled by character offsets, so nothing in the article is ever read as markup,
and swapping articles is one ``update`` of two ``Static`` widgets rather than a rebuild of the screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

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


class ArticleView(VerticalScroll):
    """The scrollable article: header then body. Arrow keys and Page Up/Down scroll it."""

    DEFAULT_CSS = """
    ArticleView { padding: 0 1; }
    ArticleView #header { border-bottom: solid $primary 50%; margin-bottom: 1; }
    """

    def compose(self):  # noqa: ANN201
        yield Static(id="header")
        yield Static(id="body")

    def show(self, shown: Shown, selected: tuple[int, int] | None = None, *, keep_scroll: bool = False) -> None:
        """Swap in an article (or re-style the same one)."""
        self._shown = shown
        self.query_one("#header", Static).update(header_text(shown))
        self.query_one("#body", Static).update(body_text(shown, dark=self.app.current_theme.dark, selected=selected))
        if not keep_scroll:
            self.scroll_home(animate=False)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the line holding character ``offset`` of the text is near the top."""
        body = self.query_one("#body", Static)
        width = max(body.content_region.width, 10)
        shown = getattr(self, "_shown", None)
        if shown is None:
            return
        before = Text(same_length_safe(shown.article.text[:offset]))
        lines = before.wrap(self.app.console, width) if offset else []
        y = body.region.y - self.content_region.y + self.scroll_y + max(len(lines) - 1, 0)
        self.scroll_to(y=max(y - 2, 0), animate=False)
