"""Near-duplicate paragraphs: splitting, MinHash signatures (checked against datasketch), matching among documents,
and the incremental database index with its passages."""

from __future__ import annotations

import random

import numpy as np
import pytest

from provenance.corpus.article import Article, Mark
from provenance.extract import boilerplate as bp
from provenance.extract.pipeline import analyse
from provenance.store import analysis as stored_analysis
from provenance.store import articles as stored_articles
from provenance.store.boilerplate import index_articles, refresh, shared_spans
from provenance.store.db import open_db

WORDS = (
    "armée troupes offensive accord négociations sécurité conseil rapport journal samedi semaine année pays alliés "
    "soutien aide militaire économique politique élection parlement vote réforme crise paix frontière ville région "
    "ministre président gouvernement capitale sommet sanctions énergie gaz pétrole port navire missiles défense"
).split()


def paragraph(rng: random.Random, words: int = 45) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def article(rng: random.Random, *planted: str, domain: str = "") -> Article:
    parts = [paragraph(rng) for _ in range(3)] + list(planted)
    rng.shuffle(parts)
    return Article(text=f"Titre {rng.random()}\n\n" + "\n\n".join(parts), publisher_domain=domain)


def small_edit(text: str) -> str:
    words = text.split()
    words[5] = "changé"
    del words[20]
    return " ".join(words)


# Pure side.


def test_paragraphs_split_on_blank_lines_and_single_newlines_but_keep_hard_wrapped_blocks() -> None:
    wrapped = "\n".join(["x" * 60] * 3 + ["fin."])
    text = f"  Premier paragraphe.  \n\nDeuxième\nTroisième\n\n{wrapped}\n"
    spans = bp.paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["Premier paragraphe.", "Deuxième", "Troisième", wrapped]


def test_batch_signatures_equal_datasketch_minhash() -> None:
    datasketch = pytest.importorskip("datasketch")
    rng = random.Random(1)
    sets = [bp.shingle_hashes(bp.words(paragraph(rng, n))) for n in (30, 45, 80)]
    for row, shingles in zip(bp.signatures(sets), sets):
        reference = datasketch.MinHash(num_perm=bp.NUM_PERM, seed=bp.SEED, scheme="affine64", hashfunc=lambda v: v)
        reference.update_batch(shingles.tolist())
        assert np.array_equal(row, reference.hashvalues)


def test_candidates_in_one_batch_match_signing_each_paragraph_alone() -> None:
    rng = random.Random(2)
    texts = ["\n\n".join(paragraph(rng) for _ in range(3)) for _ in range(3)]
    found = bp.candidates(texts)
    alone = bp.signatures([bp.shingle_hashes(t) for text in texts for _, _, t in bp.candidate_paragraphs(text)])
    assert len(found.spans) == 9
    assert np.array_equal(found.signatures, alone)


def test_near_duplicates_are_found_and_unrelated_or_short_paragraphs_are_not() -> None:
    rng = random.Random(3)
    shared = paragraph(rng, 50)
    short = "Une phrase courte répétée partout."
    texts = [
        f"Intro A.\n\n{shared}\n\n{paragraph(rng)}\n\n{short}",
        f"Intro B.\n\n{paragraph(rng)}\n\n{small_edit(shared)}\n\n{short}",
        f"Intro C.\n\n{paragraph(rng)}\n\n{paragraph(rng)}\n\n{short}",
    ]
    result = bp.shared_among(["a", "b", "c"], texts)
    assert [(texts[0][s.start : s.end], s.shared_with) for s in result["a"]] == [(shared, ("b",))]
    assert [s.shared_with for s in result["b"]] == [("a",)]
    assert result["c"] == []


def test_a_paragraph_sharing_one_sentence_is_not_the_same_paragraph() -> None:
    rng = random.Random(4)
    sentence = " ".join(rng.choice(WORDS) for _ in range(12)) + "."
    texts = [f"{sentence} {paragraph(rng, 40)}", f"{sentence} {paragraph(rng, 40)}"]
    assert bp.shared_among(["a", "b"], texts) == {"a": [], "b": []}


# Database side.


@pytest.fixture()
def db():
    return open_db(memory=True)


def store(db, *articles: Article) -> set[str]:
    with db.atomic():
        stored_articles.add_articles(db, articles)
        stored_analysis.save_many(db, [(a.id, analyse(a)) for a in articles])
        return index_articles(db, articles)


def test_index_links_both_ways_incrementally_with_outlets(db) -> None:
    rng = random.Random(5)
    background = paragraph(rng, 60)
    first = article(rng, background, domain="rt.com")
    assert store(db, first) == set()
    assert shared_spans(db, first.id) == []
    second = article(rng, small_edit(background), domain="sputniknews.com")
    third = article(rng)
    assert store(db, second, third) == {first.id, second.id}
    [mine] = shared_spans(db, second.id)
    assert mine.shared_with == (first.id,) and mine.outlets == ("rt.com",)
    assert second.text[mine.start : mine.end] == small_edit(background)
    [theirs] = shared_spans(db, first.id)
    assert theirs.shared_with == (second.id,) and theirs.outlets == ("sputniknews.com",)
    assert shared_spans(db, third.id) == []


def test_indexing_twice_changes_nothing(db) -> None:
    rng = random.Random(6)
    background = paragraph(rng, 60)
    a, b = article(rng, background), article(rng, background)
    store(db, a, b)
    rows = db.execute("SELECT count(*) FROM boilerplate_links").fetchone()[0]
    assert rows == 2
    with db.atomic():
        assert index_articles(db, [a, b]) == set()
    assert db.execute("SELECT count(*) FROM boilerplate_links").fetchone()[0] == rows


