"""How outlets tell the same story differently: one profile per outlet, built from the store's aggregates.

An article's outlet is the labelled one, else the suggested one (:mod:`provenance.store.outlets`); each profile
counts how many of its articles carry only a suggestion. Every rate keeps its count and base, small samples are
flagged, and intervals come from :mod:`provenance.analysis.stats`. The report is plain dataclasses; renderers
(``report.py``, ``report_html.py``, the Compare screen) only format it.
"""

from __future__ import annotations

import csv
import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from provenance.analysis import stats
from provenance.analysis.agreement import counted_items_agreement
from provenance.errors import InputError
from provenance.scheme import Scheme, default_scheme
from provenance.store import compare as store_compare
from provenance.store.outlets import DomainLookup

MARKER_KINDS = ("scare_quotes", "reportive", "loaded_or_evaluative", "analogy", "translation_artifact",
                "attribution_to_opponent", "anonymous", "naming")
"""Marker kinds reported per 1,000 words, in display order (boilerplate is reported separately)."""


NAMING_FILE = Path(__file__).resolve().parent.parent / "extract" / "data" / "naming.csv"
TOP = 10


@dataclass
class OutletProfile:
    """Everything the comparison says about one outlet."""

    outlet: str
    articles: int
    suggested: int
    """Articles whose outlet is only suggested (no outlet label yet)."""
    words: int
    labelled: stats.Share
    languages: dict[str, int]
    first_date: str | None
    last_date: str | None
    stance: dict[str, int]
    reliability: stats.Summary
    origin: dict[str, int]
    agreement: dict[str, dict]
    cited_outlets: dict[str, int]
    """Outlet name → number of this outlet's articles citing it."""
    anonymous_share: stats.Share
    anonymous_attributions: int
    named_attributions: int
    links_per_1k: stats.Rate
    declared_sources: dict[str, int]
    markers_per_1k: dict[str, stats.Rate]
    naming: dict[str, dict[str, int]]
    """Concept (e.g. "Kyiv (capital)") → {variant as written: count}."""
    accepted_passages: int
    frames: dict[str, int]
    techniques: dict[str, int]
    shared_boilerplate: list[dict] = field(default_factory=list)

    @property
    def is_suggested(self) -> bool:
        """True when no article of this outlet carries an outlet label: the name itself is only a suggestion."""
        return self.suggested == self.articles


@dataclass
class Citation:
    """``outlet``'s articles cite ``cited``: in ``articles`` articles, ``mentions`` times in all."""

    outlet: str
    cited: str
    articles: int
    mentions: int


@dataclass
class Report:
    """The comparison: the profiles asked for (all outlets by default) and the citation table between them."""

    outlets: list[OutletProfile]
    citations: list[Citation]
    selected: list[str] = field(default_factory=list)


@functools.cache
def naming_concepts() -> dict[str, tuple[str, str]]:
    """Variant (case-folded) → (concept, variant as the table spells it), from the naming table the framing
    extractor matches with."""
    try:
        from provenance.extract.naming import extra_tables, load_table
    except ImportError:
        load_table = None
    if load_table is not None:
        return {row.variant.casefold(): (row.concept, row.variant) for row in load_table(extra_tables())}
    if not NAMING_FILE.exists():
        return {}
    with NAMING_FILE.open(encoding="utf-8") as handle:
        return {
            row["variant"].strip().casefold(): (row["concept"].strip(), row["variant"].strip())
            for row in csv.DictReader(handle)
        }


def group_naming(names: dict[str, int]) -> dict[str, dict[str, int]]:
    """Group naming markers by the concept they name, so "Kiev" and "Kyiv" sit side by side; a variant is counted
    under the table's spelling whatever its case in the text ("Guerre" and "guerre" are one choice)."""
    concepts = naming_concepts()
    grouped: dict[str, dict[str, int]] = {}
    for name, n in sorted(names.items()):
        concept, variant = concepts.get(name.strip().casefold(), ("other", name.strip()))
        bucket = grouped.setdefault(concept, {})
        bucket[variant] = bucket.get(variant, 0) + n
    return {c: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for c, v in sorted(grouped.items())}


def _split_values(value: str) -> list[str]:
    """Multi-valued passage labels (frames, techniques) as stored: a JSON list or a comma/semicolon/bar list."""
    import json

    value = value.strip()
    if value.startswith("["):
        try:
            return [str(v).strip() for v in json.loads(value) if str(v).strip()]
        except ValueError:
            pass
    for sep in ";|":
        value = value.replace(sep, ",")
    return [v.strip() for v in value.split(",") if v.strip()]


