"""How far annotators agree, per field: percent agreement, Cohen's κ per pair, Krippendorff's α over everyone.

The unit is the article. Only articles labelled by at least two annotators count as items (a lone label can neither
agree nor disagree). Percent agreement is the share of items on which everyone who labelled the field gave the same
value; the others are the disagreements, listed by article so they can be adjudicated. α uses the field's
``measure`` from the scheme (nominal, or ordinal in the order the scheme lists the values) and is computed by the
``krippendorff`` package; κ is plain Cohen's κ. A statistic that is undefined (every label the same value, so no
chance disagreement to correct for) is reported as null rather than guessed.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlite_utils

from provenance.corpus.text import one_line
from provenance.errors import InputError
from provenance.scheme import Field, Scheme
from provenance.store import exports as store
from provenance.store.exports import Labelling


@dataclass(slots=True)
class PairAgreement:
    """Cohen's κ between two annotators over the items both labelled."""

    a: str
    b: str
    cohen_kappa: float | None
    items: int


@dataclass(slots=True)
class FieldAgreement:
    """Agreement on one field."""

    items: int
    annotators: int
    percent_agreement: float | None
    krippendorff_alpha: float | None
    measure: str
    pairs: list[PairAgreement] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)


def cohen_kappa(a: list[str], b: list[str]) -> float | None:
    """Cohen's κ of two equally long label lists; None when chance agreement is already 1."""
    if not a or len(a) != len(b):
        return None
    return counted_kappa(Counter(zip(a, b)))


def counted_kappa(pairs: Mapping[tuple[str, str], int]) -> float | None:
    """Cohen's κ from how many items got each (value of a, value of b): all κ depends on. Sums stay integers until
    the two divisions, so the result is the same float whatever the order of the items."""
    n = sum(pairs.values())
    if not n:
        return None
    count_a: Counter[str] = Counter()
    count_b: Counter[str] = Counter()
    for (x, y), k in pairs.items():
        count_a[x] += k
        count_b[y] += k
    observed = sum(k for (x, y), k in pairs.items() if x == y) / n
    expected = sum(count_a[v] * count_b[v] for v in count_a) / (n * n)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def alpha_from_counts(value_counts: Sequence[Sequence[int]], domain: list[int], measure: str) -> float | None:
    """α from each item's value counts (item × code: how many annotators gave it), which is all α depends on;
    None when undefined (fewer than two distinct values given)."""
    import numpy as np
    import krippendorff

    counts = np.asarray(value_counts, dtype=np.int64).reshape(len(value_counts), len(domain))
    if int(np.count_nonzero(counts.sum(axis=0))) < 2:
        return None
    try:
        alpha = krippendorff.alpha(
            value_counts=counts, value_domain=[float(v) for v in domain], level_of_measurement=measure
        )
    except (ValueError, ZeroDivisionError):
        return None
    alpha = float(alpha)
    return None if alpha != alpha else alpha


def _codes(field_: Field | None, values: set[str]) -> dict[str, int]:
    """Value → integer code; choice fields keep the scheme's order, which is what makes ordinal α meaningful."""
    order = [v.id for v in field_.values] if field_ is not None and field_.type == "choice" else []
    order += sorted(values - set(order))
    return {v: i for i, v in enumerate(order)}


def _measure(field_: Field | None) -> str:
    return field_.measure if field_ is not None and field_.type == "choice" else "nominal"


@dataclass(slots=True)
class ItemsAgreement:
    """Agreement on one field over items known only by their value counts (what the comparison aggregates)."""

    items: int
    agreed: int
    percent_agreement: float | None
    krippendorff_alpha: float | None
    measure: str


def items_agreement(units: Iterable[Mapping[str, int]], field_: Field | None) -> ItemsAgreement:
    """Percent agreement and α from each item's {value: annotators who gave it}, in item order.

    Items given by fewer than two annotators are left out. Who gave which value does not matter to either
    statistic, so an aggregate per item is enough, and the result is the one :func:`field_agreement` gives.
    """
    return counted_items_agreement(((unit, 1) for unit in units), field_)


def counted_items_agreement(units: Iterable[tuple[Mapping[str, int], int]], field_: Field | None) -> ItemsAgreement:
    """:func:`items_agreement` over (value counts, number of items with exactly those counts) pairs: a large corpus
    has a few hundred distinct ways of labelling an article, so they are counted once each."""
    totals: dict[tuple, int] = {}
    items: list[tuple[tuple, int]] = []
    for unit, repeat in units:
        key = tuple(unit.items())  # identical items share one row of counts
        total = totals.get(key)
        if total is None:
            total = totals[key] = sum(unit.values())
        if total >= 2 and repeat > 0:
            items.append((key, repeat))
    distinct = {key for key, _ in items}
    codes = _codes(field_, {value for key in distinct for value, n in key if n > 0})
    rows: dict[tuple, list[int]] = {}
    for key in distinct:
        row = [0] * len(codes)
        for value, n in key:
            if n > 0:
                row[codes[value]] += n
        rows[key] = row
    unanimous = {key for key in distinct if sum(1 for n in rows[key] if n) == 1}
    count = sum(repeat for _, repeat in items)
    agreed = sum(repeat for key, repeat in items if key in unanimous)
    measure = _measure(field_)
    alpha = None
    if items:
        import numpy as np

        # α depends on the items only through their coincidence matrix, where a unanimous item of m annotators adds
        # m to its value's diagonal cell: the unanimous items of a value weigh as one item given that value by all
        # their annotators together. Only split items are repeated, which keeps krippendorff's per-item V×V arrays
        # small when a text field has many distinct values.
        pooled: dict[int, int] = {}
        split = [(rows[key], repeat) for key, repeat in items if key not in unanimous]
        for key, repeat in items:
            if key in unanimous:
                code = next(i for i, n in enumerate(rows[key]) if n)
                pooled[code] = pooled.get(code, 0) + rows[key][code] * repeat
        for code, n in pooled.items():
            row = [0] * len(codes)
            row[code] = n
            split.append((row, 1))
        matrix = np.repeat(
            np.array([row for row, _ in split], dtype=np.int64).reshape(len(split), len(codes)),
            [repeat for _, repeat in split],
            axis=0,
        )
        alpha = alpha_from_counts(matrix, list(codes.values()), measure)
    return ItemsAgreement(
        items=count,
        agreed=agreed,
        percent_agreement=agreed / count if count else None,
        krippendorff_alpha=alpha,
        measure=measure,
    )


