"""Timing of the attribution and anonymous-sourcing extractors: milliseconds per 3 KB of article text.

Run ``python benchmarks/extract_attribution.py``. Prints the one-off cost of compiling the three lexicons, then the
median and 90th percentile per 3 KB over the seed articles and the evaluation set (each article made distinct so
no cache helps), and the same figure for a plain ``\\w+`` scan of the text as a yardstick for the machine's speed.
Times are CPU time of this process, so that other work on a shared machine does not count.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.corpus.text import normalise_newlines  # noqa: E402
from provenance.extract.anonymous import find_anonymous  # noqa: E402
from provenance.extract.attribution import find_attributions  # noqa: E402
from provenance.extract.lexicon import LANGUAGES, get_lexicon  # noqa: E402

ROUNDS = 9


def corpus() -> list[tuple[str, str]]:
    articles = [("fr", normalise_newlines(p.read_text(encoding="utf-8"))) for p in sorted((ROOT / "seeds").glob("*"))]
    for language in LANGUAGES:
        path = ROOT / "tests" / "eval" / f"{language}.jsonl"
        documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        # glue evaluation documents into article-sized texts (about 3 KB)
        text = ""
        for document in documents:
            text += document["text"] + "\n\n"
            if len(text) >= 3000:
                articles.append((language, text))
                text = ""
    return articles


def measure(articles) -> tuple[list[float], list[float]]:
    """Milliseconds per 3 KB for the extractors and for the yardstick, timed back to back on each article so that
    a busy machine slows both alike."""
    words = re.compile(r"\w+")
    extract, yardstick = [], []
    for round_number in range(ROUNDS):
        for language, text in articles:
            text = text + " " * (round_number + 1)  # a new string: no cached result is reused
            scale = 1000 * 3000 / len(text)
            start = time.process_time()
            find_attributions(text, language)
            find_anonymous(text, language)
            middle = time.process_time()
            words.findall(text)
            end = time.process_time()
            extract.append((middle - start) * scale)
            yardstick.append((end - middle) * scale)
    return extract, yardstick


def main() -> None:
    start = time.process_time()
    for language in LANGUAGES:
        get_lexicon(language)
    print(f"compile lexicons (fr, en, de): {time.process_time() - start:.3f} s")
    articles = corpus()
    print(f"articles: {len(articles)}, mean size {statistics.mean(len(t) for _, t in articles):.0f} characters")
    seeds = [a for a in articles[:5]]
    for label, group in (("seed articles", seeds), ("evaluation set (dense in cues)", articles[5:])):
        extract, yardstick = measure(group)
        print(label)
        for name, values in (("attributions + anonymous", extract), ("\\w+ scan (yardstick)", yardstick)):
            decile = statistics.quantiles(values, n=10)[-1]
            print(f"  {name:26} median {statistics.median(values):.3f} ms/3KB   p90 {decile:.3f} ms/3KB")
        ratios = [a / b for a, b in zip(extract, yardstick) if b > 0]
        print(f"  median ratio to yardstick: {statistics.median(ratios):.1f}")


if __name__ == "__main__":
    main()
