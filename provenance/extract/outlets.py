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

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from provenance.corpus.text import casefold_same_length, fold
from provenance.extract.registry import Outlet, Registry
from provenance.extract.spans import Source

AMBIGUOUS_FILE = Path(__file__).parent / "data" / "ambiguous_outlets.txt"
LEADING_ARTICLES = ("The ", "Le ", "La ", "Les ", "L'", "Die ", "Der ", "Das ", "De ", "El ", "Il ")

_CONTEXT_BEFORE = re.compile(
    r"(?:(?:selon|d'apr[eè]s|cit[ée]e?s? par|according to|told|quoted by|reported by|laut|gegen[uü]ber|interview"
    r"|reporter|journalist[ea]?)[^.!?\n]{0,25}"
    r"|(?:newspaper|magazine|journal|quotidien|hebdomadaire|daily|weekly|tabloid|broadcaster|agency|agence|cha[iî]ne"
    r"|zeitung|magazin|blatt|sender|agentur|m[ée]dia|site)\s+(?:(?:the|le|la|l'|die|der|das|des)\s*)?[\"']?"
    r"|[\"'][ \t]*,[ \t]*(?:[\w-]+[ \t]+){1,3}"
    r"|(?:said|says|told|wrote|writes|reported|reports|sagte|sagt|schrieb|schreibt|berichtete|berichtet|meldete"
    r"|erkl[äa]rte|erl[äa]uterte|a (?:d[ée]clar[ée]|affirm[ée]|[ée]crit|rapport[ée]|r[ée]v[ée]l[ée])|[ée]crit|rapporte"
    r"|affirme|indique|souligne)\s+(?:(?:the|le|la|l'|die|der|das)\s*)?)$",
    re.IGNORECASE,
)
"""Before an ambiguous name: an attribution word a few words back, a noun for a medium or a reporting verb right
before it, or the verb after a closing quote ("…", erläuterte der Spiegel)."""
_CONTEXT_AFTER = re.compile(
    r"^[\"']?(?:'s|-\w+)?[ ,]+(?:\w+ ){0,1}(?:reporte|rapport|berichte|schreib|schrieb|wrote|writes|[eé]crit"
    r"|r[eé]v[eè]l|reveal|zufolge|said|says|a (?:dit|indiqu|affirm|annonc|publi)|published|publie|meldet|meldete"
    r"|erfuhr|learned|a appris|citant|quoting|magazine|newspaper|journal|zeitung|magazin)",
    re.IGNORECASE,
)
"""After an ambiguous name: a reporting verb (one word may come between) or a noun saying what it is."""
_COORDINATION = re.compile(r"\s*(?:,|&|et|and|und|ou|or|oder|sowie)\s+(?:(?:de|du|des|the|der|die|das|le|la)\s+|l')?")
"""Between two names of a list ("du Figaro et de Libération"): the second is an outlet if the first one is."""
_CREDIT_PREFIX = re.compile(
    r"(?:©|\(c\)|copyright|(?:photos?|fotos?|bild|images?|cr[ée]dits?|sources?|quelle|grafik|video)[ \t]*:"
    r"|mit material (?:von|der|des)|(?:additional )?reporting by|(?P<avec>avec )"
    r"|(?:originally|first) (?:appeared|published|ran)(?: (?:on|in|at|by))?|was (?:originally |first )?published"
    r" (?:on|in|by|at)|republished (?:from|with permission (?:from|of))|(?:paru|publi[ée]e?) (?:initialement|d'abord"
    r"|originellement|en premier) (?:dans|sur|par)|(?:erschien|erschienen) (?:zuerst|urspr[uü]nglich) (?:bei|in|im|auf)"
    r"|zuerst (?:bei|in|im|auf) )[ \t]*"
)
"""Words that open a credit, matched in the lower-cased text; the word boundary before is checked in code."""
_CREDIT_WORDS = (
    "©", "(c)", "copyright", "photo", "foto", "bild", "image", "crédit", "credit", "source", "quelle", "grafik",
    "video", "mit material", "reporting by", "additional", "avec ", "originally", "first ", "was ", "republished",
    "paru ", "publié", "publie", "erschien", "zuerst",
)
"""The first words of the credit openers above: searched for literally, then the regex is tried where they are."""
_ANAPHOR_NOUNS = (
    "journal", "quotidien", "hebdomadaire", "magazin", "nachrichtenmagazin", "paper", "newspaper", "daily",
    "tabloid", "outlet", "broadcaster", "chaîne", "chaine", "zeitung", "wochenzeitung", "tageszeitung", "blatt",
    "sender",
)
_DET_BEFORE = re.compile(r"(?:le|au|du|ce|the|die|der|das|dem|den|la|l')\s?\Z")
_AVEC_CREDIT = re.compile(r"[A-Z]{2,}|l'|[Aa]gences")
_FIRST_WORD = re.compile(r"\w+")
_NEXT_WORD = re.compile(r"[^\w\n]{1,3}(\w+)")
_SEPARATORS = "'-/().,;:!?\"*_"
_ARTICLE = re.compile(r"^(?:the|le|la|les|l'|die|der|das|des|dem|den)\s*", re.IGNORECASE)
_GERMAN_DETERMINERS = ("die ", "der ", "des ", "dem ", "den ")
_GENERIC_LAST_WORDS = frozenset(
    "News Online Radio Network International Media Agency Press Service Info Nachrichten Today Group Daily Weekly"
    " Magazine Review Channel Television Report World Wire Welle".split()
)
_CODE = re.compile(r"(?<!\w)[^\W\d_]{2,6}(?!\w)")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_PAREN = re.compile(r"\(([^()\n]{2,60})\)")
_DASH_TAIL = re.compile(r"[ \t]-[ \t]*([^\n-]{2,40}?)[ \t]*$", re.MULTILINE)
_TOKEN_SPLIT = re.compile(r"\s*(?:[/,;&+]|\s(?:and|et|und)\s)\s*")
_INITIALS = re.compile(r"[A-Za-z]{1,4}\.?")
_PERSON = re.compile(r"(?:[A-Z][\w'.-]+ ){1,2}[A-Z][\w'-]+")
_MEDIA_WORD = re.compile(r"\s+(?:Photos?|Fotos?|Images?|Video|Grafik|TV)$")
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


