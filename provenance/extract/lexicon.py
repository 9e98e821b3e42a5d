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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from provenance.corpus.text import casefold_same_length, fold

LANGUAGES = ("fr", "en", "de")

S = r"[^\S\n]+"
"""One run of spaces inside a phrase: speaker phrases and cues never cross a line break."""

UPPER = "[A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-ЯЁЄІЇ]"
"""A capital letter (the Latin Extended-A range holds both cases; a name starting with one of its small letters is
rare enough)."""
LETTER = r"[^\W\d_]"
LOWER = "[a-zß-öø-ÿ]"


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


@dataclass(slots=True, eq=False)
class Lexicon:
    """One language's compiled cues. Built by :func:`get_lexicon`; never mutated afterwards (so it is hashed by
    identity, to key the caches of what was found in a text with it).

    Patterns named ``*_low`` run on the lower-cased folded text (no case-insensitive matching, which is twice as
    slow in ``re``); the speaker-phrase patterns run on the folded text, because names are told by their capitals.
    """

    language: str
    cue_low: re.Pattern
    word_scan: re.Pattern
    cue_class: dict[str, str]
    aux_before_low: re.Pattern
    aux_words: frozenset[str]
    adverbs_end_low: re.Pattern
    comparative_words: tuple[str, ...]
    comparative_before_low: re.Pattern
    complement_low: re.Pattern
    idiom_low: re.Pattern
    final_particles: dict[str, frozenset[str]]
    clause_end_low: re.Pattern
    pronoun_low: re.Pattern
    anonymous_patterns: tuple[tuple[str, re.Pattern], ...]
    trigger_low: re.Pattern
    triggers_start_words: bool
    trigger_entries: dict[str, tuple[int, ...]]
    np_re: re.Pattern
    np_end_re: re.Pattern
    appositive_name_re: re.Pattern
    skip_after_re: re.Pattern
    document_re: re.Pattern
    org_heads: frozenset[str]
    org_suffixes: tuple[str, ...]
    common_noun_suffixes: tuple[str, ...]
    anonymous_suffixes: tuple[str, ...]
    org_names: frozenset[str]
    outlet_nouns: frozenset[str]
    outlet_words: frozenset[str]
    anonymous_heads: frozenset[str]
    titles: frozenset[str]
    document_heads: frozenset[str]
    pronouns: frozenset[str]
    relatives: tuple[str, ...]
    fronting_words: frozenset[str]
    indefinites: frozenset[str]
    not_speakers: frozenset[str]
    first_words: frozenset[str]
    phrase_words: frozenset[str]
    link_words: frozenset[str]
    head_words: frozenset[str]
    inversion_after_any_word: bool = False


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


_HEAD_LISTS = ("org_heads", "anonymous_heads", "outlet_nouns", "titles", "document_heads")
_VERB_TABLES = (("weak_verbs", "weak"), ("addressee_verbs", "addressee"), ("ambiguous_verbs", "ambiguous"),
                ("verbs", "verb"))
_CUE_LISTS = (("participial", "participle"), ("postpositions", "postposition"),
              ("comma_prepositions", "comma_preposition"), ("prepositions", "preposition"))


