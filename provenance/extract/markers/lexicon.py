"""Framing lexicons: per-language TOML data files, compiled once per process into a phrase automaton and a few
regular expressions.

The lexicons are data so that a researcher can extend them without touching code (see the header of
``lexicons/framing_fr.toml`` for the format). Matching runs on ``casefold_same_length(fold(text))``, a copy of the
text with the same length, so every match offset is an offset into the stored text.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from provenance.corpus.text import casefold_same_length, fold
from provenance.errors import InputError

LEXICON_LANGUAGES = ("fr", "en", "de")
"""Languages that ship a framing lexicon."""


def matching_form(text: str) -> str:
    """The folded, lower-cased, same-length form that lexicon entries and article text are compared in."""
    return casefold_same_length(fold(text))


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


_WORD_START = r"(?<!\w)"


def phrase_regex(entry: str) -> str:
    """A regex source matching ``entry`` as a whole word or phrase (any whitespace between words, ``*`` at the end for
    any word ending); for the short lists that are matched inside one sentence or name."""
    return _WORD_START + _phrase_body(entry)


def _phrase_body(entry: str) -> str:
    """:func:`phrase_regex` without the look-behind for a word start that opens it."""
    entry = matching_form(entry.strip())
    wildcard = entry.endswith("*")
    body = r"\s+".join(re.escape(w) for w in entry.rstrip("*").split())
    return rf"{body}\w*" if wildcard else rf"{body}(?!\w)"


def alternation(entries: list[str]) -> str:
    """One alternation of phrases, longest first so that a phrase wins over a word it contains.

    The look-behind for a word start that opens every phrase is written once, in front of the alternation: ``re``
    then checks it once per position of the text instead of once per phrase and position (twenty times faster for
    a list of twenty phrases), and a phrase matches exactly where it did.
    """
    unique = sorted({e for e in entries if e.strip()}, key=lambda e: (-len(e), e))
    if not unique:
        return ""
    return _WORD_START + "(?:" + "|".join(_phrase_body(e) for e in unique) + ")"


class PhraseMatcher:
    """Whole-word lookup of many phrases in one pass over the text (an Aho-Corasick automaton).

    One regex alternation of a few hundred words costs tens of milliseconds per article, because the regex engine
    tries every alternative at every position; the automaton reads each character once. Phrases are added in
    matching form with single spaces; a trailing ``*`` matches any word ending. Each phrase carries payloads (the same
    word may be a cue and a contested name); :meth:`find` returns every whole-word occurrence.
    """

    def __init__(self) -> None:
        self._entries: dict[str, list[tuple[bool, object]]] = {}
        self._automaton = None

    def add(self, phrase: str, payload: object) -> None:
        key = " ".join(matching_form(phrase.strip()).split())
        wildcard = key.endswith("*")
        key = key.rstrip("*")
        if key:
            self._entries.setdefault(key, []).append((wildcard, payload))

    def __len__(self) -> int:
        return len(self._entries)

    def _build(self):  # noqa: ANN202 - ahocorasick has no type stubs
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key, payloads in self._entries.items():
            automaton.add_word(key, (len(key), payloads))
        automaton.make_automaton()
        return automaton

    def find(self, folded: str) -> list[tuple[int, int, object]]:
        """``(start, end, payload)`` of every whole-word occurrence, in order of end position."""
        if not self._entries:
            return []
        if self._automaton is None:
            self._automaton = self._build()
        found = []
        size = len(folded)
        for last, (length, payloads) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and _is_word_char(folded[start - 1]) and _is_word_char(folded[start]):
                continue
            at_boundary = end >= size or not (_is_word_char(folded[end]) and _is_word_char(folded[end - 1]))
            for wildcard, payload in payloads:
                if wildcard:
                    stop = end
                    while stop < size and _is_word_char(folded[stop]):
                        stop += 1
                    found.append((start, stop, payload))
                elif at_boundary:
                    found.append((start, end, payload))
        return found


def longest_first(matches: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Non-overlapping matches, preferring the longest (``républiques du Donbass`` over ``Donbass``)."""
    kept: list[tuple[int, int, object]] = []
    for match in sorted(matches, key=lambda m: (m[0], -(m[1] - m[0]))):
        if kept and match[0] < kept[-1][1]:
            if match[1] - match[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = match
            continue
        kept.append(match)
    return kept


@dataclass(frozen=True, slots=True)
class CueGroup:
    """One ``[cues.NAME]`` table: what kind of marker it produces and how the reader is told why."""

    name: str
    kind: str
    label: str
    extend: bool


@dataclass(slots=True)
class Lexicon:
    """A framing lexicon for one language: cue phrases (for a :class:`PhraseMatcher`), regex patterns, and the
    data of the finders that need more than a word list."""

    language: str
    stopwords: frozenset[str]
    groups: list[CueGroup]
    phrases: list[tuple[str, int]] = field(default_factory=list)
    patterns: list[tuple[int, re.Pattern[str]]] = field(default_factory=list)
    conditional: dict = field(default_factory=dict)
    conditional_cues: re.Pattern[str] | None = None
    counterfactual: re.Pattern[str] | None = None
    sides: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)


