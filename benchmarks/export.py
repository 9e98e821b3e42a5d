"""Export speed and memory against the sqlite3 command-line tool writing the same query as CSV.

Builds (once, cached in the temp folder) a database whose ``labels`` table has N rows (N/2 articles, two annotators,
one labelled field each by default, ``--fields`` for more). Then times ``provenance export`` (a fresh process, as a
user runs it, start-up included) for the ``labels`` table (N rows, pivoted in SQL from the events) and the ``events``
log (N × fields rows), and ``sqlite3 -csv -header`` running the very same SQL. The peak memory of the export process
(VmHWM) is printed next to that of a process exporting an empty table, so a flat profile shows as a small difference.

Run: python benchmarks/export.py [--rows 1000000] [--fields 1]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from provenance.scheme import default_scheme
from provenance.store import open_db
from provenance.store.exports import events_sql, labels_sql

FIELDS = {"stance": ["pro-ukraine", "neutral", "pro-russia", "unclear"], "reliability": list("12345"),
          "origin": ["original", "rewrite", "translation"], "outlet": ["RT", "AFP", "Reuters", "TASS"]}

CHILD = """
import sys
from provenance.analysis.export import export
from provenance.scheme import default_scheme
from provenance.store import open_db
db_path, table, out = sys.argv[1:4]
n = export(open_db(db_path), default_scheme(), table, "csv", out)
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(n, int(peak.split()[1]))
"""


def _events(label_rows: int, per_row: int) -> Iterator[tuple]:
    """Label events for ``label_rows`` (article, annotator) pairs, ``per_row`` fields each, generated lazily."""
    rng = random.Random(7)
    fields = list(FIELDS.items())[:per_row]
    for pair in range(label_rows):
        article, annotator = divmod(pair, 2)
        for i, (field, values) in enumerate(fields):
            seconds = pair // 2
            created = f"2026-01-01T{(seconds // 3600) % 24:02d}:{(seconds // 60) % 60:02d}:{seconds % 60:02d}.{i:06d}+00:00"
            yield (str(uuid.UUID(int=rng.getrandbits(128))), f"{article:016x}", ("alice", "bob")[annotator], field,
                   rng.choice(values), "", "set", "", created)


def build(path: Path, label_rows: int, per_row: int) -> None:
    """A database whose ``labels`` table has ``label_rows`` rows (article rows are not needed by the label tables)."""
    db = open_db(path)
    # The label_state trigger keeps the annotator's queue status; exports never read that table, and per-row
    # trigger work would dominate building a million events, so it is set aside while the log is filled.
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'label_events'").fetchall()
    with db.atomic():
        for name, _ in triggers:
            db.execute(f'DROP TRIGGER "{name}"')
        db.conn.executemany(
            "INSERT INTO label_events (id, article_id, annotator, field, value, target, action, undoes, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _events(label_rows, per_row),
        )
        for _, sql in triggers:
            db.execute(sql)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def timed(command: list[str], stdout=None) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds (user + system) of a child process, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=stdout if stdout is not None else subprocess.PIPE, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout or ""


def same_cells(a: Path, b: Path) -> bool:
    """Whether two CSV files hold the same cells (line endings and the quoting of empty strings may differ)."""
    with open(a, newline="", encoding="utf-8") as fa, open(b, newline="", encoding="utf-8") as fb:
        return all(x == y for x, y in itertools.zip_longest(csv.reader(fa), csv.reader(fb)))


def inline(sql: str, params: list[str]) -> str:
    """The query with its parameters written in, for the sqlite3 tool."""
    for p in params:
        sql = sql.replace("?", "'" + p.replace("'", "''") + "'", 1)
    return sql


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the labels table")
    parser.add_argument("--fields", type=int, default=1, choices=range(1, 5), help="labelled fields per row")
    args = parser.parse_args()
    work = Path(tempfile.gettempdir()) / "provenance-bench-export"
    work.mkdir(exist_ok=True)
    db_path = work / f"labels-{args.rows}-{args.fields}.db"
    if not db_path.exists():
        start = time.perf_counter()
        build(db_path, args.rows, args.fields)
        print(f"built {db_path} ({args.rows:,} label rows, {args.rows * args.fields:,} events)"
              f" in {time.perf_counter() - start:.1f} s", flush=True)
    empty = work / "empty.db"
    open_db(empty).close()

    sqlite3_cli = shutil.which("sqlite3")
    field_ids = [f.id for f in default_scheme().fields]
    queries = {"labels": inline(*labels_sql(field_ids)), "events": events_sql()}
    _, _, baseline = timed([sys.executable, "-c", CHILD, str(empty), "labels", str(work / "empty.csv")])
    base_rss = int(baseline.split()[1])
    print(f"peak RSS exporting an empty table: {base_rss / 1024:.0f} MiB", flush=True)
    for table, sql in queries.items():  # labels first: the label rows the export is meant for
        out = work / f"{table}.csv"
        ours, our_cpu, result = timed([sys.executable, "-c", CHILD, str(db_path), table, str(out)])
        rows, rss = (int(x) for x in result.split())
        line = f"{table:<7} {rows:>9,} rows | provenance {ours:6.2f} s wall {our_cpu:6.2f} s CPU, " \
               f"peak RSS {rss / 1024:4.0f} MiB (+{(rss - base_rss) / 1024:.0f} over empty)"
        if sqlite3_cli:
            with open(work / f"{table}.sqlite3.csv", "w") as handle:
                theirs, their_cpu, _ = timed([sqlite3_cli, "-csv", "-header", str(db_path), sql], stdout=handle)
            line += f" | sqlite3 {theirs:6.2f} s wall {their_cpu:6.2f} s CPU | ratio wall {ours / theirs:4.2f}" \
                    f" CPU {our_cpu / their_cpu:4.2f}"
            line += " | same cells" if same_cells(work / f"{table}.sqlite3.csv", out) else " | (outputs differ)"
        else:
            line += "  (sqlite3 tool not installed: apt-get install -y sqlite3)"
        print(line, flush=True)


if __name__ == "__main__":
    main()
