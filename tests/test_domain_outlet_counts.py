"""The annotator keeps the outlet given to each domain label by label: after any sequence of outlet labels, clears,
undos, rulings and other annotators' work, its answer is the one counted from scratch."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import sqlite_utils

from provenance.corpus.article import Article
from provenance.scheme import default_scheme
from provenance.store import open_db, outlets
from provenance.store.articles import add_articles
from provenance.store.labels import now_iso, record_event
from provenance.store.outlets import outlet_from_counts, outlet_given_to_domain
from provenance.tui.domain_outlets import DomainOutlets
from provenance.tui.session import Session

DOMAINS = ("alpha.example", "beta.example", "gamma.example")
# Few names, few articles per domain: ties are frequent. "alpha" sorts after "Beta", "Ébène" after both.
NAMES = ("Alpha", "alpha", " Beta ", "Beta", "Ébène", "Gamma")


def corpus(path: Path) -> tuple[sqlite_utils.Database, list[str]]:
    db = open_db(path)
    articles = [Article(f"Article {i} of {d}.", publisher_domain=d) for d in DOMAINS for i in range(5)]
    articles.append(Article("An article without a publisher."))
    add_articles(db, articles)
    rnd = random.Random(0)
    for article in articles[::2]:  # earlier labels by annotators who are not at work now
        for who in ("old-1", "old-2"):
            record_event(db, article.id, who, "outlet", rnd.choice(NAMES))
    return db, [a.id for a in articles]


def reference(db: sqlite_utils.Database) -> dict[str, str]:
    return {d: outlet_given_to_domain(db, d) for d in DOMAINS}


def incremental(session: Session) -> dict[str, str]:
    return {d: session.domain_outlets.given(d) for d in DOMAINS}


def step(rnd: random.Random, session: Session, ids: list[str]) -> None:
    """One thing an annotator does that may change the outlet of an article."""
    move = rnd.choice(("label", "label", "label", "clear", "undo", "undo", "choose"))
    if move == "undo":
        session.undo()
        return
    session.open(rnd.choice(ids))
    if move == "label":
        session.set_text("outlet", rnd.choice(NAMES))
    elif move == "clear":
        session.set_text("outlet", "")
    else:  # a digit confirms the pending outlet suggestion first
        session.choose(rnd.choice("123"))


@pytest.mark.parametrize("seed", range(4))
def test_several_annotators_always_see_the_outlet_counted_from_scratch(tmp_path: Path, seed: int) -> None:
    db, ids = corpus(tmp_path / "labels.db")
    other = open_db(tmp_path / "labels.db")  # another annotator's process: its own connection
    try:
        scheme = default_scheme()
        sessions = [
            Session(db, annotator="ann-1", scheme=scheme),
            Session(db, annotator="ann-2", scheme=scheme),
            Session(other, annotator="ann-3", scheme=scheme),
        ]
        rnd = random.Random(seed)
        for number in range(120):
            if number % 25 == 24:  # a ruling, as the review screen records it: not through any session
                record_event(db, rnd.choice(ids), "lead", "outlet", rnd.choice(NAMES), action="adjudicate")
            else:
                step(rnd, rnd.choice(sessions), ids)
            expected = reference(db)
            for session in sessions:
                assert incremental(session) == expected, (number, session.annotator)
    finally:
        other.close()
        db.close()


def test_a_bulk_arrival_of_events_is_counted_afresh(tmp_path: Path) -> None:
    db, ids = corpus(tmp_path / "labels.db")
    session = Session(db, annotator="ann-1", scheme=default_scheme())
    before = incremental(session)
    rows = [(f"merged-{i}", ids[0], f"m-{i}", "stance", "neutral", "", "set", "", now_iso()) for i in range(1100)]
    rows += [
        (f"merged-outlet-{k}-{i}", ids[k], f"m-{i}", "outlet", "Merged", "", "set", "", now_iso())
        for k in range(5)  # every article of the first domain, by three annotators each
        for i in range(3)
    ]
    with db.atomic():  # a merge: more events at once than are worth reading one by one
        db.conn.executemany(
            "INSERT INTO label_events (id, article_id, annotator, field, value, target, action, undoes, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    assert incremental(session) == reference(db)
    assert before[DOMAINS[0]] != "Merged" == incremental(session)[DOMAINS[0]]


def test_the_annotator_s_own_labels_do_not_recount_the_domain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, ids = corpus(tmp_path / "labels.db")
    counted: list[str] = []
    count = outlets.domain_outlet_counts

    def counting(db: sqlite_utils.Database, domain: str) -> dict[str, int]:
        counted.append(domain)
        return count(db, domain)

    monkeypatch.setattr(outlets, "domain_outlet_counts", counting)
    session = Session(db, annotator="ann-1", scheme=default_scheme())
    rnd = random.Random(7)
    for number in range(150):
        step(rnd, session, ids)
        assert incremental(session) == reference(db), number
    assert sorted(counted) == sorted(DOMAINS)


@pytest.mark.parametrize("seed", range(3))
def test_the_winner_of_the_counts_is_the_winner_of_the_sql(tmp_path: Path, seed: int) -> None:
    db, ids = corpus(tmp_path / "labels.db")
    rnd = random.Random(seed)
    for article_id in ids:
        record_event(db, article_id, "ann-1", "outlet", rnd.choice(NAMES))
    for domain in DOMAINS:
        counts = outlets.domain_outlet_counts(db, domain)
        assert sum(counts.values()) == 5
        assert outlet_from_counts(counts) == outlet_given_to_domain(db, domain)
    assert outlet_from_counts({"b": 2, "a": 2, "c": 1}) == "a"
    assert outlet_from_counts({"b": 2, "a": 0}) == "b"
    assert outlet_from_counts({}) == ""


def test_an_event_written_elsewhere_while_a_label_is_saved_is_not_taken_for_it(tmp_path: Path) -> None:
    db, ids = corpus(tmp_path / "labels.db")
    other = open_db(tmp_path / "labels.db")
    try:
        given = DomainOutlets(db)
        first = given.given(DOMAINS[0])

        def label_while_a_ruling_lands() -> object:
            event = record_event(db, ids[1], "ann-1", "outlet", "Ω")
            for article_id in (ids[0], ids[2], ids[3]):
                record_event(other, article_id, "lead", "outlet", "Ω", action="adjudicate")
            return event

        given.write(ids[1], "outlet", "", label_while_a_ruling_lands)
        assert first != "Ω" == outlet_given_to_domain(db, DOMAINS[0]) == given.given(DOMAINS[0])
    finally:
        other.close()
        db.close()