CUE_KINDS = frozenset({"reportive", "loaded_or_evaluative", "analogy", "naming", "translation_artifact", "scare_quotes"})


def _compile(language: str, source: str) -> re.Pattern[str]:
    try:
        return re.compile(source)
    except re.error as exc:
        raise InputError(
            f"framing_{language}.toml: {source!r} is not a valid regular expression ({exc})", "fix the pattern"
        ) from None


def _read_cues(language: str, tables: dict, lexicon: Lexicon) -> None:
    for name, table in tables.items():
        kind = table.get("kind", "")
        if kind not in CUE_KINDS:
            raise InputError(
                f"framing_{language}.toml: [cues.{name}] has kind {kind!r}",
                f"use one of {', '.join(sorted(CUE_KINDS))}",
            )
        index = len(lexicon.groups)
        lexicon.groups.append(CueGroup(name, kind, table.get("label", name), bool(table.get("extend", False))))
        lexicon.phrases += [(word, index) for word in table.get("words", [])]
        lexicon.patterns += [(index, _compile(language, p)) for p in table.get("patterns", [])]


def lexicon_text(language: str) -> str:
    """The TOML source of the shipped lexicon of ``language``."""
    return resources.files("provenance.extract").joinpath("lexicons", f"framing_{language}.toml").read_text("utf-8")


@functools.cache
def load_lexicon(language: str) -> Lexicon | None:
    """The lexicon of ``language`` (cached per process), or None when none ships for it."""
    if language not in LEXICON_LANGUAGES:
        return None
    data = tomllib.loads(lexicon_text(language))
    stopwords = frozenset(matching_form(w) for w in data.get("stopwords", {}).get("words", []))
    lexicon = Lexicon(language=language, stopwords=stopwords, groups=[])
    _read_cues(language, data.get("cues", {}), lexicon)
    conditional = data.get("conditional")
    if conditional:
        auxiliaries = [matching_form(w) for w in conditional.get("auxiliaries", [])]
        lexicon.conditional = {
            "label": conditional.get("label", "reportive conditional"),
            "auxiliaries": frozenset(auxiliaries),
            "not_reportive": frozenset(matching_form(w) for w in conditional.get("not_reportive", [])),
            "skip": frozenset(
                matching_form(w) for w in conditional.get("modals", []) + conditional.get("not_verbs", []) + auxiliaries
            ),
        }
        lexicon.conditional_cues = re.compile(alternation(conditional.get("cues", [])))
        lexicon.counterfactual = re.compile(alternation(conditional.get("counterfactual", [])))
    for name, table in data.get("sides", {}).items():
        names = list(table.get("names", []))
        if names:
            lexicon.sides.append((table.get("label", name), re.compile(alternation(names))))
    return lexicon
