"""The matching forms of an article's text, made once per text and shared by the extractors.

Every extractor matches a *folded* copy of the text (typographic quotes, spaces and dashes made plain) or its
lower-cased copy; both have the text's length, so offsets found in them are offsets into the stored text. An article
goes through half a dozen extractors, and lower-casing a few kilobytes costs as much as some of them, so the copies
of the last few texts are kept instead of being remade by each one.
"""

from __future__ import annotations

from functools import lru_cache

from provenance.corpus.text import casefold_same_length, fold


@lru_cache(maxsize=16)
def folded(text: str) -> str:
    """:func:`provenance.corpus.text.fold` of ``text``, cached for the last few texts."""
    return fold(text)


@lru_cache(maxsize=16)
def lowered(text: str) -> str:
    """The folded text lower-cased with its length kept (``casefold_same_length(fold(text))``), cached."""
    return casefold_same_length(folded(text))
