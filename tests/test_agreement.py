"""Agreement statistics checked against examples computed by hand."""

from __future__ import annotations

import itertools
import json
import random
import sys
import types
from collections import Counter
from pathlib import Path

import krippendorff
import numpy as np

import pytest
from click.testing import CliRunner
from label_fixtures import STANCE_A, STANCE_B, label_all, seeded_db

from provenance.analysis.agreement import (
    alpha_from_counts,
    cohen_kappa,
    compute_agreement,
    counted_field_agreement,
    counted_items_agreement,
    counted_kappa,
    default_fields,
    field_agreement,
    to_json,
)
from provenance.cli import main
from provenance.scheme import default_scheme
from provenance.store import open_db
from provenance.store.labels import record_event, undo_last


def test_cohen_kappa_of_the_stance_example() -> None:
    # p_o = 3/5; p_e = (2*2 + 2*2 + 1*1) / 25 = 0.36; kappa = (0.6 - 0.36) / 0.64
    assert cohen_kappa(STANCE_A, STANCE_B) == pytest.approx(0.375)


def test_cohen_kappa_is_undefined_when_chance_agreement_is_total() -> None:
    assert cohen_kappa(["neutral"] * 3, ["neutral"] * 3) is None
    assert cohen_kappa(["a", "b"], ["a", "b"]) == pytest.approx(1.0)


def test_stance_example_gives_the_published_numbers() -> None:
    by_article = {f"a{i}": {"alice": a, "bob": b} for i, (a, b) in enumerate(zip(STANCE_A, STANCE_B))}
    result = field_agreement(by_article, default_scheme().field("stance"))
    assert result.items == 5
    assert result.annotators == 2
    assert result.percent_agreement == pytest.approx(0.6)
    # nominal alpha: D_o = 4/10, D_e = 64/90, alpha = 1 - 0.4 / (64/90) = 0.4375
    assert result.krippendorff_alpha == pytest.approx(0.4375)
    assert [(p.a, p.b, p.items) for p in result.pairs] == [("alice", "bob", 5)]
    assert result.pairs[0].cohen_kappa == pytest.approx(0.375)
    assert result.disagreements == ["a2", "a4"]


def test_reliability_uses_ordinal_alpha_in_scheme_order() -> None:
    # A = [1, 2, 3], B = [1, 3, 3]: n1=2, n2=1, n3=3, n=6. Ordinal d(2,3) = (4 - 2)^2 = 4, d(1,2) = 2.25,
    # d(1,3) = 12.25. D_o = 2*4/6; D_e = 2*(2*2.25 + 6*12.25 + 3*4)/30 = 6; alpha = 1 - (8/6)/6 = 7/9.
    # (Nominal alpha on the same data would be 1 - (2/6)/(22/30) = 0.545.)
    by_article = {f"a{i}": {"alice": a, "bob": b} for i, (a, b) in enumerate(zip("123", "133"))}
    result = field_agreement(by_article, default_scheme().field("reliability"))
    assert result.measure == "ordinal"
    assert result.krippendorff_alpha == pytest.approx(7 / 9)
    assert result.pairs[0].cohen_kappa == pytest.approx(0.5)


def test_items_need_two_annotators_and_three_annotators_count_every_pair() -> None:
    by_article = {
        "x": {"alice": "neutral", "bob": "neutral", "carol": "neutral"},
        "y": {"alice": "neutral", "bob": "pro-russia", "carol": "neutral"},
        "z": {"alice": "unclear"},
    }
    result = field_agreement(by_article, default_scheme().field("stance"))
    assert result.items == 2
    assert result.annotators == 3
    assert result.percent_agreement == pytest.approx(0.5)
    assert result.disagreements == ["y"]
    assert [(p.a, p.b, p.items) for p in result.pairs] == [("alice", "bob", 2), ("alice", "carol", 2), ("bob", "carol", 2)]
    assert result.pairs[1].cohen_kappa is None  # alice and carol both said only "neutral"


def test_agreement_reads_current_labels_and_ignores_rulings() -> None:
    db, ids = seeded_db()
    label_all(db, "alice", ids, "stance", STANCE_A)
    label_all(db, "bob", ids, "stance", STANCE_B, hour=11)
    record_event(db, ids[0], "bob", "stance", "unclear")
    undo_last(db, "bob")  # the undone change must not count
    record_event(db, ids[2], "carol", "stance", "neutral", action="adjudicate")
    result = compute_agreement(db, default_scheme(), ["stance"])["stance"]
    assert result.annotators == 2
    assert result.krippendorff_alpha == pytest.approx(0.4375)
    assert result.disagreements == sorted([ids[2], ids[4]])