@dataclass(frozen=True, slots=True)
class _Matcher:
    """The registry's spellings indexed by their first word.

    An article is cut into its set of words once; intersecting that set with ``index`` (a C-level set operation)
    says which spellings can occur at all, and only those first words are then located with substring search. So
    an article costs about the same whether the registry holds 50 outlets or 5,000, and no big regex is compiled.
    ``after_article`` holds "Le Monde"-style names under their second word, so "le Monde" is found as well.
    """

    spellings: dict[str, tuple[Outlet, bool]]
    codes: dict[str, Outlet]
    index: dict[str, dict[str, tuple[str, ...]]]
    after_article: dict[str, tuple[tuple[str, str], ...]]


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
    return {f for f in forms if len(f) >= 2}


def _german_forms(name: str) -> set[str]:
    """Declined forms of German names: "laut Süddeutscher Zeitung", "der Frankfurter Allgemeinen", "des Spiegels"."""
    words = fold(name).strip().split(" ")
    forms = set()
    if len(words) == 1 and len(name) > 3 and not name.isupper() and name[-1] not in "sxzß":
        forms.add(name + "s")
    adjectives = [
        i for i, w in enumerate(words[:-1]) if w.endswith("e") and w[:1].isupper() and words[i + 1][:1].isupper()
    ]
    if adjectives and words[0] not in ("Die", "Der", "Das"):
        for ending in ("n", "r"):
            forms.add(" ".join(w + ending if i in adjectives else w for i, w in enumerate(words)))
    return forms


