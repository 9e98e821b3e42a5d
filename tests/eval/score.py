"""Precision and recall of the attribution and anonymous-sourcing extractors on the pinned evaluation set.

Matching rules (the same as for the seed articles):

- an attribution found matches a gold speaker when the found speaker span contains the gold core span and is at
  most ``SLACK`` characters longer (so a whole sentence does not "contain" every name in it); it counts for its
  kind only when the kinds agree;
- an anonymous span found matches a gold anonymous phrase when the two overlap.

Run ``python -m tests.eval.score`` for the table.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from provenance.extract.anonymous import find_anonymous
from provenance.extract.attribution import find_attributions
from provenance.extract.spans import Source

HERE = Path(__file__).parent
LANGUAGES = ("fr", "en", "de")
KINDS = ("person", "organization", "outlet", "anonymous")
SLACK = 60


def load(language: str) -> list[dict]:
    with (HERE / f"{language}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def outlet_sources(document: dict) -> list[Source]:
    """The outlet mentions of a document, as the outlet registry would hand them to the attribution extractor."""
    return [
        Source(kind="outlet", text=o["text"], start=o["start"], end=o["end"], outlet=o["kind"])
        for o in document["outlets"]
    ]


def contains(found: Source, gold: dict) -> bool:
    return (
        found.start <= gold["start"]
        and gold["end"] <= found.end
        and (found.end - found.start) <= (gold["end"] - gold["start"]) + SLACK
    )


def overlaps(found: Source, gold: dict) -> bool:
    return found.start < gold["end"] and gold["start"] < found.end


def score(language: str, documents: list[dict] | None = None) -> dict[str, Counter]:
    """Counts per layer: ``attribution``, ``attribution:<kind>``, ``anonymous``; each a Counter of tp_found,
    found, tp_gold, gold."""
    counts: dict[str, Counter] = {}
    for document in documents if documents is not None else load(language):
        text = document["text"]
        found = find_attributions(text, language, outlet_sources(document))
        gold = document["speakers"]
        _count(counts.setdefault("attribution", Counter()), found, gold, contains)
        for kind in KINDS:
            _count(
                counts.setdefault(f"attribution:{kind}", Counter()),
                [f for f in found if f.kind == kind],
                [g for g in gold if g["kind"] == kind],
                lambda f, g: contains(f, g) and f.kind == g["kind"],
                pool_found=found,
                pool_gold=gold,
            )
        anonymous = find_anonymous(text, language)
        _count(counts.setdefault("anonymous", Counter()), anonymous, document["anonymous"], overlaps)
    return counts


def _count(counter: Counter, found, gold, match, pool_found=None, pool_gold=None) -> None:
    """Precision counts found items (of the kind) matching any gold item; recall counts gold items (of the kind)
    matched by any found item of the same kind."""
    counter["found"] += len(found)
    counter["gold"] += len(gold)
    counter["tp_found"] += sum(1 for f in found if any(match(f, g) for g in (pool_gold or gold)))
    counter["tp_gold"] += sum(1 for g in gold if any(match(f, g) for f in (pool_found or found)))


def precision(counter: Counter) -> float:
    return counter["tp_found"] / counter["found"] if counter["found"] else 1.0


def recall(counter: Counter) -> float:
    return counter["tp_gold"] / counter["gold"] if counter["gold"] else 1.0


def main() -> None:
    for language in LANGUAGES:
        documents = load(language)
        print(f"{language}: {len(documents)} documents")
        for layer, counter in score(language, documents).items():
            print(
                f"  {layer:24} P={precision(counter):.3f} R={recall(counter):.3f} "
                f"(found {counter['found']}, gold {counter['gold']})"
            )


if __name__ == "__main__":
    main()
