"""Outlet mentions: registry names in the text, credits such as ``(Reuters)`` or ``© AFP``, and "the paper".

All names and aliases are matched in one pass by a single regex compiled once per registry from a trie of the
spellings, so an article costs one scan whatever the size of the registry. Matching is case-sensitive on purpose:
``AP``, ``RT`` or ``Time`` written in lower case are ordinary words. Each spelling is accepted as written, in
capitals (``REUTERS``), and with a lower-case leading article (``le Monde``, ``the Guardian``).

Names that are also common words (``Bild``, ``Die Zeit``, ``Time``) are listed in ``data/ambiguous_outlets.txt``;
they count only inside a credit, in quotes, or next to a word that says a medium is being cited (``selon``, ``laut``,
``told``, ``newspaper``). Inside a credit, agency codes are accepted in any case: ``(ats/nxp)``, ``© afp``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from provenance.corpus.text import fold
from provenance.extract.registry import Outlet, Registry
from provenance.extract.spans import Source

AMBIGUOUS_FILE = Path(__file__).parent / "data" / "ambiguous_outlets.txt"
LEADING_ARTICLES = ("The ", "Le ", "La ", "Les ", "L'", "Die ", "Der ", "Das ", "De ", "El ", "Il ")

_WORD = r"[^\W_]"
_CONTEXT_BEFORE = re.compile(
    r"(?:selon|d'apr[eè]s|cit[ée]e?s? par|according to|told|quoted by|reported by|laut|zufolge|gegen[uü]ber|interview"
    r"|newspaper|magazine|journal|quotidien|hebdomadaire|site|daily|weekly|tabloid|broadcaster|agency|agence|cha[iî]ne"
    r"|zeitung|magazin|blatt|sender|agentur|reporter|journalist[ea]?|[eé]ditorial|column|chronique|kommentar)"
    r"[^.!?\n]{0,25}$",
    re.IGNORECASE,
)
_CONTEXT_AFTER = re.compile(
    r"^[^.!?\n]{0,30}?(?:report|rapport|berichte|schreib|schrieb|wrote|write|[eé]cri|r[eé]v[eè]l|reveal|zufolge"
    r"|said|says|a (?:dit|indiqu|affirm|annonc|publi)|publi|meldet|meldete|erfuhr|learned|appris|citant|quoting)",
    re.IGNORECASE,
)
_CREDIT_PREFIX = re.compile(
    r"(?:©|\(c\)|\bcopyright\b|\b(?:photos?|fotos?|bild|images?|cr[ée]dits?|sources?|quelle|grafik|video)\s*:"
    r"|\bmit material (?:von|der|des)\b|\b(?:with )?(?:additional )?reporting by\b|(?<![^\n])[ \t]*avec (?=[A-Z]{2,}|l'|agences)"
    r"|\b(?:originally|first) (?:appeared|published|ran)(?: (?:on|in|at|by))?|\bwas (?:originally |first )?published"
    r" (?:on|in|by|at)|\brepublished (?:from|with permission (?:from|of))|\b(?:paru|publi[ée]e?) (?:initialement|d'abord"
    r"|originellement|en premier) (?:dans|sur|par)|\b(?:erschien|erschienen) (?:zuerst|urspr[uü]nglich) (?:bei|in|im|auf)"
    r"|\bzuerst (?:bei|in|im|auf) )[ \t]*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_PAREN = re.compile(r"\(([^()\n]{2,60})\)")
_DASH_TAIL = re.compile(r"[ \t]-[ \t]*([^\n-]{2,40}?)[ \t]*$", re.MULTILINE)
_TOKEN_SPLIT = re.compile(r"\s*(?:[/,;&+]|\s(?:and|et|und)\s)\s*")
_INITIALS = re.compile(r"[A-Za-z]{1,4}\.?")
_ANAPHOR = re.compile(
    r"(?<!\w)(?P<det>le|au|du|ce|the|die|der|das|dem|den|la|l')\s?(?P<noun>journal|quotidien|hebdomadaire"
    r"|magazine|paper|newspaper|daily|tabloid|outlet|broadcaster|cha[iî]ne|zeitung|blatt|magazin"
    r"|nachrichtenmagazin|wochenzeitung|tageszeitung|sender)(?!\w)",
    re.IGNORECASE,
)
_ANAPHOR_NOT = re.compile(
    r"^(?:\s+(?:officiel|t[ée]l[ée]vis[ée]|intime|de bord|d[eu']|des|trail|mill|money|towel|cup|bag|work|clip|plane"
    r"|of|for|life|lives|basis|routine|grind|average|dose|show|mail)\b|\s+[A-Z0-9\"])",
)
_ANAPHOR_TYPES = {
    "broadcaster": ("broadcaster", "tv", "radio", "television"),
    "chaine": ("broadcaster", "tv", "television"),
    "chaîne": ("broadcaster", "tv", "television"),
    "sender": ("broadcaster", "tv", "radio", "television"),
    "outlet": (),
}
_PRINT_TYPES = ("newspaper", "magazine", "tabloid", "weekly", "daily", "online", "digital", "press")
ANAPHOR_WINDOW = 3000


@dataclass(frozen=True, slots=True)
class _Matcher:
    pattern: re.Pattern[str]
    spellings: dict[str, tuple[Outlet, bool]]
    codes: dict[str, Outlet]


def _trie_regex(words: list[str]) -> str:
    """One regex for many literal words, factored by common prefix so the engine never retries the same prefix."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        if ends:
            body = body + "?" if body.startswith("(?:") else "(?:" + body + ")?"
        return body

    return emit(trie)