def test_passages_gain_also_in_and_keep_their_ids(db) -> None:
    rng = random.Random(7)
    background = "Le régime a lancé une offensive massive. " + paragraph(rng, 50)
    first = article(rng, background, "Les troupes “héroïques” sont arrivées à Kiev hier soir.")
    store(db, first)
    before = dict(stored_analysis.load_passages(db, first.id))
    assert before and not any("also in" in p.why for p in before.values())
    second = article(rng, background)
    store(db, second)
    after = dict(stored_analysis.load_passages(db, first.id))
    assert set(before) <= set(after)
    repeated = [p for pid, p in after.items() if "also in 1 other article" in p.why]
    assert len(repeated) == 1 and repeated[0].text == background
    assert any(m.kind == "boilerplate" for m in repeated[0].markers)
    for pid, passage in before.items():
        assert (after[pid].start, after[pid].end) == (passage.start, passage.end)


def test_a_repeated_paragraph_without_markers_becomes_a_new_passage(db) -> None:
    rng = random.Random(8)
    background = paragraph(rng, 50)
    first, second = article(rng, background), article(rng, background)
    store(db, first, second)
    passages = stored_analysis.load_passages(db, second.id)
    [(pid, passage)] = [(pid, p) for pid, p in passages if any(m.kind == "boilerplate" for m in p.markers)]
    assert passage.text == background and passage.why == "also in 1 other article"
    assert pid.startswith(second.id + ":")


def test_refresh_after_reanalysis_restores_the_boilerplate_markers(db) -> None:
    rng = random.Random(9)
    background = paragraph(rng, 50)
    first, second = article(rng, background), article(rng, background)
    store(db, first, second)
    with db.atomic():
        stored_analysis.save_many(db, [(first.id, analyse(first))])
    assert not any("also in" in p.why for _, p in stored_analysis.load_passages(db, first.id))
    with db.atomic():
        refresh(db, [first.id])
    assert any("also in" in p.why for _, p in stored_analysis.load_passages(db, first.id))


def test_furniture_paragraphs_are_not_indexed(db) -> None:
    rng = random.Random(10)
    menu = paragraph(rng, 40)
    articles = []
    for _ in range(2):
        a = article(rng, menu)
        start = a.text.index(menu)
        a.marks.append(Mark("furniture", start, start + len(menu)))
        articles.append(a)
    store(db, *articles)
    assert all(shared_spans(db, a.id) == [] for a in articles)


def test_reanalysis_keeps_boilerplate_and_indexes_articles_stored_before_the_index(db) -> None:
    from provenance.store.reanalyse import reanalyse

    rng = random.Random(11)
    background = paragraph(rng, 50)
    first, second = article(rng, background), article(rng, background)
    with db.atomic():  # stored the way a database from before the index was: no indexing
        stored_articles.add_articles(db, [first, second])
    assert shared_spans(db, first.id) == []
    reanalyse(db, everything=True)
    assert [s.shared_with for s in shared_spans(db, first.id)] == [(second.id,)]
    reanalyse(db, everything=True)
    for article_id in (first.id, second.id):
        assert any("also in 1 other article" in p.why for _, p in stored_analysis.load_passages(db, article_id))


def test_paragraphs_are_found_on_both_sides_of_a_fold_of_the_recent_bands(db, monkeypatch) -> None:
    monkeypatch.setattr("provenance.store.boilerplate.RECENT_LIMIT", 100)  # a fold every few articles
    rng = random.Random(8)
    background = paragraph(rng, 60)
    first = article(rng, background)
    store(db, first)
    for _ in range(6):
        store(db, article(rng))
    assert db.execute("SELECT count(*) FROM boilerplate_bands").fetchone()[0] > 0  # folded at least once
    late = article(rng, small_edit(background))
    assert store(db, late) == {first.id, late.id}  # found in the large table
    again = article(rng, small_edit(background))
    assert store(db, again) == {first.id, late.id, again.id}  # and in the recent one
    stored = db.execute("SELECT count(*) FROM boilerplate_paragraphs").fetchone()[0]
    bands = db.execute(
        "SELECT (SELECT count(*) FROM boilerplate_bands) + (SELECT count(*) FROM boilerplate_bands_recent)"
    ).fetchone()[0]
    assert bands == stored * bp.BANDS


def test_a_paragraph_every_article_carries_links_to_the_first_carriers_only(db, monkeypatch) -> None:
    monkeypatch.setattr(bp, "MAX_SHARED", 4)
    rng = random.Random(9)
    footer = paragraph(rng, 50)
    first_batch = [article(rng, small_edit(footer)) for _ in range(10)]
    store(db, *first_batch)
    later = [article(rng, footer) for _ in range(30)]
    for item in later:
        store(db, item)
    carriers = first_batch + later
    per_span = db.execute(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM boilerplate_links GROUP BY article_id, start)"
    ).fetchone()[0]
    assert per_span <= 10  # not 39: a batch's first paragraphs pair with the rest of that batch, no more
    assert all(shared_spans(db, a.id) for a in carriers)  # every copy is still found
    for item in later:
        [span] = shared_spans(db, item.id)
        assert len(span.shared_with) <= 4 or item is later[0]
    indexed = db.execute(
        "SELECT count(DISTINCT paragraph_id) FROM (SELECT paragraph_id FROM boilerplate_bands"
        " UNION ALL SELECT paragraph_id FROM boilerplate_bands_recent)"
    ).fetchone()[0]
    assert indexed < db.execute("SELECT count(*) FROM boilerplate_paragraphs").fetchone()[0]
