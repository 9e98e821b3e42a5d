"""Schema migrations: a database of the first released schema opens, migrates and keeps every row; a database
from a newer provenance is refused with a clear message and left byte for byte as it was."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main
from provenance.errors import StoreError
from provenance.store.db import open_db
from provenance.store.labels import current_labels
from provenance.store.migrations import SCHEMA_VERSION, schema_version

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_v1.db"


def snapshot(path: Path) -> dict[str, set[tuple]]:
    """Every row of every ordinary table (FTS shadow tables excepted: they are derived)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
            if not name.startswith("articles_fts") and not name.startswith("sqlite_")
        ]
        return {t: set(conn.execute(f'SELECT * FROM "{t}"')) for t in tables}
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    assert FIXTURE.exists(), "tests/fixtures/schema_v1.db is missing: python tests/reliability/make_schema_v1.py"
    path = tmp_path / "v1.db"
    shutil.copy(FIXTURE, path)
    return path


def test_fixture_is_a_complete_old_database(v1_copy: Path) -> None:
    rows = snapshot(v1_copy)
    assert len(rows["articles"]) == 5
    assert len(rows["label_events"]) >= 30
    assert rows["sources"] and rows["_sqlite_migrations"] and rows["user_outlets"]


PRIMARY = ("articles", "marks", "label_events", "user_outlets", "sources", "passages", "markers", "_sqlite_migrations")
"""Tables holding what was read, extracted or labelled; the others are derived and a migration may rebuild them."""


def test_first_schema_opens_migrates_and_keeps_every_row(v1_copy: Path) -> None:
    before = snapshot(v1_copy)
    db = open_db(v1_copy)
    assert schema_version(db) == SCHEMA_VERSION
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    view = set(db.execute("SELECT article_id, annotator, target, field, value FROM current_labels"))
    state = set(db.execute("SELECT article_id, annotator, target, field, value FROM label_state WHERE action != 'skip'"))
    assert view == state
    db.close()
    after = snapshot(v1_copy)
    for table, rows in before.items():
        if table not in PRIMARY:
            continue
        assert table in after, f"table {table} disappeared"
        old_columns = len(next(iter(rows))) if rows else 0
        kept = {row[:old_columns] for row in after[table]}  # a migration may add columns, never drop rows
        assert rows <= kept, f"{table}: {len(rows - kept)} row(s) lost or changed"


def test_migrated_database_still_answers_labels_and_search(v1_copy: Path) -> None:
    db = open_db(v1_copy)
    article = db.execute("SELECT article_id FROM label_events WHERE annotator = 'alice' ORDER BY created_at LIMIT 1").fetchone()[0]
    labels = current_labels(db, article, "alice")
    assert labels.get("outlet") and labels.get("stance")
    assert "note" not in labels  # the fixture clears it
    word = db.execute("SELECT title FROM articles WHERE title != '' LIMIT 1").fetchone()[0].split()[0]
    assert db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [f'"{word}"']).fetchone()[0] >= 1
    db.close()


def test_reopening_a_migrated_database_changes_nothing(v1_copy: Path) -> None:
    open_db(v1_copy).close()
    first = snapshot(v1_copy)
    open_db(v1_copy).close()
    assert snapshot(v1_copy) == first


def make_newer(path: Path, journal: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('provenance', '9999_from_the_future', '2031-01-01')"
    )
    conn.commit()
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()


@pytest.mark.parametrize("journal", ["DELETE", "WAL"])
def test_newer_database_is_refused_and_left_untouched(v1_copy: Path, journal: str) -> None:
    open_db(v1_copy).close()
    make_newer(v1_copy, journal)
    before = digest(v1_copy)
    with pytest.raises(StoreError) as error:
        open_db(v1_copy)
    assert "newer" in error.value.message and "9999_from_the_future" in error.value.message
    assert "upgrade" in error.value.hint
    assert digest(v1_copy) == before
    assert not Path(f"{v1_copy}-wal").exists() or Path(f"{v1_copy}-wal").stat().st_size == 0


@pytest.mark.parametrize(
    "args",
    [["export", "--table", "labels", "-o", "-"], ["agreement"], ["ingest", "SEEDS"], ["reanalyse"]],
)
def test_newer_database_refused_by_every_command(v1_copy: Path, args: list[str]) -> None:
    open_db(v1_copy).close()
    make_newer(v1_copy, "DELETE")
    before = digest(v1_copy)
    seeds = str(Path(__file__).resolve().parents[2] / "seeds")
    result = CliRunner().invoke(main, [*[seeds if a == "SEEDS" else a for a in args], "--db", str(v1_copy)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "newer provenance" in result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1
    assert digest(v1_copy) == before


def test_merging_a_newer_database_is_refused(v1_copy: Path, tmp_path: Path) -> None:
    open_db(v1_copy).close()
    make_newer(v1_copy, "DELETE")
    before = digest(v1_copy)
    target = tmp_path / "team.db"
    result = CliRunner().invoke(main, ["merge", "--db", str(target), str(v1_copy)])
    assert result.exit_code == 2 and "newer provenance" in result.output
    assert digest(v1_copy) == before
    db = open_db(target)
    assert db.execute("SELECT count(*) FROM label_events").fetchone()[0] == 0
    db.close()


def test_every_later_migration_backfills_from_an_early_database(tmp_path: Path) -> None:
    """A database that stopped after the label log existed gets the derived tables filled in from its rows."""
    import sqlite_utils

    from provenance.store.migrations import MIGRATIONS

    names = [m.name for m in MIGRATIONS._migrations]
    path = tmp_path / "early.db"
    early = sqlite_utils.Database(path)
    MIGRATIONS.apply(early, stop_before=names[names.index("0003_label_events") + 1 :])
    early["articles"].insert_all(
        {"id": f"a{i}", "title": f"T{i}", "text": f"word {i} and more words here"} for i in range(20)
    )
    early["label_events"].insert_all(
        {"id": f"e{i}", "article_id": f"a{i % 20}", "annotator": ("alice", "bob")[(i // 20) % 2], "field": "stance",
         "value": ("neutral", "pro-ukraine", "pro-russia")[i % 3], "action": "set",
         "created_at": f"2025-01-01T00:00:{i:02d}.000000+00:00"}
        for i in range(60)
    )
    early.conn.commit()
    early.close()
    before = snapshot(path)
    db = open_db(path)
    assert schema_version(db) == SCHEMA_VERSION
    after = snapshot(path)
    for table in ("articles", "label_events"):
        width = len(next(iter(before[table])))
        assert before[table] <= {row[:width] for row in after[table]}
    view = set(db.execute("SELECT article_id, annotator, field, value FROM current_labels"))
    state = set(db.execute("SELECT article_id, annotator, field, value FROM label_state"))
    assert len(view) == 40 and view == state
    if db["article_words"].exists():
        assert db.execute("SELECT count(*) FROM article_words").fetchone()[0] == 20
    db.close()
