"""Scale smoke test: one corpus of generated articles taken through the whole tool, each step against its target.

    python benchmarks/scale_smoke.py                       # 100,000 articles, 1,000,000 label rows (long)
    python benchmarks/scale_smoke.py --count 5000 --label-rows 50000 --keep

Steps, all on the same database:
  ingest    ``provenance ingest`` of the generated files       >= 1,000 articles/s, peak RSS <= 300 MB
  labels    label events added for 5 annotators × 2 fields (not timed against a target: it sets up the next steps)
  annotator start → first article on screen                    <= 1.5 s, peak RSS <= 200 MB
            keypress → label committed + next frame           median <= 30 ms, p95 <= 80 ms
  compare   ``provenance compare`` full report                 <= 3 s
  export    ``provenance export`` of the events and labels     <= 2 × the sqlite3 tool running the same query
Each step runs in a process of its own, so a peak RSS is that step's alone. The annotator and export measurements
reuse benchmarks/tui.py and benchmarks/export.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

RESULTS: list[tuple[str, bool]] = []


def verdict(name: str, ok: bool, line: str) -> None:
    RESULTS.append((name, ok))
    print(f"{'PASS' if ok else 'MISS'}  {line}", flush=True)


CPU: dict[str, float] = {}
"""CPU seconds (user + system) of the last child, by command: on a busy machine wall time says little."""


def measured(command: list[str], stdout=None) -> tuple[float, float, str]:  # noqa: ANN001
    """Wall seconds, peak RSS in MB (from ``wait4``) and stdout of a child process; its CPU time goes to CPU."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    out = process.stdout.read() if process.stdout else ""
    err = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    CPU["last"] = usage.ru_utime + usage.ru_stime
    if process.returncode:
        raise SystemExit(f"{' '.join(command[1:5])} failed ({process.returncode}): {err.strip()[-500:]}")
    return seconds, usage.ru_maxrss / 1024, out


