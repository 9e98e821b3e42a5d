"""Ingest throughput and memory on a generated corpus of plain-text articles.

    python benchmarks/ingest.py                 # 100,000 articles of ~3 KB
    python benchmarks/ingest.py --count 5000    # a quick run

Prints, each measured in its own child process (so peak RSS is that phase's alone):
  read       reading and parsing the files only (header heuristics, language detection, article id; the
             language model's one-off load is excluded from the time)
  ingest     `provenance.ingest.ingest_paths` end to end: read, analyse, store, checkpoint
  insert     inserting the very same rows with sqlite-utils alone (same schema, FTS triggers, batches of 500 in one
             transaction each): the floor that ingest is compared against
The ratio ingest / insert is the number to watch as extraction grows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "le la les un une des gouvernement ministre président a déclaré selon source responsable américain "
    "Ukraine Russie Kiev Moscou Washington Bruxelles OTAN armée troupes offensive accord négociations "
    "sécurité conseil rapport journal samedi dimanche lundi semaine année pays alliés soutien aide "
    "militaire économique politique élection parlement vote loi réforme crise guerre paix frontière "
    "the government said minister officials reported according sources week talks deal security "
    "die Regierung sagte Minister laut Quellen Woche Gespräche Abkommen Sicherheit"
).split()


def generate(folder: Path, count: int, size: int, seed: int = 7) -> int:
    """Write ``count`` distinct articles of about ``size`` bytes, 1,000 per sub-folder; returns the bytes written."""
    rng = random.Random(seed)
    written = 0
    for index in range(count):
        sub = folder / f"{index // 1000:04d}"
        if index % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        title = " ".join(rng.choices(WORDS, k=9)).capitalize()
        lines = [title, "", f"by Reporter {index % 97}", "", f"date 2024-{index % 12 + 1:02d}", ""]
        length = sum(len(line) + 1 for line in lines)
        while length < size:
            paragraph = " ".join(rng.choices(WORDS, k=60)).capitalize() + f" ({index})."
            lines += [paragraph, ""]
            length += len(paragraph) + 2
        lines.append("Leave a Comment")
        data = "\n".join(lines).encode("utf-8")
        (sub / f"article_{index:06d}.txt").write_bytes(data)
        written += len(data)
    return written


def _phase_read(corpus: Path) -> dict:
    from provenance.corpus.language import _identifier
    from provenance.corpus.readers import read_paths

    _identifier()  # model load is a one-off cost, reported separately
    count = 0
    started = time.perf_counter()
    for item in read_paths([corpus]):
        count += 1
    return {"articles": count, "seconds": time.perf_counter() - started}


def _phase_ingest(corpus: Path, db_path: Path, extract: Path = Path("yes")) -> dict:
    import provenance.ingest
    from provenance.ingest import ingest_paths
    from provenance.store.db import open_db

    if str(extract) == "no":  # reading and storing alone: what ingest costs before extraction
        from provenance.extract.spans import Analysis

        provenance.prepare.analyse = lambda article, registry=None: Analysis(version="none")

    started = time.perf_counter()
    db = open_db(db_path)
    report = ingest_paths(db, [corpus], jobs=1 if str(extract) == "no" else None)  # the patch lives in this process
    seconds = time.perf_counter() - started
    return {"added": len(report.added), "failed": len(report.failed), "seconds": seconds}


def _phase_insert(source_db: Path, db_path: Path) -> dict:
    import sqlite_utils

    from provenance.store.db import open_db

    source = sqlite_utils.Database(source_db)
    db = open_db(db_path)
    columns = [c.name for c in source["articles"].columns]
    started = time.perf_counter()
    cursor = source.execute(f"SELECT {', '.join(columns)} FROM articles ORDER BY rowid")
    rows = 0
    while True:
        chunk = cursor.fetchmany(500)
        if not chunk:
            break
        with db.atomic():
            db["articles"].insert_all((dict(zip(columns, row)) for row in chunk), batch_size=500)
        rows += len(chunk)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"rows": rows, "seconds": time.perf_counter() - started}


def _child(args: list[str]) -> dict:
    """Run one phase in a child process; its result plus that child's own peak RSS in MB."""
    process = subprocess.Popen([sys.executable, __file__, "--phase", *args], stdout=subprocess.PIPE, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"phase {args[0]} failed with status {process.returncode}")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)  # ru_maxrss is in KB on Linux
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000, help="articles to generate (default 100000)")
    parser.add_argument("--size", type=int, default=3000, help="bytes per article (default 3000)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument("--corpus", type=Path, help="reuse a corpus generated before (a folder) instead of generating")
    parser.add_argument("--no-extract", action="store_true", help="ingest without extraction (reading + storing)")
    parser.add_argument("--phases", default="read,ingest,insert", help="which phases to run (default: all three)")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, *paths = args.phase
        phase = {"read": _phase_read, "ingest": _phase_ingest, "insert": _phase_insert}[name]
        print(json.dumps(phase(*map(Path, paths))))
        return

    phases = set(args.phases.split(","))
    with tempfile.TemporaryDirectory(prefix="provenance-ingest-bench-") as tmp:
        folder = Path(tmp)
        corpus = args.corpus or folder / "corpus"
        if args.corpus:
            args.count = sum(1 for _ in corpus.rglob("*.txt"))
        else:
            started = time.perf_counter()
            size = generate(corpus, args.count, args.size)
            print(f"generated {args.count} articles, {size / 1e6:.0f} MB, in {time.perf_counter() - started:.1f} s")
        results = {}
        if "read" in phases:
            results["read"] = _child(["read", str(corpus)])
        if "ingest" in phases or "insert" in phases:
            extract = "no" if args.no_extract else "yes"
            results["ingest" if extract == "yes" else "ingest (no extraction)"] = ingest = _child(
                ["ingest", str(corpus), str(folder / "ingest.db"), extract]
            )
        if "insert" in phases:
            results["insert"] = insert = _child(["insert", str(folder / "ingest.db"), str(folder / "insert.db")])
        n = args.count
        print(f"{n} articles; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
              "cpu = user + system time of the phase")
        print("phase                      wall s  articles/s  ms/article   cpu s  cpu ms/article  peak RSS")
        for name, result in results.items():
            wall, cpu = result["seconds"], result["cpu_seconds"]
            print(f"{name:24s} {wall:8.2f} {n / wall:11.0f} {wall / n * 1e3:11.3f} {cpu:7.2f} {cpu / n * 1e3:15.3f}"
                  f"  {result['peak_rss_mb']:6.1f} MB")
        if "insert" in results:
            print(f"ingest added {ingest['added']}, failed {ingest['failed']}")
            print(f"ratio ingest / sqlite-utils insert: {ingest['seconds'] / insert['seconds']:.1f}x wall, "
                  f"{ingest['cpu_seconds'] / insert['cpu_seconds']:.1f}x cpu")
        if args.keep:
            os.rename(folder, folder.with_name(folder.name + "-kept"))
            print(f"kept in {folder.with_name(folder.name + '-kept')}")
            folder.mkdir()


if __name__ == "__main__":
    main()
