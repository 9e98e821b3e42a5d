"""The outlet registry's spellings, indexed for finding them in a text in one cheap pass.

Matching is case-sensitive on purpose: ``AP``, ``RT`` or ``Time`` written in lower case are ordinary words. Each
spelling is accepted as written and in capitals (``REUTERS``); "Le Monde"-style names also with a lower-case
article (``le Monde``); names of German outlets also declined (``laut Süddeutscher Zeitung``, ``des Spiegels``).
Names that are also ordinary words are listed in ``data/ambiguous_outlets.txt`` and flagged, so that the caller
can ask for context before counting them.

Nothing here compiles a regex per registry: an article is cut into its set of words with ``str`` methods, the set is
intersected with the index, and only the first words that occur are located with substring search. An article
costs about the same whether the registry holds 50 outlets or 5,000.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from provenance.corpus.text import fold
from provenance.extract.registry import Outlet, Registry

AMBIGUOUS_FILE = Path(__file__).parent / "data" / "ambiguous_outlets.txt"
LEADING_ARTICLES = ("The ", "Le ", "La ", "Les ", "L'", "Die ", "Der ", "Das ", "De ", "El ", "Il ")
_FIRST_WORD = re.compile(r"\w+")
_NEXT_WORD = re.compile(r"[^\w\n]{1,3}(\w+)")
_ADJECTIVE_ENDING = re.compile(r"(?<=[a-zäöüß])(?:e|er|en|es)$")
_SEPARATORS = "'-/().,;:!?\"*_"


@dataclass(frozen=True, slots=True)


class Matcher:
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
    """Declined forms of German names: "laut Süddeutscher Zeitung", "der Frankfurter Allgemeinen", "des Spiegels",
    "der Norddeutsche Rundfunk", "des Westdeutschen Rundfunks"."""
    words = fold(name).strip().split(" ")
    forms = set()
    if len(words) == 1 and len(name) > 3 and not name.isupper() and name[-1] not in "sxzß":
        forms.add(name + "s")
    stems = {
        i: _ADJECTIVE_ENDING.sub("", w)
        for i, w in enumerate(words[:-1])
        if _ADJECTIVE_ENDING.search(w) and w[:1].isupper() and words[i + 1][:1].isupper()
    }
    if stems and words[0] not in ("Die", "Der", "Das"):
        last = words[-1]
        lasts = {last, last + "s"} if last[-1] not in "sxzß" and last != "Zeitung" else {last}
        for ending in ("e", "er", "en", "es"):
            # each adjective declines or, like "Frankfurter", stays as it is
            choices = [(w, stems[i] + ending) if i in stems else (w,) for i, w in enumerate(words[:-1])]
            for head in itertools.product(*choices):
                forms.update(" ".join((*head, tail)) for tail in lasts)
    forms.discard(name)
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


def first_word(text: str) -> str:
    match = _FIRST_WORD.match(text)
    return match.group() if match else text[:1]


def matcher_for(registry: Registry) -> Matcher:
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
                after_article.setdefault(first_word(rest), []).append((article, rest))
        registry._matcher = Matcher(
            spellings,
            codes,
            {k: {w: tuple(forms) for w, forms in v.items()} for k, v in index.items()},
            {k: tuple(v) for k, v in after_article.items()},
        )
    return registry._matcher  # type: ignore[return-value]


def left_ok(flat: str, start: int) -> bool:
    """No letter, digit, ``@``, ``/``, ``.`` or ``-`` right before a name (so no match inside a word or a URL)."""
    if start == 0:
        return True
    before = flat[start - 1]
    return not (before.isalnum() or before in "_@/.-")


def right_ok(flat: str, end: int) -> bool:
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


def words_of(text: str) -> set[str]:
    """The words of a (folded) text, cut at spaces, apostrophes, hyphens and slashes, punctuation stripped.

    Plain ``str`` methods run in C over the whole text; a regex or ``str.translate`` costs several times more.
    """
    for separator in _SEPARATORS:
        if separator in text:
            text = text.replace(separator, " ")
    return set(text.split())


def occurrences(text: str, word: str) -> list[int]:
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


def scan(flat: str, lowered: str, words: set[str], matcher: Matcher) -> list[tuple[int, int, str]]:
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
                        for start in occurrences(flat, form)
                        if left_ok(flat, start) and right_ok(flat, start + len(form))
                    )
            continue
        singles = by_second.get("", ())
        for start in occurrences(flat, key):
            if not left_ok(flat, start):
                continue
            second = _NEXT_WORD.match(flat, start + len(key))
            forms = by_second.get(second.group(1), ()) if second and second.group(1) else ()
            for form in (*forms, *singles):
                if flat.startswith(form, start) and right_ok(flat, start + len(form)):
                    candidates.append((start, start + len(form), form))
                    break
    for key in words & matcher.after_article.keys():
        for start in occurrences(flat, key):
            for article, rest in matcher.after_article[key]:
                begin = start - len(article)
                if (
                    begin >= 0
                    and lowered.startswith(article.lower(), begin)
                    and left_ok(flat, begin)
                    and flat.startswith(rest, start)
                    and right_ok(flat, start + len(rest))
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


def positions(text: str, needles: tuple[tuple[str, str], ...], words: set[str]) -> list[int]:
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


def with_first_words(needles: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((n, m.group() if (m := re.search(r"\w+", n)) else "") for n in needles)
