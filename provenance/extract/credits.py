"""Credits: where a text says which agency or outlet a story or a picture comes from.

``(Reuters)``, ``(ats/nxp)``, ``(AP Photo/Evan Vucci)``, ``© AFP``, ``Photo : AFP``, ``Quelle: dpa``, a trailing
``– NYT``, ``Avec AFP``, "originally appeared on Grist", "erschien zuerst bei Zeit Online". The functions here return
the character ranges that are credits; outlet names found inside them get the role ``credit``, and inside them agency
codes count in any case (``ats``, ``afp``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from provenance.extract.outlet_matcher import Matcher, positions, with_first_words
from provenance.extract.registry import Outlet

_CREDIT_PREFIX = re.compile(
    r"(?:©|\(c\)|copyright|(?:photos?|fotos?|bild|images?|cr[ée]dits?|sources?|quelle|grafik|video)[ \t]*:"
    r"|mit material (?:von|der|des)|(?:additional )?reporting by|(?P<avec>avec )"
    r"|(?:originally|first) (?:appeared|published|ran)(?: (?:on|in|at|by))?|was (?:originally |first )?published"
    r" (?:on|in|by|at)|republished (?:from|with permission (?:from|of))|(?:paru|publi[ée]e?) (?:initialement|d'abord"
    r"|originellement|en premier) (?:dans|sur|par)"
    r"|(?:erschien|erschienen) (?:zuerst|urspr[uü]nglich) (?:bei|in|im|auf)"
    r"|zuerst (?:bei|in|im|auf) )[ \t]*"
)
"""Words that open a credit, matched in the lower-cased text; the word boundary before is checked in code."""
_CREDIT_WORDS = (
    "©", "(c)", "copyright", "photo", "foto", "bild", "image", "crédit", "credit", "source", "quelle", "grafik",
    "video", "mit material", "reporting by", "additional", "avec ", "originally", "first ", "was ", "republished",
    "paru ", "publié", "publie", "erschien", "zuerst",
)
"""The first words of the credit openers above: searched for literally, then the regex is tried where they are."""
_AVEC_CREDIT = re.compile(r"[A-Z]{2,}|l'|[Aa]gences")
_CODE = re.compile(r"(?<!\w)[^\W\d_]{2,6}(?!\w)")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_PAREN = re.compile(r"\(([^()\n]{2,60})\)")
_DASH_TAIL = re.compile(r"[ \t]-[ \t]*([^\n-]{2,40}?)[ \t]*$", re.MULTILINE)
_TOKEN_SPLIT = re.compile(r"\s*(?:[/,;&+]|\s(?:and|et|und)\s)\s*")
_INITIALS = re.compile(r"[A-Za-z]{1,4}\.?")
_PERSON = re.compile(r"(?:[A-Z][\w'.-]+ ){1,2}[A-Z][\w'-]+")
_MEDIA_WORD = re.compile(r"\s+(?:Photos?|Fotos?|Images?|Video|Grafik|TV)$")


def credit_ranges(folded: str, lowered: str, words: set[str], matcher: Matcher) -> list[tuple[int, int]]:
    """Spans of the text that are credits: bracketed agency lists, ``©``/``Photo:``/``Quelle:`` lines, trailing
    ``– NYT``, and "originally appeared on ..." sentences."""
    ranges = []
    for match in _PAREN.finditer(folded):
        if _all_outlet_tokens(match.group(1), matcher):
            ranges.append(match.span(1))
    for at in positions(folded, (("-", ""),), words):
        match = _DASH_TAIL.match(folded, at - 1) if at else None
        if match and _all_outlet_tokens(match.group(1), matcher):
            ranges.append(match.span(1))
    for at in positions(lowered, _CREDIT_NEEDLES, words):
        match = _CREDIT_PREFIX.match(lowered, at)
        if match is None:
            continue
        start = match.start()
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue
        if match.group("avec") and (
            start and folded[start - 1] != "\n" or not _AVEC_CREDIT.match(folded, match.end())
        ):
            continue
        stop = _SENTENCE_END.search(folded, match.end(), match.end() + 80)
        ranges.append((match.end(), stop.start() if stop else min(len(folded), match.end() + 80)))
    return sorted(ranges)


def _all_outlet_tokens(segment: str, matcher: Matcher) -> bool:
    """A credit-shaped list: every part an outlet or a reporter's initials, at least one an outlet."""
    tokens = [t for t in _TOKEN_SPLIT.split(segment.strip()) if t]
    if not tokens or len(tokens) > 6:
        return False
    outlets = 0
    for token in tokens:
        bare = _MEDIA_WORD.sub("", token)
        if bare in matcher.spellings or bare.lower() in matcher.codes:
            outlets += 1
        elif not (_INITIALS.fullmatch(token) or _PERSON.fullmatch(token)):
            return False
    return outlets > 0


def credit_codes(folded: str, ranges: list[tuple[int, int]], matcher: Matcher) -> Iterator[tuple[int, int, Outlet]]:
    """Agency codes inside credits, in any case: the ``ats`` of ``(ats/nxp)``, the ``afp`` of ``© afp``."""
    for start, end in ranges:
        for token in _CODE.finditer(folded, start, end):
            outlet = matcher.codes.get(token.group().lower())
            if outlet is not None:
                yield token.start(), token.end(), outlet


def in_ranges(ranges: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect_right(starts, start) - 1
    return i >= 0 and ranges[i][0] <= start and end <= ranges[i][1]


_CREDIT_NEEDLES = with_first_words(_CREDIT_WORDS)
