"""The queue queries: statuses, filters, search, paging and resuming, checked against events written directly."""

from __future__ import annotations

import pytest

from provenance.scheme import default_scheme
from provenance.store import queue
from provenance.store.articles import iter_article_ids
from provenance.store.labels import article_labels, current_labels, record_event, undo_last

REQUIRED = tuple(f.id for f in default_scheme().required)


def label_all(db, article_id: str, annotator: str, stance: str = "neutral") -> None:  # noqa: ANN001
    for field, value in (("outlet", "RT"), ("stance", stance), ("reliability", "2"), ("origin", "rewrite")):
        record_event(db, article_id, annotator, field, value)


def test_statuses_follow_the_events(seeded_db) -> None:
    a, b, c, d, _ = list(iter_article_ids(seeded_db))
    label_all(seeded_db, a, "me")
    record_event(seeded_db, b, "me", "stance", "neutral")
    record_event(seeded_db, c, "me", queue.SKIP_FIELD, action="skip")
    label_all(seeded_db, d, "me", stance="pro-russia")
    label_all(seeded_db, d, "you", stance="pro-ukraine")
    got = queue.statuses(seeded_db, [a, b, c, d], "me", REQUIRED)
    assert got == {a: ("done", False), b: ("partly", False), c: ("skipped", False), d: ("done", True)}
    undo_last(seeded_db, "me")  # the last event of d: its origin
    assert queue.statuses(seeded_db, [d], "me", REQUIRED)[d] == ("partly", True)
    assert queue.progress(seeded_db, "me", REQUIRED) == queue.Progress(done=1, skipped=1, total=5)


def test_one_article_reads_agree_with_the_event_log(seeded_db) -> None:
    """The per-key reads (one article's status, its labels from ``label_state``) give what the queue's statuses and
    the ``current_labels`` view give, through sets, clears, passage labels, skips and undos."""
    a, b, c, d, _ = list(iter_article_ids(seeded_db))
    label_all(seeded_db, a, "me")
    record_event(seeded_db, a, "me", "note", "checked")
    record_event(seeded_db, a, "me", "note", action="clear")
    record_event(seeded_db, a, "me", "verdict", "accept", target="p1")
    record_event(seeded_db, a, "me", "frames", "conflict|blame", target="p2")
    record_event(seeded_db, b, "me", "stance", "neutral")
    record_event(seeded_db, b, "me", "outlet", "RT")
    undo_last(seeded_db, "me")
    record_event(seeded_db, c, "me", queue.SKIP_FIELD, action="skip")
    record_event(seeded_db, c, "me", "stance", "neutral")
    label_all(seeded_db, d, "you")
    for article in (a, b, c, d):
        labels = article_labels(seeded_db, article, "me")
        for target in ("", "p1", "p2", "p3"):
            assert labels.get(target, {}) == current_labels(seeded_db, article, "me", target), (article, target)
        status = queue.status(seeded_db, article, "me", REQUIRED)
        assert status == queue.statuses(seeded_db, [article], "me", REQUIRED)[article][0]
    assert [queue.status(seeded_db, x, "me", REQUIRED) for x in (a, b, c, d)] == ["done", "partly", "skipped", "unlabelled"]
    assert article_labels(seeded_db, a, "me") == {
        "": {"outlet": "RT", "stance": "neutral", "reliability": "2", "origin": "rewrite"},
        "p1": {"verdict": "accept"},
        "p2": {"frames": "conflict|blame"},
    }


def test_filters_count_and_page_agree(seeded_db) -> None:
    ids = list(iter_article_ids(seeded_db))
    label_all(seeded_db, ids[0], "me")
    label_all(seeded_db, ids[1], "me", stance="pro-russia")
    label_all(seeded_db, ids[1], "you", stance="neutral")
    record_event(seeded_db, ids[2], "me", queue.SKIP_FIELD, action="skip")
    expected = {
        queue.QueueFilter("todo"): ids[3:],
        queue.QueueFilter("all"): ids,
        queue.QueueFilter("mine"): ids[:3],
        queue.QueueFilter("disagreements"): [ids[1]],
        queue.QueueFilter("outlet", "RT"): ids[:2],
        queue.QueueFilter("language", "fr"): ids,
        queue.QueueFilter("language", "xx"): [],
    }
    for flt, want in expected.items():
        assert queue.count(seeded_db, "me", REQUIRED, flt) == len(want), flt
        assert [r.article_id for r in queue.page(seeded_db, "me", REQUIRED, flt, 0, 10)] == want, flt
    second_page = queue.page(seeded_db, "me", REQUIRED, queue.QueueFilter("all"), 2, 2)
    assert [r.article_id for r in second_page] == ids[2:4]
    row = queue.page(seeded_db, "me", REQUIRED, queue.QueueFilter("all"), 0, 1)[0]
    assert row.outlet == "RT" and row.status == "done" and row.language == "fr"


@pytest.mark.parametrize("words", ['Porochenko', 'porochenko', 'Poroch', '"Porochenko', 'Porochenko AND', 'NEAR(', '*', '-x'])
def test_search_never_fails_on_user_input(seeded_db, words: str) -> None:
    flt = queue.QueueFilter("all", search=words)
    total = queue.count(seeded_db, "me", REQUIRED, flt)
    assert total == len(queue.page(seeded_db, "me", REQUIRED, flt, 0, 10))
    if words.strip('"').lower().startswith("poroch") and "AND" not in words:
        assert total >= 1


def test_neighbour_position_and_resume(seeded_db) -> None:
    ids = list(iter_article_ids(seeded_db))
    todo = queue.QueueFilter("todo")
    assert queue.neighbour(seeded_db, "me", REQUIRED, todo, None) == ids[0]
    assert queue.neighbour(seeded_db, "me", REQUIRED, todo, ids[1], -1) == ids[0]
    assert queue.resume_point(seeded_db, "me", REQUIRED) == ids[0]
    label_all(seeded_db, ids[0], "me")
    record_event(seeded_db, ids[2], "me", "stance", "neutral")
    assert queue.resume_point(seeded_db, "me", REQUIRED) == ids[2]  # the partly labelled one it stopped on
    label_all(seeded_db, ids[2], "me")
    assert queue.resume_point(seeded_db, "me", REQUIRED) == ids[3]  # the next one to do after it
    assert queue.position(seeded_db, "me", REQUIRED, todo, ids[3]) == 1  # ids[1] is before it
    assert queue.position(seeded_db, "me", REQUIRED, todo, ids[0]) == -1  # done: not shown
