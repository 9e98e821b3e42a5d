"""Human-readable cells of the comparison, shared by the terminal table, Markdown, HTML and the Compare screen.

A share reads ``42% (21/50) [29%–56%]``: value, count of base, 95 % interval; ``*`` marks a small sample. Strings
from the data are cut to one line with control characters stripped; escaping for a target (Markdown, HTML) is the
renderer's job.
"""

from __future__ import annotations

from provenance.analysis.compare import Report
from provenance.analysis.stats import Rate, Share, Summary
from provenance.corpus.text import one_line

SMALL_MARK = "*"
"""Appended to a number computed from fewer than SMALL_SAMPLE observations."""

MARKER_LABELS = {
    "scare_quotes": "scare quotes",
    "reportive": "reportive mood",
    "loaded_or_evaluative": "loaded language",
    "analogy": "analogies",
    "translation_artifact": "translation artifacts",
    "attribution_to_opponent": "opponent's claims",
    "anonymous": "anonymous cues",
    "naming": "naming choices",
}


def fmt_share(s: Share) -> str:
    """``42% (21/50) [29–56]`` — share, count of base, 95 % interval; ``*`` marks a small sample."""
    if s.value is None:
        return "–"
    mark = SMALL_MARK if s.small else ""
    return f"{s.value:.0%}{mark} ({s.count}/{s.n}) [{s.low:.0%}–{s.high:.0%}]"


def fmt_rate(r: Rate) -> str:
    """``3.1 (n=42) [2.4–3.8]`` per 1,000 words: rate, events counted, 95 % interval."""
    if r.value is None:
        return "–"
    mark = SMALL_MARK if r.small else ""
    interval = f" [{r.low:.1f}–{r.high:.1f}]" if r.low is not None and r.high is not None else ""
    return f"{r.value:.2f}{mark} (n={r.count}){interval}"


def fmt_summary(s: Summary) -> str:
    """``3.4 / 4 ± 0.9 (n=12) [3.0–3.8]``: mean / median ± sd, labels counted, bootstrap interval of the mean."""
    if s.mean is None:
        return "–"
    mark = SMALL_MARK if s.small else ""
    sd = f" ± {s.sd:.1f}" if s.sd is not None else ""
    interval = f" [{s.low:.1f}–{s.high:.1f}]" if s.low is not None and s.high is not None else ""
    median = f"{s.median:g}" if s.median is not None else "–"
    return f"{s.mean:.2f}{mark} / {median}{sd} (n={s.n}){interval}"


def fmt_counts(counts: dict[str, int], limit: int = 5) -> str:
    """``a 3, b 2, c 1`` (the first ``limit``; "…" when more)."""
    if not counts:
        return "–"
    items = list(counts.items())
    text = ", ".join(f"{one_line(str(k), 40)} {v}" for k, v in items[:limit])
    return text + (", …" if len(items) > limit else "")


def fmt_naming(naming: dict[str, dict[str, int]], limit: int = 4) -> str:
    """``Kyiv (capital): Kiev 75% (3/4), Kyiv 25% (1/4)`` per concept."""
    parts = []
    for concept, variants in list(naming.items())[:limit]:
        total = sum(variants.values())
        shares = ", ".join(f"{one_line(v, 30)} {n / total:.0%} ({n}/{total})" for v, n in variants.items())
        parts.append(f"{one_line(concept, 30)}: {shares}")
    return "; ".join(parts) if parts else "–"


def fmt_dates(first: str | None, last: str | None) -> str:
    if not first:
        return "–"
    return one_line(first, 20) if first == last else f"{one_line(first, 20)} – {one_line(last or '', 20)}"


def fmt_agreement(agreement: dict[str, dict]) -> str:
    if not agreement:
        return "–"
    parts = []
    for field_, a in agreement.items():
        mark = SMALL_MARK if a["small_sample"] else ""
        alpha = f", α={a['alpha']:.2f}" if isinstance(a.get("alpha"), (int, float)) else ""
        percent = f"{a['percent']:.0%}" if a.get("percent") is not None else "–"
        parts.append(f"{field_} {percent}{mark} ({a['agreed']}/{a['items']}{alpha})")
    return "; ".join(parts)


