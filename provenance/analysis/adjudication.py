"""Settling disagreements: which article fields annotators labelled differently, and recording the ruling.

A ruling is an ``adjudicate`` event of its own, appended like any label and undoable like any label; it never
overwrites the annotators' labels, and it is not counted as a vote in agreement statistics. Recording an empty
value withdraws a ruling.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlite_utils

from provenance.analysis.agreement import default_fields
from provenance.errors import InputError
from provenance.scheme import Scheme
from provenance.store import exports as store
from provenance.store.labels import LabelEvent, record_event


@dataclass(slots=True)
class Disagreement:
    """One field of one article on which annotators differ, with each annotator's value side by side."""

    article_id: str
    title: str
    field: str
    values: dict[str, str]
    adjudicated: str = ""
    adjudicator: str = ""

    @property
    def settled(self) -> bool:
        return bool(self.adjudicated)


@dataclass(slots=True)
class SideBySide:
    """All labelled fields of one article: each annotator's value, and the ruling where there is one."""

    article_id: str
    title: str
    annotators: list[str]
    rows: list[tuple[str, dict[str, str], str]] = field(default_factory=list)


def _field_order(scheme: Scheme, fields: Iterable[str] | None) -> list[str]:
    wanted = list(fields) if fields else default_fields(scheme)
    unknown = [f for f in wanted if scheme.field(f) is None]
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r}", f"choose from: {', '.join(f.id for f in scheme.fields)}")
    return wanted


def list_disagreements(
    db: sqlite_utils.Database, scheme: Scheme, fields: Iterable[str] | None = None, *, settled: bool = True
) -> list[Disagreement]:
    """Every (article, field) with differing values, by article and in scheme order; ``settled=False`` hides ruled ones."""
    wanted = _field_order(scheme, fields)
    rank = {f: i for i, f in enumerate(wanted)}
    found: list[Disagreement] = []
    for article_id, rows in itertools.groupby(store.iter_own_labels(db, wanted), key=lambda r: r[0]):
        by_field: dict[str, dict[str, str]] = {}
        for _, annotator, _target, field_id, value, _at in rows:
            by_field.setdefault(field_id, {})[annotator] = value
        for field_id in sorted(by_field, key=rank.__getitem__):
            values = by_field[field_id]
            if len(values) >= 2 and len(set(values.values())) > 1:
                found.append(Disagreement(article_id, "", field_id, dict(sorted(values.items()))))
    if found:
        ids = list(dict.fromkeys(d.article_id for d in found))
        rulings = store.adjudicated_values(db, ids)
        titles = store.article_titles(db, ids)
        for d in found:
            d.title = titles.get(d.article_id, "")
            d.adjudicated, d.adjudicator = rulings.get((d.article_id, d.field), ("", ""))
    return found if settled else [d for d in found if not d.settled]


def ruling_options(disagreement: Disagreement, scheme: Scheme) -> list[tuple[str, list[str]]]:
    """What an adjudicator can choose, numbered from 1: each value the annotators gave (most votes first, with who
    gave it), then for choice fields the scheme's other values (nobody chose them, but a ruling may)."""
    voters: dict[str, list[str]] = {}
    for annotator, value in disagreement.values.items():
        voters.setdefault(value, []).append(annotator)
    options = sorted(voters.items(), key=lambda item: -len(item[1]))
    field_ = scheme.field(disagreement.field)
    if field_ is not None and field_.type == "choice":
        options += [(v.id, []) for v in field_.values if v.id not in voters]
    return options


def side_by_side(db: sqlite_utils.Database, scheme: Scheme, article_id: str) -> SideBySide:
    """Each annotator's article labels next to each other, field by field in scheme order."""
    values: dict[str, dict[str, str]] = {}
    annotators: set[str] = set()
    for _, annotator, _target, field_id, value, _at in store.iter_article_own_labels(db, article_id):
        values.setdefault(field_id, {})[annotator] = value
        annotators.add(annotator)
    rulings = store.adjudicated_values(db, [article_id])
    title = store.article_titles(db, [article_id]).get(article_id, "")
    view = SideBySide(article_id, title, sorted(annotators))
    for f in scheme.fields:
        if f.id in values or (article_id, f.id) in rulings:
            view.rows.append((f.id, values.get(f.id, {}), rulings.get((article_id, f.id), ("", ""))[0]))
    return view


def adjudicate(
    db: sqlite_utils.Database, scheme: Scheme, article_id: str, field_id: str, value: str, adjudicator: str
) -> LabelEvent:
    """Record the adjudicated value of one field as an ``adjudicate`` event (empty ``value`` withdraws the ruling)."""
    if not adjudicator.strip():
        raise InputError("the adjudicator has no name", "set one with --annotator or $PROVENANCE_ANNOTATOR")
    if value:
        problem = scheme.check_value(field_id, value)
        if problem:
            raise InputError(problem, "choose one of the field's values")
    elif scheme.field(field_id) is None:
        raise InputError(f"unknown field {field_id!r}", f"choose from: {', '.join(f.id for f in scheme.fields)}")
    if not store.article_titles(db, [article_id]) and not store.article_has_labels(db, article_id):
        raise InputError(f"no article {article_id!r}", "pick an article from 'provenance agreement'")
    return record_event(db, article_id, adjudicator, field_id, value, action="adjudicate")
