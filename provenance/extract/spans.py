"""The spans extractors produce. Every span holds ``start``/``end`` offsets into the stored article text and
``text == article.text[start:end]`` always holds (checked by :func:`check_offsets` in the tests)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SOURCE_KINDS = ("url", "outlet", "person", "organization", "anonymous")
SOURCE_ROLES = ("body", "credit", "declared", "internal")


@dataclass(frozen=True, slots=True)
class Source:
    """A trace of where information comes from.

    ``kind`` is one of :data:`SOURCE_KINDS`; ``role`` one of :data:`SOURCE_ROLES`. For URLs, ``url`` is the
    normalised URL and ``domain`` its registered domain; for outlets, ``outlet`` is the registry's canonical name.
    For attributions, ``cue`` is the reporting verb or preposition, ``speaker_kind`` what the speaker is, and
    ``sentence_start``/``sentence_end`` the sentence the attribution covers (-1 when not an attribution).
    """

    kind: str
    text: str
    start: int
    end: int
    url: str = ""
    domain: str = ""
    outlet: str = ""
    cue: str = ""
    role: str = "body"
    speaker_kind: str = ""
    sentence_start: int = -1
    sentence_end: int = -1

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Marker:
    """A framing device found in the text, with a one-line ``why`` a reader can check."""

    kind: str
    start: int
    end: int
    text: str
    why: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Passage:
    """A paragraph or sentence window where framing concentrates, ranked by ``score`` and explained by ``why``."""

    start: int
    end: int
    text: str
    score: float
    why: str
    markers: list[Marker] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "why": self.why,
            "markers": [m.to_dict() for m in self.markers],
        }


@dataclass(slots=True)
class Analysis:
    """Everything extracted from one article."""

    sources: list[Source] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    chain: list[dict] = field(default_factory=list)
    version: str = ""


def check_offsets(text: str, spans: list) -> list:
    """The spans whose ``text`` is not ``text[start:end]`` (empty when the invariant holds)."""
    return [s for s in spans if not (0 <= s.start <= s.end <= len(text) and text[s.start : s.end] == s.text)]
