"""Looking around a cue inside its sentence: the words just before it, quotes, appositions, clause ends.

The attribution extractor asks these questions many times per article, always about a few words around a cue, so
the answers come from small windows of the lower-cased folded text rather than from a parse of the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from provenance.extract.forms import lowered
from provenance.extract.lexicon import Lexicon

_OPENING = ",\":-(;"
_QUOTE = re.compile('"')
_PUNCTUATION = "\"'()[],;:!?.\u2026"
_LOOK_BACK = 10
"""Words kept before a position: enough for the longest speaker phrase the look-back tries."""


class SentenceReader:
    """One text seen through one lexicon: the folded text, its lower-cased copy and its sentences."""

    def __init__(self, text: str, folded: str, sentences, lexicon: Lexicon) -> None:
        self.text = text
        self.folded = folded
        self.low = lowered(text)
        self.sentences = sentences
        self.lex = lexicon
        self._window: dict[int, list[tuple[int, str]]] = {}
        self._quotes: list[int] | None = None

    def _clause_final_word(self, position: int, sentence) -> str:
        """The last word of the clause that starts at ``position`` (up to the next comma, colon or full stop)."""
        end = position
        while end < sentence[1] and self.low[end] not in ",;:.!?\"":
            end += 1
        words = self.low[position:end].split()
        return words[-1] if words else ""

    def _quoted(self, position: int, sentence) -> bool:
        """Whether ``position`` lies between an opening quote and its closing one in the sentence."""
        if self._quotes is None:
            self._quotes = [m.start() for m in _QUOTE.finditer(self.folded)]
        first, here, last = (bisect_left(self._quotes, p) for p in (sentence[0], position, sentence[1]))
        return (here - first) % 2 == 1 and last > here

    def _after_opening(self, position: int, sentence) -> bool:
        """Whether the cue follows the quoted or reported words (a comma, quote, colon or dash right before it)."""
        index = position - 1
        while index >= sentence[0] and self.folded[index] in " \t":
            index -= 1
        return index >= sentence[0] and self.folded[index] in _OPENING

    def _words_before(self, end: int, sentence, count: int) -> list[tuple[int, str]]:
        """The last ``count`` words before ``end`` in the sentence, as (start, lower-case word), nearest last."""
        while end > sentence[0] and self.low[end - 1] == " ":
            end -= 1
        words = self._window.get(end)
        if words is None:
            words = self._window[end] = self._last_words(end, sentence, _LOOK_BACK)
        return words[-count:] if count < len(words) else words

    def _last_words(self, end: int, sentence, count: int) -> list[tuple[int, str]]:
        """Up to ``count`` words before ``end``, by splitting a window of the text (cheaper than a pattern)."""
        begin = max(sentence[0], end - 16 * count - 24)
        window = self.low[begin:end]
        inside_word = begin > sentence[0] and not self.low[begin - 1].isspace()
        words: list[tuple[int, str]] = []
        cursor = len(window)
        for token in reversed(window.split()):
            cursor = window.rfind(token, 0, cursor)
            if token[0] in _PUNCTUATION or token[-1] in _PUNCTUATION:
                word = token.strip(_PUNCTUATION)
                if not word or not word[0].isalnum():
                    continue
                start = begin + cursor + token.index(word)
            elif token[0].isalnum():
                word, start = token, begin + cursor  # most tokens: a bare word, nothing to strip
            else:
                continue
            if cursor == 0 and inside_word:
                break  # the window starts inside a word
            words.append((start, word))
            if len(words) == count:
                break
        words.reverse()
        return words

    def _word_starts(self, end: int, sentence, count: int) -> list[int]:
        """Where the last ``count`` words before ``end`` (in the sentence) begin, nearest last."""
        return [start for start, _ in self._words_before(end, sentence, count)]

    def _ending_with(self, pattern, end: int, sentence, words: int):
        """The longest match of an end-anchored lower-case ``pattern`` that ends at ``end``, from a word start."""
        for start in self._word_starts(end, sentence, words):
            match = pattern.match(self.low, start, end)
            if match:
                return match
        return None

    def _last_word(self, end: int, sentence) -> str:
        words = self._words_before(end, sentence, 1)
        return words[0][1] if words else ""

    def _closes_apposition(self, position: int, sentence) -> str:
        """Whether the comma right before ``position`` closes an apposition ("X, who ..., said"): "phrase" when a
        noun phrase stands before the apposition, "comma" when only the commas are there, "" otherwise."""
        end = position
        while end > sentence[0] and self.folded[end - 1] in " \t":
            end -= 1
        if not (end > sentence[0] and self.folded[end - 1] == ","):
            return ""
        opening = self._apposition_start(end, sentence)
        if opening is None:
            return ""
        before = opening
        while before > sentence[0] and self.folded[before - 1] in " \t":
            before -= 1
        starts = self._word_starts(before, sentence, 8)
        if any(self.lex.np_end_re.match(self.folded, start, before) for start in starts[-3:]):
            return "phrase"
        return "comma"

    def _relative_start(self, end: int, sentence) -> int | None:
        """Where a comma-less relative clause before the verb begins ("Two officials who asked not to be named
        said"), so that its antecedent can be the speaker."""
        window = self.low[max(sentence[0], end - 90) : end]
        best = max((window.rfind(r) for r in self.lex.relatives), default=-1)
        if best < 0 or "," in window[best:]:
            return None
        return max(sentence[0], end - 90) + best

    def _apposition_start(self, end: int, sentence) -> int | None:
        """Where the apposition closing at ``end`` opens (", qui est ...,", " - qui ... -", " (...)")."""
        closing = self.folded[end - 1]
        opening = {",": ",", "-": "-", ")": "("}[closing]
        limit = max(sentence[0], end - 170)
        index = self.folded.rfind(opening, limit, end - 1)
        if index <= sentence[0] or '"' in self.folded[index:end]:
            return None
        if closing == "-" and not (self.folded[index - 1] == " " and self.folded[end - 2] == " "):
            return None
        return index