def rows(report: Report) -> list[tuple[str, list[str]]]:
    """The side-by-side comparison: (metric, one cell per outlet). Every renderer of the table uses this."""
    ps = report.outlets
    out: list[tuple[str, list[str]]] = [
        ("articles", [f"{p.articles}" + (f" ({p.suggested} outlet suggested)" if p.suggested else "") for p in ps]),
        ("labelled", [fmt_share(p.labelled) for p in ps]),
        ("languages", [fmt_counts(p.languages) for p in ps]),
        ("dates", [fmt_dates(p.first_date, p.last_date) for p in ps]),
        ("stance", [fmt_counts(p.stance) for p in ps]),
        ("reliability mean / median ± sd", [fmt_summary(p.reliability) for p in ps]),
        ("origin", [fmt_counts(p.origin) for p in ps]),
        ("agreement (all annotators agree)", [fmt_agreement(p.agreement) for p in ps]),
        ("cites outlets (articles)", [fmt_counts(p.cited_outlets) for p in ps]),
        ("articles with anonymous sourcing", [fmt_share(p.anonymous_share) for p in ps]),
        ("attributions anonymous / named", [f"{p.anonymous_attributions} / {p.named_attributions}" for p in ps]),
        ("links per 1,000 words", [fmt_rate(p.links_per_1k) for p in ps]),
        ("declared sources", [fmt_counts(p.declared_sources) for p in ps]),
    ]
    kinds = list(dict.fromkeys(k for p in ps for k in p.markers_per_1k))
    for kind in kinds:
        label = MARKER_LABELS.get(kind, kind.replace("_", " "))
        out.append((f"{label} per 1,000 words", [fmt_rate(p.markers_per_1k[kind]) if kind in p.markers_per_1k
                                                  else "–" for p in ps]))
    out += [
        ("naming", [fmt_naming(p.naming) for p in ps]),
        ("accepted passages", [str(p.accepted_passages) for p in ps]),
        ("frames (accepted passages)", [fmt_counts(p.frames) for p in ps]),
        ("techniques (accepted passages)", [fmt_counts(p.techniques) for p in ps]),
        ("shared boilerplate", [fmt_boilerplate(p.shared_boilerplate) for p in ps]),
    ]
    return out


def fmt_boilerplate(items: list[dict], limit: int = 4) -> str:
    """``repeated by B: 3 paragraphs (first in 3 of 3)`` per other outlet sharing paragraphs with this one."""
    if not items:
        return "–"
    parts = [f"{b['direction']} {one_line(str(b['other']), 30)}: {b['passages']} paragraph(s)"
             f" (first in {b['earlier']} of {b['links']})" for b in items[:limit]]
    return "; ".join(parts) + ("; …" if len(items) > limit else "")


def header(report: Report) -> list[str]:
    """Column titles: outlet names, ``(suggested)`` when no article of the outlet carries an outlet label."""
    return [one_line(p.outlet, 40) + (" (suggested)" if p.is_suggested else "") for p in report.outlets]


SIDE_BY_SIDE_MAX = 6
"""More outlets than this do not fit side by side in a terminal: the table shows one line per outlet instead."""


def overview_rows(report: Report) -> list[list[str]]:
    """One line per outlet with the headline numbers (articles, labels, sourcing, two framing rates)."""
    out = []
    for p in report.outlets:
        top_stance = next(iter(p.stance), "")
        stance = f"{top_stance} {p.stance[top_stance] / sum(p.stance.values()):.0%}" if top_stance else "–"
        loaded = p.markers_per_1k.get("loaded_or_evaluative")
        scare = p.markers_per_1k.get("scare_quotes")
        out.append([
            one_line(p.outlet, 40) + (" (suggested)" if p.is_suggested else ""),
            str(p.articles),
            fmt_share(p.labelled).split(" [")[0],
            stance,
            f"{p.reliability.mean:.2f} (n={p.reliability.n})" if p.reliability.mean is not None else "–",
            fmt_share(p.anonymous_share).split(" [")[0],
            fmt_rate(loaded).split(" [")[0] if loaded else "–",
            fmt_rate(scare).split(" [")[0] if scare else "–",
            fmt_counts(p.cited_outlets, 2),
        ])
    return out


OVERVIEW_COLUMNS = ("outlet", "articles", "labelled", "stance (top)", "reliability", "anonymous sourcing",
                    "loaded /1k words", "scare quotes /1k", "cites")
