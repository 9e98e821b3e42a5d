"""The one-pass scan for reporting cues and anonymous-sourcing triggers finds exactly what the look-behind patterns
find with ``finditer`` (a faster route to the same matches, never different ones)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract.lexicon import LANGUAGES, cues_and_triggers, get_lexicon


def _pieces(language: str) -> list[str]:
    lexicon = get_lexicon(language)
    words = sorted(lexicon.cue_class)[:40] + sorted(lexicon.trigger_entries)
    return words + [" ", "  ", "\n", "'", "-", "\"", "(", ")", ",", ".", "é", "ß", "x", "l'", "qu'", "-t-il", "_", "9"]


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_one_pass_finds_what_the_patterns_find(language: str, data) -> None:
    lexicon = get_lexicon(language)
    text = "".join(data.draw(st.lists(st.sampled_from(_pieces(language)), max_size=40)))
    cues, triggers = cues_and_triggers(lexicon, text)
    assert _spans(cues) == _spans(lexicon.cue_low.finditer(text))
    assert _spans(triggers) == _spans(lexicon.trigger_low.finditer(text))


def test_german_triggers_inside_words_are_found() -> None:
    lexicon = get_lexicon("de")
    text = "aus regierungskreisen hieß es, laut insidern"
    _, triggers = cues_and_triggers(lexicon, text)
    assert [m.group() for m in triggers] == [m.group() for m in lexicon.trigger_low.finditer(text)] != []