def test_cli_json_layout(tmp_path: Path) -> None:
    runner = CliRunner()
    path = str(tmp_path / "a.db")
    db, ids = seeded_db(tmp_path / "a.db")
    label_all(db, "alice", ids, "stance", STANCE_A)
    label_all(db, "bob", ids, "stance", STANCE_B)
    db.close()
    result = runner.invoke(main, ["agreement", "--db", path, "--field", "stance", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    stance = data["fields"]["stance"]
    assert set(data["fields"]) == {"stance"}
    assert {k: stance[k] for k in ("items", "annotators", "percent_agreement")} == {
        "items": 5, "annotators": 2, "percent_agreement": 0.6}
    assert stance["krippendorff_alpha"] == pytest.approx(0.4375)
    assert stance["pairs"] == [{"a": "alice", "b": "bob", "cohen_kappa": pytest.approx(0.375), "items": 5}]
    assert sorted(stance["disagreements"]) == sorted([ids[2], ids[4]])
    table = runner.invoke(main, ["agreement", "--db", path])
    assert table.exit_code == 0
    assert "stance" in table.output and "60.0%" in table.output and "0.375" in table.output


def test_unknown_field_is_a_clear_error(tmp_path: Path) -> None:
    open_db(tmp_path / "a.db").close()
    runner = CliRunner()
    result = runner.invoke(main, ["agreement", "--db", str(tmp_path / "a.db"), "--field", "mood"])
    assert result.exit_code == 2
    assert "unknown field 'mood'" in result.output
    assert "Traceback" not in result.output


def test_to_json_keeps_nulls_for_undefined_statistics() -> None:
    result = field_agreement({"x": {"a": "neutral", "b": "neutral"}}, default_scheme().field("stance"))
    data = to_json({"stance": result})
    assert data["fields"]["stance"]["krippendorff_alpha"] is None
    assert data["fields"]["stance"]["percent_agreement"] == 1.0


def test_counted_kappa_weighs_each_pair_of_values_by_its_count() -> None:
    pairs = Counter(zip(STANCE_A, STANCE_B))
    assert counted_kappa(pairs) == pytest.approx(0.375)
    doubled = counted_kappa({key: 2 * n for key, n in pairs.items()})
    assert doubled == cohen_kappa(STANCE_A * 2, STANCE_B * 2)


def test_a_labelling_carried_by_several_articles_counts_once_per_article() -> None:
    labellings: Counter = Counter()
    for a, b in zip(STANCE_A, STANCE_B):
        labellings[(("alice", a), ("bob", b))] += 2
    labellings[(("carol", "neutral"),)] = 3  # a lone label: no item, but carol labelled
    result = counted_field_agreement(labellings, ["a2", "a4"], default_scheme().field("stance"))
    assert (result.items, result.annotators, result.percent_agreement) == (10, 3, 0.6)
    assert [(p.a, p.b, p.items) for p in result.pairs] == [("alice", "bob", 10)]
    assert result.pairs[0].cohen_kappa == pytest.approx(0.375)
    # Doubling every item leaves D_o at 4/10 and makes D_e = 2 * (20*20 - 4*4 - 4*4 - 2*2) / (20*19) = 128/190.
    assert result.krippendorff_alpha == pytest.approx(1 - 0.4 / (128 / 190))
    assert result.disagreements == ["a2", "a4"]


@pytest.mark.parametrize("field_id", ["stance", "reliability"])
def test_counted_items_give_the_alpha_of_every_item_written_out(field_id: str) -> None:
    field_ = default_scheme().field(field_id)
    codes = [v.id for v in field_.values]
    rng = random.Random(field_id)
    units = []
    for _ in range(12):  # unanimous items of two to five annotators and split ones, each standing for a few items
        size = rng.randint(2, 5)
        values = [rng.choice(codes)] * size if rng.random() < 0.5 else rng.choices(codes, k=size)
        units.append((Counter(values), rng.randint(1, 4)))
    got = counted_items_agreement(units, field_)
    written_out = [values for values, repeat in units for _ in range(repeat)]
    data = np.full((5, len(written_out)), np.nan)
    for j, values in enumerate(written_out):
        for i, value in enumerate(values.elements()):
            data[i, j] = codes.index(value)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement=field_.measure,
                                  value_domain=list(range(len(codes))))
    assert got.items == len(written_out)
    assert got.agreed == sum(len(values) == 1 for values in written_out)
    assert got.krippendorff_alpha == pytest.approx(expected, abs=1e-12)


def test_an_undo_filed_by_someone_else_revives_the_label_it_uncleared() -> None:
    # The labels' current state is kept per annotator; an undo by another annotator (a merged log can hold one)
    # changes a state it is not filed under.
    db, ids = seeded_db()
    for who, value in (("alice", "pro-russia"), ("carol", "neutral")):
        record_event(db, ids[0], who, "stance", value, created_at="2026-01-01T10:00:00.000000+00:00")
        cleared = record_event(db, ids[0], who, "stance", action="clear", created_at="2026-01-01T10:01:00.000000+00:00")
        record_event(db, ids[0], "dave", "stance", action="undo", undoes=cleared.id,
                     created_at="2026-01-01T10:02:00.000000+00:00")
    record_event(db, ids[1], "alice", "stance", "neutral", action="adjudicate")
    result = compute_agreement(db, default_scheme(), ["stance"])["stance"]
    assert (result.items, result.annotators, result.disagreements) == (1, 2, [ids[0]])
    assert [(p.a, p.b, p.items) for p in result.pairs] == [("alice", "carol", 1)]


# A straightforward reading of the log and of the statistics, kept independent of the module under test.

ANNOTATORS = ("alice", "bob", "carol", "dave")
VALUES = {
    "stance": ["pro-ukraine", "neutral", "pro-russia", "unclear", "other", " neutral"],
    "reliability": ["1", "2", "3", "4", "5"],
    "origin": ["original", "rewrite", "opinion"],
    "outlet": ["CNN", "TASS", "Le Monde"],
    "note": ["free text"],
}


def _random_log(db, rng: random.Random) -> None:
    """Events of every kind, on few articles and coarse times (ties are broken by id): sets, changed minds, clears,
    undos by the annotator (as the app does) and by someone else (as a merged log may hold), rulings, some by an
    annotator of the article, skips, passage labels and fields agreement does not read."""
    articles = [f"art{i}" for i in range(rng.randint(3, 9))]
    recorded = []
    for _ in range(rng.randint(20, 90)):
        article, who = rng.choice(articles), rng.choice(ANNOTATORS)
        field_ = rng.choice(list(VALUES))
        at = f"2026-01-01T10:{rng.randint(0, 9):02d}:00.000000+00:00"
        kind = rng.choices(["set", "clear", "undo", "foreign undo", "adjudicate", "skip", "passage"],
                           [12, 2, 2, 1, 2, 1, 1])[0]
        if kind in ("undo", "foreign undo") and recorded:
            undone = rng.choice(recorded)
            by = undone.annotator if kind == "undo" else who
            field_, target = (undone.field, undone.target) if kind == "undo" else (field_, "")
            record_event(db, undone.article_id if kind == "undo" else article, by, field_, action="undo",
                         target=target, undoes=undone.id, created_at=at)
            continue
        value = rng.choice(VALUES[field_]) if kind in ("set", "adjudicate", "passage") else ""
        if kind == "adjudicate" and rng.random() < 0.2:
            value = ""  # a withdrawn ruling
        action = {"passage": "set", "foreign undo": "set", "undo": "set"}.get(kind, kind)
        if kind == "skip" and rng.random() < 0.5:
            field_ = ""
        target = f"{article}:0" if kind == "passage" else ""
        recorded.append(record_event(db, article, who, field_, value, action=action, target=target, created_at=at))


def _own_labels_by_hand(db, fields: list[str]) -> dict[str, dict[str, dict[str, str]]]:
    """{field: {article: {annotator: value}}}: per key, the newest set or clear no undo points at, if a set."""
    events = db.execute("SELECT id, article_id, annotator, field, value, target, action, undoes, created_at"
                        " FROM label_events").fetchall()
    undone = {e[7] for e in events if e[6] == "undo"}
    newest: dict[tuple, tuple] = {}
    for e in events:
        if e[6] in ("set", "clear") and e[0] not in undone and e[5] == "" and e[3] in fields:
            key = (e[1], e[2], e[3])
            if key not in newest or (e[8], e[0]) > (newest[key][8], newest[key][0]):
                newest[key] = e
    table: dict[str, dict[str, dict[str, str]]] = {f: {} for f in fields}
    for (article, who, field_), e in sorted(newest.items()):
        if e[6] == "set":
            table[field_].setdefault(article, {})[who] = e[4]
    return table


def _alpha_by_hand(items: dict[str, dict[str, str]], field_) -> float | None:
    values = {v for labels in items.values() for v in labels.values()}
    if len(values) < 2:
        return None
    order = [v.id for v in field_.values] if field_.type == "choice" else []
    order += sorted(values - set(order))
    who = sorted({a for labels in items.values() for a in labels})
    data = np.full((len(who), len(items)), np.nan)
    for j, labels in enumerate(items.values()):
        for a, v in labels.items():
            data[who.index(a), j] = order.index(v)
    measure = field_.measure if field_.type == "choice" else "nominal"
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=measure,
                                    value_domain=list(range(len(order)))))


