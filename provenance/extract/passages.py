"""Passages: where framing concentrates, ranked, each explained in one line.

A passage is a paragraph (or, in a long paragraph, a window of up to three sentences) holding at least one marker,
never including page furniture. Its score adds a weight per kind of device, with diminishing returns for repeats of
the same device and a bonus when several kinds meet: a paragraph with scare quotes, a reportive conditional and an
anonymous source outranks one that only spells Kiev the Russian way. The one-line why names what was found, strongest
first: ``2 scare quotes · reportive conditional · also in 1 other article``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from provenance.corpus.article import Article
from provenance.extract.boilerplate import SharedSpan, paragraphs
from provenance.extract.spans import Analysis, Marker, Passage

WEIGHTS: dict[str, float] = {
    "reportive": 2.0,
    "anonymous": 2.0,
    "analogy": 2.0,
    "scare_quotes": 1.5,
    "boilerplate": 1.5,
    "loaded_or_evaluative": 1.0,
    "attribution_to_opponent": 1.0,
    "translation_artifact": 1.0,
    "naming": 0.5,
}
REPEAT_FACTOR = 0.5
"""Each further marker with the same label adds this share of the first one's weight (capped at double)."""
VARIETY_BONUS = 0.5
"""Added per kind beyond the first, so that converging devices rank first."""
MAX_PASSAGE_CHARS = 900
WINDOW_SENTENCES = 3
MAX_WHY_PARTS = 5

_PLURALS = {
    "scare quote": "scare quotes",
    "short quoted fragment": "short quoted fragments",
    "reportive conditional": "reportive conditionals",
    "reportive cue": "reportive cues",
    "anonymous source": "anonymous sources",
    "loaded word": "loaded words",
    "evaluative wording": "evaluative phrases",
    "intensifier": "intensifiers",
    "analogy": "analogies",
    "rhetorical question": "rhetorical questions",
    "untranslated fragment": "untranslated fragments",
    "duplicated line": "duplicated lines",
}
_ALNUM = re.compile(r"[^\W_]")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[”»\"]?|$)")


