"""The label scheme: which fields an annotator fills, their values and keys, and the passage label sets.

A scheme is a TOML file; the default ships in ``provenance/data/scheme.toml``. Loading validates it completely and
reports the first problem with its line, the field, and what is wrong, so a researcher editing the file by hand is
told exactly where to look.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from provenance.errors import SchemeError

FIELD_TYPES = ("choice", "text")
MEASURES = ("nominal", "ordinal")
RESERVED_KEYS = frozenset("npsuqafgx?/crjkJKFTvl") | {"tab", "shift+tab", "escape", "enter", "up", "down"}
"""Keys the annotator uses for navigation and commands; a scheme may not bind them."""
DIGIT_KEYS = tuple("123456789")
"""The keys values get by position when they declare none: the annotator binds these whatever the scheme."""


@dataclass(frozen=True, slots=True)
class Value:
    """One allowed value of a choice field; ``key`` is what the annotator presses."""

    id: str
    label: str
    key: str
    help: str = ""


@dataclass(frozen=True, slots=True)
class Field:
    """A field of the article label. ``measure`` tells agreement statistics how to compare values."""

    id: str
    label: str
    type: str
    required: bool
    key: str = ""
    help: str = ""
    measure: str = "nominal"
    values: tuple[Value, ...] = ()

    def value(self, value_id: str) -> Value | None:
        """The value with this id, or None."""
        return next((v for v in self.values if v.id == value_id), None)

    def value_for_key(self, key: str) -> Value | None:
        """The value chosen by pressing ``key``, or None."""
        return next((v for v in self.values if v.key == key), None)

    def accepts(self, value: str) -> bool:
        """Whether ``value`` is a valid value of this field."""
        return self.type == "text" or self.value(value) is not None


@dataclass(frozen=True, slots=True)
class Scheme:
    """A validated label scheme."""

    name: str
    fields: tuple[Field, ...]
    frames: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    guidelines: str = ""
    source: str = ""

    def field(self, field_id: str) -> Field | None:
        """The field with this id, or None."""
        return next((f for f in self.fields if f.id == field_id), None)

    @property
    def value_keys(self) -> tuple[str, ...]:
        """Every key that chooses a value of some field, once each, in scheme order (what the annotator binds)."""
        return tuple(dict.fromkeys(v.key for f in self.fields for v in f.values))

    @property
    def required(self) -> tuple[Field, ...]:
        """Required fields in labelling order."""
        return tuple(f for f in self.fields if f.required)

    def check_value(self, field_id: str, value: str) -> str | None:
        """None when ``value`` is valid for ``field_id``, else what is wrong (for import errors)."""
        field_ = self.field(field_id)
        if field_ is None:
            return f"unknown field {field_id!r} (fields: {', '.join(f.id for f in self.fields)})"
        if not field_.accepts(value):
            return f"{value!r} is not a value of {field_id} (values: {', '.join(v.id for v in field_.values)})"
        return None


def _line_of(source: str, needle: str) -> int:
    """1-based line of the first line containing ``needle`` (0 when absent): where to point the user."""
    for number, line in enumerate(source.splitlines(), start=1):
        if needle in line:
            return number
    return 0


class _Validator:
    """Turns parsed TOML into a Scheme, raising SchemeError with a line number on the first problem."""

    def __init__(self, origin: str, source: str) -> None:
        self.origin = origin
        self.source = source
        self.field_keys: dict[str, str] = {}
        """Each field's own key (what opens its editor) and the field, gathered before any value is checked."""
        self.planned_keys: set[str] = set()
        """The keys the values of the field being checked declare or get by position."""

    def fail(self, what: str, near: str = "") -> SchemeError:
        line = _line_of(self.source, near) if near else 0
        where = f"{self.origin}:{line}" if line else self.origin
        return SchemeError(f"{where}: {what}", "fix the scheme file, or omit --scheme to use the default scheme")

    def string(self, table: dict, key: str, context: str, near: str, *, default: str | None = None) -> str:
        value = table.get(key, default)
        if value is None:
            raise self.fail(f"{context} has no {key!r}", near)
        if not isinstance(value, str):
            raise self.fail(f"{context}: {key!r} must be a string, not {type(value).__name__}", near)
        return value

    def free_keys(self) -> str:
        """A few keys a value of the field being checked could take instead, for the error message."""
        taken = RESERVED_KEYS | self.field_keys.keys() | self.planned_keys
        free = [k for k in "0bdehimtwyz" if k not in taken][:4]
        return f"free keys: {', '.join(free)}" if free else "use another letter or sign"

    def value_key(self, raw: dict, position: int, where: tuple[str, str, str], used_keys: dict[str, str]) -> str:
        """The value's key: one character the annotator can press that no other key of the article screen takes
        (``where`` is the field id, the value id and the text to find its line by)."""
        field_id, value_id, near = where
        what = f"field {field_id!r}: value {value_id!r}"
        default = DIGIT_KEYS[position - 1] if position <= len(DIGIT_KEYS) else None
        if "key" not in raw and default is None:
            raise self.fail(f"{what} comes after the digits 1-9; give it a key of one character ({self.free_keys()})",
                            near)
        key = self.string(raw, "key", what, near, default=default)
        if len(key) != 1 or not key.isprintable() or key.isspace():
            raise self.fail(f"{what} key {key!r} must be one character, a letter, digit or sign ({self.free_keys()})",
                            near)
        if key in used_keys:
            raise self.fail(f"field {field_id!r}: key {key!r} is used twice (values {used_keys[key]!r} and"
                            f" {value_id!r}); give one of them another key ({self.free_keys()})", near)
        if key in RESERVED_KEYS:
            raise self.fail(f"{what} key {key!r} is reserved for navigation or an action of the annotator; give it"
                            f" another key ({self.free_keys()})", near)
        if key in self.field_keys:
            raise self.fail(f"{what} key {key!r} is the key of field {self.field_keys[key]!r}; give the value another"
                            f" key ({self.free_keys()})", near)
        used_keys[key] = value_id
        return key

    def value(self, raw: object, position: int, field_id: str, used_keys: dict[str, str]) -> Value:
        near = f'id = "{raw.get("id")}"' if isinstance(raw, dict) else f'id = "{field_id}"'
        if not isinstance(raw, dict):
            raise self.fail(f"field {field_id!r}: value {position} must be a table like {{ id = \"...\" }}", near)
        value_id = self.string(raw, "id", f"field {field_id!r} value {position}", near)
        if not value_id.strip():
            raise self.fail(f"field {field_id!r}: value {position} has an empty id", near)
        key = self.value_key(raw, position, (field_id, value_id, near), used_keys)
        label = self.string(raw, "label", f"value {value_id!r}", near, default=value_id)
        help_ = self.string(raw, "help", f"value {value_id!r}", near, default="")
        return Value(id=value_id, label=label, key=key, help=help_)

    def field(self, raw: object, index: int, seen_ids: set[str], command_keys: set[str]) -> Field:
        if not isinstance(raw, dict):
            raise self.fail(f"[[fields]] entry {index + 1} must be a table", "[[fields]]")
        field_id = raw.get("id")
        near = f'id = "{field_id}"' if isinstance(field_id, str) else "[[fields]]"
        field_id = self.string(raw, "id", f"[[fields]] entry {index + 1}", near)
        if not re.fullmatch(r"[a-z][a-z0-9_-]*", field_id):
            raise self.fail(f"field id {field_id!r} must be lower-case letters, digits, '-' or '_'", near)
        if field_id in seen_ids:
            raise self.fail(f"field {field_id!r} is defined twice", near)
        seen_ids.add(field_id)
        type_ = self.string(raw, "type", f"field {field_id!r}", near)
        if type_ not in FIELD_TYPES:
            raise self.fail(f"field {field_id!r}: type must be one of {', '.join(FIELD_TYPES)}, not {type_!r}", near)
        required = raw.get("required", True)
        if not isinstance(required, bool):
            raise self.fail(f"field {field_id!r}: required must be true or false", near)
        measure = self.string(raw, "measure", f"field {field_id!r}", near, default="nominal")
        if measure not in MEASURES:
            raise self.fail(f"field {field_id!r}: measure must be one of {', '.join(MEASURES)}", near)
        key = self.string(raw, "key", f"field {field_id!r}", near, default="")
        values: tuple[Value, ...] = ()
        if type_ == "choice":
            raw_values = raw.get("values")
            if not isinstance(raw_values, list) or not raw_values:
                raise self.fail(f"field {field_id!r}: a choice field needs a non-empty 'values' list", near)
            self.planned_keys = {
                str(v.get("key", DIGIT_KEYS[i] if i < len(DIGIT_KEYS) else "")) for i, v in enumerate(raw_values)
                if isinstance(v, dict)
            }
            used: dict[str, str] = {}
            values = tuple(self.value(v, i, field_id, used) for i, v in enumerate(raw_values, start=1))
            if len({v.id for v in values}) != len(values):
                raise self.fail(f"field {field_id!r}: two values share an id", near)
        elif not key:
            raise self.fail(f"field {field_id!r}: a text field needs a 'key' that opens its editor", near)
        if key:
            if key in RESERVED_KEYS or key.isdigit():
                raise self.fail(f"field {field_id!r}: key {key!r} is reserved for navigation or values", near)
            if key in command_keys:
                raise self.fail(f"field {field_id!r}: key {key!r} is used by another field", near)
            command_keys.add(key)
        return Field(
            id=field_id,
            label=self.string(raw, "label", f"field {field_id!r}", near, default=field_id),
            type=type_,
            required=required,
            key=key,
            help=self.string(raw, "help", f"field {field_id!r}", near, default=""),
            measure=measure,
            values=values,
        )

    def label_set(self, passages: dict, name: str) -> tuple[str, ...]:
        labels = passages.get(name, [])
        if not isinstance(labels, list) or not all(isinstance(x, str) and x.strip() for x in labels):
            raise self.fail(f"[passages] {name} must be a list of non-empty strings", f"{name} =")
        if len(set(labels)) != len(labels):
            raise self.fail(f"[passages] {name} lists a label twice", f"{name} =")
        return tuple(labels)

    def scheme(self, data: dict) -> Scheme:
        raw_fields = data.get("fields")
        if not isinstance(raw_fields, list) or not raw_fields:
            raise self.fail("the scheme needs at least one [[fields]] table")
        seen: set[str] = set()
        command_keys: set[str] = set()
        for raw in raw_fields:
            if isinstance(raw, dict) and isinstance(raw.get("key"), str) and raw["key"]:
                self.field_keys.setdefault(raw["key"], str(raw.get("id", "")))
        fields = tuple(self.field(raw, i, seen, command_keys) for i, raw in enumerate(raw_fields))
        passages = data.get("passages", {})
        if not isinstance(passages, dict):
            raise self.fail("[passages] must be a table", "passages")
        return Scheme(
            name=self.string(data, "name", "the scheme", "name", default="scheme"),
            fields=fields,
            frames=self.label_set(passages, "frames"),
            techniques=self.label_set(passages, "techniques"),
            guidelines=self.string(data, "guidelines", "the scheme", "guidelines", default=""),
            source=self.origin,
        )


def parse_scheme(source: str, origin: str = "<scheme>") -> Scheme:
    """Validate TOML text as a scheme."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError(f"{origin}: not valid TOML: {exc}", "fix the TOML syntax at the line given") from None
    return _Validator(origin, source).scheme(data)


@cache
def default_scheme() -> Scheme:
    """The scheme shipped with provenance."""
    source = resources.files("provenance.data").joinpath("scheme.toml").read_text(encoding="utf-8")
    return parse_scheme(source, "default scheme")


def load_scheme(path: str | Path | None = None) -> Scheme:
    """The scheme at ``path``, or the default one."""
    if path is None:
        return default_scheme()
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemeError(f"{path}: no such scheme file", "check the path given to --scheme") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemeError(f"{path}: cannot read the scheme ({exc})", "pass a UTF-8 TOML file to --scheme") from None
    return parse_scheme(source, str(path))
