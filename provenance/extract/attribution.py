"""Attributions: who is quoted or paraphrased, through which reporting cue, in which sentence.

One regular expression per language (built from its lexicon) finds every cue of a text in a single scan: reporting
verbs with their auxiliaries ("a déclaré", "said", "erklärte"), prepositions ("selon", "according to", "laut"),
postpositions ("zufolge"), "comme l'a souligné", and participles (", affirmant que"). Each cue then looks for its
speaker where the grammar puts it:

- after a preposition, or after a verb inverted behind the quoted words ("..., a déclaré le sénateur Mark Warner");
- before the verb, past an apposition ("Warner, qui est le chef de la commission, a déclaré");
- at the head of the sentence for a participle;
- for a pronoun ("a-t-il ajouté", "selon lui", "he said"), the person named as subject or last quoted.

The speaker phrase is then classified with the lexicon's small gazetteers: an outlet when it overlaps an outlet
mention found by the outlet extractor, otherwise anonymous (an unnamed "responsable", "official", "Beamter"),
organisation (a head noun like "ministère", a government metonym like "Moscou"), or person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from provenance.corpus.text import casefold_same_length, fold
from provenance.extract.lexicon import Lexicon, cue_key, lexicons_for
from provenance.extract.sentences import sentence_at, sentence_spans
from provenance.extract.spans import Source

_GENITIVES = frozenset({"du", "de la", "de l'", "de", "d'", "of", "of the", "vom", "von", "von der", "von den"})
_OPENING = ",\":-(;"


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker phrase found for a cue: its span, what it is, and whether it carries a proper name."""

    start: int
    end: int
    kind: str
    named: bool


