"""Scare quotes and short quoted fragments, told apart from full quotations.

A full quotation reports what someone said: it is long, or it opens a sentence (``“Ce type de collaboration ...”,
Warner a déclaré``) or follows a colon. A few quoted words inside a sentence (``faire “grands gains”``, ``ces
“collaborations”``) instead hold the words at a distance: the writer signals doubt or lifts a loaded phrase from a
source without owning it.
"""

from __future__ import annotations

import re

from provenance.extract.spans import Marker

MAX_FRAGMENT_WORDS = 6
"""Quoted spans with more words than this are full quotations."""
SCARE_WORDS = 3
"""Up to this many words the quotes are scare quotes; more is a short quoted fragment."""

# German „…“ first: its closing “ is the opening quote of English and French text.
_QUOTED = re.compile(r"„([^„“”\n]{1,300})[“”]|“([^“”\n]{1,300})”|«([^«»\n]{1,300})»|\"([^\"\n]{1,300})\"")
_WORD = re.compile(r"\w+")
_SENTENCE_OPENERS = frozenset(".!?:;\n")


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\u202f":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_OPENERS


def find_scare_quotes(text: str) -> list[Marker]:
    """Markers for quoted spans of at most :data:`MAX_FRAGMENT_WORDS` words inside a sentence."""
    markers = []
    for match in _QUOTED.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        words = len(_WORD.findall(inner))
        if words == 0 or words > MAX_FRAGMENT_WORDS or _opens_sentence(text, match.start()):
            continue
        start, end = match.span()
        quoted = text[start:end]
        if words <= SCARE_WORDS:
            why = f"scare quote: {quoted} — {words} word{'s' if words > 1 else ''} held at a distance inside a sentence"
        else:
            why = f"short quoted fragment: {quoted} — {words} words lifted into the writer's sentence"
        markers.append(Marker("scare_quotes", start, end, quoted, why))
    return markers
