"""Who gets to speak, and anonymous sourcing, as framing markers.

Attributions are found by the attribution extractor; this module only reads its :class:`Source` spans: which side of
the conflict a speaker stands for (from the lexicon's ``[sides.*]`` tables) and which sources go unnamed. An
attribution to a side (``Moscou a soutenu que``, ``Kiev insiste sur le fait que``) is an ``attribution_to_opponent``
marker — the kind is named for what an annotator looks for: whose claims the article lets in, and on whose terms; the
why names the side. Speakers of no known side (an outside expert) are sources, not framing.

A country named with its article heading a sentence before a reporting verb (``La Russie avait auparavant mis en
garde``) speaks for its side too, though it is no source: the attribution extractor leaves "la Russie" aside, as it
does any single name after an article ("la Défense"), so it is found here from the reporting cues themselves.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from provenance.corpus.text import fold
from provenance.extract import lexicon as attribution_lexicon
from provenance.extract.forms import folded, lowered
from provenance.extract.markers.lexicon import Lexicon, load_lexicon, matching_form
from provenance.extract.sentences import sentence_at, sentence_spans
from provenance.extract.spans import Marker, Source

SPEAKER_KINDS = frozenset({"person", "organization"})
_WINDOW = 80
_STOP = re.compile(r"[.!?;\n]")
_THAT = re.compile(r"\s+(?:que|qu'|that|dass)(?!\w)")
_NAMED_SUBJECT = re.compile(
    r"\s*(?:(?:la|le|les|l'|the|die|der|das)\s?)?(?P<name>[A-ZÀ-Ý][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*)?)"
    r"(?:\s+[a-zà-ÿ][\w'-]*){0,3}\s*"
)
_VERB_CLASSES = frozenset({"verb", "weak", "ambiguous", "addressee"})


def _cue_span(text: str, source: Source) -> tuple[int, int]:
    """The speaker's name widened to its reporting cue when the cue sits next to it (``Moscou a soutenu que``)."""
    start, end = source.start, source.end
    cue = matching_form(source.cue).strip()
    if not cue:
        return start, end
    limit_end = source.sentence_end if source.sentence_end > end else min(len(text), end + _WINDOW)
    after = matching_form(text[end : min(limit_end, end + _WINDOW)])
    at = after.find(cue)
    if at >= 0 and not _STOP.search(after, 0, at):
        end = end + at + len(cue)
        tail = _THAT.match(matching_form(text[end : end + 8]))
        if tail:
            end += tail.end()
        return start, end
    limit_start = max(source.sentence_start, 0) if 0 <= source.sentence_start < start else max(0, start - _WINDOW)
    before = matching_form(text[max(limit_start, start - _WINDOW) : start])
    at = before.rfind(cue)
    if at >= 0 and not _STOP.search(before, at):
        start = start - len(before) + at
    return start, end


def side_of(name: str, lexicon: Lexicon | None) -> str:
    """The label of the side ``name`` speaks for (``Russian side``), or "" when the lexicon does not know it."""
    return _side(name, lexicon.language) if lexicon is not None else ""


@functools.lru_cache(maxsize=4096)
def _side(name: str, language: str) -> str:
    lexicon = load_lexicon(language)
    folded = matching_form(name)
    for label, regex in lexicon.sides if lexicon is not None else ():
        if regex.search(folded):
            return label
    return ""


def find_speakers(text: str, sources: Iterable[Source], lexicon: Lexicon | None) -> list[Marker]:
    """An ``attribution_to_opponent`` marker for each attribution to a side, an ``anonymous`` one per unnamed source."""
    markers = []
    for source in sources:
        if source.kind == "anonymous":
            quoted = text[source.start : source.end]
            markers.append(Marker("anonymous", source.start, source.end, quoted, f"anonymous source: «{quoted}»"))
        elif source.kind in SPEAKER_KINDS and source.cue and source.role == "body":
            side = side_of(source.text, lexicon)
            if not side:
                continue
            start, end = _cue_span(text, source)
            why = f"{side} speaks: {fold(source.text)} «{text[start:end]}»"
            markers.append(Marker("attribution_to_opponent", start, end, text[start:end], why))
    return markers


def find_sides_speaking(text: str, lexicon: Lexicon | None) -> list[Marker]:
    """An ``attribution_to_opponent`` marker for each sentence opening with a country of a side (with its article)
    and a reporting verb, its auxiliaries and adverbs between: ``La Russie avait auparavant mis en garde``."""
    if lexicon is None or not text:
        return []
    plain = folded(text)
    sentences = sentence_spans(text)
    markers = []
    opened: set[int] = set()  # sentences already given their speaker: a later cue is part of what is said
    for cues in attribution_lexicon.lexicons_for(lexicon.language):
        for cue in attribution_lexicon.cues_and_triggers(cues, lowered(text))[0]:
            form = " ".join(cue.group().split())
            start, _ = sentence_at(sentences, cue.start())
            if start in opened or cues.cue_class.get(form, "verb") not in _VERB_CLASSES:
                continue
            opened.add(start)
            subject = _NAMED_SUBJECT.fullmatch(plain, start, cue.start())
            if subject is None:
                continue
            side = side_of(subject.group("name"), lexicon)
            if side:
                while text[start].isspace():
                    start += 1
                quoted = text[start : cue.end()]
                why = f"{side} speaks: {fold(subject.group('name'))} «{quoted}»"
                markers.append(Marker("attribution_to_opponent", start, cue.end(), quoted, why))
    return markers
