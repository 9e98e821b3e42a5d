"""How long ``provenance compare`` takes over a large corpus (target: the full report over 100,000 articles in <= 3 s).

Builds (once, then reuses) a database of N synthetic articles of news-article length spread over 60 outlets, with
the sources, markers, passages and labels an analysed and partly labelled corpus has, then times the report.

    python benchmarks/compare.py                # 100,000 articles
    python benchmarks/compare.py --articles 20000 --db /tmp/small.db
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import time
import uuid
from pathlib import Path

from provenance.analysis.compare import build_report
from provenance.analysis.report import render
from provenance.store import open_db

WORDS = ("le la les un une des de du et à en pour sur avec dans selon a dit ont déclaré gouvernement armée troupes "
         "Ukraine Russie Washington Moscou Kiev Kyiv responsable ministre président offensive soutien renseignement "
         "frappe missile front ville région conseil accord négociation sanctions énergie gaz prix").split()
OUTLETS = [(f"outlet{i}.example", f"Outlet {i}") for i in range(60)]
MARKER_KINDS = ("scare_quotes", "reportive", "loaded_or_evaluative", "naming", "analogy", "translation_artifact",
                "attribution_to_opponent", "anonymous")
CITED = ("The New York Times", "CNN", "Reuters", "AFP", "TASS", "RIA Novosti", "BBC", "Le Monde")
NAMES = ("Kiev", "Kyiv", "Vladimir Zelensky", "Volodymyr Zelensky", "Kharkov", "Kharkiv")


def _text(rng: random.Random, words: int) -> str:
    paragraphs = []
    left = words
    while left > 0:
        n = min(left, rng.randint(40, 90))
        paragraphs.append(" ".join(rng.choices(WORDS, k=n)) + ".")
        left -= n
    return "\n\n".join(paragraphs)


def build(path: Path, articles: int, seed: int = 7) -> None:
    """Write the synthetic corpus with the real schema (migrations, triggers, indexes)."""
    open_db(path).conn.close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    t0 = time.perf_counter()
    batch = 5000
    for offset in range(0, articles, batch):
        rows, sources, markers, passages, events = [], [], [], [], []
        for i in range(offset, min(offset + batch, articles)):
            aid = f"{i:016x}"
            domain, name = OUTLETS[min(int(rng.paretovariate(1.2)) - 1, len(OUTLETS) - 1)]
            text = _text(rng, rng.randint(250, 750))
            month = rng.randint(1, 12)
            rows.append((aid, f"Article {i}", f"https://{domain}/a/{i}", domain, "", f"2022-{month:02d}-15", "fr", text,
                         f"bench/{i}.txt", "text", "", "{}", "2026-01-01T00:00:00", "bench"))
            for _ in range(rng.randint(0, 4)):
                cited = rng.choice(CITED)
                sources.append((aid, "outlet", cited, 0, 5, "", "", cited, "selon", "body", "", -1, -1))
            for _ in range(rng.randint(0, 3)):
                sources.append((aid, "person", "Quelqu'un", 10, 19, "", "", "", "a dit", "body", "official", 0, 50))
            if rng.random() < 0.4:
                sources.append((aid, "anonymous", "une source", 20, 30, "", "", "", "selon", "body", "", 0, 50))
            if rng.random() < 0.3:
                sources.append((aid, "url", "https://x.example/a", 40, 59, "https://x.example/a", "x.example", "",
                                "", "body", "", -1, -1))
            for n in range(2):
                passages.append((f"{aid}:{n}", aid, n * 100, n * 100 + 80, 1.0, "bench"))
            for _ in range(rng.randint(2, 14)):
                kind = rng.choice(MARKER_KINDS)
                text_ = rng.choice(NAMES) if kind == "naming" else "mot"
                markers.append((aid, f"{aid}:{rng.randint(0, 1)}", kind, 0, len(text_), text_, "bench"))
            if rng.random() < 0.3:
                annotators = ["alice"] + (["bob"] if rng.random() < 0.2 else [])
                for who in annotators:
                    for field_, value in (("outlet", name), ("stance", rng.choice(["pro-ukraine", "neutral", "pro-russia"])),
                                          ("reliability", str(rng.randint(1, 5))), ("origin", rng.choice(["original", "rewrite"]))):
                        events.append((str(uuid.UUID(int=rng.getrandbits(128))), aid, who, field_, value, "", "set",
                                       "", "2026-01-02T10:00:00.000000+00:00"))
                    if rng.random() < 0.5:
                        target = f"{aid}:0"
                        events.append((str(uuid.UUID(int=rng.getrandbits(128))), aid, who, "verdict", "accept", target,
                                       "set", "", "2026-01-02T10:00:00.000000+00:00"))
                        events.append((str(uuid.UUID(int=rng.getrandbits(128))), aid, who, "frames",
                                       "Security_and_defense|Political", target, "set", "",
                                       "2026-01-02T10:00:00.000000+00:00"))
        with conn:
            conn.executemany(
                "INSERT INTO articles (id, title, url, publisher_domain, byline, published, language, text, origin,"
                " format, declared_source, metadata, ingested_at, extractor_version) VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            conn.executemany(
                'INSERT INTO sources (article_id, kind, text, start, "end", url, domain, outlet, cue, role,'
                " speaker_kind, sentence_start, sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sources)
            conn.executemany('INSERT INTO passages (id, article_id, start, "end", score, why) VALUES (?, ?, ?, ?, ?, ?)',
                             passages)
            conn.executemany('INSERT INTO markers (article_id, passage_id, kind, start, "end", text, why)'
                             " VALUES (?, ?, ?, ?, ?, ?, ?)", markers)
            conn.executemany("INSERT INTO label_events (id, article_id, annotator, field, value, target, action, undoes,"
                             " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        print(f"  built {min(offset + batch, articles):>7} articles  {time.perf_counter() - t0:6.1f} s", flush=True)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="database to build or reuse")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = args.db or Path(f"/tmp/provenance-bench-compare-{args.articles}.db")
    if not path.exists():
        print(f"building {path} ({args.articles} articles)…")
        build(path, args.articles)
    db = open_db(path)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "sources", "markers", "passages", "label_events")}
    print("corpus:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    walls, cpus = [], []
    for run in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        report = build_report(db)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        print(f"full report, run {run + 1}: {walls[-1]:.2f} s wall, {cpus[-1]:.2f} s CPU"
              f" ({len(report.outlets)} outlets, {len(report.citations)} citation rows)")
    print(f"full report, best of {args.runs}: {min(walls):.2f} s wall, {min(cpus):.2f} s CPU")
    for fmt in ("json", "csv", "md", "html", "table"):
        t0 = time.perf_counter()
        text = render(report, fmt)
        print(f"render {fmt:5}: {(time.perf_counter() - t0) * 1000:7.1f} ms ({len(text):,} characters)")
    two = [p.outlet for p in report.outlets[:2]]
    wall, cpu = time.perf_counter(), time.process_time()
    build_report(db, two)
    print(f"two outlets side by side: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    print(f"load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPU(s)")


if __name__ == "__main__":
    main()