def add_labels(db_path: Path, rows: int) -> float:
    """``rows`` label events: 5 annotators × 2 fields per article, as many articles as needed; returns seconds."""
    from provenance.store.db import checkpoint, open_db
    from provenance.store.merge import add_events

    db = open_db(db_path)
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY rowid")]
    started = time.perf_counter()

    def events():  # noqa: ANN202
        n = 0
        while n < rows:
            for k, article in enumerate(ids):
                for annotator in ("ann1", "ann2", "ann3", "ann4", "ann5"):
                    for field, value in (("stance", ("neutral", "pro-ukraine", "unclear")[k % 3]), ("reliability", str(1 + k % 5))):
                        if n >= rows:
                            return
                        yield (f"bench-{n}", article, annotator, field, value, "", "set", "",
                               f"2025-01-01T00:00:{n % 60:02d}.{n % 1000000:06d}+00:00")
                        n += 1

    add_events(db, events())
    checkpoint(db)
    db.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000, help="articles (default 100000)")
    parser.add_argument("--size", type=int, default=3000, help="bytes per article (default 3000)")
    parser.add_argument("--label-rows", type=int, default=1_000_000, help="label events (default 1000000)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    args = parser.parse_args()

    from ingest import generate  # benchmarks/ingest.py

    folder = Path(tempfile.mkdtemp(prefix="provenance-scale-"))
    db_path = folder / "scale.db"
    try:
        started = time.perf_counter()
        size = generate(folder / "corpus", args.count, args.size)
        print(f"generated {args.count:,} articles ({size / 1e6:.0f} MB) in {time.perf_counter() - started:.0f} s",
              flush=True)

        seconds, rss, out = measured([sys.executable, "-m", "provenance", "ingest", "--db", str(db_path),
                                      str(folder / "corpus")])
        rate = args.count / seconds
        verdict("ingest", rate >= 1000 and rss <= 300,
                f"ingest    {args.count:,} articles in {seconds:.1f} s = {rate:,.0f} articles/s (>= 1,000), "
                f"peak RSS {rss:.0f} MB (<= 300), CPU {CPU['last']:.1f} s = {args.count / CPU['last']:,.0f} articles per "
                f"CPU second — {out.strip().splitlines()[0] if out.strip() else ''}")

        seconds = add_labels(db_path, args.label_rows)
        print(f"      labels    {args.label_rows:,} label events added in {seconds:.0f} s", flush=True)

        import tui  # benchmarks/tui.py

        copy = folder / "annotate.db"
        shutil.copy(db_path, copy)
        env_t0 = dict(os.environ)
        runs = []
        for _ in range(3):
            env = dict(env_t0, BENCH_T0=repr(time.time()))
            result = subprocess.run([sys.executable, "-c", tui.CHILD, str(copy)], capture_output=True, text=True,
                                    env=env, cwd=ROOT, check=True).stdout.split()
            runs.append((float(result[0]), float(result[1])))
        start_s, start_rss = sorted(r[0] for r in runs)[1], max(r[1] for r in runs)
        verdict("start", start_s <= 1.5 and start_rss <= 200,
                f"annotator start → first article: median of 3 {start_s:.2f} s (<= 1.5), peak RSS {start_rss:.0f} MB "
                f"(<= 200)")
        cpu: list[float] = []
        samples = sorted(s * 1000 for s in asyncio.run(tui.keypress_latencies(copy, 1, 20, cpu)))
        cpu_ms = sorted(c * 1000 for c in cpu)
        median, p95 = samples[len(samples) // 2], samples[int(len(samples) * 0.95) - 1]
        verdict("keypress", median <= 30 and p95 <= 80,
                f"keypress → committed + next frame: median {median:.1f} ms (<= 30), p95 {p95:.1f} ms (<= 80), "
                f"n={len(samples)}; UI-thread CPU median {cpu_ms[len(cpu_ms) // 2]:.1f} ms, "
                f"p95 {cpu_ms[int(len(cpu_ms) * 0.95) - 1]:.1f} ms")

        compare_out = folder / "compare.json"
        seconds, rss, _ = measured([sys.executable, "-m", "provenance", "compare", "--db", str(db_path),
                                    "--format", "json", "-o", str(compare_out)])
        in_process = subprocess.run(
            [sys.executable, "-c",
             "import sys, time\nfrom provenance.analysis.compare import build_report\nfrom provenance.store import open_db\n"
             "db = open_db(sys.argv[1]); t = time.perf_counter(); build_report(db, None); print(time.perf_counter() - t)",
             str(db_path)], capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
        verdict("compare", float(in_process) <= 3,
                f"compare   full report over {args.count:,} articles: {float(in_process):.2f} s to build (<= 3), "
                f"{seconds:.2f} s for the whole command (CPU {CPU['last']:.2f} s), peak RSS {rss:.0f} MB")

        from export import inline, same_cells  # benchmarks/export.py

        from provenance.scheme import default_scheme
        from provenance.store.exports import events_sql, labels_sql

        sqlite3_cli = shutil.which("sqlite3")
        queries = {"events": events_sql(), "labels": inline(*labels_sql([f.id for f in default_scheme().fields]))}
        for table, sql in queries.items():
            ours_path = folder / f"{table}.csv"
            ours, rss, _ = measured([sys.executable, "-m", "provenance", "export", "--db", str(db_path), "--table",
                                     table, "--format", "csv", "-o", str(ours_path)])
            our_cpu = CPU["last"]
            rows = sum(1 for _ in open(ours_path, encoding="utf-8")) - 1
            if not sqlite3_cli:
                print(f"      export    {table}: {rows:,} rows in {ours:.2f} s (sqlite3 tool missing: no ratio)")
                continue
            with open(folder / f"{table}.sqlite3.csv", "w") as handle:
                theirs, _, _ = measured([sqlite3_cli, "-csv", "-header", str(db_path), sql], stdout=handle)
            their_cpu = CPU["last"]
            same = same_cells(folder / f"{table}.sqlite3.csv", ours_path)
            verdict(f"export {table}", ours <= 2 * theirs,
                    f"export    {table}: {rows:,} rows in {ours:.2f} s, sqlite3 {theirs:.2f} s, ratio "
                    f"{ours / theirs:.2f} (<= 2; CPU {our_cpu:.2f} s vs {their_cpu:.2f} s = {our_cpu / max(their_cpu, 1e-3):.2f}), "
                    f"peak RSS {rss:.0f} MB, {'same cells' if same else 'outputs differ'}")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    missed = [name for name, ok in RESULTS if not ok]
    print(f"{len(RESULTS) - len(missed)}/{len(RESULTS)} targets met" + (f"; missed: {', '.join(missed)}" if missed else ""))


if __name__ == "__main__":
    main()
