"""Extraction speed: median milliseconds per 3 KB article, for the URL and outlet pass and for the whole pipeline.

Target: median <= 1 ms per 3 KB article, so that ingest stays above 1,000 articles/s.

    python benchmarks/extract.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

from provenance.corpus.readers import read_path
from provenance.extract.anonymous import find_anonymous
from provenance.extract.attribution import find_attributions
from provenance.extract.framing import find_markers
from provenance.extract.outlets import find_outlets, matcher_for
from provenance.extract.pipeline import analyse
from provenance.extract.registry import default_registry
from provenance.extract.urls import find_urls

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIZE = 3 * 1024


def articles() -> list:
    """The seed articles, each cut or repeated to about 3 KB."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = next(iter(read_path(path)))
        text = article.text
        while len(text.encode("utf-8")) < SIZE:
            text += "\n\n" + article.text
        article.text = text.encode("utf-8")[:SIZE].decode("utf-8", "ignore")
        article.marks = [m for m in article.marks if m.end <= len(article.text)]
        found.append(article)
    return found


def distinct_copies(items: list, repeat: int) -> list:
    """``repeat`` copies of every article, each text made unique by a trailing line: the extractors keep the folded
    text and the cue matches of the last few texts, which must not be reused from one call to the next."""
    return [replace(item, text=f"{item.text}\n{n}", id="") for n in range(repeat) for item in items]


def median_ms(function, items: list, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds per call (CPU time is what counts on a machine shared with others)."""
    wall, cpu = [], []
    for item in distinct_copies(items, repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        function(item)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    registry = default_registry()
    start = time.perf_counter()
    matcher_for(registry)
    build_ms = (time.perf_counter() - start) * 1000
    names = sum(len(o.names) for o in registry.outlets)
    print(f"registry: {len(registry)} outlets, {names} names; matcher built in {build_ms:.1f} ms")
    items = articles()
    for article in items:  # warm caches (domain lookups, lexicons)
        analyse(article, registry=registry)
    repeat = args.repeat
    stages = {
        "baseline": lambda a: a.text.split(),  # a C-speed pass over the text: scales the other numbers
        "urls": lambda a: find_urls(a.text, links=a.marks_of("link")),
        "outlets": lambda a: find_outlets(a.text, registry, language=a.language),
        "attribution": lambda a: find_attributions(a.text, a.language, find_outlets(a.text, registry)),
        "anonymous": lambda a: find_anonymous(a.text, a.language),
        "framing": lambda a: find_markers(a.text, a.language, sources=[]),
        "pipeline": lambda a: analyse(a, registry=registry),
    }
    for label, function in stages.items():
        wall, cpu = median_ms(function, items, repeat if label != "pipeline" else max(repeat // 4, 10))
        print(f"{label + ':':<13} median {wall:.3f} ms wall, {cpu:.3f} ms CPU per 3 KB article"
              f" ({1000 / max(cpu, 1e-6):.0f} articles/s of CPU)")
    print("(attribution includes one outlet pass, as in the pipeline; framing without sources)")

if __name__ == "__main__":
    main()
