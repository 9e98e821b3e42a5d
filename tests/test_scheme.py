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


OUTLET_AND_TOPIC = (
    '[[fields]]\nid = "outlet"\ntype = "text"\nkey = "o"\n'
    '[[fields]]\nid = "topic"\ntype = "choice"\nvalues = [\n{}\n]\n'
)


def topic_scheme(values: str) -> str:
    return OUTLET_AND_TOPIC.replace("{}", values)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ('{ id = "war", key = "s" },', "value 'war' key 's' is reserved for navigation or an action of the annotator"),
        ('{ id = "war", key = "?" },', "value 'war' key '?' is reserved"),
        ('{ id = "war", key = "0" },\n{ id = "peace", key = "0" },', "key '0' is used twice (values 'war' and"),
        ('{ id = "war", key = "2" },\n{ id = "peace" },', "key '2' is used twice"),
        ('{ id = "war", key = "o" },', "value 'war' key 'o' is the key of field 'outlet'"),
        ('{ id = "war", key = "ab" },', "value 'war' key 'ab' must be one character"),
        ('{ id = "war", key = " " },', "value 'war' key ' ' must be one character"),
        (",\n".join(f'{{ id = "v{i}" }}' for i in range(10)), "value 'v9' comes after the digits 1-9"),
    ],
)
def test_a_value_key_the_annotator_cannot_use_is_refused_with_what_to_change(values: str, expected: str) -> None:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(topic_scheme(values), "my.toml")
    message = caught.value.message
    assert expected in message
    assert message.startswith("my.toml:") and "\n" not in message
    assert "free keys: " in message  # says what to change it to


def test_a_value_key_collision_points_at_its_line() -> None:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(topic_scheme('{ id = "war", key = "b" },\n{ id = "peace", key = "j" },'), "my.toml")
    assert caught.value.message.startswith("my.toml:10: field 'topic': value 'peace' key 'j'")


def test_the_suggested_free_keys_are_free() -> None:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(topic_scheme('{ id = "war", key = "s" },\n{ id = "peace", key = "0" },\n{ id = "x", key = "b" },'))
    suggested = caught.value.message.split("free keys: ", 1)[1].split(")")[0].split(", ")
    assert suggested and not {"0", "b", "s", "o"} & set(suggested)
    scheme = parse_scheme(topic_scheme(f'{{ id = "war", key = "{suggested[0]}" }},\n{{ id = "peace", key = "0" }},'))
    assert scheme.field("topic").value_for_key(suggested[0]).id == "war"


def test_values_may_take_any_free_single_character_key() -> None:
    values = '{ id = "war", key = "0" },\n{ id = "peace", key = "b" },\n{ id = "x", key = "-" },\n{ id = "y" },'
    scheme = parse_scheme(topic_scheme(values))
    topic = scheme.field("topic")
    assert [v.key for v in topic.values] == ["0", "b", "-", "4"]
    assert topic.value_for_key("b").id == "peace"
    assert scheme.value_keys == ("0", "b", "-", "4")


def test_the_default_scheme_keeps_its_digit_keys() -> None:
    scheme = default_scheme()
    assert scheme.value_keys == ("1", "2", "3", "4", "5")
    assert [v.key for v in scheme.field("stance").values] == ["1", "2", "3", "4"]