def compile_lexicon(data: dict) -> Lexicon:
    """Compile the parsed TOML of a lexicon into its regular expressions and look-up sets."""
    cues = data.get("cues", {})
    speakers = data.get("speakers", {})
    cue_class: dict[str, str] = {}
    for table, klass in _VERB_TABLES:
        for forms in cues.get(table, {}).values():
            for form in _lower(_words(forms)):
                cue_class[_squash(form)] = klass
    for key, klass in _CUE_LISTS:
        for form in _lower(cues.get(key, [])):
            cue_class[_squash(form)] = klass

    def trie(values: Iterable[str]) -> str:
        return trie_regex(_lower(values))

    w = {
        "aux": trie(cues.get("auxiliaries", [])),
        "adv": trie(cues.get("adverbs", [])),
        "recipients": trie(cues.get("recipients", [])),
        "comparatives": trie(cues.get("comparatives", [])),
        "complementisers": trie(cues.get("complementisers", [])),
        "pronouns": trie(cues.get("pronouns", [])),
        "determiners": trie(speakers.get("determiners", [])),
        "indefinites": trie(speakers.get("indefinites", [])),
        "titles": trie(speakers.get("titles", [])),
        "adjectives": trie(_words(speakers.get("adjectives", []))),
        "org_heads": trie(speakers.get("org_heads", [])),
        "outlet_nouns": trie(speakers.get("outlet_nouns", [])),
        "document_heads": trie(speakers.get("document_heads", [])),
        "anonymous_heads": trie(speakers.get("anonymous_heads", [])),
        "links": trie(speakers.get("links", [])),
        "particles": trie_regex(speakers.get("name_particles", [])),
        "not_speakers": trie_regex(fold(w) for w in speakers.get("not_speakers", [])),
        # one trie for every head noun, so that the longest wins ("media reports" over "media")
        "heads": trie([h for k in _HEAD_LISTS for h in speakers.get(k, [])]),
    }
    start, end, space = r"(?<![\w'-])", r"(?![\w-])", r"[^\S\n]*"
    adv_or_quote = rf"(?:(?:{w['adv']}){end}|\"[^\"\n]{{1,40}}\")"
    appos = r"(?:,[^,\"\n]{1,160},|[^\S\n]-[^-\"\n]{1,160}[^\S\n]-|[^\S\n]\([^()\n]{1,160}\))"
    np, names = _speaker_phrase(w)
    anonymous_patterns, trigger_entries = _compile_anonymous(data.get("anonymous", []), w)
    inside = bool(data.get("triggers_inside_words", False))
    cue = rf"(?:{trie_regex(cue_class)})(?:(?P<clitic>-t-(?:il|elle|on)|-(?:il|elle|ils|elles|on)){end}|{end})"
    trigger = f"(?:{trie_regex(trigger_entries)})"
    return Lexicon(
        language=data.get("language", ""),
        cue_low=re.compile(start + cue),
        word_scan=_word_scan(cue, None if inside else trigger),
        cue_class=cue_class,
        aux_before_low=re.compile(rf"(?:{w['aux']}){S}(?:{adv_or_quote}{S}){{0,2}}\Z"),
        adverbs_end_low=re.compile(rf"(?:{w['adv']})(?:{S}(?:{w['adv']}))*{space}\Z"),
        aux_words=frozenset(a.split()[0] for a in _lower(cues.get("auxiliaries", [])) if a.split()),
        comparative_words=tuple({c.split()[0] for c in _lower(cues.get("comparatives", [])) if c.split()}),
        comparative_before_low=re.compile(rf"(?:{w['comparatives']})(?:(?<=')|{S})\Z"),
        complement_low=re.compile(rf"[^.!?\n]{{0,{int(cues.get('complementiser_reach', 50))}}}?{start}(?:{w['complementisers']})|{space}[:\"]"),
        final_particles={
            _squash(form): frozenset(_lower(particles))
            for form, particles in ((k.lower(), v) for k, v in cues.get("not_with_final_particle", {}).items())
        },
        idiom_low=re.compile(rf"{S}(?:{trie(cues.get('not_followed_by', []))}){end}"),
        clause_end_low=re.compile(rf"(?:{S}(?:{w['adv']}){end})*{space}(?:[.,;!?]|\Z)"),
        pronoun_low=re.compile(rf"(?:{w['pronouns']}){end}"),
        anonymous_patterns=anonymous_patterns,
        trigger_low=re.compile(("" if inside else r"(?<![\w-])") + trigger),
        triggers_start_words=not inside,
        trigger_entries=trigger_entries,
        np_re=re.compile(np),
        np_end_re=re.compile(rf"{np}{space}\Z"),
        appositive_name_re=re.compile(rf",{S}(?P<name>{names}){space}(?:[,.;)]|\Z|{S}(?i:lors|à|au|dans|in|at|on|bei|am|im|vor)\b)"),
        skip_after_re=re.compile(
            rf"(?:{S}(?:(?i:{adv_or_quote})|(?i:{w['recipients']}){S}"
            rf"(?:(?i:{w['determiners']})(?:(?<=')|{S}))?(?:{names}|(?i:{w['outlet_nouns']}){end})))*{S}"
        ),
        document_re=re.compile(
            rf"(?i:{w['document_heads']}){end}(?:{S}(?i:{w['adjectives']}){end})*{S}(?i:{w['links']})(?:(?<=')|{S})(?=\S)"
        ),
        org_heads=frozenset(_lower(speakers.get("org_heads", []))),
        org_suffixes=tuple(_lower(speakers.get("org_suffixes", []))),
        common_noun_suffixes=tuple(_lower(speakers.get("common_noun_suffixes", []))),
        anonymous_suffixes=tuple(_lower(speakers.get("anonymous_suffixes", []))),
        org_names=frozenset(_lower(speakers.get("org_names", []))),
        outlet_nouns=frozenset(_lower(speakers.get("outlet_nouns", []))),
        outlet_words=frozenset(_lower(speakers.get("outlet_words", []))),
        anonymous_heads=frozenset(_lower(speakers.get("anonymous_heads", []))),
        titles=frozenset(_lower(speakers.get("titles", []))),
        document_heads=frozenset(_lower(speakers.get("document_heads", []))),
        pronouns=frozenset(_lower(cues.get("pronouns", []))),
        fronting_words=frozenset(_lower(cues.get("fronting_words", []))),
        indefinites=frozenset(_squash(i) for i in _lower(speakers.get("indefinites", []))),
        relatives=tuple(f" {r} " for r in _lower(cues.get("relative_pronouns", []))),
        not_speakers=frozenset(_lower(speakers.get("not_speakers", []))),
        first_words=_first_words(speakers),
        phrase_words=_phrase_words(speakers),
        head_words=frozenset(h.split()[0] for k in _HEAD_LISTS for h in _lower(speakers.get(k, [])) if h.split()),
        link_words=frozenset(w for link in _lower(speakers.get("links", [])) for w in link.split()),
        inversion_after_any_word=bool(cues.get("inversion_after_any_word", False)),
    )


