"""How far annotators agree, per field: percent agreement, Cohen's κ per pair, Krippendorff's α over everyone.

The unit is the article. Only articles labelled by at least two annotators count as items (a lone label can neither
agree nor disagree). Percent agreement is the share of items on which everyone who labelled the field gave the same
value; the others are the disagreements, listed by article so they can be adjudicated. α uses the field's
``measure`` from the scheme (nominal, or ordinal in the order the scheme lists the values) and is the ``krippendorff``
package's, its distances and expected coincidences applied to a coincidence matrix summed once per distinct way of
labelling an item, so memory does not grow with the corpus; κ is plain Cohen's κ. A statistic that is undefined
(every label the same value, so no chance disagreement to correct for) is reported as null rather than guessed.
"""

from __future__ import annotations

import itertools
import math
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


def alpha_from_counts(
    value_counts: Sequence[Sequence[int]], domain: list[int], measure: str, repeats: Sequence[int] | None = None
) -> float | None:
    """α from each item's value counts (item × code: how many annotators gave it), which is all α depends on;
    ``repeats`` says how many items each row stands for (one each when left out). None when undefined (fewer than
    two distinct values given)."""
    import numpy as np

    counts = np.asarray(value_counts, dtype=np.int64).reshape(len(value_counts), len(domain))
    weights = np.ones(len(counts), dtype=np.int64) if repeats is None else np.asarray(repeats, dtype=np.int64)
    counts, weights = counts[weights > 0], weights[weights > 0]
    if len(domain) < 2 or int(np.count_nonzero(counts.sum(axis=0))) < 2:
        return None
    if not (counts.sum(axis=1) >= 2).any():
        return None  # no item has two labels to compare
    with np.errstate(divide="ignore", invalid="ignore"):
        try:
            try:
                alpha = float(_alpha_of_coincidences(counts, weights, domain, measure))
            except _LibraryChanged:
                alpha = float(_alpha_of_items(counts, weights, domain, measure))
        except (ValueError, ZeroDivisionError):
            return None
    return alpha if math.isfinite(alpha) else None


class _LibraryChanged(Exception):
    """krippendorff no longer has the parts α is assembled from here."""


def _coincidences(counts: Any, weights: Any) -> Any:
    """Krippendorff's coincidence matrix o (V × V) of rows that each stand for ``weights`` identical items.

    An item of m labels adds (c cᵀ − diag c) / (m − 1) to o. ``krippendorff.alpha`` builds that V × V term for every
    item at once, which for tens of thousands of split items over a field of many values is hundreds of megabytes;
    here each distinct row is counted once, times its weight. The rows are grouped by m so that the sums are of
    integers (exact in float64 far beyond any corpus) and only the few divisions round: the result does not depend
    on the order of the items.
    """
    import numpy as np

    pairable = np.maximum(counts.sum(axis=1), 2)
    o = np.zeros((counts.shape[1], counts.shape[1]), dtype=np.float64)
    for m in np.unique(pairable):
        group = pairable == m
        rows = counts[group].astype(np.float64)
        weighted = rows.T * weights[group].astype(np.float64)  # V × rows
        o += (weighted @ rows - np.diag(weighted.sum(axis=1))) / float(m - 1)
    return o


def _alpha_of_coincidences(counts: Any, weights: Any, domain: list[int], measure: str) -> Any:
    """α from the coincidence matrix, with krippendorff's own expected coincidences, distances and formula, so the
    statistic stays the library's. Those parts are private to it: if they are gone, :class:`_LibraryChanged`."""
    import numpy as np
    import krippendorff.krippendorff as library

    try:
        random_coincidences = library._random_coincidences
        distances = library._distances
        metric = library._distance_metric(measure)
    except (AttributeError, TypeError) as error:
        raise _LibraryChanged from error
    o = _coincidences(counts, weights)
    n_v = o.sum(axis=0)
    try:
        e = random_coincidences(n_v, dtype=np.float64)
        d = distances(np.asarray([float(v) for v in domain]), metric, n_v, dtype=np.float64)
    except TypeError as error:
        raise _LibraryChanged from error
    return 1 - (o * d).sum() / (e * d).sum()


def _alpha_of_items(counts: Any, weights: Any, domain: list[int], measure: str) -> Any:
    """α through krippendorff's public function, every item written out: what is left when its parts are not."""
    import numpy as np
    import krippendorff

    return krippendorff.alpha(
        value_counts=np.repeat(counts, weights, axis=0),
        value_domain=[float(v) for v in domain],
        level_of_measurement=measure,
    )


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
        repeats: dict[tuple, int] = {}
        for key, repeat in items:
            repeats[key] = repeats.get(key, 0) + repeat
        alpha = alpha_from_counts([rows[key] for key in repeats], list(codes.values()), measure, list(repeats.values()))
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
