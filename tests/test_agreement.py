"""Agreement statistics checked against examples computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from label_fixtures import STANCE_A, STANCE_B, label_all, seeded_db

from provenance.analysis.agreement import cohen_kappa, compute_agreement, field_agreement, to_json
from provenance.cli import main
from provenance.scheme import default_scheme
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
