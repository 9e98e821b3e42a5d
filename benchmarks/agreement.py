"""How long ``provenance agreement`` takes over a label-heavy database (target: a few seconds at 100,000 articles and
about a million label events).

Builds (once, then reuses) the synthetic corpus of ``benchmarks/compare.py`` and has every article labelled by one
to four of eight annotators: changed minds, cleared and undone labels, rulings (some by an annotator of the article,
some withdrawn) and skips. Statistics are gathered afterwards as that builder does, so the planner sees a log whose
``undoes`` column is nearly all empty. compute_agreement then runs in a fresh process, which reports its seconds and
its peak resident memory.

    python benchmarks/agreement.py                 # 100,000 articles
    python benchmarks/agreement.py --articles 20000 --db /tmp/small.db
    python benchmarks/agreement.py --db /tmp/tui-scale.db      # an existing database, read as it is
"""

from __future__ import annotations

import argparse
import calendar
import multiprocessing
import os
import random
import resource
import sqlite3
import time
import uuid
from pathlib import Path

from compare import OUTLETS, build

from provenance.analysis.agreement import compute_agreement
from provenance.scheme import default_scheme
from provenance.store import open_db

ANNOTATORS = [f"ann{i}" for i in range(1, 9)]
ADJUDICATOR = "ann1"
"""Rules on some articles it labelled itself: its ruling then hides its own label from the trigger-kept state."""
VALUES = {
    "stance": ["pro-ukraine", "neutral", "pro-russia", "unclear"],
    "reliability": ["1", "2", "3", "4", "5"],
    "origin": ["original", "rewrite", "translation", "official", "opinion"],
}
T0 = calendar.timegm((2026, 2, 1, 0, 0, 0))


def _at(second: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(T0 + second)) + ".000000+00:00"


def _guess(rng: random.Random, field_: str, truth: str) -> str:
    """What an annotator gives: mostly the article's true value, a neighbour or any value otherwise."""
    if field_ == "outlet":
        return truth if rng.random() < 0.97 else rng.choice(OUTLETS)[1]
    roll = rng.random()
    if roll < 0.75:
        return truth
    if field_ == "reliability" and roll < 0.92:
        return str(min(5, max(1, int(truth) + rng.choice((-1, 1)))))
    return rng.choice(VALUES[field_])


def add_labels(path: Path, seed: int = 11) -> None:
    """Label every article of the corpus as a team of annotators would over a few months, then gather statistics."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    # Without this, the trigger that keeps each label's state would scan the whole log for undos at every insert.
    conn.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'label_events'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    names = dict(OUTLETS)
    rng = random.Random(seed)
    t0 = time.perf_counter()
    articles = conn.execute("SELECT id, publisher_domain FROM articles ORDER BY rowid").fetchall()
    clock = 0
    events: list[tuple] = []

    def event(article: str, who: str, field_: str, value: str = "", action: str = "set", undoes: str = "") -> str:
        nonlocal clock
        clock += rng.randint(1, 40)
        event_id = str(uuid.UUID(int=rng.getrandbits(128)))
        events.append((event_id, article, who, field_, value, "", action, undoes, _at(clock)))
        return event_id

    for n, (article, domain) in enumerate(articles, 1):
        truth = {"outlet": names.get(domain, domain)} | {f: rng.choice(v) for f, v in VALUES.items()}
        team = rng.sample(ANNOTATORS, rng.choice((1, 2, 2, 2, 3, 3, 4)))
        for who in team:
            if rng.random() < 0.01:
                event(article, who, "", action="skip")
            for field_, true_value in truth.items():
                if rng.random() < 0.15:
                    event(article, who, field_, _guess(rng, field_, true_value))  # a changed mind
                last = event(article, who, field_, _guess(rng, field_, true_value))
                roll = rng.random()
                if roll < 0.03:
                    event(article, who, field_, action="clear")
                elif roll < 0.06:
                    event(article, who, field_, action="undo", undoes=last)
        if len(team) > 1 and rng.random() < 0.03:
            field_ = rng.choice(list(truth))
            ruling = event(article, ADJUDICATOR, field_, truth[field_], action="adjudicate")
            if rng.random() < 0.1:
                event(article, ADJUDICATOR, field_, action="undo", undoes=ruling)
        if len(events) >= 50_000 or n == len(articles):
            with conn:
                conn.executemany("INSERT INTO label_events (id, article_id, annotator, field, value, target, action,"
                                 " undoes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
            events.clear()
            print(f"  labelled {n:>7} articles  {time.perf_counter() - t0:6.1f} s", flush=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()


def measure(path: Path, runs: int) -> None:
    """Time compute_agreement in this (fresh) process and report its peak memory."""
    db = open_db(path)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "label_events")}
    print("corpus:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    scheme = default_scheme()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    walls, cpus = [], []
    for run in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        results = compute_agreement(db, scheme)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        summary = ", ".join(f"{name} {r.items:,} items {len(r.disagreements):,} disagreements"
                            for name, r in results.items())
        print(f"agreement, run {run + 1}: {walls[-1]:.2f} s wall, {cpus[-1]:.2f} s CPU ({summary})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"agreement, best of {runs}: {min(walls):.2f} s wall, {min(cpus):.2f} s CPU")
    print(f"peak RSS: {peak:.0f} MB ({before:.0f} MB before the first run)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="database to build or reuse")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = args.db or Path(f"/tmp/provenance-bench-agreement-{args.articles}.db")
    if not path.exists():
        print(f"building {path} ({args.articles} articles)…")
        build(path, args.articles)
        add_labels(path)
    child = multiprocessing.get_context("spawn").Process(target=measure, args=(path, args.runs))
    child.start()
    child.join()
    print(f"load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPU(s)")


if __name__ == "__main__":
    main()
