"""The fast scans for reporting cues and anonymous-sourcing triggers find exactly what the look-behind patterns find
(a faster route to the same matches, never different ones)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract.lexicon import LANGUAGES, get_lexicon, word_start_matches


def _pieces(language: str) -> list[str]:
    lexicon = get_lexicon(language)
    words = sorted(lexicon.cue_class)[:40] + sorted(lexicon.trigger_entries)
    return words + [" ", "  ", "\n", "'", "-", "\"", "(", ")", ",", ".", "é", "ß", "x", "l'", "qu'", "-t-il", "_", "9"]


def _same(pattern, scan, text: str) -> None:
    expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groups()) for m in word_start_matches(pattern, scan, text)] == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_fast_scans_exist_for_the_shipped_lexicons(language: str) -> None:
    lexicon = get_lexicon(language)
    assert lexicon.cue_scan is not None
    assert (lexicon.trigger_scan is None) == (not lexicon.trigger_low.pattern.startswith("(?<!"))


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fast_scans_find_what_the_patterns_find(language: str, data) -> None:
    lexicon = get_lexicon(language)
    text = "".join(data.draw(st.lists(st.sampled_from(_pieces(language)), max_size=40)))
    _same(lexicon.cue_low, lexicon.cue_scan, text)
    _same(lexicon.trigger_low, lexicon.trigger_scan, text)