def _kappa_by_hand(a: list[str], b: list[str]) -> float | None:
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    expected = sum(a.count(v) * b.count(v) for v in set(a)) / (n * n)
    return None if expected >= 1 else (observed - expected) / (1 - expected)


@pytest.mark.parametrize("seed", range(30))
def test_agreement_over_random_logs_matches_a_reading_by_hand(seed: int) -> None:
    rng = random.Random(seed)
    db = open_db(memory=True)
    _random_log(db, rng)
    scheme = default_scheme()
    fields = default_fields(scheme)
    results = compute_agreement(db, scheme)
    assert list(results) == fields
    for field_, by_article in _own_labels_by_hand(db, fields).items():
        got = results[field_]
        items = {article: labels for article, labels in by_article.items() if len(labels) >= 2}
        assert got.items == len(items)
        assert got.annotators == len({a for labels in by_article.values() for a in labels})
        agreed = sum(len(set(labels.values())) == 1 for labels in items.values())
        assert got.percent_agreement == (agreed / len(items) if items else None)
        assert got.disagreements == [a for a, labels in items.items() if len(set(labels.values())) > 1]
        expected_alpha = _alpha_by_hand(items, scheme.field(field_))
        assert got.krippendorff_alpha == (None if expected_alpha is None else pytest.approx(expected_alpha, abs=1e-9))
        pairs = []
        for a, b in itertools.combinations(sorted({w for labels in items.values() for w in labels}), 2):
            both = [(labels[a], labels[b]) for labels in items.values() if a in labels and b in labels]
            if both:
                kappa = _kappa_by_hand([x for x, _ in both], [y for _, y in both])
                pairs.append((a, b, len(both), kappa))
        assert [(p.a, p.b, p.items) for p in got.pairs] == [(a, b, n) for a, b, n, _ in pairs]
        for p, (_, _, _, kappa) in zip(got.pairs, pairs):
            assert p.cohen_kappa == (None if kappa is None else pytest.approx(kappa, abs=1e-12))