def _load_ambiguous() -> frozenset[str]:
    if not AMBIGUOUS_FILE.exists():
        return frozenset()
    lines = (line.split("#", 1)[0].strip() for line in AMBIGUOUS_FILE.read_text(encoding="utf-8").splitlines())
    return frozenset(fold(line) for line in lines if line)


def _spellings(name: str) -> set[str]:
    name = fold(name).strip()
    forms = {name}
    if any(c.islower() for c in name):
        forms.add(name.upper())
    for article in LEADING_ARTICLES:
        if name.startswith(article) and len(name) > len(article) + 1:
            forms.add(article[0].lower() + name[1:])
    return {f for f in forms if len(f) >= 2}


def _is_code(name: str) -> bool:
    """Agency codes (``AFP``, ``dpa``, ``ats``): accepted in any case inside a credit."""
    return 2 <= len(name) <= 6 and name.isalpha() and (name.isupper() or name.islower())


def matcher_for(registry: Registry) -> _Matcher:
    """The compiled matcher of a registry, built on first use and kept on the registry."""
    if registry._matcher is None:
        ambiguous = _load_ambiguous()
        spellings: dict[str, tuple[Outlet, bool]] = {}
        codes: dict[str, Outlet] = {}
        typed = any(outlet.type for outlet in registry.outlets)
        for outlet in registry.outlets:
            if not outlet.is_media:
                continue
            for name in outlet.names:
                for form in _spellings(name):
                    spellings.setdefault(form, (outlet, fold(name) in ambiguous or form in ambiguous))
                if _is_code(name) and (not typed or "agency" in outlet.type):
                    codes.setdefault(name.lower(), outlet)
        words = sorted(spellings, key=len, reverse=True)
        body = _trie_regex(words) if words else r"(?!x)x"
        body = body.replace("\\ ", r"\s")
        pattern = re.compile(rf"(?<![\w@/.-])(?:{body})(?!{_WORD}|-[A-Z0-9](?![a-zà-ÿ])|\.{_WORD}|@)")
        registry._matcher = _Matcher(pattern, spellings, codes)
    return registry._matcher  # type: ignore[return-value]


def _credit_ranges(folded: str, matcher: _Matcher) -> list[tuple[int, int]]:
    """Spans of the text that are credits: bracketed agency lists, ``©``/``Photo:``/``Quelle:`` lines, trailing
    ``– NYT``, and "originally appeared on ..." sentences."""
    ranges = []
    for match in _PAREN.finditer(folded):
        if _all_outlet_tokens(match.group(1), matcher):
            ranges.append(match.span(1))
    for match in _DASH_TAIL.finditer(folded):
        if _all_outlet_tokens(match.group(1), matcher):
            ranges.append(match.span(1))
    for match in _CREDIT_PREFIX.finditer(folded):
        stop = _SENTENCE_END.search(folded, match.end(), match.end() + 80)
        ranges.append((match.end(), stop.start() if stop else min(len(folded), match.end() + 80)))
    return sorted(ranges)


def _all_outlet_tokens(segment: str, matcher: _Matcher) -> bool:
    """A credit-shaped list: every part an outlet or a reporter's initials, at least one an outlet."""
    tokens = [t for t in _TOKEN_SPLIT.split(segment.strip()) if t]
    if not tokens or len(tokens) > 6:
        return False
    outlets = 0
    for token in tokens:
        if token in matcher.spellings or token.lower() in matcher.codes:
            outlets += 1
        elif not _INITIALS.fullmatch(token):
            return False
    return outlets > 0


