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

from provenance.extract.forms import folded as folded_form
from provenance.extract.lexicon import Lexicon, cues_and_triggers, lexicons_for
from provenance.extract.reader import SentenceReader
from provenance.extract.sentences import sentence_at, sentence_spans
from provenance.extract.speakers import Speaker, key, speaker_kind
from provenance.extract.spans import Source

_GENITIVES = frozenset({"du", "de la", "de l'", "de", "d'", "of", "of the", "vom", "von", "von der", "von den"})
_PHRASE_GROUPS = ("name", "orghead", "nadj", "ntail", "noun", "tail", "name2")
"""The groups of a speaker phrase that hold words of its own (not the determiner or the modifiers before them)."""


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
        outlet = _overlapping(outlets, speaker.start, speaker.core_end if speaker.core_end > 0 else speaker.end)
        if speaker.tentative and outlet is None:
            continue
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
    folded = folded_form(text)
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


class _Finder(SentenceReader):
    """The state of one pass of one lexicon over one text."""

    def __init__(self, text: str, folded: str, sentences, lexicon: Lexicon) -> None:
        super().__init__(text, folded, sentences, lexicon)
        self.last_named: Speaker | None = None

    def run(self) -> list[Found]:
        results: list[Found] = []
        for match in cues_and_triggers(self.lex, self.low)[0]:
            sentence = sentence_at(self.sentences, match.start())
            if not sentence[0] <= match.start() < sentence[1]:
                continue
            found = self._attribution(match, sentence)
            if found is None:
                continue
            if found.speaker.kind != "anonymous" and not found.speaker.tentative:
                self.last_named = found.speaker
            results.append(found)
        return results

    def _attribution(self, match, sentence) -> Found | None:
        lex = self.lex
        clitic = match.group("clitic")
        cue_start, cue_end = match.start(), match.end("clitic") if clitic else match.end()
        if clitic:
            cue_end = match.start("clitic")
        form = " ".join(self.low[match.start() : cue_end].split())
        klass = lex.cue_class.get(form, "verb")
        if klass == "preposition":
            speaker = self._after(match.end(), sentence)
        elif klass == "comma_preposition":
            speaker = self._after(match.end(), sentence) if self._after_opening(cue_start, sentence) else None
        elif klass == "postposition":
            speaker = self._before(cue_start, sentence)
        elif klass == "participle":
            speaker = self._subject(sentence, cue_start)
        else:
            cue_start, speaker = self._verb_speaker(match, sentence, klass, bool(clitic))
            weak = klass == "weak" and not self._after_opening(cue_start, sentence)
            if speaker is not None and weak and not (speaker.kind == "person" and speaker.named):
                return None  # "X a critiqué le plan" counts for a named person; '"...", dénonce X' for anyone
        if speaker is None:
            return None
        return Found(speaker, cue_start, cue_end, sentence[0], sentence[1])

    def _verb_speaker(self, match, sentence, klass: str, clitic: bool) -> tuple[int, Speaker | None]:
        """The cue start (its auxiliary included) and the speaker of a reporting verb."""
        lex = self.lex
        start = match.start()
        aux = None
        if any(word in lex.aux_words for _, word in self._words_before(start, sentence, 3)):
            aux = self._ending_with(lex.aux_before_low, start, sentence, 4)
        cue_start = aux.start() if aux else start
        if self.text[cue_start].isupper() and cue_start != sentence[0] and not self._after_opening(cue_start, sentence):
            return cue_start, None  # a capitalised word inside a sentence is a name, not a verb
        if clitic or (aux and "-" in aux.group().split()[0]):
            return cue_start, self._pronoun(sentence, cue_start)
        comparative = None
        if lex.comparative_words and any(self.low.startswith(lex.comparative_words, w)
                                         for w in self._word_starts(cue_start, sentence, 4)):
            comparative = self._ending_with(lex.comparative_before_low, cue_start, sentence, 4)
        if comparative:
            return comparative.start(), self._after(match.end(), sentence)
        if lex.idiom_low.match(self.low, match.end(), sentence[1]):
            return cue_start, None  # "ont dit adieu", "said goodbye"
        particles = lex.final_particles and lex.final_particles.get(" ".join(self.low[match.start() : match.end()].split()))
        if particles and self._clause_final_word(match.end(), sentence) in particles:
            return cue_start, None  # "sagte das Treffen ab": a separable verb that reports nothing
        if self._quoted(cue_start, sentence):
            return cue_start, None  # a verb inside the quoted words themselves
        inverted = self._after_opening(cue_start, sentence)
        if klass == "ambiguous" and not inverted and not lex.complement_low.match(self.low, match.end()):
            # '..., Moscow estimated.': the verb closes a clause whose speaker follows the reported words
            if not lex.clause_end_low.match(self.low, match.end(), sentence[1]):
                return cue_start, None
            speaker = self._before(cue_start, sentence)
            if speaker is None:
                return cue_start, None
            starts = self._word_starts(cue_start, sentence, 1)
            pronoun = bool(starts) and self._last_word(cue_start, sentence) in lex.pronouns
            phrase_start = starts[0] if pronoun else speaker.start
            if not (sentence[0] <= phrase_start < cue_start and self._after_opening(phrase_start, sentence)):
                return cue_start, None
            return cue_start, speaker
        if inverted and klass != "addressee":
            appositive = self._closes_apposition(cue_start, sentence)
            if appositive:
                speaker = self._before(cue_start, sentence)
                if speaker is not None or appositive == "phrase":
                    return cue_start, speaker  # "The report, published by X, said ...": not inverted
            speaker = self._after(match.end(), sentence)
            if speaker is not None:
                return cue_start, speaker
        speaker = self._before(cue_start, sentence)
        if (speaker is None or speaker.tentative) and lex.inversion_after_any_word and not inverted:
            if klass != "addressee":
                speaker = self._after(match.end(), sentence) or speaker
        return cue_start, speaker

    def _after(self, position: int, sentence) -> Speaker | None:
        """The speaker phrase after a preposition or an inverted verb, past adverbs and the person spoken to."""
        lex = self.lex
        skipped = lex.skip_after_re.match(self.folded, position, sentence[1])
        if skipped is None:
            return None
        start = skipped.end()
        if lex.pronoun_low.match(self.low, start, sentence[1]):
            return self._pronoun(sentence, position)
        match = lex.np_re.match(self.folded, start, sentence[1])
        if match is None:
            return None
        speaker = self._speaker(match)
        if speaker is None or not speaker.named:
            appositive = lex.appositive_name_re.match(self.folded, match.end(), sentence[1])
            if appositive and speaker_kind(self.lex, appositive.group("name"), None, "") == "person":
                return Speaker(appositive.start("name"), appositive.end("name"), "person", True)
        return speaker

    def _before(self, position: int, sentence) -> Speaker | None:
        """The speaker phrase ending right before a verb, possibly followed by an apposition."""
        lex = self.lex
        end = position
        while end > sentence[0] and self.folded[end - 1] in " \t":
            end -= 1
        if end <= sentence[0]:
            return None
        appos_end = None
        if self.folded[end - 1] in ",-)":
            appos_start = self._apposition_start(end, sentence)
            if appos_start is not None:
                appos_end, end = end, appos_start
                while end > sentence[0] and self.folded[end - 1] in " \t":
                    end -= 1
        speaker = self._ending_at(end, sentence)
        if speaker is None and appos_end is None:
            adverbs = self._ending_with(lex.adverbs_end_low, end, sentence, 4)
            if adverbs is not None and adverbs.start() > sentence[0]:
                speaker = self._ending_at(adverbs.start(), sentence)  # "wie Scholz am Montag sagte"
        if speaker is not None and lex.fronting_words and self._last_word(speaker.start, sentence) in lex.fronting_words:
            speaker = None  # "In Berlin sagte X": a fronted adverbial, the subject follows the verb
        if speaker is None and appos_end is None:
            relative = self._relative_start(end, sentence)
            if relative is not None:
                speaker = self._ending_at(relative, sentence)
        if appos_end is not None and (speaker is None or not speaker.named or speaker.role):
            inner_start = end
            while inner_start < appos_end and self.folded[inner_start] in " ,-(":
                inner_start += 1
            inner = lex.np_re.match(self.folded, inner_start, appos_end)
            named = self._speaker(inner) if inner else None
            if named is not None and named.named:
                return named
        if speaker is None and self._last_word(end, sentence) in lex.pronouns:
            return self._pronoun(sentence, position)
        return speaker

    def _ending_at(self, end: int, sentence) -> Speaker | None:
        """The longest speaker phrase that ends exactly at ``end``, tried from at most ten words back.

        Only the run of words that can belong to a speaker phrase (capitalised, or a determiner, title, adjective,
        head noun or link of the lexicon) is tried, from its first word that can open one."""
        lex = self.lex
        words = self._words_before(end, sentence, 10)
        first = len(words)
        links = lex.link_words
        while first > 0 and (
            self._phrase_word(*words[first - 1])
            or (first < len(words) and words[first][1] in lex.head_words)
            or (first >= 2 and words[first - 2][1] in links)
            or (first >= 3 and words[first - 3][1] in links)
        ):
            first -= 1
        for start, word in words[first:]:
            if not self.folded[start].isupper() and word not in lex.first_words:
                if word[: word.find("'") + 1] not in lex.first_words:
                    continue
            match = lex.np_end_re.match(self.folded, start, end)
            if match:
                return self._speaker(match)
        return None

    def _phrase_word(self, start: int, word: str) -> bool:
        if self.folded[start].isupper() or word in self.lex.phrase_words:
            return True
        apostrophe = word.find("'")
        return apostrophe > 0 and (apostrophe + 1 == len(word) or self.folded[start + apostrophe + 1].isupper()
                                   or word[apostrophe + 1 :] in self.lex.phrase_words)

    def _subject(self, sentence, limit: int) -> Speaker | None:
        """The speaker phrase heading the sentence, after a leading adverbial ("Samedi, ...")."""
        match = self.lex.np_re.match(self.folded, sentence[0], limit)
        if match is None:
            comma = self.folded.find(",", sentence[0], min(limit, sentence[0] + 45))
            if comma != -1:
                start = comma + 1
                while start < limit and self.folded[start] == " ":
                    start += 1
                match = self.lex.np_re.match(self.folded, start, limit)
        return self._speaker(match) if match else None

    def _pronoun(self, sentence, position: int) -> Speaker | None:
        """Who a pronoun stands for: the sentence's subject, else the last identified speaker nearby."""
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
        end = max((e for s, e in map(match.span, _PHRASE_GROUPS) if e > s), default=-1)  # unmatched: (-1, -1)
        if end < 0:
            return None  # only a determiner or modifiers: no head, no name
        start = match.start("s")
        det = match.group("det")
        name = match.group("name") or match.group("name2")
        noun = match.group("noun")
        if noun and key(noun) in lex.document_heads and match.group("name2") and not match.group("tail"):
            # "un sondage Ifop", "a Reuters report": the document's author is the name that follows
            name2 = match.group("name2")
            kind = speaker_kind(lex, name2, None, "")
            if kind is not None and key(name2) not in lex.not_speakers:
                kind = "organization" if kind == "person" else kind
                return Speaker(match.start("name2"), match.end("name2"), kind, True)
        if noun and key(noun) in lex.document_heads and (match.group("tail") or not match.group("name2")):
            document = lex.document_re.match(self.folded, match.start("noun"), match.end())
            inner = lex.np_re.match(self.folded, document.end(), match.end()) if document else None
            if inner is not None or key(noun) not in lex.titles:
                return self._speaker(inner) if inner else None
            # "a spokeswoman said", "eine Sprecherin": an organisation speaking, though it is not named
            return Speaker(match.start("s"), match.end("noun"), "organization", False, role=True)
        if det is not None and key(det) in _GENITIVES and (name or not noun or key(noun) not in lex.anonymous_heads):
            start = match.end("det")
        if name and key(name) in lex.pronouns:
            return None
        if name and key(name) in lex.not_speakers:
            return None
        mods = match.group("mods") or ""
        if match.group("nadj") and name and not noun and key(name) not in lex.not_speakers:
            kind = speaker_kind(lex, name, None, match.group("mods") or "")
            if kind in (None, "person"):  # "le Rassemblement national": a name with an adjective is an institution
                return Speaker(start, end, "organization", True)
            return Speaker(start, end, kind, kind != "anonymous")
        if match.group("orghead"):
            return Speaker(start, end, "organization", True) if name and key(name) not in lex.not_speakers else None
        kind = speaker_kind(self.lex, name, noun, mods)
        if kind is None:
            return None
        if kind == "person" and not noun and start == match.start("det") and det and not mods.strip():
            if len(name.split()) == 1:
                # "die Entscheidung", "the Smith": a name does not take an article without a title, unless the
                # outlet registry knows it ("L'Équipe", "der Kicker"); kept aside for that check
                return Speaker(start, end, kind, True, tentative=True)
        if kind == "person" and not name and det is not None and key(det) in lex.indefinites:
            kind = "anonymous"  # "un conseiller de l'Élysée", "an aide", "ein Berater": a role left unnamed
        core_end = match.end("name") if match.group("ntail") else end
        return Speaker(start, end, kind, bool(name) and kind != "anonymous", role=bool(noun), core_end=core_end)