def _word_scan(cue: str, trigger: str | None) -> re.Pattern:
    """One pattern for the places where a reporting cue (``cue``) or an anonymous-sourcing trigger (``trigger``,
    when triggers start words) may start: see :func:`cues_and_triggers`.

    ``cue_low`` and ``trigger_low`` open with a look-behind (no word character before), which ``re`` tries at every
    position of the text, a few hundred machine instructions each. This pattern opens with the character before
    the word instead, from a set of plain ranges (all but ASCII letters, digits, ``_`` and ``-``) that ``re`` skips
    to without trying anything elsewhere; the look-behind then only runs where it can fail (after a non-ASCII
    letter such as "é"). It consumes that one character and looks ahead for the cue or the trigger, so every
    position where one of them starts is a hit.
    """
    cue_ahead = rf"(?<!')(?=(?P<cue>{cue}))"
    if trigger is None:
        return re.compile(rf"[^A-Za-z0-9_\-](?<![\w-]){cue_ahead}")
    return re.compile(rf"[^A-Za-z0-9_\-](?<![\w-])(?:{cue_ahead}|(?={trigger}))")


@lru_cache(maxsize=8)
def cues_and_triggers(lexicon: Lexicon, low: str) -> tuple[tuple[re.Match, ...], tuple[re.Match, ...]]:
    """The matches of ``cue_low.finditer(low)`` and of ``trigger_low.finditer(low)``, found in one pass over the
    lower-cased text and kept for the last few texts (the attribution and the anonymous-sourcing extractors both
    read them).

    The hits of ``word_scan`` are every position after the first where a cue or a trigger starts; each is matched
    there with ``cue_low`` or ``trigger_low`` itself, skipping those inside the previous match as ``finditer``
    does, so the matches are the same ones. The first position has no character before it and is tried directly.
    """
    cues: list[re.Match] = []
    triggers: list[re.Match] = []
    scan_triggers = lexicon.triggers_start_words  # else the scan cannot find them, and they get a pass of their own
    found = [(lexicon.cue_low, cues)] + ([(lexicon.trigger_low, triggers)] if scan_triggers else [])
    for pattern, matches in found:
        first = pattern.match(low, 0)
        if first is not None:
            matches.append(first)
    for hit in lexicon.word_scan.finditer(low):
        at = hit.end()
        if hit.start("cue") >= 0 and (not cues or cues[-1].end() <= at):
            cues.append(lexicon.cue_low.match(low, at))  # type: ignore[arg-type]
        if scan_triggers and (not triggers or triggers[-1].end() <= at):
            trigger = lexicon.trigger_low.match(low, at)
            if trigger is not None:
                triggers.append(trigger)
    if not scan_triggers:
        triggers = list(lexicon.trigger_low.finditer(low))
    return tuple(cues), tuple(triggers)


def _first_words(speakers: dict) -> frozenset[str]:
    """Lower-case words a speaker phrase can start with (besides a capitalised one), elided ones as "l'"."""
    keys = ("determiners", "titles", "org_heads", "anonymous_heads", "outlet_nouns", "document_heads")
    words = {entry.split()[0] for key in keys for entry in _lower(speakers.get(key, [])) if entry.split()}
    words.update(_lower(_words(speakers.get("adjectives", []))))
    return frozenset(w[: w.index("'") + 1] if "'" in w[:-1] else w for w in words)