def _is_code(name: str) -> bool:
    """Agency codes (``AFP``, ``dpa``, ``ats``): accepted in any case inside a credit."""
    return 2 <= len(name) <= 6 and name.isalpha() and (name.isupper() or name.islower())


def _two_words(text: str, start: int) -> tuple[str, str]:
    """The first two words of a spelling ("L'Express" → "L", "Express"; "Reuters" → "Reuters", "")."""
    first = _FIRST_WORD.match(text, start)
    if first is None:
        return text[start : start + 1], ""
    second = _NEXT_WORD.match(text, first.end())
    return first.group(), second.group(1) if second else ""


def _first_word(text: str) -> str:
    match = _FIRST_WORD.match(text)
    return match.group() if match else text[:1]


def matcher_for(registry: Registry) -> _Matcher:
    """The matcher of a registry, built on first use and kept on the registry."""
    if registry._matcher is None:
        ambiguous = _load_ambiguous()
        spellings: dict[str, tuple[Outlet, bool]] = {}
        codes: dict[str, Outlet] = {}
        typed = any(outlet.type for outlet in registry.outlets)
        for outlet in registry.outlets:
            if not outlet.is_media:
                continue
            german = "de" in outlet.languages
            for name in outlet.names:
                for form in _spellings(name) | (_german_forms(name) if german else set()):
                    spellings.setdefault(form, (outlet, fold(name) in ambiguous or form in ambiguous))
                if _is_code(name) and (not typed or "agency" in outlet.type):
                    codes.setdefault(name.lower(), outlet)
        index: dict[str, dict[str, list[str]]] = {}
        after_article: dict[str, list[tuple[str, str]]] = {}
        for form in sorted(spellings, key=len, reverse=True):
            first, second = _two_words(form, 0)
            index.setdefault(first, {}).setdefault(second, []).append(form)
            article = next((a for a in LEADING_ARTICLES if form.startswith(a) and len(form) > len(a) + 1), "")
            if article:
                rest = form[len(article) :]
                after_article.setdefault(_first_word(rest), []).append((article, rest))
        registry._matcher = _Matcher(
            spellings,
            codes,
            {k: {w: tuple(forms) for w, forms in v.items()} for k, v in index.items()},
            {k: tuple(v) for k, v in after_article.items()},
        )
    return registry._matcher  # type: ignore[return-value]


def _left_ok(flat: str, start: int) -> bool:
    """No letter, digit, ``@``, ``/``, ``.`` or ``-`` right before a name (so no match inside a word or a URL)."""
    if start == 0:
        return True
    before = flat[start - 1]
    return not (before.isalnum() or before in "_@/.-")


def _right_ok(flat: str, end: int) -> bool:
    """A name ends at a word boundary; ``NYT-Bericht`` is fine, ``AP-HP``, ``CNNs`` and ``cnn.com`` are not."""
    if end >= len(flat):
        return True
    after = flat[end]
    if after.isalnum() or after in "_@":
        return False
    nxt = flat[end + 1] if end + 1 < len(flat) else ""
    if after == "." and nxt.isalnum():
        return False
    if after == "-" and (nxt.isupper() or nxt.isdigit()):
        third = flat[end + 2] if end + 2 < len(flat) else ""
        return third.islower()
    return True


def _words(text: str) -> set[str]:
    """The words of a (folded) text, cut at spaces, apostrophes, hyphens and slashes, punctuation stripped.

    Plain ``str`` methods run in C over the whole text; a regex or ``str.translate`` costs several times more.
    """
    for separator in _SEPARATORS:
        if separator in text:
            text = text.replace(separator, " ")
    return set(text.split())