def field_agreement(by_article: dict[str, dict[str, str]], field_: Field | None) -> FieldAgreement:
    """Agreement on one field from {article: {annotator: value}}."""
    disagreements = [
        article for article, labels in by_article.items() if len(labels) >= 2 and len(set(labels.values())) > 1
    ]
    labellings = Counter(tuple(sorted(labels.items())) for labels in by_article.values() if labels)
    return counted_field_agreement(labellings, disagreements, field_)


def counted_field_agreement(
    labellings: Mapping[Labelling, int], disagreements: list[str], field_: Field | None
) -> FieldAgreement:
    """Agreement on one field from {labelling: number of articles labelled exactly so}, a labelling being the
    (annotator, value) pairs of one article in annotator order.

    Every statistic depends only on these counts, and articles share labellings (the same annotators giving the
    same values), so each distinct one is visited once and weighs as many articles as carry it. Percent agreement
    and α need even less: the values given, whoever gave them.
    """
    annotators = {a for labelling in labellings for a, _ in labelling}
    shared: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    units: Counter[tuple[str, ...]] = Counter()
    for labelling, n in labellings.items():
        if len(labelling) < 2 or n <= 0:
            continue
        units[tuple(sorted(v for _, v in labelling))] += n
        for (a, x), (b, y) in itertools.combinations(labelling, 2):
            both = shared.get((a, b))
            if both is None:
                both = shared[(a, b)] = Counter()
            both[(x, y)] += n
    pairs = [
        PairAgreement(a, b, counted_kappa(shared[(a, b)]), sum(shared[(a, b)].values())) for a, b in sorted(shared)
    ]
    overall = counted_items_agreement(((Counter(values), n) for values, n in units.items()), field_)
    return FieldAgreement(
        items=overall.items,
        annotators=len(annotators),
        percent_agreement=overall.percent_agreement,
        krippendorff_alpha=overall.krippendorff_alpha,
        measure=overall.measure,
        pairs=pairs,
        disagreements=list(disagreements),
    )


def default_fields(scheme: Scheme) -> list[str]:
    """Fields agreement is measured on by default: choice fields and required text fields (free notes are not)."""
    return [f.id for f in scheme.fields if f.type == "choice" or f.required]


def compute_agreement(
    db: sqlite_utils.Database, scheme: Scheme, fields: list[str] | None = None
) -> dict[str, FieldAgreement]:
    """Agreement per field over the annotators' own current article labels (adjudications are not votes)."""
    if fields:
        unknown = [f for f in fields if scheme.field(f) is None]
        if unknown:
            raise InputError(
                f"unknown field {unknown[0]!r}", f"choose from: {', '.join(f.id for f in scheme.fields)}"
            )
    wanted = list(dict.fromkeys(fields)) if fields else default_fields(scheme)
    counted = store.count_own_labellings(db, wanted)
    return {f: counted_field_agreement(*counted[f], scheme.field(f)) for f in wanted}


def to_json(results: dict[str, FieldAgreement]) -> dict[str, Any]:
    """The JSON layout of ``provenance agreement --format json``."""
    return {"fields": {name: asdict(result) for name, result in results.items()}}


def _number(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.1f}%" if percent else f"{value:.3f}"


def format_table(results: dict[str, FieldAgreement]) -> str:
    """A plain-text report for the terminal; annotator names are made safe to print."""
    header = f"{'field':<14}{'items':>7}{'annotators':>12}{'agreement':>11}{'alpha':>8}  measure"
    lines = [header, "-" * len(header)]
    for name, r in results.items():
        lines.append(
            f"{one_line(name):<14}{r.items:>7}{r.annotators:>12}{_number(r.percent_agreement, True):>11}"
            f"{_number(r.krippendorff_alpha):>8}  {r.measure}"
        )
        for pair in r.pairs:
            lines.append(
                f"  κ {one_line(pair.a)} × {one_line(pair.b)}: {_number(pair.cohen_kappa)} over {pair.items} items"
            )
        if r.disagreements:
            lines.append(f"  disagreements ({len(r.disagreements)}): {', '.join(r.disagreements)}")
    return "\n".join(lines)
