"""Precision and recall of the URL and outlet extractors on hand-written news snippets in French, English and German.

``outlets_cases.jsonl`` holds one snippet per line with the outlet mentions and URLs a careful reader marks
(``"le journal"`` counts when it stands for an outlet), and snippets where nothing must be found (``Time is running
out``, ``la TVA``, ``Die Zeit drängt``). A found span matches a gold one when they overlap (URLs: and the domain
agrees). Run ``python -m tests.eval.outlets_score`` for the table.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from provenance.extract.outlets import find_outlets
from provenance.extract.registry import Registry, default_registry
from provenance.extract.urls import find_urls

CASES = Path(__file__).parent / "outlets_cases.jsonl"
LANGUAGES = ("fr", "en", "de")


def load() -> list[dict]:
    with CASES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _overlap(a, b: dict) -> bool:
    return a.start < b["end"] and b["start"] < a.end


def score(registry: Registry | None = None) -> dict[tuple[str, str], Counter]:
    """Counters of tp/fp/fn per (language, layer) with layer ``outlets`` or ``urls``."""
    registry = registry if registry is not None else default_registry()
    counts: dict[tuple[str, str], Counter] = {}
    for case in load():
        text, language = case["text"], case["language"]
        for layer, found in (
            ("outlets", find_outlets(text, registry, language=language)),
            ("urls", find_urls(text)),
        ):
            gold = case[layer]
            count = counts.setdefault((language, layer), Counter())

            def agrees(f, g: dict, layer: str = layer) -> bool:
                return _overlap(f, g) and (layer != "urls" or f.domain == g["domain"])

            count["tp"] += sum(1 for g in gold if any(agrees(f, g) for f in found))
            count["fn"] += sum(1 for g in gold if not any(agrees(f, g) for f in found))
            count["fp"] += sum(1 for f in found if not any(agrees(f, g) for g in gold))
    return counts


def precision_recall(count: Counter) -> tuple[float, float]:
    found = count["tp"] + count["fp"]
    gold = count["tp"] + count["fn"]
    return (count["tp"] / found if found else 1.0, count["tp"] / gold if gold else 1.0)


def main() -> None:
    counts = score()
    print(f"{'language':<9}{'layer':<9}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}")
    for (language, layer), count in sorted(counts.items()):
        precision, recall = precision_recall(count)
        print(f"{language:<9}{layer:<9}{count['tp']:>4}{count['fp']:>4}{count['fn']:>4}{precision:>11.2f}{recall:>8.2f}")


if __name__ == "__main__":
    main()
