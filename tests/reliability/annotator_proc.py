"""An annotator process for the crash and concurrency tests: label articles and acknowledge each saved event.

    python tests/reliability/annotator_proc.py DB --annotator alice --count 1000 [--mode store|session|pilot] [--seed 1] [--pause 0.002] [--stop-file F]

Each event id is printed on standard output, flushed, only after the call that saved it has returned: a line on
stdout is a promise that the event survives a crash. ``store`` mode calls :func:`record_event` (with an undo now
and then, as a person would); ``session`` mode goes through the annotator's own call sites (the
:class:`~provenance.tui.session.Session` the article screen calls on every key); ``pilot`` mode runs the annotator
itself, headless, and presses keys. The process ends with ``done``.
Any exception, including ``database is locked``, ends it with a traceback on stderr and a non-zero status.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from provenance.store.db import open_db  # noqa: E402
from provenance.store.labels import record_event, undo_last  # noqa: E402

STANCES = ("pro-ukraine", "neutral", "pro-russia", "unclear")


PAUSE = 0.0
"""Seconds between two labels (``--pause``): a steady annotator rather than a tight loop."""
STOP_FILE = ""
"""With ``--stop-file``: stop (cleanly, with ``done``) once this file exists, even before ``--count`` labels."""


def stopped() -> bool:
    return bool(STOP_FILE) and os.path.exists(STOP_FILE)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    if PAUSE and line not in ("ready", "done"):
        time.sleep(PAUSE)


def by_store(db, annotator: str, count: int, rng: random.Random) -> None:  # noqa: ANN001
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY rowid")]
    for n in range(count):
        if stopped():
            return
        article = ids[n % len(ids)]
        if n % 10 == 9:
            undone = undo_last(db, annotator)
            if undone is not None:
                event = db.execute(
                    "SELECT id FROM label_events WHERE undoes = ? AND annotator = ?", [undone.id, annotator]
                ).fetchone()
                say(event[0])
                continue
        field = ("stance", "reliability", "origin")[n % 3]
        value = rng.choice(STANCES) if field == "stance" else str(rng.randint(1, 5))
        event = record_event(db, article, annotator, field, value)
        say(event.id)


def by_session(db, annotator: str, count: int, rng: random.Random) -> None:  # noqa: ANN001
    from provenance.scheme import default_scheme
    from provenance.tui.session import Session

    session = Session(db, annotator=annotator, scheme=default_scheme())
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY rowid")]
    position = 0
    session.open(ids[position])
    last = str(db.execute("SELECT max(rowid) FROM label_events").fetchone()[0] or 0)
    done = 0
    while done < count and not stopped():
        if session.active is None or session.complete():
            position = (position + 1) % len(ids)
            session.open(ids[position])
            if session.active is None:
                session.active = session.required[-1]
        active = session.field(session.active)
        if active.type == "text":
            recorded = session.set_text(active.id, f"Outlet {rng.randint(1, 9)}")
        else:
            recorded = session.choose(rng.choice([v.key for v in active.values]))
        if not recorded:
            session.active = None
            continue
        for (event_id,) in db.execute(
            "SELECT id FROM label_events WHERE annotator = ? AND rowid > ? ORDER BY rowid",
            [annotator, int(last or 0)],
        ):
            say(event_id)
            done += 1
        last = str(db.execute("SELECT max(rowid) FROM label_events").fetchone()[0] or 0)


def by_pilot(db, annotator: str, count: int, rng: random.Random) -> None:  # noqa: ANN001
    """The real annotator, headless, driven key by key through Textual's pilot."""
    import asyncio

    from provenance.scheme import default_scheme
    from provenance.tui.app import build_app

    async def drive() -> None:
        app = build_app(db, annotator=annotator, scheme=default_scheme())
        last = db.execute("SELECT max(rowid) FROM label_events").fetchone()[0] or 0
        done = 0
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            while done < count and not stopped():
                session = app.session
                active = session.field(session.active) if session.active else None
                if active is not None and active.type == "text":
                    await pilot.press("o", *f"Outlet {rng.randint(1, 9)}", "enter")
                elif active is not None:
                    await pilot.press(rng.choice([v.key for v in active.values]))
                else:  # every field set: Tab makes one active again, and the next digit relabels it
                    await pilot.press("tab")
                for (rowid, event_id) in db.execute(
                    "SELECT rowid, id FROM label_events WHERE annotator = ? AND rowid > ? ORDER BY rowid",
                    [annotator, last],
                ):
                    say(event_id)
                    last = rowid
                    done += 1

    asyncio.run(drive())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--annotator", default="alice")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--mode", choices=["store", "session", "pilot"], default="store")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--stop-file", default="")
    args = parser.parse_args()
    global PAUSE, STOP_FILE
    PAUSE, STOP_FILE = args.pause, args.stop_file
    db = open_db(args.db)
    say("ready")
    rng = random.Random(args.seed)
    {"store": by_store, "session": by_session, "pilot": by_pilot}[args.mode](db, args.annotator, args.count, rng)
    say("done")


if __name__ == "__main__":
    main()
