"""Acceptance on seeds/: everything the careful reader of seeds-gold.json found is found, with at most one false
positive of each kind per article.

Each field of the gold file is one entry in :data:`FIELDS`: how to list what the extractor found for that field, and
when a found item matches a gold item. Adding a field is adding one entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from provenance.corpus.readers import read_path
from provenance.corpus.text import fold
from provenance.extract.pipeline import analyse
from provenance.extract.spans import Source, check_offsets

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = (ROOT.parent / "shared" / "acceptance" / "seeds-gold.json", Path(__file__).parent / "seeds-gold.json")
GOLD = json.loads(next(p for p in GOLD_FILES if p.exists()).read_text(encoding="utf-8"))
ARTICLES = GOLD["articles"]
MAX_FALSE_POSITIVES = 1


def _norm(text: str) -> str:
    return " ".join(fold(text).casefold().split())


@dataclass(frozen=True)
class Field:
    """``found`` lists the extractor's items for the field; ``matches(gold_item, found_item)`` pairs them;
    ``distinct`` (optional) says what one false positive is, so that several mentions of it count once."""

    found: Callable[[list[Source]], list]
    matches: Callable[[object, object], bool]
    distinct: Callable[[object], object] | None = None


def _urls(sources: list[Source]) -> list[Source]:
    return [s for s in sources if s.kind == "url" and s.role != "internal"]


def _cited(sources: list[Source]) -> list[Source]:
    return [s for s in sources if s.kind == "outlet" or (s.kind == "url" and s.outlet)]


FIELDS: dict[str, Field] = {
    "urls": Field(
        found=lambda sources: [s.text for s in _urls(sources)],
        matches=lambda gold, found: _norm(gold) == _norm(found),
    ),
    "link_domains": Field(
        found=lambda sources: sorted({s.domain for s in _urls(sources)}),
        matches=lambda gold, found: gold == found,
    ),
    "cited_outlets": Field(
        found=lambda sources: _cited(sources),
        matches=lambda gold, found: gold["domain"] == found.domain and _norm(gold["name"]) in _norm(found.text),
        distinct=lambda found: found.domain,
    ),
}
"""Gold field → how it is checked. A false positive of ``cited_outlets`` is a cited domain absent from the gold."""


@cache
def _sources(file: str) -> tuple[str, tuple[Source, ...]]:
    (article,) = list(read_path(ROOT / file))
    return article.text, tuple(analyse(article).sources)


def _ids(entry: dict) -> str:
    return Path(entry["file"]).name[:3]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("entry", ARTICLES, ids=_ids)
def test_every_gold_item_is_found(entry: dict, field: str) -> None:
    _text, sources = _sources(entry["file"])
    found = FIELDS[field].found(list(sources))
    missing = [gold for gold in entry.get(field, []) if not any(FIELDS[field].matches(gold, f) for f in found)]
    assert not missing, f"{entry['file']}: {field} not found: {missing}"


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("entry", ARTICLES, ids=_ids)
def test_at_most_one_false_positive(entry: dict, field: str) -> None:
    _text, sources = _sources(entry["file"])
    spec = FIELDS[field]
    gold = entry.get(field, [])
    found = spec.found(list(sources))
    extra = [f for f in found if not any(spec.matches(g, f) for g in gold)]
    if spec.distinct is not None:  # one outlet named three times is one false positive; a gold one is none
        matched = {spec.distinct(f) for f in found if any(spec.matches(g, f) for g in gold)}
        extra = sorted({spec.distinct(f) for f in extra} - matched, key=str)
    assert len(extra) <= MAX_FALSE_POSITIVES, f"{entry['file']}: {field} false positives: {extra}"


@pytest.mark.parametrize("entry", ARTICLES, ids=_ids)
def test_offsets_hold_on_seeds(entry: dict) -> None:
    text, sources = _sources(entry["file"])
    assert sources
    assert not check_offsets(text, list(sources))
