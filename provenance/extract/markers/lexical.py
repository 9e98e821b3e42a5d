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


def find_cues(text: str, folded: str, lexicon: Lexicon) -> list[Marker]:
    """Markers for every ``[cues.*]`` entry of the lexicon; analogy cues run to the end of their clause."""
    if lexicon.cues is None:
        return []
    markers = []
    for match in lexicon.cues.finditer(folded):
        group = lexicon.groups[int(match.lastgroup[1:])]
        start, end = match.span()
        if group.extend:
            clause_end = _CLAUSE_END.search(text, end, min(len(text), end + _MAX_EXTEND))
            end = clause_end.start() if clause_end else min(len(text), end + _MAX_EXTEND)
            while end > start and text[end - 1].isspace():
                end -= 1
        quoted = text[start:end]
        markers.append(Marker(group.kind, start, end, quoted, f"{group.label}: «{quoted}»"))
    return markers


def find_conditionals(text: str, folded: str, lexicon: Lexicon) -> list[Marker]:
    """The conditional of unverified information: ``aurait autorisé`` always (unless modal or hypothetical), other
    verbs in the conditional when their sentence carries a reporting cue (``des sources indiquent que ... assumeraient``).
    """
    config = lexicon.conditional
    if not config or lexicon.conditional_aux is None:
        return []
    label = config["label"]
    markers: list[Marker] = []
    taken: list[tuple[int, int]] = []

    def hypothetical(position: int) -> bool:
        start, _ = sentence_bounds(folded, position)
        return lexicon.counterfactual is not None and lexicon.counterfactual.search(folded, start, position) is not None

    for match in lexicon.conditional_aux.finditer(folded):
        if match.group(1) in config["not_reportive"] or hypothetical(match.start()):
            continue
        start, end = match.span()
        taken.append((start, end))
        markers.append(
            Marker("reportive", start, end, text[start:end], f"{label}: «{text[start:end]}» reports a claim without vouching for it")
        )
    for match in lexicon.conditional_any.finditer(folded):
        start, end = match.span()
        word = match.group(0)
        if word in config["skip"] or any(s <= start < e for s, e in taken):
            continue
        sentence_start, sentence_end = sentence_bounds(folded, start)
        if lexicon.conditional_cues is None or not lexicon.conditional_cues.search(folded, sentence_start, sentence_end):
            continue
        if hypothetical(start):
            continue
        markers.append(
            Marker("reportive", start, end, text[start:end], f"{label}: «{text[start:end]}» in a reported claim")
        )
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
