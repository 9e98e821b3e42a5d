"""Sentence spans with exact offsets, by regular expression.

An attribution covers one sentence, so the extractors need sentence boundaries, but not a parser: a boundary is a
line break, or a full stop / question / exclamation mark (with any closing quotes) followed by space and a capital,
a digit or an opening quote, unless the word before the stop is a known abbreviation ("M.", "Dr.", "U.S.", "z. B.")
or a single initial.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from provenance.extract.forms import folded as folded_form

ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle me dr drs pr prof st ste mr mrs ms jr sr gen gén lt col sgt capt cpt adm sen rep gov pres
    vol no nr art abs bd av ave etc env cf ca vs approx dept inc ltd corp co univ hr fr frau herrn dipl ing bzw
    usw ggf vgl evtl inkl sog ua zb jan feb mar apr jun jul aug sep sept oct okt nov dec dez mio mrd bzw u.s u.k
    u.n e.u p.m a.m""".split()
)
"""Words (lower case, without their final stop) after which a stop does not end a sentence."""

_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=\n)\n*|[.!?…]*[\"')\]]*(?P<space>[^\S\n]+)(?:[\"'(\[][^\S\n]?)?(?P<next>[^\W_]))")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@lru_cache(maxsize=16)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every sentence of ``text``, leading and trailing spaces excluded, in order."""
    folded = folded_form(text)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(folded):
        if match.group()[0] == "\n":
            _add(folded, spans, start, match.start())
            start = match.end()
            continue
        if match.group("next").islower() or (match.group()[0] == "." and _is_abbreviation(folded, match.start())):
            continue
        end = match.start("space")
        _add(folded, spans, start, end)
        start = end
    _add(folded, spans, start, len(folded))
    return tuple(spans)


def sentence_at(spans: tuple[tuple[int, int], ...], offset: int) -> tuple[int, int]:
    """The sentence of ``spans`` holding ``offset`` (the nearest one before it when it falls between two)."""
    index = bisect_right(spans, (offset, 1 << 62)) - 1
    if index < 0:
        return spans[0] if spans else (0, 0)
    return spans[index]


def _is_abbreviation(folded: str, stop: int) -> bool:
    match = _WORD_BEFORE.search(folded, max(0, stop - 12), stop)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith", "M. Dupont"
    return word in ABBREVIATIONS or ("." in word and len(word) <= 5)


def _add(folded: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and folded[start].isspace():
        start += 1
    while end > start and folded[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