# α from distinct rows of value counts, each standing for several items, against krippendorff on every item written out.


def _random_rows(rng: np.random.Generator, values: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows of value counts (one to eight labels, near a true value so α is far from 0, some lone labels and some
    unanimous rows), some rows given twice, each standing for 1 to 40 items."""
    counts = np.zeros((rows, values), dtype=np.int64)
    for row in counts:
        truth = rng.integers(values)
        for _ in range(rng.integers(1, 9)):
            row[truth if rng.random() < 0.7 else rng.integers(values)] += 1
    twice = rng.integers(rows, size=rows // 4)
    return np.concatenate([counts, counts[twice]]), rng.integers(1, 41, size=rows + len(twice))


def _library_alpha(counts: np.ndarray, repeats: np.ndarray, measure: str) -> float:
    return float(krippendorff.alpha(value_counts=np.repeat(counts, repeats, axis=0),
                                    value_domain=[float(v) for v in range(counts.shape[1])],
                                    level_of_measurement=measure))


@pytest.mark.parametrize("measure", ["nominal", "ordinal", "interval"])
@pytest.mark.parametrize(("seed", "values", "rows"), [(0, 2, 3), (1, 4, 20), (2, 5, 60), (3, 30, 80), (4, 70, 150)])
def test_alpha_of_counted_rows_is_the_alpha_of_every_item(measure: str, seed: int, values: int, rows: int) -> None:
    counts, repeats = _random_rows(np.random.default_rng(seed), values, rows)
    expected = _library_alpha(counts, repeats, measure)
    got = alpha_from_counts(counts.tolist(), list(range(values)), measure, repeats.tolist())
    assert got == pytest.approx(expected, abs=1e-12)
    # The repeats matter: the same rows taken once each give another α, so a count that ignored them would fail.
    assert abs(_library_alpha(counts, np.ones_like(repeats), measure) - expected) > 1e-6


@pytest.mark.parametrize("measure", ["nominal", "ordinal", "interval"])
def test_rows_standing_for_no_item_are_left_out(measure: str) -> None:
    counts, repeats = _random_rows(np.random.default_rng(7), 6, 30)
    repeats[::3] = 0
    expected = _library_alpha(counts, repeats, measure)
    assert alpha_from_counts(counts.tolist(), list(range(6)), measure, repeats.tolist()) == pytest.approx(
        expected, abs=1e-12
    )


@pytest.mark.parametrize("measure", ["nominal", "ordinal", "interval"])
@pytest.mark.parametrize(
    ("counts", "repeats"),
    [
        ([[3, 0, 0], [2, 0, 0]], [5, 1]),  # one value given
        ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [4, 4, 4]),  # lone labels only: nothing to compare
        ([[2, 0, 0], [0, 1, 0]], [3, 2]),  # the second value only ever given alone
    ],
)
def test_alpha_is_undefined_where_the_library_has_none(counts: list, repeats: list, measure: str) -> None:
    with np.errstate(divide="ignore", invalid="ignore"):
        try:
            library = _library_alpha(np.array(counts), np.array(repeats), measure)
        except ValueError:
            library = float("nan")
    assert library != library
    assert alpha_from_counts(counts, [0, 1, 2], measure, repeats) is None
    assert alpha_from_counts([[4], [2]], [0], measure, [3, 1]) is None  # a domain of one value


def test_alpha_never_writes_every_item_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import tracemalloc

    counts, repeats = _random_rows(np.random.default_rng(11), 60, 16)
    expected = _library_alpha(counts, repeats, "nominal")

    def items_written_out(**_: object) -> float:
        raise AssertionError("krippendorff.alpha called on every item")

    monkeypatch.setattr(krippendorff, "alpha", items_written_out)
    peaks, alphas = [], []
    for scale in (1, 1000):  # 1000 times as many items (an items × 60 × 60 array of them: over a gigabyte)
        tracemalloc.start()
        try:
            alphas.append(alpha_from_counts(counts.tolist(), list(range(60)), "nominal", (repeats * scale).tolist()))
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert alphas[0] == pytest.approx(expected, abs=1e-12)
    assert alphas[1] is not None and abs(alphas[1] - alphas[0]) < 0.01  # many more items, much the same α
    assert max(peaks) < 1_000_000


@pytest.mark.parametrize("missing", ["_random_coincidences", "_distances", "_distance_metric"])
def test_a_krippendorff_without_its_parts_gives_the_same_alpha(monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    counts, repeats = _random_rows(np.random.default_rng(5), 5, 25)
    expected = alpha_from_counts(counts.tolist(), list(range(5)), "ordinal", repeats.tolist())
    calls = []
    public = krippendorff.alpha

    def spy(**kwargs: object) -> float:
        calls.append(kwargs)
        return public(**kwargs)

    # A later krippendorff: its module without that part (its own alpha keeps the real one).
    later = types.ModuleType("krippendorff.krippendorff")
    later.__dict__.update({k: v for k, v in vars(krippendorff.krippendorff).items() if k != missing})
    monkeypatch.setitem(sys.modules, "krippendorff.krippendorff", later)
    monkeypatch.setattr(krippendorff, "krippendorff", later)
    monkeypatch.setattr(krippendorff, "alpha", spy)
    got = alpha_from_counts(counts.tolist(), list(range(5)), "ordinal", repeats.tolist())
    assert len(calls) == 1 and len(calls[0]["value_counts"]) == repeats.sum()
    assert got == pytest.approx(expected, abs=1e-12)
    assert got == pytest.approx(_library_alpha(counts, repeats, "ordinal"), abs=1e-12)


def test_counted_items_of_a_text_field_give_the_alpha_of_every_item() -> None:
    rng = random.Random(3)
    names = [f"outlet {i}" for i in range(60)]
    units = []
    for _ in range(120):
        truth = rng.choice(names)
        labels = [truth if rng.random() < 0.8 else rng.choice(names) for _ in range(rng.randint(1, 6))]
        units.append((Counter(labels), rng.randint(1, 30)))
    units += units[:20]  # the same counts arriving twice add up
    got = counted_items_agreement(units, None)
    kept = [(values, n) for values, n in units if sum(values.values()) >= 2]
    given = sorted({v for values, _ in kept for v in values})
    matrix = np.repeat(np.array([[values[v] for v in given] for values, _ in kept]), [n for _, n in kept], axis=0)
    expected = krippendorff.alpha(value_counts=matrix, value_domain=list(range(len(given))),
                                  level_of_measurement="nominal")
    assert got.items == len(matrix)
    assert got.krippendorff_alpha == pytest.approx(float(expected), abs=1e-12)
