"""Heavy variants of the reliability checks, with numbers: crashes, concurrent annotators, ingest while annotating.

    python benchmarks/reliability.py                  # everything (a few minutes)
    python benchmarks/reliability.py --only crash     # crash | concurrency | ingest

crash        annotators killed with SIGKILL at random moments over 1,000 labels, through the store and through the
             annotator's session: acknowledged labels lost (must be 0) and PRAGMA integrity_check.
concurrency  2 and 8 annotator processes, 1,000 labels each, on one database: events lost, "database is locked"
             seen by a process (both must be 0), throughput, and whether the current-label table matches the view.
ingest       an annotator labelling every 2 ms while ``provenance ingest`` loads 20,000 articles (one file each, then
             one 20,000-line JSON Lines file): both must finish; the longest an annotator waited for a save is shown.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

from reliability_support import annotator, event_ids, integrity, make_articles  # noqa: E402

from provenance.store.articles import add_articles  # noqa: E402
from provenance.store.db import open_db  # noqa: E402


def fresh_db(folder: Path, name: str) -> Path:
    path = folder / name
    db = open_db(path)
    with db.atomic():
        add_articles(db, make_articles(200))
    db.close()
    return path


def crash(folder: Path, mode: str, total: int = 1000, kills: int = 25, seed: int = 3) -> None:
    path = fresh_db(folder, f"crash-{mode}.db")
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, total), kills))
    acknowledged: list[str] = []
    lost = runs = 0
    started = time.perf_counter()
    while len(acknowledged) < total:
        runs += 1
        child = annotator(path, count=total, mode=mode, seed=runs)
        stop = cuts.pop(0) if cuts else total
        for line in child.stdout:
            line = line.strip()
            if line and line not in ("ready", "done"):
                acknowledged.append(line)
                if len(acknowledged) >= stop:
                    break
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
        stored = event_ids(path)
        lost += sum(1 for i in acknowledged if i not in stored)
        assert integrity(path) == "ok"
    print(f"crash/{mode:<8} {runs - 1:3d} SIGKILLs over {len(acknowledged):,} acknowledged labels: lost {lost}, "
          f"integrity ok, stored {len(event_ids(path)):,} ({time.perf_counter() - started:.1f} s)")


def concurrency(folder: Path, processes: int, labels: int = 1000) -> None:
    path = fresh_db(folder, f"concurrent-{processes}.db")
    started = time.perf_counter()
    children = [annotator(path, annotator=f"a{n}", count=labels, seed=n) for n in range(processes)]
    acknowledged = 0
    locked = failed = 0
    for child in children:
        out, err = child.communicate()
        acknowledged += len(out.split()) - 2
        locked += "database is locked" in err
        failed += child.returncode != 0
    seconds = time.perf_counter() - started
    db = open_db(path)
    stored = db.execute("SELECT count(*) FROM label_events").fetchone()[0]
    view = set(db.execute("SELECT article_id, annotator, target, field, value, id FROM current_labels"))
    table = set(db.execute(
        "SELECT article_id, annotator, target, field, value, event_id FROM label_state WHERE action != 'skip'"))
    db.close()
    print(f"concurrency {processes} × {labels:,}: acknowledged {acknowledged:,}, stored {stored:,}, "
          f"lost {acknowledged - stored}, locked {locked}, failed {failed}, "
          f"{stored / seconds:,.0f} labels/s overall in {seconds:.1f} s, current view consistent: {view == table}, "
          f"integrity {integrity(path)}")


def ingest_while_annotating(folder: Path, count: int, per_file: int) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "reliability"))
    from test_ingest_while_annotating import write_corpus

    corpus = folder / f"corpus-{per_file}"
    write_corpus(corpus, count, per_file=per_file)
    path = fresh_db(folder, f"ingest-{per_file}.db")
    stop = folder / f"stop-{per_file}"
    child = annotator(path, count=10**7, pause=0.002, stop_file=stop)
    child.stdout.readline()
    started = time.perf_counter()
    ingest = subprocess.Popen([sys.executable, "-m", "provenance", "ingest", "--db", str(path), str(corpus)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    gaps: list[float] = []
    last = time.perf_counter()
    labels = 0
    while ingest.poll() is None:
        line = child.stdout.readline()
        if not line or line.strip() == "done":
            break
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
        labels += 1
    ingest_out, ingest_err = ingest.communicate()
    seconds = time.perf_counter() - started
    stop.touch()
    rest, err = child.communicate()
    locked = "database is locked" in err + ingest_err
    print(f"ingest {count:,} articles ({'one file each' if per_file == 1 else f'{per_file:,} per JSONL file'}) while "
          f"labelling: ingest {seconds:.1f} s, exit {ingest.returncode} ({ingest_out.strip()}), annotator exit "
          f"{child.returncode}, {labels:,} labels during the ingest, longest wait for a save "
          f"{max(gaps, default=0) * 1000:.0f} ms, locked errors: {'YES' if locked else 'none'}")
    if locked:
        print("   " + (err + ingest_err).strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["crash", "concurrency", "ingest"])
    parser.add_argument("--articles", type=int, default=20_000, help="articles ingested while annotating")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="provenance-reliability-"))
    try:
        if args.only in (None, "crash"):
            crash(folder, "store")
            crash(folder, "session")
        if args.only in (None, "concurrency"):
            concurrency(folder, 2)
            concurrency(folder, 8)
        if args.only in (None, "ingest"):
            ingest_while_annotating(folder, args.articles, 1)
            ingest_while_annotating(folder, args.articles, args.articles)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
