"""Build ``tests/fixtures/schema_v1.db``: a database as the first released schema wrote it.

    python tests/reliability/make_schema_v1.py [OUTPUT] [--upto MIGRATION]

The fixture is committed and never regenerated once released: it stands for the databases researchers already have.
It holds the five seed articles with their analyses, an imported outlet, and label events of two annotators
(sets, a clear, a skip, an undo, an adjudication), so a migration that loses or alters a row of any table fails
tests/reliability/test_migrations.py. The file is left in rollback-journal mode, one self-contained file.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from provenance.ingest import ingest_paths  # noqa: E402
from provenance.store.db import open_db  # noqa: E402
from provenance.store.labels import record_event, undo_last  # noqa: E402

OUTPUT = ROOT / "tests" / "fixtures" / "schema_v1.db"


def build(path: Path, upto: str | None = None) -> list[str]:
    """Write the fixture at ``path`` with every migration, or those up to ``upto``; returns their names."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    if upto is None:
        db = open_db(path)
    else:
        import sqlite_utils

        from provenance.store.migrations import MIGRATIONS

        names = [m.name for m in MIGRATIONS._migrations]
        db = sqlite_utils.Database(path)
        MIGRATIONS.apply(db, stop_before=names[names.index(upto) + 1 :])
    from provenance.extract.registry import read_outlets_csv
    from provenance.store.user_outlets import save_outlets

    outlets, _ = read_outlets_csv("outlets.csv", "name,domains,aliases,country,type,languages\n"
                                  "Gazette [b]Locale[/b],gazette.example|gl.example,La Gazette,FR,newspaper,fr\n")
    save_outlets(db, outlets, origin="outlets.csv")
    report = ingest_paths(db, [ROOT / "seeds"])
    if report.failed or not report.added:
        raise SystemExit(f"the seeds did not ingest cleanly: {report.summary()} {report.failed[:1]}")
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
    moment = iter(f"2025-01-0{d}T10:{m:02d}:00.000000+00:00" for d in range(1, 10) for m in range(60))
    for n, article in enumerate(ids):
        for annotator in ("alice", "bob"):
            record_event(db, article, annotator, "outlet", f"Outlet {n}", created_at=next(moment))
            record_event(db, article, annotator, "stance", ("neutral", "pro-ukraine")[n % 2], created_at=next(moment))
            record_event(db, article, annotator, "reliability", str(1 + (n + len(annotator)) % 5), created_at=next(moment))
    record_event(db, ids[0], "alice", "note", "« citation » [bold]x[/] \x1b[31mred", created_at=next(moment))
    record_event(db, ids[0], "alice", "note", "", action="clear", created_at=next(moment))
    record_event(db, ids[1], "bob", "", "", action="skip", created_at=next(moment))
    record_event(db, ids[2], "alice", "stance", "pro-russia", created_at=next(moment))
    undo_last(db, "alice")
    record_event(db, ids[3], "carol", "stance", "neutral", action="adjudicate", created_at=next(moment))
    names = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("VACUUM")
    db.close()
    return names


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("output", nargs="?", type=Path, default=OUTPUT)
    parser.add_argument("--upto", help="the last migration to apply (default: all)")
    args = parser.parse_args()
    target = args.output
    migrations = build(target, args.upto)
    print(f"wrote {target} ({target.stat().st_size:,} bytes) with migrations: {', '.join(migrations)}")
