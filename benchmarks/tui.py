"""Annotator latency and start-up, on the 5 seeds and on a 100,000-article database.

    python benchmarks/tui.py                 # builds /tmp/provenance-bench-100k.db once (a few minutes), then measures
    python benchmarks/tui.py --articles 20000 --cache /tmp/bench-20k.db

Keypress latency is measured from the key's handler to the next frame rendered (the handler commits the label,
opens the next article when the last field is set, then the screen's pending messages, layout and render run).
Start-up is measured from before the process is spawned to the first article rendered, with the peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"


def ingest_seeds(db) -> list:  # noqa: ANN001
    """Ingest the seeds; returns their articles (with analyses) to use as templates."""
    from provenance.ingest import ingest_paths

    ingest_paths(db, [SEEDS])


def build_large(path: Path, n: int) -> None:
    """``n`` articles made from the seeds (each with a numbered closing line, so ids differ), their sources, and
    labels by two other annotators on a fifth of them."""
    from provenance.corpus.article import Article
    from provenance.store.analysis import load_passages, load_sources, save_many
    from provenance.store.articles import add_articles, get_article, iter_article_ids
    from provenance.store.db import checkpoint, open_db
    from provenance.extract.spans import Analysis

    tmp = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    db = open_db(tmp)
    seed_db = open_db(memory=True)
    ingest_seeds(seed_db)
    templates = []
    for article_id in iter_article_ids(seed_db):
        article = get_article(seed_db, article_id)
        analysis = Analysis(
            sources=load_sources(seed_db, article_id), passages=[p for _, p in load_passages(seed_db, article_id)]
        )
        templates.append((article, analysis))
    started = time.perf_counter()
    batch = 5000
    for first in range(0, n, batch):
        articles, analyses = [], []
        for i in range(first, min(first + batch, n)):
            template, analysis = templates[i % len(templates)]
            article = Article(
                text=f"{template.text}\n\nArticle {i} of the benchmark corpus.",
                title=f"{template.title} ({i})",
                publisher_domain=f"outlet{i % 400}.example",
                byline=template.byline,
                published=f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}",
                language=("fr", "en", "de", "nl")[i % 4],
                format="text",
                marks=list(template.marks),
            )
            articles.append(article)
            analyses.append((article.id, analysis))
        with db.atomic():
            add_articles(db, articles)
            save_many(db, analyses)
        print(f"  {first + len(articles)} articles ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    rows = []
    from provenance.store.labels import now_iso

    ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE rowid % 5 = 0")]
    for k, article_id in enumerate(ids):
        for annotator in ("ann-a", "ann-b"):
            for field, value in (("outlet", "Outlet"), ("stance", ("neutral", "unclear")[k % 2 if annotator == "ann-b" else 0]),
                                 ("reliability", "3"), ("origin", "original")):
                rows.append((f"{annotator}-{k}-{field}", article_id, annotator, field, value, "", "set", "", now_iso()))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO label_events (id, article_id, annotator, field, value, target, action, undoes, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    checkpoint(db)
    db.close()
    tmp.rename(path)
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


async def keypress_latencies(
    db_path: Path, annotators: int, articles: int, cpu_samples: list[float]
) -> list[float]:
    """Seconds per digit keypress (wall clock; the CPU time of the UI thread goes to ``cpu_samples``), labelling
    ``articles`` articles for each of ``annotators`` new annotators. On a shared machine the wall clock includes
    waiting for a core; the CPU time is what the keypress itself costs."""
    from provenance.scheme import default_scheme
    from provenance.store.db import open_db
    from provenance.tui.app import build_app

    samples: list[float] = []
    for round_ in range(annotators):
        db = open_db(db_path)
        # Each run starts at a random place, so repeated runs on the cached corpus do not pile labels on the
        # same few articles.
        count = db.execute("SELECT count(*) FROM queue_order").fetchone()[0]
        start = db.execute(
            "SELECT article_id FROM queue_order ORDER BY seq LIMIT 1 OFFSET ?",
            [random.randrange(max(count - articles, 1))],
        ).fetchone()[0]
        app = build_app(db, annotator=f"bench-{os.getpid()}-{round_}", scheme=default_scheme(), start_article=start)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.article_screen
            for number in range(articles):
                if app.session.active == "outlet":  # no suggestion (most seeds): type the outlet first, untimed
                    app.session.set_text("outlet", "Bench outlet")
                    screen.refresh_bar()
                    await pilot.pause()
                for key in "241":
                    started, cpu = time.perf_counter(), time.thread_time()
                    screen.action_choose(key)
                    await pilot._wait_for_screen()
                    app.screen._on_timer_update()
                    if number:  # the first article of each run warms the caches
                        samples.append(time.perf_counter() - started)
                        cpu_samples.append(time.thread_time() - cpu)
                    await asyncio.sleep(0)
        db.close()
    return samples


def summary(name: str, samples: list[float], cpu: list[float]) -> float:
    ms = sorted(s * 1000 for s in samples)
    cpu_ms = sorted(s * 1000 for s in cpu)
    median = statistics.median(ms)
    p95 = ms[int(len(ms) * 0.95) - 1]
    print(
        f"{name}: keypress → committed + next frame: median {median:.1f} ms, p95 {p95:.1f} ms"
        f" (CPU: median {statistics.median(cpu_ms):.1f} ms, p95 {cpu_ms[int(len(cpu_ms) * 0.95) - 1]:.1f} ms; n={len(ms)})"
    )
    return median


CHILD = """
import os, resource, sys, time
from provenance.scheme import default_scheme
from provenance.store.db import open_db
from provenance.tui.app import build_app

