"""Speaker phrases: what a phrase found before or after a reporting cue names.

The attribution extractor finds the phrase; this module says what it is, from the lexicon's small gazetteers and
word lists: anonymous (an unnamed "responsable", "official", "Beamter", "Regierungskreisen"), organisation (a head
noun like "ministère", a government metonym like "Moscou", a German compound in "-ministerium"), outlet (a
publication word such as "Times"), or person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from provenance.corpus.text import casefold_same_length
from provenance.extract.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker phrase found for a cue: its span, what it is, and whether it carries a proper name."""

    start: int
    end: int
    kind: str
    named: bool
    role: bool = False
    """Headed by a noun (a title, a document, an organisation) rather than by a name."""
    core_end: int = -1
    """Where the phrase proper ends, before a trailing complement ("Mario Reiß | der Deutschen Presse-Agentur")."""
    tentative: bool = False
    """A phrase that is a speaker only if it is a known outlet ("L'Équipe", "der Kicker")."""


def speaker_kind(lex: Lexicon, name: str | None, noun: str | None, mods: str) -> str | None:
    """What a speaker phrase names, from its name (gazetteers, head words, compound endings) or its head noun."""
    if not name:
        head = key(noun or "")
        for kind, words in (("anonymous", lex.anonymous_heads), ("organization", lex.org_heads),
                            ("outlet", lex.outlet_nouns), ("person", lex.titles)):
            if head in words:
                return kind
        return None
    words = [key(w) for w in name.replace("-", " ").split()]
    full, last = key(name), (words[-1] if words else "")
    single = len(name.split()) == 1
    if single and (full in lex.anonymous_heads or last in lex.anonymous_heads or _ends(last, lex.anonymous_suffixes)):
        return "anonymous"  # "Insider", "Regierungskreisen", "US-Beamter"
    if full in lex.org_names or any(_genitive_in(w, lex.org_heads) for w in words):
        return "organization"
    if full in lex.outlet_words or any(w in lex.outlet_words for w in words):
        return "outlet"
    if _ends(last, lex.org_suffixes) or _ends(last.rstrip("s"), lex.org_suffixes):
        return "organization"  # "Bundesregierung", "Stadtverwaltung", "Verteidigungsministeriums"
    if noun and key(noun) in lex.org_heads:
        return "organization"  # "le groupe Renault", "die Staatsanwaltschaft München"
    if single and _ends(last, lex.common_noun_suffixes):
        return None  # "Entscheidung": a common noun, not a name
    bare = name.replace(".", "")
    if len(bare) >= 2 and bare.isupper() and not noun and not mods.strip():
        return "organization"  # an acronym: "OTAN", "CGT", "NATO"
    return "person"


def _ends(word: str, suffixes: tuple[str, ...]) -> bool:
    return bool(suffixes) and word.endswith(suffixes)


def _genitive_in(word: str, heads: frozenset[str]) -> bool:
    """``word`` or its German genitive ("Unternehmens", "Amtes") is one of ``heads``."""
    return word in heads or (word.endswith("s") and (word[:-1] in heads or (word.endswith("es") and word[:-2] in heads)))


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """A phrase as looked up in the lexicon's sets: lower case, single spaces. Cached: a speaker phrase is looked up
    several times, and the same names and titles recur from article to article."""
    return " ".join(casefold_same_length(text).split())
