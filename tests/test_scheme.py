"""The label scheme: the default loads with the documented fields, and broken files are rejected with a line."""

from __future__ import annotations

import pytest

from provenance.errors import SchemeError
from provenance.scheme import default_scheme, load_scheme, parse_scheme


def test_default_scheme_has_the_documented_fields_and_keys() -> None:
    scheme = default_scheme()
    assert [f.id for f in scheme.fields] == ["outlet", "stance", "reliability", "origin", "note"]
    assert [f.id for f in scheme.required] == ["outlet", "stance", "reliability", "origin"]
    stance = scheme.field("stance")
    assert [v.id for v in stance.values] == ["pro-ukraine", "neutral", "pro-russia", "unclear"]
    assert stance.value_for_key("2").id == "neutral"
    assert scheme.field("reliability").measure == "ordinal"
    assert scheme.field("outlet").key == "o" and scheme.field("note").key == "N"
    assert len(scheme.frames) == 14 and "Security_and_defense" in scheme.frames
    assert len(scheme.techniques) == 23 and "Loaded_Language" in scheme.techniques
    assert "# Labelling guidelines" in scheme.guidelines


def test_check_value_explains_what_is_wrong() -> None:
    scheme = default_scheme()
    assert scheme.check_value("stance", "neutral") is None
    assert scheme.check_value("outlet", "anything at all") is None
    assert "not a value of stance" in scheme.check_value("stance", "maybe")
    assert "unknown field" in scheme.check_value("mood", "happy")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("name = 'x'\n[[fields]\n", "not valid TOML"),
        ("name = 'x'\n", "at least one [[fields]]"),
        ('[[fields]]\nid = "stance"\ntype = "choice"\n', "non-empty 'values'"),
        ('[[fields]]\nid = "s"\ntype = "bogus"\n', ":2: field 's': type must be one of"),
        ('[[fields]]\nid = "s"\ntype = "text"\n', "needs a 'key'"),
        ('[[fields]]\nid = "s"\ntype = "text"\nkey = "q"\n', "reserved"),
        ('[[fields]]\nid = "s"\ntype = "choice"\nvalues = [{id="a"}, {id="a"}]\n', "share an id"),
        ('[[fields]]\nid = "s"\ntype = "choice"\nvalues = [{id="a", key="1"}, {id="b", key="1"}]\n', "used twice"),
        ('[[fields]]\nid = "Bad Id"\ntype = "text"\nkey = "k"\n', "must be lower-case"),
        ('[[fields]]\nid = "s"\ntype = "text"\nkey = "k"\nrequired = "yes"\n', "true or false"),
    ],
)
def test_invalid_schemes_are_rejected_with_a_reason(source: str, expected: str) -> None:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(source, "my.toml")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("my.toml")


def test_missing_scheme_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(SchemeError, match="no such scheme file"):
        load_scheme(tmp_path / "nope.toml")


def test_a_custom_scheme_replaces_the_default(tmp_path) -> None:
    path = tmp_path / "mini.toml"
    path.write_text('name = "mini"\n[[fields]]\nid = "topic"\ntype = "choice"\nvalues = [{id="war"}, {id="peace"}]\n')
    scheme = load_scheme(path)
    assert scheme.name == "mini"
    assert [v.key for v in scheme.field("topic").values] == ["1", "2"]


def test_every_single_key_of_the_annotator_is_reserved() -> None:
    """A scheme field may not take a key the annotator already uses (the keys table is the authority)."""
    from provenance.scheme import RESERVED_KEYS
    from provenance.tui.keys import ARTICLE_KEYS

    single_keys = {
        key.strip()
        for keys, _ in ARTICLE_KEYS
        for key in keys.split("/")
        if len(key.strip()) == 1
    }
    field_keys = {f.key for f in default_scheme().fields}
    assert single_keys - field_keys <= RESERVED_KEYS, sorted(single_keys - field_keys - RESERVED_KEYS)