app = build_app(open_db(sys.argv[1]), annotator="startup", scheme=default_scheme())

def shown():
    elapsed = time.time() - float(os.environ["BENCH_T0"])
    status = open("/proc/self/status").read() if os.path.exists("/proc/self/status") else ""
    hwm = [l for l in status.splitlines() if l.startswith("VmHWM:")]
    rss = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.3f} {rss:.0f} {time.process_time():.3f} {app.session.current().article.id}")
    app.exit()

def check():
    if app.session.shown is not None and app.screen is app.article_screen:
        app.call_after_refresh(shown)
        timer.stop()

timer = None
def start():
    global timer
    timer = app.set_interval(0.005, check)
app.call_later(start)
app.run(headless=True, size=(80, 24))
"""


def startup(db_path: Path, runs: int = 3) -> None:
    results = []
    for _ in range(runs):
        env = dict(os.environ, BENCH_T0=repr(time.time()))
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(db_path)], capture_output=True, text=True, env=env, cwd=ROOT, check=True
        ).stdout.split()
        results.append((float(out[0]), float(out[1]), float(out[2])))
    best = min(r[0] for r in results)
    rss = max(r[1] for r in results)
    cpu = min(r[2] for r in results)
    print(f"start-up → first article on screen: best {best:.2f} s, median {statistics.median(r[0] for r in results):.2f} s"
          f" (CPU {cpu:.2f} s), peak RSS {rss:.0f} MB ({db_path.name})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "provenance-bench-100k.db")
    args = parser.parse_args()

    from provenance.store.db import open_db

    with tempfile.TemporaryDirectory() as tmp:
        seeds_db = Path(tmp) / "seeds.db"
        db = open_db(seeds_db)
        ingest_seeds(db)
        db.close()
        cpu: list[float] = []
        small = summary("5 seeds", asyncio.run(keypress_latencies(seeds_db, 4, 5, cpu)), cpu)

        if not args.cache.exists():
            print(f"building {args.articles} articles in {args.cache} …", file=sys.stderr)
            build_large(args.cache, args.articles)
        large_copy = args.cache  # the keypress run labels as a new annotator: the cached corpus stays usable
        cpu = []
        large = summary(f"{args.articles} articles", asyncio.run(keypress_latencies(large_copy, 1, 20, cpu)), cpu)
        print(f"ratio large/seeds (median wall clock): {large / small:.2f}")
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        startup(large_copy)
        startup(seeds_db, runs=1)


if __name__ == "__main__":
    main()