def _occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` occurs as a whole word (its first and last characters not glued to other letters)."""
    found = []
    at = text.find(word)
    size = len(word)
    while at >= 0:
        end = at + size
        if (at == 0 or not text[at - 1].isalnum()) and (end >= len(text) or not text[end].isalnum()):
            found.append(at)
        at = text.find(word, at + 1)
    return found


def _scan(flat: str, lowered: str, words: set[str], matcher: _Matcher) -> list[tuple[int, int, str]]:
    """Every (start, end, spelling) of registry names in the text, leftmost-longest, not overlapping."""
    candidates: list[tuple[int, int, str]] = []
    for key in words & matcher.index.keys():
        by_second = matcher.index[key]
        # a frequent first word with few names ("n" of "n-tv", "de" of "de Volkskrant"): find the names themselves
        if (len(key) <= 2 or key.islower()) and sum(map(len, by_second.values())) <= 6:
            for forms in by_second.values():
                for form in forms:
                    candidates.extend(
                        (start, start + len(form), form)
                        for start in _occurrences(flat, form)
                        if _left_ok(flat, start) and _right_ok(flat, start + len(form))
                    )
            continue
        singles = by_second.get("", ())
        for start in _occurrences(flat, key):
            if not _left_ok(flat, start):
                continue
            second = _NEXT_WORD.match(flat, start + len(key))
            forms = by_second.get(second.group(1), ()) if second and second.group(1) else ()
            for form in (*forms, *singles):
                if flat.startswith(form, start) and _right_ok(flat, start + len(form)):
                    candidates.append((start, start + len(form), form))
                    break
    for key in words & matcher.after_article.keys():
        for start in _occurrences(flat, key):
            for article, rest in matcher.after_article[key]:
                begin = start - len(article)
                if (
                    begin >= 0
                    and lowered.startswith(article.lower(), begin)
                    and _left_ok(flat, begin)
                    and flat.startswith(rest, start)
                    and _right_ok(flat, start + len(rest))
                ):
                    candidates.append((begin, start + len(rest), article + rest))
                    break
    candidates.sort(key=lambda c: (c[0], -c[1]))
    found: list[tuple[int, int, str]] = []
    covered = -1
    for candidate in candidates:
        if candidate[0] >= covered:
            found.append(candidate)
            covered = candidate[1]
    return found


def _credit_ranges(folded: str, lowered: str, words: set[str], matcher: _Matcher) -> list[tuple[int, int]]:
    """Spans of the text that are credits: bracketed agency lists, ``©``/``Photo:``/``Quelle:`` lines, trailing
    ``– NYT``, and "originally appeared on ..." sentences."""
    ranges = []
    for match in _PAREN.finditer(folded):
        if _all_outlet_tokens(match.group(1), matcher):
            ranges.append(match.span(1))
    for at in _positions(folded, (("-", ""),), words):
        match = _DASH_TAIL.match(folded, at - 1) if at else None
        if match and _all_outlet_tokens(match.group(1), matcher):
            ranges.append(match.span(1))
    for at in _positions(lowered, _CREDIT_NEEDLES, words):
        match = _CREDIT_PREFIX.match(lowered, at)
        if match is None:
            continue
        start = match.start()
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue
        if match.group("avec") and (
            start and folded[start - 1] != "\n" or not _AVEC_CREDIT.match(folded, match.end())
        ):
            continue
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
        bare = _MEDIA_WORD.sub("", token)
        if bare in matcher.spellings or bare.lower() in matcher.codes:
            outlets += 1
        elif not (_INITIALS.fullmatch(token) or _PERSON.fullmatch(token)):
            return False
    return outlets > 0


def _positions(text: str, needles: tuple[tuple[str, str], ...], words: set[str]) -> list[int]:
    """Where any of ``needles`` occurs, in order: a substring search per needle instead of a regex step per
    character. Each needle comes with its first word; a needle whose first word is not among ``words`` (the text's
    words) is not searched for."""
    found = set()
    for needle, first in needles:
        if first and first not in words:
            continue
        at = text.find(needle)
        while at >= 0:
            found.add(at)
            at = text.find(needle, at + 1)
    return sorted(found)


def _with_first_words(needles: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((n, m.group() if (m := re.search(r"\w+", n)) else "") for n in needles)


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
    lowered = casefold_same_length(folded)
    flat = folded.replace("\n", " ").replace("\t", " ")
    words = _words(flat)
    lowered_words = set(map(str.lower, words))
    credits = _credit_ranges(folded, lowered, lowered_words, matcher)
    credit_starts = [r[0] for r in credits]
    found: dict[tuple[int, int], Source] = {}
    previous_end = -1
    for start, end, form in _scan(flat, lowered, words, matcher):
        outlet, ambiguous = matcher.spellings[form]
        credit = _in_ranges(credits, credit_starts, start, end)
        listed = previous_end >= 0 and _COORDINATION.fullmatch(lowered, previous_end, start) is not None
        if ambiguous and not credit and not listed and not _has_context(folded, start, end):
            continue
        found[(start, end)] = _source(text, start, end, outlet, "credit" if credit else "body")
        previous_end = end
    for start, end in credits:
        for token in _CODE.finditer(folded[start:end]):
            outlet = matcher.codes.get(token.group().lower())
            span = (start + token.start(), start + token.end())
            if outlet is not None and not any(s.start <= span[0] < s.end for s in found.values()):
                found[span] = _source(text, *span, outlet, "credit")
    mentions = sorted(found.values(), key=lambda s: s.start)
    for source in _short_forms(text, flat, lowered, mentions, registry):
        clashing = [s for s in found.values() if s.start < source.end and source.start < s.end]
        # "the Times" after "The New York Times" is the New York Times, not the London Times
        if all(s.outlet != source.outlet and s.end == source.end for s in clashing):
            for s in clashing:
                del found[(s.start, s.end)]
            found[(source.start, source.end)] = source
    mentions = sorted(found.values(), key=lambda s: s.start)
    for source in _resolve_anaphora(text, folded, lowered, lowered_words, mentions, registry):
        found.setdefault((source.start, source.end), source)
    return sorted(found.values(), key=lambda s: (s.start, s.end))


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


def _short_forms(text: str, flat: str, lowered: str, mentions: list[Source], registry: Registry) -> list[Source]:
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
            for at in _occurrences(flat, form):
                end = at + len(form)
                det = next((d for d in determiners if lowered.startswith(d, at - len(d))), "")
                begin = at - len(det)
                if det and begin > first.start and _left_ok(flat, begin) and _right_ok(flat, end):
                    # two outlets with the same short form: the one introduced last before it
                    if resolved.get((begin, end), (-1, None))[0] < first.start:
                        source = Source("outlet", text[begin:end], begin, end, outlet=name, domain=first.domain)
                        resolved[(begin, end)] = (first.start, source)
    return [source for _, source in resolved.values()]


def _source(text: str, start: int, end: int, outlet: Outlet, role: str) -> Source:
    return Source("outlet", text[start:end], start, end, outlet=outlet.name, domain=outlet.domain, role=role)


def _fits(outlet_type: str, noun: str) -> bool:
    wanted = _ANAPHOR_TYPES.get(noun.lower(), _PRINT_TYPES)
    return not wanted or not outlet_type or any(w in outlet_type for w in wanted)


def _resolve_anaphora(
    text: str, folded: str, lowered: str, words: set[str], mentions: list[Source], registry: Registry
) -> list[Source]:
    if not mentions:
        return []
    headline_end = folded.find("\n\n", folded.find("\n") + 1 if folded.startswith("\n") else 0)
    resolved = []
    starts = [m.start for m in mentions]
    for at in _positions(lowered, _ANAPHOR_NEEDLES, words):
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


_CREDIT_NEEDLES = _with_first_words(_CREDIT_WORDS)
_ANAPHOR_NEEDLES = _with_first_words(_ANAPHOR_NOUNS)
