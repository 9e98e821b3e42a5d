"""Untrusted text made safe for the terminal without moving a single offset.

Article text, titles, outlet names and notes are shown as ``rich.text.Text`` (never parsed as markup). Escape
sequences and control characters are replaced one for one by U+FFFD instead of being deleted, so that the character
offsets of sources and passages stay valid in the displayed text.
"""

from __future__ import annotations

import re

from rich.text import Text

from provenance.corpus.text import one_line

_UNSAFE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def same_length_safe(text: str) -> str:
    """``text`` with every escape-sequence or control character replaced by U+FFFD (newlines and tabs become
    themselves and a space), so ``len`` and every offset are unchanged."""
    text = text.replace("\t", " ")
    return _UNSAFE.sub(lambda m: "\ufffd" * len(m.group()), text)


def plain(text: str, limit: int = 0, style: str = "") -> Text:
    """One line of untrusted text as inert ``Text``."""
    return Text(one_line(text, limit), style=style, no_wrap=True, overflow="ellipsis")