def _subtract(start: int, end: int, holes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[start, end)`` minus the ``holes`` (page furniture), as the pieces that remain."""
    pieces = [(start, end)]
    for hs, he in holes:
        next_pieces = []
        for s, e in pieces:
            if he <= s or e <= hs:
                next_pieces.append((s, e))
                continue
            if s < hs:
                next_pieces.append((s, hs))
            if he < e:
                next_pieces.append((he, e))
        pieces = next_pieces
    return pieces


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def units(text: str, furniture: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` with page furniture cut out: the candidate passages."""
    found = []
    for start, end in paragraphs(text):
        for s, e in _subtract(start, end, furniture):
            s, e = _trimmed(text, s, e)
            if e > s and _ALNUM.search(text, s, e):
                found.append((s, e))
    return found


def _sentence_windows(text: str, start: int, end: int, markers: list[Marker]) -> list[tuple[int, int]]:
    """Windows of up to :data:`WINDOW_SENTENCES` sentences around the marked sentences of a long paragraph."""
    sentences = [(start + m.start(), start + m.end()) for m in _SENTENCE.finditer(text[start:end]) if m.group().strip()]
    marked = [i for i, (s, e) in enumerate(sentences) if any(s <= m.start < e for m in markers)]
    windows: list[tuple[int, int]] = []
    group: list[int] = []
    for i in marked:
        if group and i - group[0] >= WINDOW_SENTENCES:
            windows.append((sentences[group[0]][0], sentences[group[-1]][1]))
            group = []
        group.append(i)
    if group:
        windows.append((sentences[group[0]][0], sentences[group[-1]][1]))
    return [_trimmed(text, s, e) for s, e in windows]


def _count_phrase(label: str, n: int) -> str:
    if n == 1:
        return label
    plural = _PLURALS.get(label)
    return f"{n} {plural}" if plural else f"{label} ×{n}"


def summarise(markers: Iterable[Marker], shared: Sequence[SharedSpan] = ()) -> tuple[float, str]:
    """A passage's score and its one-line why, in one pass over its markers.

    Score: per device (kind and label), the kind's weight with diminishing returns for repeats, plus a bonus per
    extra kind. Why: the devices, strongest first, then "also in N other articles" when other articles repeat it.
    """
    counts: dict[tuple[str, str], int] = {}
    names: list[str] = []
    for marker in markers:
        label = marker.why.partition(":")[0].strip() or marker.kind
        key = (marker.kind, label)
        counts[key] = counts.get(key, 0) + 1
        if marker.kind == "naming" and marker.text not in names:
            names.append(marker.text)
    total = sum(WEIGHTS.get(kind, 1.0) * min(2.0, 1 + REPEAT_FACTOR * (n - 1)) for (kind, _), n in counts.items())
    kinds = {kind for kind, _ in counts}
    parts: list[tuple[float, str]] = []
    for (kind, label), n in counts.items():
        if kind == "attribution_to_opponent":
            parts.append((WEIGHTS[kind], label))
        elif kind not in ("naming", "boilerplate"):
            parts.append((WEIGHTS.get(kind, 1.0) * (1 + 0.01 * n), _count_phrase(label, n)))
    if names:
        parts.append((WEIGHTS["naming"], "names: " + ", ".join(names[:3]) + ("…" if len(names) > 3 else "")))
    parts.sort(key=lambda p: -p[0])
    phrases = [p for _, p in parts[: MAX_WHY_PARTS - 1]]
    others = {o for s in shared for o in s.shared_with}
    if others:
        phrases.append(f"also in {len(others)} other article{'s' if len(others) > 1 else ''}")
    return round(total + VARIETY_BONUS * max(0, len(kinds) - 1), 2), " · ".join(phrases)


def score(markers: Iterable[Marker]) -> float:
    """The passage score (see :func:`summarise`)."""
    return summarise(markers)[0]


def why(markers: Sequence[Marker], shared: Sequence[SharedSpan] = ()) -> str:
    """One line naming the devices of a passage, strongest first (``2 scare quotes · names: Kiev · also in ...``)."""
    return summarise(markers, shared)[1]


def boilerplate_markers(text: str, shared: Iterable[SharedSpan]) -> list[Marker]:
    """A ``boilerplate`` marker for each paragraph other articles repeat, naming how many and (when known) where."""
    markers = []
    for span in shared:
        n = len(span.shared_with)
        where = f" ({', '.join(span.outlets[:3])})" if span.outlets else ""
        markers.append(
            Marker(
                "boilerplate",
                span.start,
                span.end,
                text[span.start : span.end],
                f"repeated paragraph: also in {n} other article{'s' if n != 1 else ''}{where}",
            )
        )
    return markers


def group_passages(
    text: str,
    markers: Sequence[Marker],
    *,
    furniture: Sequence[tuple[int, int]] = (),
    shared: Sequence[SharedSpan] = (),
) -> list[Passage]:
    """Group ``markers`` into passages, best first.

    ``shared`` are the paragraphs other articles repeat (their ``boilerplate`` markers should be among ``markers``);
    they give the passage its "also in N other articles". A passage never spans page furniture.
    """
    passages = []
    pending = sorted(markers, key=lambda m: m.start)
    i = 0
    for start, end in units(text, furniture):
        while i < len(pending) and pending[i].start < start:
            i += 1
        inside = []
        while i < len(pending) and pending[i].start < end:
            if pending[i].end <= end:
                inside.append(pending[i])
            i += 1
        if not inside:
            continue
        windows = [(start, end)]
        if end - start > MAX_PASSAGE_CHARS and not any(m.kind == "boilerplate" for m in inside):
            windows = _sentence_windows(text, start, end, inside)
        for ws, we in windows:
            chosen = [m for m in inside if ws <= m.start and m.end <= we] or inside
            ws, we = min(ws, *(m.start for m in chosen)), max(we, *(m.end for m in chosen))
            here = [s for s in shared if s.start < we and ws < s.end] if shared else []
            passage_score, passage_why = summarise(chosen, here)
            passages.append(Passage(ws, we, text[ws:we], passage_score, passage_why, list(chosen)))
    passages.sort(key=lambda p: (-p.score, p.start))
    return passages


def with_boilerplate(
    text: str, analysis: Analysis, shared: Sequence[SharedSpan], furniture: Sequence[tuple[int, int]] = ()
) -> Analysis:
    """The analysis with ``boilerplate`` markers for ``shared`` paragraphs and its passages regrouped around them."""
    markers = [m for m in analysis.markers if m.kind != "boilerplate"] + boilerplate_markers(text, shared)
    markers.sort(key=lambda m: (m.start, m.end))
    return replace(analysis, markers=markers, passages=group_passages(text, markers, furniture=furniture, shared=shared))


def shared_in_batch(batch: Sequence[tuple[Article, Analysis, str]]) -> list[tuple[Analysis, list[SharedSpan]]]:
    """Boilerplate among the articles of one batch (``(article, analysis, path)`` each), without a database: each
    analysis gains its boilerplate markers and passages, with the repeated paragraphs named by path (or by article
    id when several articles come from one path)."""
    if len(batch) < 2:
        return [(analysis, []) for _, analysis, _ in batch]
    from provenance.extract.boilerplate import shared_among

    paths = [article.origin or path for article, _, path in batch]
    keys = [p if paths.count(p) == 1 else article.id for p, (article, _, _) in zip(paths, batch)]
    furniture = [[(m.start, m.end) for m in article.marks_of("furniture")] for article, _, _ in batch]
    shared = shared_among(keys, [article.text for article, _, _ in batch], furniture)
    return [
        (with_boilerplate(article.text, analysis, shared[key], furniture[i]) if shared[key] else analysis, shared[key])
        for i, (key, (article, analysis, _)) in enumerate(zip(keys, batch))
    ]