def _phrase_words(speakers: dict) -> frozenset[str]:
    """Every lower-case word a speaker phrase can contain, for a quick look back before the full pattern."""
    keys = ("determiners", "titles", "org_heads", "anonymous_heads", "outlet_nouns", "document_heads", "links",
            "name_particles")
    words = {word for key in keys for entry in _lower(speakers.get(key, [])) for word in entry.split()}
    words.update(_lower(_words(speakers.get("adjectives", []))))
    words.update(("et", "and", "und"))
    return frozenset(words)


def _speaker_phrase(w: dict[str, str]) -> tuple[str, str]:
    """The speaker-phrase pattern (on folded, mixed-case text) and the bare name pattern it is built on.

    A phrase is an optional determiner, up to four titles or adjectives, then either a head noun (organisation,
    unnamed source, publication, title, document) with adjectives, up to three complements ("de la Défense", "des
    soldats en Allemagne") and an optional name, or a name: capitalised words joined by particles ("de", "von").
    """
    end = r"(?![\w-])"
    word = rf"(?:{UPPER}\.(?:{UPPER}\.)+|{UPPER}(?:{LETTER}|['-](?={LETTER}))*|{UPPER}\.)"
    joiner = rf"(?:(?:(?:{w['particles']}){S}){{1,2}}|(?:{w['particles']})['-]|(?:of|of{S}the|for){S})"
    name = rf"(?!(?:{w['not_speakers']})(?![\w'-])){word}(?:{S}{joiner}?{word})*"
    heads = w["heads"]
    # Any lower-case word right before a name is a role ("la syndicaliste Sophie Binet"), unless it is a link word
    # or a head noun, whose own reading comes first ("le groupe Renault", "ministre des Affaires étrangères").
    role = rf"(?!(?i:{w['links']}|{w['determiners']}|{heads}){end}){LOWER}[\w'-]*(?={S}{UPPER})"
    adj = rf"(?i:{w['adjectives']}){end}"
    det = rf"(?i:{w['determiners']})(?:(?<=')|{S})"
    # A capitalised word before a head noun qualifies it: "Hamas official", "Kremlin spokesman Dmitry Peskov".
    qualifier = rf"{word}(?={S}(?:{word}{S}){{0,2}}(?i:{heads}){end})"
    # and so does a lower-case noun right before one: "the weather agency", "an emergency official"
    noun_qualifier = rf"(?!(?i:{w['links']}|{w['determiners']}){end}){LOWER}[\w'-]*(?={S}(?i:{heads}){end})"
    mod = rf"(?:(?i:{w['titles']}){end}|{adj}|{role}|{qualifier}|{noun_qualifier})"
    noun = rf"(?i:{heads}){end}"
    article = r"(?i:le|la|les|l'|the|der|die|das|dem|den)"
    complement = rf"(?i:{w['links']})(?:(?<=')|{S})(?:{article}{S}?)?{LETTER}[\w'-]*(?:{S}{UPPER}[\w'-]*)?"
    # adjectives and complements after the head, coordinated or not: "russe de la Défense",
    # "des services de renseignement américains et sud-coréens"
    tail = rf"(?:{S}(?:(?i:et|and|und){S})?(?:{adj}|{complement})){{0,6}}"
    np = (
        rf"(?<![\w'-])(?P<s>)(?P<det>{det})?(?P<mods>(?:{mod}{S}){{0,4}})"
        rf"(?:(?P<noun>{noun})(?P<tail>{tail})(?:{S}(?P<name2>{name}))?"
        rf"|(?P<name>{name})(?:{S}(?P<orghead>(?i:{w['org_heads']})){end}|(?P<nadj>{S}{adj})"
        rf"|(?P<ntail>(?:{S}{complement}){{1,2}}))?)"
    )
    return np, name


def _squash(text: str) -> str:
    """A cue form with its internal spacing normalised, for look-ups."""
    return " ".join(text.split())


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _compile_anonymous(entries: list[dict], words: dict[str, str]):
    """Each anonymous cue as its own pattern (``{name}`` expands to a word list's trie), and which cues each trigger
    word calls for: a trigger found in the text means only its cues are tried there."""
    patterns = []
    triggers: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        pattern = _PLACEHOLDER.sub(lambda m: words.get(m.group(1), m.group(0)), entry["pattern"])
        pattern = pattern.replace(" ", S)
        patterns.append((entry["id"], re.compile(rf"(?<![\w'-])(?:{pattern})(?![\w-])")))
        for trigger in _lower(entry.get("triggers", [])):
            triggers.setdefault(_squash(trigger), []).append(index)
    return tuple(patterns), {trigger: tuple(indices) for trigger, indices in triggers.items()}
