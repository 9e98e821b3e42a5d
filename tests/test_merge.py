"""Merging databases labelled on different machines: a union that is idempotent and refuses what it cannot read."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from label_fixtures import STANCE_A, STANCE_B, label_all, seeded_db

from provenance.analysis.agreement import compute_agreement
from provenance.analysis.merge import merge_databases
from provenance.cli import main
from provenance.errors import StoreError
from provenance.extract.spans import Analysis, Passage
from provenance.scheme import default_scheme
from provenance.store import open_db
from provenance.store.analysis import save_analysis


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def two_annotators(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """alice.db and bob.db: the seeds, each labelled by one annotator; bob's also holds a passage for seed 0."""
    alice_db, ids = seeded_db(tmp_path / "alice.db")
    label_all(alice_db, "alice", ids, "stance", STANCE_A)
    alice_db.close()
    bob_db, _ = seeded_db(tmp_path / "bob.db")
    label_all(bob_db, "bob", ids, "stance", STANCE_B, hour=12)
    text = bob_db.execute("SELECT text FROM articles WHERE id = ?", [ids[0]]).fetchone()[0]
    with bob_db.conn:
        save_analysis(bob_db, ids[0], Analysis(passages=[Passage(0, 20, text[:20], 1.0, "test passage")]))
    bob_db.close()
    return tmp_path / "alice.db", tmp_path / "bob.db", ids


def test_merged_databases_give_the_hand_computed_agreement(two_annotators, tmp_path: Path) -> None:
    alice, bob, ids = two_annotators
    team = open_db(tmp_path / "team.db")
    first = merge_databases(team, [alice, bob])
    assert [(c.articles_added, c.articles_present, c.events_added) for c in first] == [(5, 0, 5), (0, 5, 5)]
    stance = compute_agreement(team, default_scheme(), ["stance"])["stance"]
    assert stance.items == 5 and stance.annotators == 2
    assert stance.percent_agreement == pytest.approx(0.6)
    assert stance.krippendorff_alpha == pytest.approx(0.4375)
    assert stance.pairs[0].cohen_kappa == pytest.approx(0.375)
    assert sorted(stance.disagreements) == sorted([ids[2], ids[4]])


def test_merging_twice_changes_nothing(two_annotators) -> None:
    alice, bob, _ = two_annotators
    db = open_db(alice)
    merge_databases(db, [bob])
    before = db.execute("SELECT count(*) FROM label_events").fetchone()[0], db.execute("SELECT count(*) FROM articles").fetchone()[0]
    again = merge_databases(db, [bob])
    after = db.execute("SELECT count(*) FROM label_events").fetchone()[0], db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert before == after == (10, 5)
    assert (again[0].articles_added, again[0].events_added, again[0].events_present) == (0, 0, 5)


def test_new_articles_bring_their_analysis_and_text_search(two_annotators, tmp_path: Path) -> None:
    _, bob, ids = two_annotators
    team = open_db(tmp_path / "team.db")
    merge_databases(team, [bob])
    assert team.execute("SELECT id, why FROM passages").fetchall() == [(f"{ids[0]}:0", "test passage")]
    assert team.execute("SELECT count(*) FROM marks").fetchone()[0] == open_db(bob).execute("SELECT count(*) FROM marks").fetchone()[0]
    word = team.execute("SELECT title FROM articles WHERE id = ?", [ids[0]]).fetchone()[0].split()[0]
    assert team.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [f'"{word}"']).fetchone()[0] >= 1


def test_newer_schema_is_refused_and_left_untouched(two_annotators, tmp_path: Path) -> None:
    alice, bob, _ = two_annotators
    with sqlite3.connect(bob) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('provenance', '9999_future', 'now')"
        )
    conn.close()
    before_bob, before_alice = digest(bob), digest(alice)
    db = open_db(alice)
    with pytest.raises(StoreError, match="newer provenance"):
        merge_databases(db, [bob])
    db.close()
    assert digest(bob) == before_bob
    assert digest(alice) == before_alice


def test_unknown_schema_and_non_databases_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    conn.close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    db = open_db(tmp_path / "team.db")
    with pytest.raises(StoreError, match="not a provenance database"):
        merge_databases(db, [other])
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        merge_databases(db, [junk])
    with pytest.raises(StoreError, match="no such database"):
        merge_databases(db, [tmp_path / "missing.db"])
    with pytest.raises(StoreError, match="being merged into"):
        merge_databases(db, [tmp_path / "team.db"])


def test_a_refused_database_stops_the_whole_merge(two_annotators, tmp_path: Path) -> None:
    alice, _, _ = two_annotators
    team = open_db(tmp_path / "team.db")
    with pytest.raises(StoreError):
        merge_databases(team, [alice, tmp_path / "missing.db"])
    assert team.execute("SELECT count(*) FROM label_events").fetchone()[0] == 0


def test_cli_reports_what_it_added_and_refuses_cleanly(two_annotators, tmp_path: Path) -> None:
    alice, bob, _ = two_annotators
    runner = CliRunner()
    team = str(tmp_path / "team.db")
    result = runner.invoke(main, ["merge", "--db", team, str(alice), str(bob)])
    assert result.exit_code == 0, result.output
    assert "alice.db: added 5 article(s) (0 already here) and 5 label event(s)" in result.output
    again = runner.invoke(main, ["merge", "--db", team, str(bob)])
    assert "added 0 article(s) (5 already here) and 0 label event(s) (5 already here)" in again.output
    with sqlite3.connect(bob) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('provenance', '9999_x', 'now')")
    conn.close()
    refused = runner.invoke(main, ["merge", "--db", team, str(bob)])
    assert refused.exit_code == 2
    assert "newer provenance" in refused.output and "Traceback" not in refused.output
    agreement = runner.invoke(main, ["agreement", "--db", team, "--field", "stance", "--format", "json"])
    assert json.loads(agreement.output)["fields"]["stance"]["krippendorff_alpha"] == pytest.approx(0.4375)