def _count_values(raw: dict[str, int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value, n in raw.items():
        for item in _split_values(value):
            counts[item] = counts.get(item, 0) + n
    return _top(counts, 0)


def _top(counts: dict[str, int], limit: int = TOP) -> dict[str, int]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(ordered[:limit] if limit else ordered)


def _reliability(histogram: dict[str, int]) -> stats.Summary:
    numeric: dict[float, int] = {}
    for value, n in histogram.items():
        try:
            numeric[float(value)] = numeric.get(float(value), 0) + n
        except ValueError:
            continue
    return stats.summary(numeric)


def _agreement(units: dict[str, list[tuple[dict[str, int], int]]], scheme: Scheme) -> dict[str, dict]:
    """Per field, over this outlet's articles labelled by two or more annotators: items, percent agreement and
    Krippendorff's α, computed by ``analysis/agreement.py`` as ``provenance agreement`` computes them."""
    result: dict[str, dict] = {}
    for field_, items in sorted(units.items()):
        found = counted_items_agreement(items, scheme.field(field_))
        if found.items:
            result[field_] = {
                "items": found.items,
                "agreed": found.agreed,
                "percent": found.percent_agreement,
                "alpha": found.krippendorff_alpha,
                "measure": found.measure,
                "small_sample": stats.is_small(found.items),
            }
    return result


def _marker_rates(sums: dict[str, tuple[int, int, int]], corpus: dict) -> dict[str, stats.Rate]:
    kinds = list(MARKER_KINDS) + sorted(k for k in sums if k not in MARKER_KINDS and k not in ("link", "boilerplate"))
    return {kind: stats.rate_per_1k(*sums.get(kind, (0, 0, 0)), corpus["words"], corpus["words2"], corpus["articles"])
            for kind in kinds}


def _profile(name: str, agg: store_compare.Aggregates, scheme: Scheme) -> OutletProfile:
    corpus = agg.corpus[name]
    labels = agg.labels.get(name, {})
    sourcing = agg.sourcing.get(name, {})
    sums = agg.span_sums.get(name, {})
    passage_labels = agg.passage_labels.get(name, {})
    return OutletProfile(
        outlet=name,
        articles=corpus["articles"],
        suggested=corpus["suggested"],
        words=corpus["words"],
        labelled=stats.share(agg.labelled.get(name, 0), corpus["articles"]),
        languages=_top(dict(agg.languages.get(name, {})), 0),
        first_date=corpus["first"],
        last_date=corpus["last"],
        stance=_top(dict(labels.get("stance", {})), 0),
        reliability=_reliability(dict(labels.get("reliability", {}))),
        origin=_top(dict(labels.get("origin", {})), 0),
        agreement=_agreement(agg.agreement_units.get(name, {}), scheme),
        cited_outlets=_top({k: v[0] for k, v in agg.cited.get(name, {}).items()}),
        anonymous_share=stats.share(sourcing.get("anonymous_articles", 0), corpus["articles"]),
        anonymous_attributions=sourcing.get("anonymous", 0),
        named_attributions=sourcing.get("named", 0),
        links_per_1k=stats.rate_per_1k(*sums.get("link", (0, 0, 0)), corpus["words"], corpus["words2"],
                                       corpus["articles"]),
        declared_sources=_top(dict(agg.declared.get(name, {}))),
        markers_per_1k=_marker_rates(sums, corpus),
        naming=group_naming(dict(agg.naming.get(name, {}))),
        accepted_passages=agg.accepted_passages.get(name, 0),
        frames=_count_values(dict(passage_labels.get("frames", {}))),
        techniques=_count_values(dict(passage_labels.get("techniques", {}))),
        shared_boilerplate=[_direction(b) for b in agg.boilerplate if b["outlet"] == name],
    )


def _direction(shared: dict) -> dict:
    """Who repeats whom, by first-seen date of the shared paragraphs: ``repeated by`` when this outlet had them
    first more often, ``repeats`` when the other one did, ``unclear`` otherwise."""
    earlier, later = shared["earlier"], shared["later"]
    direction = "repeated by" if earlier > later else "repeats" if later > earlier else "unclear"
    return {k: v for k, v in shared.items() if k != "outlet"} | {"direction": direction}


def resolve_outlets(wanted: list[str], known: list[str]) -> list[str]:
    """The stored outlet names the user meant (case-insensitive); an unknown name is an error with suggestions."""
    by_fold = {k.casefold(): k for k in known}
    resolved: list[str] = []
    for name in wanted:
        found = by_fold.get(name.strip().casefold())
        if found is None:
            close = difflib.get_close_matches(name.casefold(), list(by_fold), n=3, cutoff=0.5)
            hint = "did you mean " + ", ".join(by_fold[c] for c in close) if close else (
                "run 'provenance compare' without --outlet to list the outlets")
            raise InputError(f"no outlet named {name!r} in this database", hint)
        if found not in resolved:
            resolved.append(found)
    return resolved


def build_report(
    db: sqlite_utils.Database,
    outlets: list[str] | None = None,
    *,
    lookup: DomainLookup | None = None,
    scheme: Scheme | None = None,
) -> Report:
    """Compare the given outlets (all of them, largest first, when none are given)."""
    selected: list[str] = []

    def select(counts: dict[str, int]) -> list[str]:
        known = sorted(counts, key=lambda o: (-counts[o], o))
        selected[:] = resolve_outlets(outlets, known) if outlets else known
        return selected if outlets else []

    agg = store_compare.aggregates(db, lookup, select)
    scheme = scheme or default_scheme()
    profiles = [_profile(name, agg, scheme) for name in selected]
    chosen = set(selected)
    citations = [
        Citation(outlet, cited, articles, mentions)
        for outlet, cited_map in agg.cited.items()
        if outlet in chosen
        for cited, (articles, mentions) in cited_map.items()
    ]
    citations.sort(key=lambda c: (selected.index(c.outlet), -c.articles, -c.mentions, c.cited))
    return Report(outlets=profiles, citations=citations, selected=list(outlets or []))
