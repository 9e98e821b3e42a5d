"""Translation and copy artifacts: fragments left in another language (``[by Kiev]`` in a French text), whole lines
in another language (an English photo caption in a French article), and lines pasted twice into the body.

Language is told by function words that only one language uses (the ``[stopwords]`` of each lexicon): cheap, and
reliable on the short stretches where statistical language identification is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from provenance.extract.markers.lexicon import LEXICON_LANGUAGES, Lexicon, load_lexicon
from provenance.extract.spans import Marker

LANGUAGE_NAMES = {"fr": "French", "en": "English", "de": "German"}
MIN_FOREIGN_HITS = 2
"""A line needs at least this many function words of another language (and none of its own) to count as foreign."""
MIN_DUPLICATE_WORDS = 6
MAX_CAPTION_CHARS = 300
"""Only lines up to this long are checked for another language: captions, credits and headings, not body text."""
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,80})\](?!\()")
_PUNCTUATION = ".,;:!?()[]\"«»“”…"


def _lexicons() -> list[Lexicon]:
    return [lex for lex in (load_lexicon(code) for code in LEXICON_LANGUAGES) if lex is not None]


def _words(folded: str, start: int, end: int) -> set[str]:
    """The distinct words of a stretch of folded text (split on spaces and apostrophes, edge punctuation dropped)."""
    return {w.strip(_PUNCTUATION) for w in folded[start:end].replace("'", " ").split()}


def _votes(words: set[str]) -> dict[str, int]:
    """How many distinct function words of each language the words contain."""
    return {lex.language: len(words & lex.stopwords) for lex in _lexicons()}


def _foreign_language(words: set[str], language: str, minimum: int) -> str:
    votes = _votes(words)
    if votes.get(language, 0) > 0:
        return ""
    best = max(votes, key=votes.get, default="")
    return best if best and best != language and votes[best] >= minimum else ""


def find_untranslated(text: str, folded: str, language: str, lines: Sequence[tuple[int, int]]) -> list[Marker]:
    """Bracketed fragments and whole lines written in another language than the article's."""
    if language not in LANGUAGE_NAMES:
        return []
    own = LANGUAGE_NAMES[language]
    markers = []
    for match in _BRACKETED.finditer(folded):
        foreign = _foreign_language(_words(folded, match.start(1), match.end(1)), language, 1)
        if foreign:
            start, end = match.span()
            markers.append(
                Marker(
                    "translation_artifact",
                    start,
                    end,
                    text[start:end],
                    f"untranslated fragment: {LANGUAGE_NAMES[foreign]} «{text[start:end]}» in {own} text",
                )
            )
    others = frozenset().union(*(lex.stopwords for lex in _lexicons() if lex.language != language))
    for start, end in lines:
        if end - start > MAX_CAPTION_CHARS or others.isdisjoint(folded[start:end].split()):
            continue
        words = _words(folded, start, end)
        if len(words) < 4:
            continue
        foreign = _foreign_language(words, language, MIN_FOREIGN_HITS)
        if foreign:
            markers.append(
                Marker(
                    "translation_artifact",
                    start,
                    end,
                    text[start:end],
                    f"line in {LANGUAGE_NAMES[foreign]}: untranslated caption or credit in {own} text",
                )
            )
    return markers


def find_duplicated_lines(
    text: str, folded: str, lines: Sequence[tuple[int, int]], headers: Sequence[tuple[int, int]] = ()
) -> list[Marker]:
    """Lines of :data:`MIN_DUPLICATE_WORDS` words or more that repeat an earlier line of the body.

    The first line and header lines (title, byline) are where an article states its title, which pages often repeat
    as a heading; a repeat of those is layout, not an artifact.
    """
    seen: dict[str, int] = {}
    markers = []
    for number, (start, end) in enumerate(lines):
        key = folded[start:end]
        first = seen.get(key)
        if first is None:
            seen[key] = number
            continue
        if len(key.split()) < MIN_DUPLICATE_WORDS:
            continue
        first_start, first_end = lines[first]
        is_header = first == 0 or any(s < first_end and first_start < e for s, e in headers)
        if is_header or any(s < end and start < e for s, e in headers):
            continue
        markers.append(
            Marker(
                "translation_artifact",
                start,
                end,
                text[start:end],
                f"duplicated line: repeats the line {number - first} line{'s' if number - first > 1 else ''} above",
            )
        )
    return markers
