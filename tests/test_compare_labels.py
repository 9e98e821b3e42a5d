"""provenance compare: outlet labels, label counts and annotator agreement per outlet, checked against the rules
that decide them one article at a time (``article_outlet``) and against ``provenance agreement``."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.analysis.agreement import compute_agreement, field_agreement, items_agreement
from provenance.analysis.compare import build_report
from provenance.corpus.article import Article
from provenance.scheme import default_scheme
from provenance.store import open_db
from provenance.store.articles import add_articles
from provenance.store.labels import record_event
from provenance.store.outlets import article_outlet

NO_REGISTRY = {}.get


def _articles(n: int) -> list[Article]:
    return [Article(f"Article numéro {i} sur le front.", publisher_domain="example.org") for i in range(n)]


def test_disputed_outlet_labels_follow_the_single_article_rule(tmp_path: Path) -> None:
    db = open_db(tmp_path / "o.db")
    unanimous, majority, adjudicated, padded = _articles(4)
    add_articles(db, [unanimous, majority, adjudicated, padded])
    for who in ("a", "b"):
        record_event(db, unanimous.id, who, "outlet", "Le Blog")
    for who, value in (("a", "Le Blog"), ("b", "Le Blog"), ("c", "Le Site")):
        record_event(db, majority.id, who, "outlet", value)
    for who, value in (("a", "Le Blog"), ("b", "Le Blog")):
        record_event(db, adjudicated.id, who, "outlet", value)
    record_event(db, adjudicated.id, "lead", "outlet", "Le Site", action="adjudicate")
    record_event(db, padded.id, "a", "outlet", " Le Site ")
    record_event(db, padded.id, "b", "outlet", "Le Site")
    expected: dict[str, int] = {}
    for article in (unanimous, majority, adjudicated, padded):
        outlet, suggested = article_outlet(db, article.id, NO_REGISTRY)
        assert not suggested
        expected[outlet] = expected.get(outlet, 0) + 1
    assert expected == {"Le Blog": 2, "Le Site": 2}
    profiles = {p.outlet: p for p in build_report(db, lookup=NO_REGISTRY).outlets}
    assert {name: p.articles for name, p in profiles.items()} == expected
    assert all(p.suggested == 0 and p.labelled.count == p.articles for p in profiles.values())


def test_per_outlet_agreement_is_the_agreement_command_on_that_outlet(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    articles = _articles(6)
    add_articles(db, articles)
    votes = [  # (alice, bob, carol) per article; None = not labelled
        ("pro-russia", "pro-russia", None),
        ("neutral", "pro-russia", "neutral"),
        ("neutral", "neutral", None),
        ("pro-ukraine", None, None),  # one annotator: not an item
        ("neutral", "pro-ukraine", None),
        ("pro-russia", "pro-russia", "pro-russia"),
    ]
    for article, row in zip(articles, votes):
        record_event(db, article.id, "alice", "outlet", "Le Blog")
        for who, value in zip(("alice", "bob", "carol"), row):
            if value is not None:
                record_event(db, article.id, who, "stance", value)
    record_event(db, articles[4].id, "lead", "stance", "neutral", action="adjudicate")  # not a vote
    profile = build_report(db, lookup=NO_REGISTRY).outlets[0]
    stance = profile.agreement["stance"]
    whole = compute_agreement(db, default_scheme(), ["stance"])["stance"]
    assert (stance["items"], stance["agreed"]) == (5, 3)
    assert stance["items"] == whole.items
    assert stance["percent"] == pytest.approx(whole.percent_agreement)
    assert stance["alpha"] == pytest.approx(whole.krippendorff_alpha)
    # every current label counts in the distribution, the adjudication too
    assert profile.stance == {"neutral": 6, "pro-russia": 6, "pro-ukraine": 2}


def test_items_agreement_gives_what_field_agreement_gives() -> None:
    field_ = default_scheme().field("reliability")
    by_article = {
        "a": {"x": "1", "y": "2"}, "b": {"x": "3", "y": "3", "z": "3"}, "c": {"x": "5"},
        "d": {"x": "2", "y": "2", "z": "4", "w": "5"}, "e": {"x": "4", "y": "4"},
    }
    whole = field_agreement(by_article, field_)
    counts = []
    for labels in by_article.values():
        unit: dict[str, int] = {}
        for value in labels.values():
            unit[value] = unit.get(value, 0) + 1
        counts.append(unit)
    found = items_agreement(counts, field_)
    assert (found.items, found.agreed) == (4, 2)
    assert found.percent_agreement == whole.percent_agreement
    assert found.krippendorff_alpha == whole.krippendorff_alpha
    assert found.measure == whole.measure == "ordinal"


def test_comparing_leaves_the_connection_cache_as_it_was(tmp_path: Path) -> None:
    db = open_db(tmp_path / "c.db")
    add_articles(db, _articles(2))
    db.execute("PRAGMA cache_size = -1000")
    build_report(db, lookup=NO_REGISTRY)
    assert db.execute("PRAGMA cache_size").fetchone()[0] == -1000
    assert not db.conn.in_transaction
