"""The article record every other layer reads.

An :class:`Article` is what a reader makes of one document: the text exactly as stored (offsets into it are the
currency of the whole tool), its metadata, and :class:`Mark` spans that the reader itself could see — hyperlinks kept
from HTML, page furniture, the title, byline, date and ``source:`` lines of a plain-text page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from provenance.corpus.text import article_id


MARK_KINDS = frozenset({"link", "furniture", "title", "byline", "date", "declared_source"})
"""What a reader may mark: ``link`` (value = URL), ``furniture`` (menus, comment forms, captchas: dimmed, never
analysed), ``title``/``byline``/``date`` (header lines), ``declared_source`` (value = the URL of a ``source:`` line)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the stored text that the reader recognised; ``text[start:end]`` is the marked text."""

    kind: str
    start: int
    end: int
    value: str = ""


@dataclass(slots=True)
class Article:
    """One document as stored. ``id`` is derived from the normalised text, so it is the same on every machine."""

    text: str
    title: str = ""
    url: str = ""
    publisher_domain: str = ""
    byline: str = ""
    published: str = ""
    language: str = ""
    origin: str = ""
    format: str = ""
    declared_source: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    marks: list[Mark] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text)

    def marks_of(self, kind: str) -> list[Mark]:
        """The marks of one kind, in text order."""
        return [m for m in self.marks if m.kind == kind]
