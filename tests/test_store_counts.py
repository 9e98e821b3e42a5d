"""The comparison's per-article counts always agree with the spans they count: after ingest, after a paragraph
turns out to be repeated by a later article, and after re-analysis."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from provenance.ingest import ingest_paths
from provenance.store import open_db
from provenance.store.migrations import COUNTED_MARKER_KINDS
from provenance.store.reanalyse import reanalyse


def _counted(db: sqlite_utils.Database) -> tuple[dict, dict]:
    counts = {
        row[0]: tuple(row[1:])
        for row in db.execute(
            f"SELECT article_id, {', '.join(f'm_{k}' for k in COUNTED_MARKER_KINDS)}, s_anonymous, s_named, s_links"
            " FROM article_counts"
        )
    }
    cited = {(a, o): n for a, o, n in db.execute("SELECT article_id, outlet, n FROM article_cited")}
    return counts, cited


def _from_spans(db: sqlite_utils.Database) -> tuple[dict, dict]:
    """The counts as the comparison defines them, computed from the stored spans with SQL."""
    counts = {}
    for (article_id,) in db.execute("SELECT id FROM articles"):
        markers = tuple(
            db.execute("SELECT count(*) FROM markers WHERE article_id = ? AND kind = ?", [article_id, k]).fetchone()[0]
            for k in COUNTED_MARKER_KINDS
        )
        sources = db.execute(
            "SELECT coalesce(sum(kind = 'anonymous' AND role != 'declared'), 0),"
            " coalesce(sum(kind IN ('person', 'organization', 'outlet') AND role != 'declared'), 0),"
            " coalesce(sum(kind = 'url' AND role = 'body'), 0) FROM sources WHERE article_id = ?",
            [article_id],
        ).fetchone()
        counts[article_id] = (*markers, *sources)
    cited = {
        (a, o): n
        for a, o, n in db.execute(
            "SELECT article_id, outlet, count(*) FROM sources WHERE outlet != '' AND role != 'internal'"
            " GROUP BY 1, 2"
        )
    }
    return counts, cited


def test_counts_follow_ingest_boilerplate_and_reanalysis(seeds_dir: Path, tmp_path: Path) -> None:
    db = open_db(tmp_path / "counts.db")
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert ingest_paths(db, seeds[:3]).summary() == "added 3 · unchanged 0 · failed 0"
    ingest_paths(db, seeds[3:])  # 003 repeats paragraphs of 001: 001's boilerplate markers are refreshed
    counts, cited = _counted(db)
    expected_counts, expected_cited = _from_spans(db)
    assert counts == expected_counts and cited == expected_cited
    assert sum(c[COUNTED_MARKER_KINDS.index("boilerplate")] for c in counts.values()) >= 2
    assert sum(cited.values()) > 5

    assert reanalyse(db, everything=True).updated == 5
    assert _counted(db) == _from_spans(db) == (counts, cited)
