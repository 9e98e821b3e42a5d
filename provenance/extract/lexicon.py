"""Attribution and anonymous-sourcing lexicons: TOML data files compiled once into a few large regular expressions.

A lexicon (``lexicons/{fr,en,de}.toml``) lists reporting verbs in every written form, prepositional cues, the words
a speaker phrase is made of, and anonymous-sourcing patterns. Word lists become *trie* alternations, because
Python's ``re`` tries the branches of a flat alternation one after another: a trie shares prefixes and fails on the
first character, which keeps a scan of a 3 KB article in the tens of microseconds. Everything matches the folded text
(:func:`provenance.corpus.text.fold`), so offsets are offsets into the stored text.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

from provenance.corpus.text import casefold_same_length, fold

LANGUAGES = ("fr", "en", "de")

S = r"[^\S\n]+"
"""One run of spaces inside a phrase: speaker phrases and cues never cross a line break."""

_UPPER = "".join(
    chr(c) for c in [*range(0x41, 0x250), *range(0x391, 0x3AA), *range(0x400, 0x530)] if chr(c).isupper()
)
UPPER = "[" + re.escape(_UPPER) + "]"
LETTER = r"[^\W\d_]"


def trie_regex(words: Iterable[str]) -> str:
    """An alternation matching any of ``words`` (longest first), written as a trie; a space matches a run of spaces."""
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_regex(trie) if trie else "(?!)"


def _trie_to_regex(node: dict) -> str:
    branches = []
    ends = "" in node
    for char in sorted(k for k in node if k):
        piece = S if char == " " else re.escape(char)
        branches.append(piece + _trie_to_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def _lower(words: Iterable[str]) -> list[str]:
    return [casefold_same_length(fold(w)) for w in words]


def _words(value: str | list[str]) -> list[str]:
    """A verb table value: a string of single-word forms, or a list of (possibly multi-word) forms."""
    return value.split() if isinstance(value, str) else list(value)


@dataclass(slots=True)
class Lexicon:
    """One language's compiled cues. Built by :func:`get_lexicon`; never mutated afterwards."""

    language: str
    cue_re: re.Pattern
    np_re: re.Pattern
    np_before_re: re.Pattern
    skip_after_re: re.Pattern
    complement_re: re.Pattern
    subject_re: re.Pattern
    pronoun_re: re.Pattern
    pronoun_before_re: re.Pattern
    document_re: re.Pattern
    anonymous_re: re.Pattern
    anonymous_ids: dict[str, str]
    verb_class: dict[str, str]
    comma_prepositions: frozenset[str]
    org_heads: frozenset[str]
    org_suffixes: tuple[str, ...]
    org_names: frozenset[str]
    outlet_nouns: frozenset[str]
    outlet_words: frozenset[str]
    anonymous_heads: frozenset[str]
    titles: frozenset[str]
    pronouns: frozenset[str]
    not_speakers: frozenset[str]
    try_inverted_always: bool = False
    extras: dict = field(default_factory=dict)


