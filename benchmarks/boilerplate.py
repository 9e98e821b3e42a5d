"""Cross-article boilerplate on a generated corpus: precision, recall, indexing speed, and the cost of one more article.

A corpus of N articles (default 10,000) is made of random paragraphs plus planted ones: each planted paragraph is
copied into 2–6 articles, every copy with up to three small edits (a word replaced, dropped or inserted, punctuation
changed). Some articles also reuse a single sentence of a planted paragraph inside an otherwise new paragraph: a
near miss that must not count as the same paragraph. The corpus is indexed into a fresh database in batches, as
ingest does; then one more article is added and timed.

Run: python benchmarks/boilerplate.py [--articles 10000] [--seed 7]
Also prints the framing cost (markers + passages) per article on the seeds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.corpus.article import Article  # noqa: E402
from provenance.extract.boilerplate import MIN_WORDS  # noqa: E402
from provenance.store import articles as stored_articles  # noqa: E402
from provenance.store.boilerplate import index_articles, shared_spans  # noqa: E402
from provenance.store.db import open_db  # noqa: E402

SYLLABLES = "ka lo mi ne ru ta se vo di pa gu re an el os um ir ba co fe".split()


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def sentence(rng: random.Random, vocab: list[str], weights: list[float]) -> str:
    words = rng.choices(vocab, weights=weights, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, vocab: list[str], weights: list[float]) -> str:
    return " ".join(sentence(rng, vocab, weights) for _ in range(rng.randint(3, 5)))


def edit(rng: random.Random, text: str, vocab: list[str]) -> str:
    """Up to three small edits: replace, drop or insert a word, or change punctuation."""
    words = text.split()
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(len(words))
        action = rng.choice(("replace", "drop", "insert", "punct"))
        if action == "replace":
            words[i] = rng.choice(vocab)
        elif action == "drop" and len(words) > 30:
            del words[i]
        elif action == "insert":
            words.insert(i, rng.choice(vocab))
        else:
            words[i] = words[i].rstrip(".,") + rng.choice((",", ";", ""))
    return " ".join(words)


def corpus(n: int, seed: int) -> tuple[list[Article], dict[tuple[str, int], int]]:
    """The articles, and the truth: (article id, paragraph start) → planted paragraph number."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    weights = [1 / (rank + 10) for rank in range(len(vocab))]
    planted = [paragraph(rng, vocab, weights) for _ in range(max(10, n // 20))]
    placements: dict[int, list[int]] = {}
    for index in range(len(planted)):
        for article in rng.sample(range(n), rng.randint(2, 6)):
            placements.setdefault(article, []).append(index)
    articles: list[Article] = []
    truth: dict[tuple[str, int], int] = {}
    for a in range(n):
        parts: list[tuple[str, int]] = [(paragraph(rng, vocab, weights), -1) for _ in range(rng.randint(4, 8))]
        for index in placements.get(a, []):
            parts.insert(rng.randrange(len(parts) + 1), (edit(rng, planted[index], vocab), index))
        if rng.random() < 0.1:  # near miss: one sentence of a planted paragraph inside a new paragraph
            borrowed = rng.choice(planted).split(". ")[0] + "."
            parts.insert(rng.randrange(len(parts) + 1), (borrowed + " " + paragraph(rng, vocab, weights), -1))
        text = f"Title {a}\n\n" + "\n\n".join(p for p, _ in parts)
        article = Article(text=text, title=f"Title {a}", publisher_domain=f"outlet{a % 37}.example")
        position = len(f"Title {a}\n\n")
        for body, index in parts:
            if index >= 0:
                truth[(article.id, position)] = index
            position += len(body) + 2
        articles.append(article)
    return articles, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    articles, truth = corpus(args.articles + 5, args.seed)
    extras, articles = articles[-5:], articles[:-5]
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "bench.db")
        stored = indexing = 0.0
        for i in range(0, len(articles), args.batch):
            chunk = articles[i : i + args.batch]
            with db.atomic():
                started = time.process_time()
                stored_articles.add_articles(db, chunk)
                middle = time.process_time()
                index_articles(db, chunk)
                stored += middle - started
                indexing += time.process_time() - middle
        print(f"stored {len(articles):,} articles: {stored / len(articles) * 1000:.3f} ms CPU per article to store, "
              f"{indexing / len(articles) * 1000:.3f} ms CPU per article to index (batches of {args.batch})")

        # Truth counts only planted paragraphs that at least one other stored article carries.
        stored_ids = {a.id for a in articles}
        carriers: dict[int, set[str]] = {}
        for (article_id, _), index in truth.items():
            if article_id in stored_ids:
                carriers.setdefault(index, set()).add(article_id)
        # Paragraphs under MIN_WORDS words are not candidates by design (datelines, captions); they are left out.
        texts = {a.id: a.text for a in articles}
        eligible = {
            key
            for key, index in truth.items()
            if key[0] in stored_ids and len(carriers.get(index, ())) > 1
        }
        expected = {
            (article_id, start)
            for article_id, start in eligible
            if len(texts[article_id][start:].split("\n\n", 1)[0].split()) >= MIN_WORDS
        }
        detected = {(a.id, span.start) for a in articles for span in shared_spans(db, a.id)}
        correct = detected & expected
        precision = len(correct) / len(detected) if detected else 1.0
        recall = len(correct) / len(expected) if expected else 1.0
        print(f"paragraphs: {len(expected):,} planted copies of {MIN_WORDS}+ words ({len(eligible) - len(expected)} "
              f"shorter ones left out), {len(detected):,} detected; "
              f"precision {precision:.3f}, recall {recall:.3f}")

        timings = []
        for article in extras:
            with db.atomic():
                stored_articles.add_articles(db, [article])
            started, cpu = time.perf_counter(), time.process_time()
            with db.atomic():
                index_articles(db, [article])
            timings.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000))
        wall = statistics.median(t for t, _ in timings)
        cpu_ms = statistics.median(c for _, c in timings)
        repeated = sum(len(shared_spans(db, a.id)) for a in extras)
        print(f"adding one article to {len(articles):,} (5 times): median {wall:.1f} ms wall, {cpu_ms:.1f} ms CPU "
              f"({repeated} of their paragraphs repeated elsewhere)")

    framing_cost()


def framing_cost() -> None:
    """Markers + passages per seed article, the per-article work ingest adds for framing."""
    from provenance.corpus.readers import read_path
    from provenance.extract.framing import find_markers
    from provenance.extract.passages import group_passages

    seeds = [next(iter(read_path(p))) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for article in seeds:  # warm the lexicon and automaton caches
        find_markers(article.text, article.language)
    rounds = 200
    started = time.process_time()
    for _ in range(rounds):
        for article in seeds:
            furniture = [(m.start, m.end) for m in article.marks_of("furniture")]
            group_passages(article.text, find_markers(article.text, article.language, furniture=furniture),
                           furniture=furniture)
    per_article = (time.process_time() - started) / (rounds * len(seeds)) * 1000
    kb = statistics.mean(len(a.text.encode("utf-8")) for a in seeds) / 1024
    baseline = min(_loop_baseline() for _ in range(5))
    print(f"framing markers + passages: {per_article:.3f} ms CPU per article (seeds, mean {kb:.1f} KB); "
          f"machine baseline sum(range(10**5)): {baseline:.2f} ms")


def _loop_baseline() -> float:
    started = time.process_time()
    sum(range(10**5))
    return (time.process_time() - started) * 1000


if __name__ == "__main__":
    main()
