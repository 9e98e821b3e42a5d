"""Outlets referred to without their full name: "le journal", "the paper", "die Zeitung" for the outlet named just
before (in a headline: the first one named after), and short forms of outlets already named ("the Times" after "The
New York Times", "die Süddeutsche" after "Süddeutsche Zeitung").

Only outlets the text has already named are candidates, so these rules never introduce an outlet by themselves.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

from provenance.corpus.text import fold
from provenance.extract.outlet_matcher import left_ok, occurrences, positions, right_ok, with_first_words
from provenance.extract.registry import Outlet, Registry
from provenance.extract.spans import Source

_ANAPHOR_NOUNS = (
    "journal", "quotidien", "hebdomadaire", "magazin", "nachrichtenmagazin", "paper", "newspaper", "daily",
    "tabloid", "outlet", "broadcaster", "chaîne", "chaine", "zeitung", "wochenzeitung", "tageszeitung", "blatt",
    "sender",
)
_DET_BEFORE = re.compile(r"(?:le|au|du|ce|the|die|der|das|dem|den|la|l')\s?\Z")
_ARTICLE = re.compile(r"^(?:the|le|la|les|l'|die|der|das|des|dem|den)\s*", re.IGNORECASE)
_GERMAN_DETERMINERS = ("die ", "der ", "des ", "dem ", "den ")
_GENERIC_LAST_WORDS = frozenset(
    "News Online Radio Network International Media Agency Press Service Info Nachrichten Today Group Daily Weekly"
    " Magazine Review Channel Television Report World Wire Welle".split()
)
_ANAPHOR = re.compile(
    r"(?P<det>le|au|du|ce|the|die|der|das|dem|den|la|l')\s?(?P<noun>journal|quotidien|hebdomadaire"
    r"|magazine|paper|newspaper|daily|tabloid|outlet|broadcaster|cha[iî]ne|zeitung|blatt|magazin"
    r"|nachrichtenmagazin|wochenzeitung|tageszeitung|sender)(?!\w)",
)
"""Anaphoric "the paper", matched in the lower-cased text; the word boundary before is checked in code."""
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


@functools.lru_cache(maxsize=4096)
def short_names(outlet: Outlet) -> frozenset[tuple[str, tuple[str, ...]]]:
    """How the press shortens a name once it is introduced, with the articles that must precede the short form:
    "the Times", "the Post", "the Journal"; "die Süddeutsche", "der Frankfurter Allgemeinen"."""
    forms: set[tuple[str, tuple[str, ...]]] = set()
    for name in outlet.names:
        words = fold(name).split()
        if words and words[0] in ("The", "Die", "Der", "Das"):
            words = words[1:]
        if len(words) < 2:
            continue
        last = words[-1]
        if last == "Zeitung":
            stem = " ".join(words[:-1])
            forms |= {(stem, _GERMAN_DETERMINERS), (stem + "n", _GERMAN_DETERMINERS)}
        elif last[:1].isupper() and len(last) > 3 and last.isalpha() and last not in _GENERIC_LAST_WORDS:
            forms.add((last, ("the ",)))
    return frozenset(forms)


def short_forms(text: str, flat: str, lowered: str, mentions: list[Source], registry: Registry) -> list[Source]:
    """Short forms of the outlets already named in the text ("the Times" after "The New York Times")."""
    firsts: dict[str, Source] = {}
    for mention in mentions:
        bare = _ARTICLE.sub("", fold(mention.text))
        if " " in bare or bare.isupper():  # introduced by a full name or an acronym, not by a short form itself
            firsts.setdefault(mention.outlet, mention)
    resolved: dict[tuple[int, int], tuple[int, Source]] = {}
    for name, first in firsts.items():
        outlet = registry.by_name.get(name.casefold())
        if outlet is None:
            continue
        for form, determiners in short_names(outlet):
            for at in occurrences(flat, form):
                end = at + len(form)
                det = next((d for d in determiners if lowered.startswith(d, at - len(d))), "")
                begin = at - len(det)
                if det and begin > first.start and left_ok(flat, begin) and right_ok(flat, end):
                    # two outlets with the same short form: the one introduced last before it
                    if resolved.get((begin, end), (-1, None))[0] < first.start:
                        source = Source("outlet", text[begin:end], begin, end, outlet=name, domain=first.domain)
                        resolved[(begin, end)] = (first.start, source)
    return [source for _, source in resolved.values()]


def _fits(outlet_type: str, noun: str) -> bool:
    wanted = _ANAPHOR_TYPES.get(noun.lower(), _PRINT_TYPES)
    return not wanted or not outlet_type or any(w in outlet_type for w in wanted)


def resolve_anaphora(
    text: str, folded: str, lowered: str, words: set[str], mentions: list[Source], registry: Registry
) -> list[Source]:
    if not mentions:
        return []
    headline_end = folded.find("\n\n", folded.find("\n") + 1 if folded.startswith("\n") else 0)
    resolved = []
    starts = [m.start for m in mentions]
    for at in positions(lowered, _ANAPHOR_NEEDLES, words):
        det = _DET_BEFORE.search(lowered, max(0, at - 5), at)
        match = _ANAPHOR.match(lowered, det.start()) if det else None
        if match is None or match.start("noun") != at:
            continue
        start, end = match.span()
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue
        if _ANAPHOR_NOT.match(folded, end):
            continue
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


_ANAPHOR_NEEDLES = with_first_words(_ANAPHOR_NOUNS)
