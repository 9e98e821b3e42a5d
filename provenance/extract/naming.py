"""Naming choices: a table of contested names, their variants, and what each usage signals.

The table is ``data/naming.csv`` (columns ``concept,variant,languages,signals``). Researchers extend it without
touching code: set ``PROVENANCE_NAMING`` to one or more extra CSV files with the same columns (separated by the
platform's path separator); their rows are added to the shipped ones, and a row whose variant and language match a
shipped row replaces its ``signals``.
"""

from __future__ import annotations

import csv
import functools
import io
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from provenance.errors import InputError
from provenance.extract.markers.lexicon import matching_form
from provenance.extract.spans import Marker

COLUMNS = ("concept", "variant", "languages", "signals")
ENV_VAR = "PROVENANCE_NAMING"


@dataclass(frozen=True, slots=True)
class NameVariant:
    """One row of the table: ``variant`` of ``concept`` as written in ``languages``, and what using it ``signals``."""

    concept: str
    variant: str
    languages: tuple[str, ...]
    signals: str


def parse_table(text: str, origin: str) -> list[NameVariant]:
    """The rows of one naming CSV; a missing column or empty variant is an error naming the file and line."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{origin}: missing column(s) {', '.join(missing)}", f"the header must be {','.join(COLUMNS)}")
    rows = []
    for line, row in enumerate(reader, start=2):
        variant = (row.get("variant") or "").strip()
        if not variant:
            raise InputError(f"{origin}:{line}: empty variant", "give every row a variant, or delete the row")
        languages = tuple((row.get("languages") or "").replace(",", " ").split())
        rows.append(NameVariant((row.get("concept") or "").strip(), variant, languages, (row.get("signals") or "").strip()))
    return rows


def extra_tables() -> tuple[str, ...]:
    """Paths of the user's extra naming tables, from ``$PROVENANCE_NAMING``."""
    value = os.environ.get(ENV_VAR, "")
    return tuple(p for p in value.split(os.pathsep) if p.strip())


@functools.cache
def load_table(extra: tuple[str, ...] = ()) -> tuple[NameVariant, ...]:
    """The shipped table plus ``extra`` CSV files (later rows override earlier ones with the same variant+language)."""
    shipped = resources.files("provenance.extract").joinpath("data", "naming.csv").read_text("utf-8")
    rows = parse_table(shipped, "naming.csv")
    for path in extra:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read naming table ({exc})", f"fix or unset ${ENV_VAR}") from None
        rows += parse_table(text, path)
    merged: dict[tuple[str, str], NameVariant] = {}
    for row in rows:
        for language in row.languages or ("*",):
            merged[(matching_form(row.variant), language)] = NameVariant(row.concept, row.variant, (language,), row.signals)
    return tuple(merged.values())


def variants(language: str) -> list[NameVariant]:
    """The rows of the table (shipped plus ``$PROVENANCE_NAMING``) that apply to ``language``."""
    return [r for r in load_table(extra_tables()) if language in r.languages or "*" in r.languages]


def naming_marker(text: str, start: int, end: int, row: NameVariant) -> Marker:
    """The marker for one use of a contested name, its why saying what the usage signals."""
    quoted = text[start:end]
    why = f"naming: «{quoted}» ({row.concept}) — {row.signals}" if row.signals else f"naming: «{quoted}»"
    return Marker("naming", start, end, quoted, why)
