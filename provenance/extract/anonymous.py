"""Anonymous sourcing: phrases that attribute information to people or documents the reader cannot identify.

Two kinds of evidence, both reported as ``kind="anonymous"`` spans whose ``cue`` names what matched:

- a lexicon pattern that is anonymous by itself ("sous couvert d'anonymat", "trois personnes proches du dossier",
  "a person familiar with the matter", "aus Regierungskreisen", "heißt es"); the cue is the pattern's id;
- an unnamed speaker of a reporting cue ("un responsable a affirmé", "officials said", "selon l'une des sources"),
  found by the attribution extractor; the span runs over the speaker and its cue, and the cue is
  ``"unnamed_speaker"``.

A definite description that is not the speaker of a cue ("Le responsable et les personnes proches du dossier
n'étaient pas autorisés...") refers back to sources already introduced, so the patterns only take indefinite ones.
Matches that overlap, or stand a few words apart in the same sentence ("selon un responsable américain et trois
personnes proches du dossier"), are merged into one span: they are one act of anonymous sourcing.
"""

from __future__ import annotations

import re

from provenance.extract.attribution import attributions_with_cues
from provenance.extract.forms import lowered
from provenance.extract.lexicon import cues_and_triggers, lexicons_for
from provenance.extract.sentences import sentence_at, sentence_spans
from provenance.extract.spans import Source

UNNAMED_SPEAKER = "unnamed_speaker"
LOOK_BEHIND, LOOK_AHEAD = 80, 120
"""How far before a trigger word an anonymous phrase may start, and after it end: phrases, not paragraphs. The
patterns are tried only at the word starts before the trigger, which keeps the scan to a few anchored matches."""
_WORD_START = re.compile(r"(?<![\w'-])[\w\"']")
MERGE_GAP = 40
"""Two anonymous phrases of one sentence at most this many characters apart are one span."""


def find_anonymous(text: str, language: str) -> list[Source]:
    """Every anonymous-sourcing phrase of ``text`` as a verbatim span with the lexicon cue id that matched."""
    if not text or not isinstance(text, str):
        return []
    low = lowered(text)
    sentences = sentence_spans(text)
    spans: list[tuple[int, int, str]] = []
    for lexicon in lexicons_for(language):
        done = 0
        for trigger in cues_and_triggers(lexicon, low)[1]:
            if trigger.start() < done:
                continue
            entries = lexicon.trigger_entries.get(" ".join(trigger.group().split()), ())
            sentence_start, sentence_end = sentence_at(sentences, trigger.start())
            begin = max(sentence_start, trigger.start() - LOOK_BEHIND, done)
            limit = min(sentence_end, trigger.end() + LOOK_AHEAD)
            found = _leftmost(low, lexicon, entries, begin, trigger.start(), limit)
            if found is not None:
                start, end, cue = found
                done = end
                while end > start and low[end - 1] in " ,":
                    end -= 1
                if end > start:
                    spans.append((start, end, cue))
    for found in attributions_with_cues(text, language):
        if found.speaker.kind == "anonymous":
            start = min(found.speaker.start, found.cue_start)
            end = max(found.speaker.end, found.cue_end)
            spans.append((start, end, UNNAMED_SPEAKER))
    return [
        Source(kind="anonymous", text=text[start:end], start=start, end=end, cue=cue, role="body")
        for start, end, cue in _merge(spans, sentences)
    ]


def _leftmost(low: str, lexicon, entries, begin: int, trigger: int, limit: int) -> tuple[int, int, str] | None:
    """The anonymous phrase starting at the first word (from ``begin`` up to the trigger) where one of the
    trigger's cues matches; the longest when several do."""
    for word in _WORD_START.finditer(low, begin, trigger + 1):
        best = None
        for index in entries:
            cue, pattern = lexicon.anonymous_patterns[index]
            match = pattern.match(low, word.start(), limit)
            if match and (best is None or match.end() > best[1]):
                best = (match.start(), match.end(), cue)
        if best is not None:
            return best
    return None


def _merge(spans: list[tuple[int, int, str]], sentences) -> list[tuple[int, int, str]]:
    """Overlapping or near spans of one sentence become one; the cue of the longest part names it."""
    merged: list[list] = []
    for start, end, cue in sorted(spans):
        if merged and start < merged[-1][1] + MERGE_GAP and sentence_at(sentences, start) == sentence_at(
            sentences, merged[-1][1] - 1
        ):
            last = merged[-1]
            if end - start > last[3]:
                last[2], last[3] = cue, end - start
            last[1] = max(last[1], end)
        else:
            merged.append([start, end, cue, end - start])
    return [(start, end, cue) for start, end, cue, _ in merged]