def find_attributions(text: str, language: str, outlet_sources: Sequence[Source] = ()) -> list[Source]:
    """Every attribution of ``text``: the speaker span (``kind`` person, organization, outlet or anonymous), the
    cue as written, and the sentence it covers. Unknown languages are tried with every lexicon.

    A speaker that overlaps one of ``outlet_sources`` (outlet mentions from the outlet registry) is that outlet.
    """
    if not isinstance(text, str):
        return []
    outlets = sorted(
        ((s.start, s.end, s) for s in outlet_sources if s.kind == "outlet" and s.start < s.end), key=lambda t: t[0]
    )
    results = []
    for found in attributions_with_cues(text, language):
        speaker = found.speaker
        outlet = _overlapping(outlets, speaker.start, speaker.end)
        kind = "outlet" if outlet is not None else speaker.kind
        results.append(
            Source(
                kind=kind,
                text=text[speaker.start : speaker.end],
                start=speaker.start,
                end=speaker.end,
                outlet=outlet.outlet if outlet is not None else "",
                domain=outlet.domain if outlet is not None else "",
                cue=text[found.cue_start : found.cue_end],
                role="body",
                speaker_kind=kind,
                sentence_start=found.sentence_start,
                sentence_end=found.sentence_end,
            )
        )
    return results


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution before outlet mentions are consulted: the speaker, the cue span and the sentence."""

    speaker: Speaker
    cue_start: int
    cue_end: int
    sentence_start: int
    sentence_end: int


@lru_cache(maxsize=16)
def attributions_with_cues(text: str, language: str) -> tuple[Found, ...]:
    """The attributions of ``text`` with their cue offsets, cached so that the anonymous-sourcing extractor and the
    attribution extractor share one pass."""
    if not text:
        return ()
    folded = fold(text)
    sentences = sentence_spans(text)
    if not sentences:
        return ()
    found: dict[tuple[int, int, int], Found] = {}
    for lexicon in lexicons_for(language):
        for item in _Finder(text, folded, sentences, lexicon).run():
            found.setdefault((item.speaker.start, item.speaker.end, item.sentence_start), item)
    return tuple(sorted(found.values(), key=lambda f: (f.sentence_start, f.speaker.start, f.speaker.end)))


def _overlapping(outlets, start: int, end: int) -> Source | None:
    for o_start, o_end, source in outlets:
        if o_start >= end:
            break
        if o_end > start:
            return source
    return None


class _Finder:
    """The state of one pass of one lexicon over one text."""

    def __init__(self, text: str, folded: str, sentences, lexicon: Lexicon) -> None:
        self.text = text
        self.folded = folded
        self.sentences = sentences
        self.lex = lexicon
        self.last_named: Speaker | None = None

    def run(self) -> list[Found]:
        results: list[Found] = []
        lex = self.lex
        for match in lex.cue_re.finditer(self.folded):
            sentence = sentence_at(self.sentences, match.start())
            if not sentence[0] <= match.start() < sentence[1]:
                continue
            speaker, klass = self._speaker_for(match, sentence)
            if speaker is None:
                continue
            if klass == "weak" and not (speaker.kind == "person" and speaker.named):
                continue
            if speaker.kind != "anonymous":
                self.last_named = speaker
            cue_start, cue_end = match.span()
            if match.group("clitic"):
                cue_end = match.end("verb")
            results.append(Found(speaker, cue_start, cue_end, sentence[0], sentence[1]))
        return results

    def _speaker_for(self, match, sentence) -> tuple[Speaker | None, str]:
        lex = self.lex
        if match.group("prep") is not None:
            prep = cue_key(match.group("prep"))
            if prep in lex.comma_prepositions and not self._after_opening(match.start(), sentence):
                return None, ""
            return self._after(match.end(), sentence), "preposition"
        if match.group("post") is not None:
            return self._before(match.start(), sentence), "postposition"
        if match.group("part") is not None:
            return self._subject(sentence, match.start()), "participle"
        if match.group("cverb") is not None:
            klass = lex.verb_class.get(cue_key(match.group("cverb")), "verb")
            return self._after(match.end(), sentence), klass
        klass = lex.verb_class.get(cue_key(match.group("verb")), "verb")
        aux = match.group("aux") or ""
        if match.group("clitic") or "-" in aux:
            return self._pronoun(sentence, match.start()), klass
        inverted = self._after_opening(match.start(), sentence)
        if klass == "ambiguous" and not inverted and not lex.complement_re.match(self.folded, match.end()):
            return None, klass
        if inverted:
            speaker = self._after(match.end(), sentence)
            if speaker is not None:
                return speaker, klass
        speaker = self._before(match.start(), sentence)
        if speaker is None and lex.try_inverted_always and not inverted:
            speaker = self._after(match.end(), sentence)
        return speaker, klass

    def _after_opening(self, position: int, sentence) -> bool:
        """Whether the cue follows the quoted or reported words (a comma, quote, colon or dash right before it)."""
        index = position - 1
        while index >= sentence[0] and self.folded[index] in " \t":
            index -= 1
        return index >= sentence[0] and self.folded[index] in _OPENING

    def _after(self, position: int, sentence) -> Speaker | None:
        lex = self.lex
        skipped = lex.skip_after_re.match(self.folded, position, sentence[1])
        start = skipped.end() if skipped else position
        if start == position and start < sentence[1] and not self.folded[start].isspace():
            if position > 0 and self.folded[position - 1] not in "' ":
                return None
        if lex.pronoun_re.match(self.folded, start, sentence[1]):
            return self._pronoun(sentence, position)
        document = lex.document_re.match(self.folded, start, sentence[1])
        if document:
            start = document.end()
        match = lex.np_re.match(self.folded, start, sentence[1])
        return self._speaker(match) if match else None

    def _before(self, position: int, sentence) -> Speaker | None:
        lex = self.lex
        window = max(sentence[0], position - 200)
        match = lex.np_before_re.search(self.folded, window, position)
        if not match:
            if lex.pronoun_before_re.search(self.folded, max(sentence[0], position - 180), position):
                return self._pronoun(sentence, position)
            return None
        speaker = self._speaker(match)
        appos = match.group("appos")
        if appos and (speaker is None or not speaker.named):
            inner = lex.np_re.match(self.folded, match.start("appos") + 1, match.end("appos") - 1)
            if inner is None:
                stripped = match.start("appos") + 1
                while stripped < match.end("appos") and self.folded[stripped] in " -(":
                    stripped += 1
                inner = lex.np_re.match(self.folded, stripped, match.end("appos") - 1)
            named = self._speaker(inner) if inner else None
            if named is not None and named.named:
                return named
        return speaker

    def _subject(self, sentence, limit: int) -> Speaker | None:
        match = self.lex.subject_re.match(self.folded, sentence[0], limit)
        return self._speaker(match) if match else None

    def _pronoun(self, sentence, position: int) -> Speaker | None:
        subject = self._subject(sentence, position)
        if subject is not None and subject.kind != "anonymous" and subject.start < position:
            return subject
        last = self.last_named
        if last is not None and position - last.end < 1500:
            return last
        return None

    def _speaker(self, match) -> Speaker | None:
        """Classify a speaker phrase; None when it names nothing a reader could call a source."""
        lex = self.lex
        groups = [g for g in ("name", "noun", "tail", "name2") if match.start(g) != -1 and match.end(g) > match.start(g)]
        if not groups:
            return None
        end = max(match.end(g) for g in groups)
        start = match.start("s")
        det = match.group("det")
        name = match.group("name") or match.group("name2")
        noun = match.group("noun")
        if det is not None and _key(det) in _GENITIVES and (name or not noun or _key(noun) not in lex.anonymous_heads):
            start = match.end("det")
        if name and _key(name) in lex.pronouns:
            return self._pronoun(sentence_at(self.sentences, match.start()), match.start())
        if name and _key(name) in lex.not_speakers:
            return None
        kind = self._kind(name, noun, match.group("tail") or "", match.group("mods") or "")
        if kind is None:
            return None
        return Speaker(start, end, kind, bool(name) and kind != "anonymous")

    def _kind(self, name: str | None, noun: str | None, tail: str, mods: str) -> str | None:
        lex = self.lex
        if name:
            words = [_key(w) for w in name.replace("-", " ").split()]
            full = _key(name)
            if full in lex.org_names or any(w in lex.org_heads for w in words):
                return "organization"
            if any(w in lex.outlet_words for w in words) or full in lex.outlet_words:
                return "outlet"
            last = words[-1] if words else ""
            if lex.org_suffixes and any(last.endswith(s) for s in lex.org_suffixes):
                return "organization"
            if words and words[0] in lex.org_names and len(words) == 1:
                return "organization"
            bare = name.replace(".", "")
            if len(bare) >= 2 and bare.isupper() and not noun and not mods.strip():
                return "organization"
            if noun and _key(noun) in lex.org_heads:
                return "organization"
            return "person"
        if not noun:
            return None
        head = _key(noun)
        if head in lex.anonymous_heads:
            return "anonymous"
        if head in lex.org_heads:
            return "organization"
        if head in lex.outlet_nouns:
            return "outlet"
        if head in lex.titles:
            return "person"
        return None


def _key(text: str) -> str:
    return " ".join(casefold_same_length(text).split())