def load_lexicon_data(language: str) -> dict:
    """The parsed TOML of one language's lexicon."""
    with resources.files("provenance.extract").joinpath(f"lexicons/{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=None)
def get_lexicon(language: str) -> Lexicon:
    """The compiled lexicon for ``language`` (one of :data:`LANGUAGES`), built on first use and cached."""
    return compile_lexicon(load_lexicon_data(language))


def lexicons_for(language: str) -> list[Lexicon]:
    """The lexicons to use for ``language``: its own, or all three when it is unknown or empty."""
    code = (language or "").strip().lower()[:2]
    if code in LANGUAGES:
        return [get_lexicon(code)]
    return [get_lexicon(code) for code in LANGUAGES]


def compile_lexicon(data: dict) -> Lexicon:
    """Compile the parsed TOML of a lexicon into its regular expressions and look-up sets."""
    cues = data.get("cues", {})
    speakers = data.get("speakers", {})

    verb_class: dict[str, str] = {}
    for table, klass in (("weak_verbs", "weak"), ("ambiguous_verbs", "ambiguous"), ("verbs", "verb")):
        for forms in cues.get(table, {}).values():
            for form in _lower(_words(forms)):
                verb_class[_squash(form)] = klass
    words = {
        "verbs": trie_regex(verb_class),
        "aux": trie_regex(_lower(cues.get("auxiliaries", []))),
        "adv": trie_regex(_lower(cues.get("adverbs", []))),
        "recipients": trie_regex(_lower(cues.get("recipients", []))),
        "preps": trie_regex(_lower(cues.get("prepositions", []) + cues.get("comma_prepositions", []))),
        "posts": trie_regex(_lower(cues.get("postpositions", []))),
        "comparatives": trie_regex(_lower(cues.get("comparatives", []))),
        "participial": trie_regex(_lower(cues.get("participial", []))),
        "complementisers": trie_regex(_lower(cues.get("complementisers", []))),
        "determiners": trie_regex(_lower(speakers.get("determiners", []))),
        "indefinites": trie_regex(_lower(speakers.get("indefinites", []))),
        "titles": trie_regex(_lower(speakers.get("titles", []))),
        "adjectives": trie_regex(_lower(_words(speakers.get("adjectives", [])))),
        "org_heads": trie_regex(_lower(speakers.get("org_heads", []))),
        "outlet_nouns": trie_regex(_lower(speakers.get("outlet_nouns", []))),
        "document_heads": trie_regex(_lower(speakers.get("document_heads", []))),
        "anonymous_heads": trie_regex(_lower(speakers.get("anonymous_heads", []))),
        "links": trie_regex(_lower(speakers.get("links", []))),
        "particles": trie_regex(speakers.get("name_particles", [])),
        "pronouns": trie_regex(_lower(cues.get("pronouns", []))),
        "not_speakers": trie_regex(fold(w) for w in speakers.get("not_speakers", [])),
    }
    w = words
    end = r"(?![\w-])"
    start = r"(?<![\w'-])"
    name_word = (
        rf"(?!(?:{w['not_speakers']}){end})"
        rf"(?:{UPPER}\.(?:{UPPER}\.)+|{UPPER}(?:{LETTER}|['-](?={LETTER}))*|{UPPER}\.)"
    )
    name = rf"{name_word}(?:{S}(?:(?:{w['particles']}){S}|(?:{w['particles']})'|(?:of|of{S}the|for){S})?{name_word})*"
    adj = rf"(?i:{w['adjectives']}){end}(?:{S}(?i:et|and|und){S}(?i:{w['adjectives']}){end})?"
    det = rf"(?i:{w['determiners']})(?:(?<=')|{S})"
    mod = rf"(?:(?i:{w['titles']}){end}|{adj})"
    noun = rf"(?i:{w['org_heads']}|{w['anonymous_heads']}|{w['outlet_nouns']}|{w['titles']}){end}"
    complement = rf"(?i:{w['links']})(?:(?<=')|{S})(?:(?i:le|la|les|l'|the|der|die|das|dem|den){S}?)?(?:{adj}{S})?{LETTER}[\w'-]*"
    tail = rf"(?:{S}{adj})*(?:{S}{complement}(?:{S}{adj})*){{0,3}}"
    np = (
        rf"{start}(?P<s>)(?P<det>{det})?(?P<mods>(?:{mod}{S}){{0,4}})"
        rf"(?:(?P<name>{name})|(?P<noun>{noun})(?P<tail>{tail})(?:{S}(?P<name2>{name}))?)"
    )
    appos = r"(?:,[^,\"\n]{1,160},|[^\S\n]-[^-\"\n]{1,160}[^\S\n]-|[^\S\n]\([^()\n]{1,160}\))"
    adv_or_quote = rf"(?:(?i:{w['adv']}){end}|\"[^\"\n]{{1,40}}\")"
    cue = (
        rf"{start}(?:(?P<prep>(?i:{w['preps']})){end}"
        rf"|(?P<post>(?i:{w['posts']})){end}"
        rf"|(?P<comp>(?i:{w['comparatives']}))(?:(?<=')|{S})(?:(?P<caux>(?i:{w['aux']})){S})?(?P<cverb>(?i:{w['verbs']})){end}"
        rf"|(?P<part>(?i:{w['participial']})){end}"
        rf"|(?:(?P<aux>(?i:{w['aux']})){S}(?:{adv_or_quote}{S}){{0,2}})?(?P<verb>(?i:{w['verbs']}))"
        rf"(?P<clitic>-t-(?i:il|elle|on)|-(?i:il|elle|ils|elles|on)|{end}))"
    )
    skip_after = rf"(?:{S}(?:{adv_or_quote}|(?i:{w['recipients']}){S}(?:{det})?(?:{name}|(?i:{w['outlet_nouns']}){end})))*{S}"
    anonymous_re, anonymous_ids = _compile_anonymous(data.get("anonymous", []), words)
    return Lexicon(
        language=data.get("language", ""),
        cue_re=re.compile(cue),
        np_re=re.compile(np),
        np_before_re=re.compile(rf"{np}(?P<appos>[^\S\n]*{appos})?[^\S\n]*\Z"),
        skip_after_re=re.compile(skip_after),
        complement_re=re.compile(rf"[^.!?\n]{{0,60}}?{start}(?i:{w['complementisers']})|[^\S\n]*[:\"]"),
        subject_re=re.compile(
            rf"(?:[^,\n]{{0,40}},{S})?(?:(?i:mais|et|or|cependant|pourtant|but|and|however|aber|doch|und){S})?{np}"
        ),
        pronoun_re=re.compile(rf"(?i:{w['pronouns']}){end}"),
        pronoun_before_re=re.compile(rf"{start}(?i:{w['pronouns']})[^\S\n]*(?:{appos}[^\S\n]*)?\Z"),
        document_re=re.compile(
            rf"(?i:{w['document_heads']}){end}(?:{S}{adj})*{S}(?i:{w['links']})(?:(?<=')|{S})(?=\S)"
        ),
        anonymous_re=anonymous_re,
        anonymous_ids=anonymous_ids,
        verb_class=verb_class,
        comma_prepositions=frozenset(_lower(cues.get("comma_prepositions", []))),
        org_heads=frozenset(_lower(speakers.get("org_heads", []))),
        org_suffixes=tuple(_lower(speakers.get("org_suffixes", []))),
        org_names=frozenset(_lower(speakers.get("org_names", []))),
        outlet_nouns=frozenset(_lower(speakers.get("outlet_nouns", []))),
        outlet_words=frozenset(_lower(speakers.get("outlet_words", []))),
        anonymous_heads=frozenset(_lower(speakers.get("anonymous_heads", []))),
        titles=frozenset(_lower(speakers.get("titles", []))),
        pronouns=frozenset(_lower(cues.get("pronouns", []))),
        not_speakers=frozenset(_lower(speakers.get("not_speakers", []))),
        try_inverted_always=bool(cues.get("inversion_after_any_word", False)),
    )


def _squash(text: str) -> str:
    """A cue form with its internal spacing normalised, for look-ups."""
    return " ".join(text.split())


def cue_key(text: str) -> str:
    """The look-up key of a verb form as written in the text."""
    return _squash(casefold_same_length(fold(text)))


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _compile_anonymous(entries: list[dict], words: dict[str, str]) -> tuple[re.Pattern, dict[str, str]]:
    """All anonymous cues as one alternation of named groups; ``{name}`` expands to a word list's trie."""
    branches = []
    ids: dict[str, str] = {}
    for index, entry in enumerate(entries):
        pattern = _PLACEHOLDER.sub(lambda m: words.get(m.group(1), m.group(0)), entry["pattern"])
        pattern = pattern.replace(" ", S)
        group = f"a{index}"
        ids[group] = entry["id"]
        branches.append(f"(?P<{group}>{pattern})")
    if not branches:
        return re.compile("(?!)"), ids
    return re.compile(r"(?<![\w'-])(?i:" + "|".join(branches) + r")(?![\w-])"), ids
