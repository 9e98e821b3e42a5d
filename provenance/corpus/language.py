"""Which language an article is written in (ISO 639-1 code), with py3langid.

py3langid is a maintained fork of langid.py: a naive Bayes model over byte n-grams, offline, no network. Its cost is
linear in the bytes it reads (a pure-Python automaton walk, then a sparse product over the candidate languages):
about 1 ms per KB over its 97 languages, so it reads one sample of body text (by default 256 characters, the
first paragraph after the header lines) and chooses among the languages European newsrooms publish in. Restricting
the candidates is also what keeps short samples from landing on look-alike languages (Galician for Portuguese,
Luxembourgish for German). The model takes a second or two to load, so it is loaded on first use, once per process.
"""

from __future__ import annotations

import functools
import re

LANGUAGES = (
    "en", "fr", "de", "nl", "es", "it", "pt", "ca", "pl", "cs", "sk", "hu", "ro", "bg", "hr", "sl", "sr",
    "el", "ru", "uk", "be", "lt", "lv", "et", "fi", "sv", "da", "no", "is", "ga", "tr", "ar", "he", "fa",
    "zh", "ja", "ko",
)  # fmt: skip
"""The candidate languages: the EU's official languages, its neighbours', and the largest world news languages."""

SAMPLE_CHARS = 256
MIN_CONFIDENCE = 0.6
_MIN_LETTERS = 20
_PARAGRAPH = re.compile(r"[^\n]{120,}")
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _identifier():  # noqa: ANN202 - py3langid is imported lazily
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    # The model ships float16 and sliced by column; one contiguous float32 copy halves the scoring time.
    identifier.nb_ptc = np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32)
    # The unrestricted model (28 MB) is kept only to widen the set again later, which is never done here.
    identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
    return identifier


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """The stretch of ``text`` to classify: the first long line (a body paragraph, past titles and bylines)."""
    match = _PARAGRAPH.search(text, 0, 20_000)
    start = match.start() if match else 0
    return text[start : start + size]


def detect_language(text: str, size: int = SAMPLE_CHARS) -> str:
    """The ISO 639-1 code of ``text``'s language, or "" when the sample is too short or the model unsure."""
    chunk = sample(text, size)
    if len(_LETTER.findall(chunk)) < _MIN_LETTERS:
        return ""
    language, confidence = _identifier().classify(chunk)
    return language if confidence >= MIN_CONFIDENCE else ""
