"""Assemble evaluation documents from sentence templates, keeping the offsets of every gold span.

A template is a string with ``{slot}`` fields. A slot value is either plain text or a :class:`Gold` piece, whose
text is inserted and whose marked part (``core``) becomes a gold span of the given ``kind``:

- ``speaker``: an attribution whose speaker is ``core`` (a person, organisation, outlet or unnamed source);
- ``anonymous``: an anonymous-sourcing phrase;
- ``outlet``: an outlet mention, handed to the attribution extractor the way the outlet registry would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Gold:
    """A slot value carrying gold annotations: ``spans`` are (core substring, layer, kind) triples."""

    text: str
    spans: tuple[tuple[str, str, str], ...] = ()


@dataclass
class Document:
    """A document under construction: its text and gold spans with offsets."""

    id: str
    language: str
    text: str = ""
    speakers: list[dict] = field(default_factory=list)
    anonymous: list[dict] = field(default_factory=list)
    outlets: list[dict] = field(default_factory=list)

    def add(self, template: str, **values: str | Gold) -> None:
        """Append one sentence (or paragraph break) rendered from ``template``."""
        if self.text and not self.text.endswith("\n"):
            self.text += " "
        position = 0
        for match in _FIELD.finditer(template):
            self.text += template[position : match.start()]
            value = values[match.group(1)]
            start = len(self.text)
            if isinstance(value, Gold):
                self.text += value.text
                for core, layer, kind in value.spans:
                    offset = value.text.find(core)
                    if offset < 0:
                        offset = value.text.find(core[:1].upper() + core[1:])
                    if offset < 0:
                        raise ValueError(f"{core!r} not in {value.text!r}")
                    self._record(layer, kind, start + offset, start + offset + len(core))
            else:
                self.text += value
            position = match.end()
        self.text += template[position:]

    def paragraph(self) -> None:
        self.text += "\n\n"

    def _record(self, layer: str, kind: str, start: int, end: int) -> None:
        entry = {"start": start, "end": end, "text": None, "kind": kind}
        {"speaker": self.speakers, "anonymous": self.anonymous, "outlet": self.outlets}[layer].append(entry)

    def to_dict(self) -> dict:
        for entry in (*self.speakers, *self.anonymous, *self.outlets):
            entry["text"] = self.text[entry["start"] : entry["end"]]
        return {
            "id": self.id,
            "language": self.language,
            "text": self.text,
            "speakers": self.speakers,
            "anonymous": self.anonymous,
            "outlets": self.outlets,
        }


def capitalise(value: str | Gold) -> str | Gold:
    """Upper-case the first letter of a sentence-initial slot value."""
    if isinstance(value, Gold):
        return Gold(value.text[:1].upper() + value.text[1:], value.spans)
    return value[:1].upper() + value[1:]


def from_phrases(doc_id: str, language: str, text: str, speakers, anonymous, outlets=()) -> dict:
    """A hand-written document whose gold spans are given as (phrase, kind) pairs found by position in order."""
    doc = Document(doc_id, language, text)
    cursor: dict[str, int] = {}

    def locate(phrase: str) -> tuple[int, int]:
        start = text.find(phrase, cursor.get(phrase, 0))
        if start < 0:
            raise ValueError(f"{phrase!r} not in document {doc_id}")
        cursor[phrase] = start + 1
        return start, start + len(phrase)

    for phrase, kind in speakers:
        doc._record("speaker", kind, *locate(phrase))
    cursor.clear()
    for phrase in anonymous:
        doc._record("anonymous", "anonymous", *locate(phrase))
    cursor.clear()
    for phrase, name in outlets:
        start, end = locate(phrase)
        doc.outlets.append({"start": start, "end": end, "text": None, "kind": name})
    return doc.to_dict()
