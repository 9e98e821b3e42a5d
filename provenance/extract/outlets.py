"""Outlet mentions: registry names in the text, credits such as ``(Reuters)`` or ``© AFP``, and "the paper".

The spellings are found by :mod:`provenance.extract.outlet_matcher`, credits by :mod:`provenance.extract.credits`,
"le journal" and "the Times" by :mod:`provenance.extract.outlet_references`. This module decides what counts:
names that are also ordinary words (``Bild``, ``Die Zeit``, ``Time``) count only inside a credit, in quotes, in a
list with another outlet, or next to a word that says a medium is cited (``selon``, ``laut``, ``told``,
``newspaper``, ``", erläuterte der``).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from provenance.extract import forms
from provenance.extract.credits import credit_codes, credit_ranges, in_ranges
from provenance.extract.outlet_matcher import AMBIGUOUS_FILE, matcher_for, scan, words_of
from provenance.extract.outlet_references import resolve_anaphora, short_forms
from provenance.extract.registry import Outlet, Registry
from provenance.extract.spans import Source

__all__ = ["AMBIGUOUS_FILE", "find_outlets", "matcher_for"]

_CONTEXT_BEFORE = re.compile(
    r"(?:(?:selon|d'apr[eè]s|cit[ée]e?s? par|according to|told|quoted by|reported by|laut|gegen[uü]ber|interview"
    r"|nach (?:informationen|recherchen|angaben)|informations? (?:du|de|obtenues? par)"
    r"|reporter|journalist[ea]?)[^.!?\n]{0,25}"
    r"|(?:newspaper|magazine|journal|quotidien|hebdomadaire|daily|weekly|tabloid|broadcaster|agency|agence|cha[iî]ne"
    r"|zeitung|magazin|blatt|sender|agentur|m[ée]dia|site)\s+(?:(?:the|le|la|l'|die|der|das|des)\s*)?[\"']?"
    r"|[\"'][ \t]*,[ \t]*(?:[\w-]+[ \t]+){1,3}"
    r"|(?:said|says|told|wrote|writes|reported|reports|sagte|sagt|schrieb|schreibt|berichtete|berichtet|meldete"
    r"|erkl[äa]rte|erl[äa]uterte|a (?:d[ée]clar[ée]|affirm[ée]|[ée]crit|rapport[ée]|r[ée]v[ée]l[ée])"
    r"|[ée]crit|rapporte"
    r"|affirme|indique|souligne)\s+(?:(?:the|le|la|l'|die|der|das)\s*)?"
    r"|(?:column|op-ed|interview|article|piece|editorial|essay|chronique|tribune|entretien|enqu[êe]te|beitrag"
    r"|artikel|kommentar|gastbeitrag)\s+(?:for|in|with|to|on|dans|pour|à|au|accord[ée] à|im|in|für|mit|gegenüber)"
    r"\s+(?:(?:the|le|la|l'|die|der|dem|den)\s*)?)$",
    re.IGNORECASE,
)
"""Before an ambiguous name: an attribution word a few words back, a noun for a medium or a reporting verb right
before it, or the verb after a closing quote ("…", erläuterte der Spiegel)."""
_CONTEXT_AFTER = re.compile(
    r"^[\"']?(?:'s|-\w+)?[ ,]+(?:\w+ ){0,1}(?:reporte|rapport|berichte|schreib|schrieb|wrote|writes|[eé]crit"
    r"|r[eé]v[eè]l|reveal|zufolge|said|says|a (?:dit|indiqu|affirm|annonc|publi|recueilli|interrog|consult|obtenu"
    r"|enqu[eê]t)|published|publie|meldet|meldete|erfuhr|learned|a appris|citant|quoting|obtained|confirmed"
    r"|pr[eé]cise|indique|affirme|souligne|titre|consacre|zitiert|enth[uü]llt|ver[oö]ffentlicht|titelt"
    r"|magazine|newspaper|journal|zeitung|magazin)",
    re.IGNORECASE,
)
"""After an ambiguous name: a reporting verb (one word may come between) or a noun saying what it is."""
_GIVEN_NAME = re.compile(r"(?<![\w'-])([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?) \Z")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"]\s*|\n\s*)\Z")
_MEDIA_NOUNS = frozenset(
    "Agence Agency Agentur Radio TV Télé Sender Magazin Magazine Journal Zeitung Selon Laut Via Per Sources Source"
    " Quelle Photo Foto Bild Image Credit Crédit Copyright Avec With Mit Dpa Nachrichtenagentur Newspaper".split()
)
_COORDINATION = re.compile(r"\s*(?:,|&|et|and|und|ou|or|oder|sowie)\s+(?:(?:de|du|des|the|der|die|das|le|la)\s+|l')?")
"""Between two names of a list ("du Figaro et de Libération"): the second is an outlet if the first one is."""


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
    Matching does not depend on ``language``: names are names in every language, and the context words of French,
    English and German are all tried, so an article in another language still gets its outlets.
    """
    folded = forms.folded(text)
    matcher = matcher_for(registry)
    lowered = forms.lowered(text)
    flat = folded.replace("\n", " ").replace("\t", " ")
    words = words_of(flat)
    lowered_words = set(map(str.lower, words))
    credits = credit_ranges(folded, lowered, lowered_words, matcher)
    credit_starts = [r[0] for r in credits]
    found: dict[tuple[int, int], Source] = {}
    previous_end = -1
    pending: list[tuple[int, int, Outlet]] = []
    for start, end, form in scan(flat, lowered, words, matcher):
        outlet, ambiguous = matcher.spellings[form]
        credit = in_ranges(credits, credit_starts, start, end)
        listed = previous_end >= 0 and _COORDINATION.fullmatch(lowered, previous_end, start) is not None
        if ambiguous and not credit and not listed and not _has_context(folded, start, end):
            pending.append((start, end, outlet))
            continue
        if not credit and (flat.startswith(" @", end) or _surname(flat, start, form)):
            continue  # "RT @user" is a retweet; "said Michael Bloomberg" is a person
        found[(start, end)] = _source(text, start, end, outlet, "credit" if credit else "body")
        previous_end = end
    spans = sorted(found)  # the accepted names do not overlap, so their starts and ends are both in order
    for start, end, outlet in pending:  # "Libération et Le Figaro": listed before an outlet that counts
        i = bisect_left(spans, (end, -1))
        if i < len(spans) and _COORDINATION.fullmatch(lowered, end, spans[i][0]) is not None:
            found[(start, end)] = _source(text, start, end, outlet, "body")
    spans = sorted(found)
    for start, end, outlet in credit_codes(folded, credits, matcher):
        if not _overlapping(spans, start, end):
            found[(start, end)] = _source(text, start, end, outlet, "credit")
    mentions = sorted(found.values(), key=lambda s: s.start)
    spans = sorted(found)
    for source in short_forms(text, flat, lowered, mentions, registry):
        clashing = [found[span] for span in _overlapping(spans, source.start, source.end) if span in found]
        # "the Times" after "The New York Times" is the New York Times, not the London Times
        if all(s.outlet != source.outlet and s.end == source.end for s in clashing):
            for s in clashing:
                del found[(s.start, s.end)]
            found[(source.start, source.end)] = source
    mentions = sorted(found.values(), key=lambda s: s.start)
    for source in resolve_anaphora(text, folded, lowered, lowered_words, mentions, registry):
        found.setdefault((source.start, source.end), source)
    return sorted(found.values(), key=lambda s: (s.start, s.end))


def _overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans of a sorted, non-overlapping list that overlap ``[start, end)``."""
    i = max(bisect_left(spans, (start, -1)) - 1, 0)
    found = []
    while i < len(spans) and spans[i][0] < end:
        if start < spans[i][1]:
            found.append(spans[i])
        i += 1
    return found


def _surname(flat: str, start: int, form: str) -> bool:
    """Whether a one-word name follows a given name in mid-sentence ("Michael Bloomberg", "Steve Forbes")."""
    if " " in form or form.isupper():
        return False
    before = _GIVEN_NAME.search(flat, max(0, start - 40), start)
    if before is None or before.group(1) in _MEDIA_NOUNS:
        return False
    return not _SENTENCE_START.search(flat, max(0, before.start(1) - 3), before.start(1))


def _source(text: str, start: int, end: int, outlet: Outlet, role: str) -> Source:
    return Source("outlet", text[start:end], start, end, outlet=outlet.name, domain=outlet.domain, role=role)
