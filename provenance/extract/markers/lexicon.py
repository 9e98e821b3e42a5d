"""Framing lexicons: per-language TOML data files compiled once into a few regular expressions.

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


def phrase_regex(entry: str) -> str:
    """A regex source matching ``entry`` as a whole word or phrase: any whitespace between words, ``*`` at the end
    for any word ending."""
    entry = matching_form(entry.strip())
    wildcard = entry.endswith("*")
    words = entry.rstrip("*").split()
    body = r"\s+".join(re.escape(w) for w in words)
    if wildcard:
        body += r"\w*"
    return rf"(?<!\w){body}(?!\w)"


def alternation(entries: list[str]) -> str:
    """One alternation of phrases, longest first so that a phrase wins over a word it contains."""
    unique = sorted({e for e in entries if e.strip()}, key=lambda e: (-len(e), e))
    return "|".join(phrase_regex(e) for e in unique)


@dataclass(frozen=True, slots=True)
class CueGroup:
    """One ``[cues.NAME]`` table: what kind of marker it produces and how the reader is told why."""

    name: str
    kind: str
    label: str
    extend: bool


@dataclass(slots=True)
class Lexicon:
    """A compiled framing lexicon for one language."""

    language: str
    stopwords: frozenset[str]
    groups: list[CueGroup]
    cues: re.Pattern[str] | None
    conditional: dict = field(default_factory=dict)
    conditional_aux: re.Pattern[str] | None = None
    conditional_any: re.Pattern[str] | None = None
    conditional_cues: re.Pattern[str] | None = None
    counterfactual: re.Pattern[str] | None = None
    sides: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    stopword_regex: re.Pattern[str] | None = None


CUE_KINDS = frozenset({"reportive", "loaded_or_evaluative", "analogy", "naming", "translation_artifact", "scare_quotes"})


def _compile_cues(language: str, tables: dict) -> tuple[list[CueGroup], re.Pattern[str] | None]:
    groups: list[CueGroup] = []
    parts: list[str] = []
    for name, table in tables.items():
        kind = table.get("kind", "")
        if kind not in CUE_KINDS:
            raise InputError(
                f"framing_{language}.toml: [cues.{name}] has kind {kind!r}",
                f"use one of {', '.join(sorted(CUE_KINDS))}",
            )
        alternatives = [alternation(list(table.get("words", [])))] if table.get("words") else []
        alternatives += [f"(?:{p})" for p in table.get("patterns", [])]
        if not alternatives:
            continue
        index = len(groups)
        groups.append(CueGroup(name, kind, table.get("label", name), bool(table.get("extend", False))))
        parts.append(f"(?P<g{index}>{'|'.join(alternatives)})")
    try:
        return groups, re.compile("|".join(parts)) if parts else None
    except re.error as exc:
        raise InputError(f"framing_{language}.toml: a pattern is not a valid regular expression ({exc})", "fix it") from None


@functools.cache
def load_lexicon(language: str) -> Lexicon | None:
    """The compiled lexicon of ``language`` (cached per process), or None when none ships for it."""
    if language not in LEXICON_LANGUAGES:
        return None
    raw = resources.files("provenance.extract").joinpath("lexicons", f"framing_{language}.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    groups, cues = _compile_cues(language, data.get("cues", {}))
    stopwords = frozenset(matching_form(w) for w in data.get("stopwords", {}).get("words", []))
    lexicon = Lexicon(language=language, stopwords=stopwords, groups=groups, cues=cues)
    lexicon.stopword_regex = re.compile(alternation(list(stopwords))) if stopwords else None
    conditional = data.get("conditional")
    if conditional:
        lexicon.conditional = {
            "label": conditional.get("label", "reportive conditional"),
            "not_reportive": frozenset(matching_form(w) for w in conditional.get("not_reportive", [])),
            "skip": frozenset(
                matching_form(w)
                for w in conditional.get("modals", []) + conditional.get("not_verbs", []) + conditional.get("auxiliaries", [])
            ),
        }
        aux = alternation(conditional.get("auxiliaries", []))
        lexicon.conditional_aux = re.compile(rf"(?:{aux})\s+(?:\w+ment\s+)?(\w+)")
        lexicon.conditional_any = re.compile(r"(?<!\w)\w{2,}(?:rait|raient)(?!\w)")
        lexicon.conditional_cues = re.compile(alternation(conditional.get("cues", [])))
        lexicon.counterfactual = re.compile(alternation(conditional.get("counterfactual", [])))
    for name, table in data.get("sides", {}).items():
        names = list(table.get("names", []))
        if names:
            lexicon.sides.append((table.get("label", name), re.compile(alternation(names))))
    return lexicon