def _in_ranges(ranges: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect_right(starts, start) - 1
    return i >= 0 and ranges[i][0] <= start and end <= ranges[i][1]


def _has_context(folded: str, start: int, end: int) -> bool:
    if start > 0 and folded[start - 1] in "\"'*_" and end < len(folded) and folded[end] in "\"'*_":
        return True
    if _CONTEXT_BEFORE.search(folded[max(0, start - 60) : start]):
        return True
    return bool(_CONTEXT_AFTER.match(folded[end : end + 50]))


def find_outlets(text: str, registry: Registry, *, language: str = "") -> list[Source]:
    """Every outlet mention in ``text`` as ``kind="outlet"`` sources in text order (``role`` ``body`` or ``credit``).

    ``outlet`` is the registry's canonical name and ``domain`` its primary domain. "Le journal", "the paper" and the
    like count as a mention of the outlet named just before (or, in a headline, of the first one named after).
    """
    folded = fold(text)
    matcher = matcher_for(registry)
    credits = _credit_ranges(folded, matcher)
    credit_starts = [r[0] for r in credits]
    found: dict[tuple[int, int], Source] = {}
    for match in matcher.pattern.finditer(folded):
        start, end = match.span()
        outlet, ambiguous = matcher.spellings.get(match.group(), (None, False))
        if outlet is None:
            outlet, ambiguous = _lookup_spaced(match.group(), matcher)
            if outlet is None:
                continue
        credit = _in_ranges(credits, credit_starts, start, end)
        if ambiguous and not credit and not _has_context(folded, start, end):
            continue
        found[(start, end)] = _source(text, start, end, outlet, "credit" if credit else "body")
    for start, end in credits:
        for token in re.finditer(r"(?<!\w)[^\W\d_]{2,6}(?!\w)", folded[start:end]):
            outlet = matcher.codes.get(token.group().lower())
            span = (start + token.start(), start + token.end())
            if outlet is not None and not any(s.start <= span[0] < s.end for s in found.values()):
                found[span] = _source(text, *span, outlet, "credit")
    mentions = sorted(found.values(), key=lambda s: s.start)
    for source in _resolve_anaphora(text, folded, mentions, registry):
        found.setdefault((source.start, source.end), source)
    return sorted(found.values(), key=lambda s: (s.start, s.end))


def _lookup_spaced(matched: str, matcher: _Matcher) -> tuple[Outlet | None, bool]:
    """A name matched across a line break or a run of spaces."""
    return matcher.spellings.get(re.sub(r"\s+", " ", matched), (None, False))


def _source(text: str, start: int, end: int, outlet: Outlet, role: str) -> Source:
    return Source("outlet", text[start:end], start, end, outlet=outlet.name, domain=outlet.domain, role=role)


def _fits(outlet_type: str, noun: str) -> bool:
    wanted = _ANAPHOR_TYPES.get(noun.lower(), _PRINT_TYPES)
    return not wanted or not outlet_type or any(w in outlet_type for w in wanted)


def _resolve_anaphora(text: str, folded: str, mentions: list[Source], registry: Registry) -> list[Source]:
    if not mentions:
        return []
    headline_end = folded.find("\n\n", folded.find("\n") + 1 if folded.startswith("\n") else 0)
    resolved = []
    starts = [m.start for m in mentions]
    for match in _ANAPHOR.finditer(folded):
        if _ANAPHOR_NOT.match(folded, match.end()):
            continue
        start, end = match.span()
        noun = match.group("noun")
        i = bisect_right(starts, start) - 1
        antecedent = None
        while i >= 0 and mentions[i].start >= start - ANAPHOR_WINDOW:
            candidate = mentions[i]
            if candidate.end <= start and _fits(_type_of(registry, candidate.outlet), noun):
                antecedent = candidate
                break
            i -= 1
        if antecedent is None and 0 <= start < headline_end:
            antecedent = next(
                (m for m in mentions if m.start >= end and _fits(_type_of(registry, m.outlet), noun)), None
            )
        if antecedent is not None:
            resolved.append(
                Source("outlet", text[start:end], start, end, outlet=antecedent.outlet, domain=antecedent.domain)
            )
    return resolved


def _type_of(registry: Registry, name: str) -> str:
    outlet = registry.by_name.get(name.casefold())
    return outlet.type if outlet else ""
