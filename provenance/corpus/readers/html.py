"""HTML pages through trafilatura, keeping every hyperlink of the article body as a span of the stored text.

trafilatura finds the article body and its metadata (title, date, author, site name, canonical URL) and returns the
body as a small XML tree in which links are ``<ref target=URL>anchor</ref>``. Its own text output flattens links
into Markdown; instead the tree is walked here, so the stored text reads as prose and each link is a ``link``
:class:`Mark` whose span is exactly its anchor text. trafilatura takes half a second to import: it is imported only
when an HTML page is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from provenance.corpus.article import Article, Mark
from provenance.corpus.decode import decode_bytes
from provenance.corpus.readers.common import finish, read_limited
from provenance.corpus.text import normalise_newlines
from provenance.errors import ReadError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_BLOCKS = frozenset({"p", "head", "quote", "list", "item", "table", "row", "code", "div", "section", "cell"})
_SPACES = re.compile(r"[ \t\r\n]+")
MIN_WORDS = 5
"""Fewer words than this is a menu or a stub, not an article."""


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


class _Builder:
    """Accumulates the body's text block by block, recording link spans as it goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.links: list[Mark] = []

    def _ends_with_space(self) -> bool:
        return not self.parts or self.parts[-1][-1:] in (" ", "\n")

    def add(self, text: str) -> None:
        text = _SPACES.sub(" ", text)
        if text[:1] == " " and self._ends_with_space():
            text = text[1:]
        if text:
            self.parts.append(text)
            self.length += len(text)

    def newline(self, count: int) -> None:
        if not self.parts:
            return
        last = self.parts[-1]
        stripped = last.rstrip(" ")
        self.length -= len(last) - len(stripped)
        self.parts[-1] = stripped
        have = 0
        for part in reversed(self.parts):
            run = len(part) - len(part.rstrip("\n"))
            have += run
            if run < len(part):
                break
        if have < count:
            self.parts.append("\n" * (count - have))
            self.length += count - have

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "graphic":
            self.add(element.tail or "")
            return
        lines = 1 if tag in ("item", "row", "cell") else 2
        if tag in _BLOCKS:
            self.newline(lines)
        elif tag == "lb":
            self.newline(1)
        first = len(self.parts)
        self.add(element.text or "")
        for child in element:
            self.walk(child)
        if tag == "ref":
            self._link(first, (element.get("target") or "").strip())
        if tag in _BLOCKS:
            self.newline(lines)
        self.add(element.tail or "")

    def _link(self, first: int, target: str) -> None:
        anchor = "".join(self.parts[first:])
        start = self.length - len(anchor) + (len(anchor) - len(anchor.lstrip()))
        end = self.length - (len(anchor) - len(anchor.rstrip()))
        if target and end > start:
            self.links.append(Mark("link", start, end, target))

    def text(self) -> tuple[str, int]:
        """The text without surrounding blank lines, and how many characters were cut from its start."""
        joined = "".join(self.parts)
        body = joined.lstrip("\n ")
        return body.rstrip(), len(joined) - len(body)


def article_from_html(data: bytes, *, origin: str, url: str = "", charset: str | None = None) -> Article:
    """An :class:`Article` from an HTML page; ``url`` (a WARC record's target) is used when the page names none."""
    decoded = decode_bytes(data, declared=charset or declared_charset(data))
    html = normalise_newlines(decoded.text)
    if not html.strip():
        raise ReadError("empty HTML page", "remove it")
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        include_links=True,
        include_images=False,
        include_formatting=False,
        include_tables=True,
        with_metadata=True,
    )
    body = getattr(document, "body", None)
    if document is None or body is None or not "".join(body.itertext()).strip():
        raise ReadError("no article text found in the HTML (a menu, index or empty page?)", "give article pages")
    builder = _Builder()
    for child in body:
        builder.walk(child)
    body_text, cut = builder.text()
    if len(body_text.split()) < MIN_WORDS:
        raise ReadError("no article text found in the HTML (a menu, index or empty page?)", "give article pages")
    title = _SPACES.sub(" ", document.title or "").strip()
    marks = [Mark(m.kind, m.start - cut, m.end - cut, m.value) for m in builder.links]
    text = body_text
    if title:
        if body_text.startswith(title):
            marks.append(Mark("title", 0, len(title)))
        else:  # keep the headline in the text so it can be marked, read and searched
            shift = len(title) + 2
            text = f"{title}\n\n{body_text}"
            marks = [Mark(m.kind, m.start + shift, m.end + shift, m.value) for m in marks]
            marks.append(Mark("title", 0, len(title)))
    metadata = {
        key: value
        for key, value in (
            ("site_name", document.sitename),
            ("description", document.description),
            ("encoding", decoded.encoding if decoded.encoding != "utf-8" else None),
            ("fetched_url", url if url and url != document.url else None),
        )
        if value
    }
    marks.sort(key=lambda m: (m.start, m.end))
    return finish(
        Article(
            text=text,
            title=title,
            url=(document.url or url or "").strip(),
            byline=(document.author or "").strip(),
            published=(document.date or "").strip(),
            language=(document.language or "").strip(),
            origin=origin,
            format="html",
            metadata=metadata,
            marks=marks,
        )
    )


def read_html_file(path: Path, max_bytes: int) -> Iterator[Article]:
    """One article from an .html file."""
    data = read_limited(path, max_bytes)
    if not data.strip():
        raise ReadError("empty file", "remove it or fill it")
    yield article_from_html(data, origin=str(path))
