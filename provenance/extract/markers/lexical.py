"""Word-level framing cues from the language's lexicon: reportive and hedged wording (including the French
conditional of unverified information), loaded, evaluative and intensifying words, analogies, and rhetorical
questions."""

from __future__ import annotations

import re

from provenance.extract.markers.lexicon import Lexicon
from provenance.extract.spans import Marker

_CLAUSE_END = re.compile(r"[–—;:.!?\n]|,\s")
_MAX_EXTEND = 140
_SENTENCE_END = ".!?\n"


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """The start and end of the sentence around ``position`` (cut at ``.!?`` and newlines)."""
    start = max(text.rfind(c, 0, position) for c in _SENTENCE_END) + 1
    ends = [e for e in (text.find(c, position) for c in _SENTENCE_END) if e >= 0]
    end = min(ends) + 1 if ends else len(text)
    while start < end and text[start].isspace():
        start += 1
    return start, min(end, len(text))


def find_cues(text: str, folded: str, lexicon: Lexicon, hits: list[tuple[int, int, int]]) -> list[Marker]:
    """Markers for the lexicon's ``[cues.*]``: the phrase hits ``(start, end, group)`` found by the phrase matcher,
    plus the matches of the regex patterns. Analogy cues run to the end of their clause."""
    found = list(hits)
    for index, pattern in lexicon.patterns:
        found += [
            (m.start(), m.end(), index)
            for m in pattern.finditer(folded)
            if m.end() > m.start() and not (m.start() > 0 and folded[m.start() - 1].isalnum())
        ]
    markers = []
    for start, end, index in found:
        group = lexicon.groups[index]
        if group.extend:
            clause_end = _CLAUSE_END.search(text, end, min(len(text), end + _MAX_EXTEND))
            end = clause_end.start() if clause_end else min(len(text), end + _MAX_EXTEND)
            while end > start and text[end - 1].isspace():
                end -= 1
        quoted = text[start:end]
        markers.append(Marker(group.kind, start, end, quoted, f"{group.label}: «{quoted}»"))
    return markers


_AUX_TAIL = re.compile(r"\s+(?:\w+ment\s+)?(\w+)")
_CONDITIONAL_ENDING = re.compile(r"rai(?:t|ent)(?!\w)")


def _word_start(folded: str, end: int) -> int:
    start = end
    while start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "_"):
        start -= 1
    return start


def find_conditionals(text: str, folded: str, lexicon: Lexicon, auxiliaries: list[tuple[int, int]]) -> list[Marker]:
    """The conditional of unverified information.

    ``aurait autorisé`` (an auxiliary in the conditional, at ``auxiliaries``, then a participle) always, unless modal
    (``aurait pu``) or in a hypothetical sentence; any other verb in the conditional when its sentence carries a
    reporting cue (``des sources internes indiquent que ... assumeraient``).
    """
    config = lexicon.conditional
    if not config:
        return []
    label = config["label"]
    markers: list[Marker] = []
    taken: set[int] = set()

    def hypothetical(position: int) -> bool:
        start, _ = sentence_bounds(folded, position)
        return lexicon.counterfactual is not None and lexicon.counterfactual.search(folded, start, position) is not None

    for start, aux_end in auxiliaries:
        tail = _AUX_TAIL.match(folded, aux_end)
        if tail is None or tail.group(1) in config["not_reportive"] or hypothetical(start):
            continue
        end = tail.end()
        taken.add(start)
        markers.append(
            Marker("reportive", start, end, text[start:end], f"{label}: «{text[start:end]}» reports a claim without vouching for it")
        )
    for match in _CONDITIONAL_ENDING.finditer(folded):
        end = match.end()
        start = _word_start(folded, match.start())
        if start in taken or end - start < 6 or folded[start:end] in config["skip"]:
            continue
        sentence_start, sentence_end = sentence_bounds(folded, start)
        if lexicon.conditional_cues is None or not lexicon.conditional_cues.search(folded, sentence_start, sentence_end):
            continue
        if hypothetical(start):
            continue
        markers.append(Marker("reportive", start, end, text[start:end], f"{label}: «{text[start:end]}» in a reported claim"))
    return markers


_QUESTION = re.compile(r"\?(?=[\s”»\"]|$)")
_OPEN_QUOTES = "“«„\""
_WORD = re.compile(r"\w+")


def find_rhetorical_questions(text: str) -> list[Marker]:
    """Questions the writer asks in their own voice (not inside a quotation), of four words or more."""
    markers = []
    for match in _QUESTION.finditer(text):
        start, end = sentence_bounds(text, match.start())
        end = match.end()
        sentence = text[start:end]
        if any(q in sentence for q in _OPEN_QUOTES) or end < len(text) and text[end] in "”»\"":
            continue
        if len(_WORD.findall(sentence)) < 4:
            continue
        markers.append(Marker("analogy", start, end, sentence, f"rhetorical question: «{sentence}»"))
    return markers
