"""Framing markers: the spans where an article frames rather than reports, each with a one-line why.

:func:`find_markers` runs every finder of :mod:`provenance.extract.markers` over one article. Lexicons and the
naming table are data files compiled once per process; the attributions and anonymous sources come from the
attribution extractor and are only read here. Page furniture (menus, comment forms) is never framing: a marker that
touches it is dropped.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from provenance.extract.boilerplate import lines
from provenance.extract.forms import lowered
from provenance.extract.markers.artifacts import find_duplicated_lines, find_untranslated
from provenance.extract.markers.lexical import find_conditionals, find_cues, find_rhetorical_questions
from provenance.extract.markers.lexicon import (
    LEXICON_LANGUAGES,
    Lexicon,
    PhraseMatcher,
    load_lexicon,
    longest_first,
)
from provenance.extract.markers.quotes import find_scare_quotes
from provenance.extract.markers.speakers import find_sides_speaking, find_speakers
from provenance.extract.naming import NameVariant, extra_tables, naming_marker, variants
from provenance.extract.spans import Marker, Source

MARKER_KINDS: dict[str, str] = {
    "scare_quotes": "scare quotes and short quoted fragments",
    "reportive": "reportive or hedged mood",
    "attribution_to_opponent": "who gets to speak: a claim attributed to one side of the conflict",
    "anonymous": "anonymous sourcing",
    "loaded_or_evaluative": "loaded, evaluative or intensifying language",
    "naming": "naming choices",
    "analogy": "analogies and rhetorical devices",
    "translation_artifact": "translation and copy artifacts",
    "boilerplate": "paragraphs repeated across articles",
}
"""Every marker kind, with the phrase a legend shows for it."""

Span = tuple[int, int]


def _spans(items: Iterable[object]) -> list[Span]:
    """``(start, end)`` pairs from tuples or from anything with ``start``/``end`` (reader marks, sources)."""
    spans = []
    for item in items:
        if isinstance(item, tuple):
            spans.append((int(item[0]), int(item[1])))
        else:
            spans.append((int(item.start), int(item.end)))  # type: ignore[attr-defined]
    return spans


def guess_language(folded: str) -> str:
    """The lexicon language whose function words the text uses most, or "" when none is clear."""
    sample = set(folded[:2000].replace("'", " ").split())
    best, best_hits = "", 0
    for code in LEXICON_LANGUAGES:
        lexicon = load_lexicon(code)
        hits = len(sample & lexicon.stopwords) if lexicon is not None else 0
        if hits > best_hits:
            best, best_hits = code, hits
    return best if best_hits >= 3 else ""


@functools.cache
def _matcher(language: str, naming_tables: tuple[str, ...]) -> PhraseMatcher:
    """One automaton per language for the lexicon's cue phrases, the contested names and the conditional
    auxiliaries: a single pass over the text finds them all."""
    matcher = PhraseMatcher()
    lexicon = load_lexicon(language)
    if lexicon is not None:
        for phrase, group in lexicon.phrases:
            matcher.add(phrase, ("cue", group))
        for auxiliary in lexicon.conditional.get("auxiliaries", ()):
            matcher.add(auxiliary, ("aux", None))
    for row in variants(language):
        matcher.add(row.variant, ("name", row))
    return matcher


def _lexical_markers(text: str, folded: str, language: str, lexicon: Lexicon) -> list[Marker]:
    hits = _matcher(language, extra_tables()).find(folded)
    cues = [(s, e, p[1]) for s, e, p in longest_first([h for h in hits if h[2][0] == "cue"])]
    auxiliaries = [(s, e) for s, e, p in hits if p[0] == "aux"]
    names: list[tuple[int, int, NameVariant]] = [
        (s, e, p[1]) for s, e, p in longest_first([h for h in hits if h[2][0] == "name"])
    ]
    markers = find_cues(text, folded, lexicon, cues)
    markers += find_conditionals(text, folded, lexicon, auxiliaries)
    markers += [naming_marker(text, s, e, row) for s, e, row in names]
    return markers


def _dedupe(markers: list[Marker]) -> list[Marker]:
    """Text order; of two overlapping markers of the same kind, the longer one stays."""
    markers.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Marker] = []
    last_end: dict[str, int] = {}
    for marker in markers:
        if marker.start < last_end.get(marker.kind, -1):
            continue
        kept.append(marker)
        last_end[marker.kind] = marker.end
    return kept


def find_markers(
    text: str,
    language: str = "",
    *,
    sources: Sequence[Source] = (),
    furniture: Iterable[object] = (),
    headers: Iterable[object] = (),
) -> list[Marker]:
    """Every framing marker of one article, in text order.

    ``language`` picks the lexicon (guessed from function words when empty or unsupported); ``sources`` are the
    attribution extractor's spans (speakers and anonymous sources become markers); ``furniture`` are the reader's
    page-furniture spans, where no marker may fall; ``headers`` (title, byline) are spans whose repetition in the body
    is layout rather than a copy artifact. Spans may be given as ``(start, end)`` tuples or objects with
    ``start``/``end``.
    """
    folded = lowered(text)
    if language not in LEXICON_LANGUAGES:
        language = guess_language(folded)
    lexicon: Lexicon | None = load_lexicon(language) if language else None
    furniture_spans = _spans(furniture)
    body_lines = [(s, e) for s, e in lines(text) if not any(fs <= s and e <= fe for fs, fe in furniture_spans)]

    markers: list[Marker] = find_scare_quotes(text)
    if lexicon is not None:
        markers += _lexical_markers(text, folded, language, lexicon)
        markers += find_untranslated(text, folded, language, body_lines)
    markers += find_rhetorical_questions(text)
    markers += find_duplicated_lines(text, folded, body_lines, _spans(headers))
    markers += find_speakers(text, sources, lexicon)
    markers += find_sides_speaking(text, lexicon)
    if furniture_spans:
        markers = [m for m in markers if not any(m.start < fe and fs < m.end for fs, fe in furniture_spans)]
    return _dedupe(markers)
