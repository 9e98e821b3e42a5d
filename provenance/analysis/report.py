"""Renderers of the comparison: a rich table for the terminal, and csv, json, md (html in ``report_html.py``).

They only format a :class:`~provenance.analysis.compare.Report`. Strings from the data (outlet names, naming
variants, frames) are untrusted: terminal output puts them in ``rich.text.Text`` with control characters stripped,
Markdown escapes its table syntax, HTML escapes everything.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from provenance.analysis.compare import Report
from provenance.analysis.stats import Rate, Share, Summary
from provenance.corpus.text import one_line

FORMATS = ("table", "csv", "json", "md", "html")
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


# -- plain data --------------------------------------------------------------------------------------------------


def to_dict(report: Report) -> dict:
    """The JSON document: ``{"outlets": [...], "citations": [...]}`` with every count beside its rate."""
    outlets = []
    for p in report.outlets:
        outlets.append(
            {
                "outlet": p.outlet,
                "outlet_suggested": p.is_suggested,
                "articles": p.articles,
                "articles_outlet_suggested": p.suggested,
                "words": p.words,
                "labelled": p.labelled.count,
                "labelled_share": p.labelled.to_dict(),
                "languages": p.languages,
                "date_range": [p.first_date, p.last_date],
                "stance": p.stance,
                "reliability": p.reliability.to_dict(),
                "origin": p.origin,
                "agreement": p.agreement,
                "cited_outlets": p.cited_outlets,
                "anonymous_share": p.anonymous_share.value,
                "anonymous_articles": p.anonymous_share.to_dict(),
                "anonymous_attributions": p.anonymous_attributions,
                "named_attributions": p.named_attributions,
                "links_per_1k": p.links_per_1k.to_dict(),
                "declared_sources": p.declared_sources,
                "markers_per_1k": {k: r.value for k, r in p.markers_per_1k.items()},
                "markers": {k: r.to_dict() for k, r in p.markers_per_1k.items()},
                "naming": p.naming,
                "accepted_passages": p.accepted_passages,
                "frames": p.frames,
                "techniques": p.techniques,
                "shared_boilerplate": p.shared_boilerplate,
            }
        )
    citations = [
        {"outlet": c.outlet, "cited": c.cited, "articles": c.articles, "mentions": c.mentions} for c in report.citations
    ]
    return {"outlets": outlets, "citations": citations}


def render_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def _csv_rows(report: Report) -> Iterable[list]:
    """Long format, one number per row, so a spreadsheet or pandas can pivot it any way."""
    for p in report.outlets:
        o = p.outlet
        yield [o, "corpus", "articles", "", p.articles, p.articles, "", "", "", ""]
        yield [o, "corpus", "outlet_suggested", "", p.suggested, p.suggested, p.articles, "", "", ""]
        yield [o, "corpus", "words", "", p.words, p.words, "", "", "", ""]
        yield _share_row(o, "corpus", "labelled", "", p.labelled)
        yield [o, "corpus", "first_date", "", p.first_date or "", "", "", "", "", ""]
        yield [o, "corpus", "last_date", "", p.last_date or "", "", "", "", "", ""]
        for lang, n in p.languages.items():
            yield [o, "corpus", "language", lang, n, n, p.articles, "", "", ""]
        for field_, dist in (("stance", p.stance), ("origin", p.origin)):
            total = sum(dist.values())
            for value, n in dist.items():
                yield [o, "labels", field_, value, n, n, total, "", "", ""]
        r = p.reliability
        for key in ("mean", "median", "sd"):
            yield [o, "labels", f"reliability_{key}", "", _num(getattr(r, key)), "", r.n,
                   _num(r.low) if key == "mean" else "", _num(r.high) if key == "mean" else "", _small(r.small)]
        for field_, a in p.agreement.items():
            yield [o, "labels", "percent_agreement", field_, _num(a["percent"]), a["agreed"], a["items"], "", "",
                   _small(a["small_sample"])]
            yield [o, "labels", "krippendorff_alpha", field_, _num(a["alpha"]), "", a["items"], "", "",
                   _small(a["small_sample"])]
        for cited, n in p.cited_outlets.items():
            yield [o, "sourcing", "cited_outlet", cited, n, n, p.articles, "", "", ""]
        yield _share_row(o, "sourcing", "anonymous_share", "", p.anonymous_share)
        yield [o, "sourcing", "anonymous_attributions", "", p.anonymous_attributions, p.anonymous_attributions, "", "", "", ""]
        yield [o, "sourcing", "named_attributions", "", p.named_attributions, p.named_attributions, "", "", "", ""]
        yield _rate_row(o, "sourcing", "links_per_1k", "", p.links_per_1k)
        for declared, n in p.declared_sources.items():
            yield [o, "sourcing", "declared_source", declared, n, n, p.articles, "", "", ""]
        for kind, rate in p.markers_per_1k.items():
            yield _rate_row(o, "framing", "markers_per_1k", kind, rate)
        for concept, variants in p.naming.items():
            total = sum(variants.values())
            for variant, n in variants.items():
                yield [o, "framing", "naming", f"{concept}: {variant}", _num(n / total), n, total, "", "", _small(total < 30)]
        yield [o, "framing", "accepted_passages", "", p.accepted_passages, p.accepted_passages, "", "", "", ""]
        for field_, counts in (("frame", p.frames), ("technique", p.techniques)):
            for value, n in counts.items():
                yield [o, "framing", field_, value, n, n, p.accepted_passages, "", "", ""]
        for b in p.shared_boilerplate:
            other = b["other"]
            yield [o, "boilerplate", "shared_paragraphs", other, b["passages"], b["passages"], "", "", "", ""]
            yield [o, "boilerplate", "had_first", other, b["earlier"], b["earlier"], b["links"], "", "", ""]
            yield [o, "boilerplate", "had_later", other, b["later"], b["later"], b["links"], "", "", ""]
    for c in report.citations:
        yield [c.outlet, "citations", "cites", c.cited, c.articles, c.mentions, "", "", "", ""]


CSV_HEADER = ["outlet", "section", "metric", "key", "value", "count", "n", "low", "high", "small_sample"]


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(_csv_rows(report))
    return buffer.getvalue()


def _share_row(outlet: str, section: str, metric: str, key: str, s: Share) -> list:
    return [outlet, section, metric, key, _num(s.value), s.count, s.n, _num(s.low), _num(s.high), _small(s.small)]


def _rate_row(outlet: str, section: str, metric: str, key: str, r: Rate) -> list:
    return [outlet, section, metric, key, _num(r.value), r.count, r.articles, _num(r.low), _num(r.high), _small(r.small)]


def _num(value: float | None, digits: int = 4) -> str:
    return "" if value is None else f"{value:.{digits}g}" if isinstance(value, float) else str(value)


def _small(flag: bool) -> str:
    return "yes" if flag else ""


# -- human-readable cells (shared by the terminal table, Markdown, HTML and the Compare screen) ------------------


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


# -- terminal -----------------------------------------------------------------------------------------------------


def render_table(report: Report, console) -> None:  # noqa: ANN001 - rich is imported lazily
    """Print the comparison (outlets side by side) and the citation table to a rich console, markup off."""
    from rich.table import Table
    from rich.text import Text

    if not report.outlets:
        console.print(Text("No articles in this database yet: run 'provenance ingest PATH' first."))
        return
    if len(report.outlets) > SIDE_BY_SIDE_MAX:
        console.print(_overview_table(report))
        console.print(Text(f"{len(report.outlets)} outlets: one line each. Name up to {SIDE_BY_SIDE_MAX} with --outlet "
                           "to see them side by side, or write every detail with --format html/md/csv/json."))
    else:
        table = Table(title=Text("Outlets compared"), show_lines=False, expand=False)
        table.add_column(Text("metric"), style="bold", no_wrap=True)
        for title in header(report):
            table.add_column(Text(title), overflow="fold")
        for label, cells in rows(report):
            table.add_row(Text(label), *(Text(c) for c in cells))
        console.print(table)
    if report.citations:
        cites = Table(title=Text("Citations: outlet → outlets it cites"))
        for name in ("outlet", "cites", "articles", "mentions"):
            cites.add_column(Text(name), justify="right" if name in ("articles", "mentions") else "left")
        for c in report.citations:
            cites.add_row(Text(one_line(c.outlet, 40)), Text(one_line(c.cited, 40)), Text(str(c.articles)),
                          Text(str(c.mentions)))
        console.print(cites)
    console.print(Text(f"{SMALL_MARK} small sample (fewer than 30); [low–high]: 95% interval."))


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


def _overview_table(report: Report):  # noqa: ANN202 - rich is imported lazily
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text("Outlets compared"), expand=False)
    for name in OVERVIEW_COLUMNS:
        table.add_column(Text(name), overflow="fold", justify="right" if name == "articles" else "left")
    for cells in overview_rows(report):
        table.add_row(*(Text(c) for c in cells))
    return table


# -- Markdown -------------------------------------------------------------------------------------------------------


def md_cell(value: str) -> str:
    """A Markdown table cell: one line, pipes and markup characters escaped."""
    text = one_line(value)
    for ch in "\\|*_`[]<>#":
        text = text.replace(ch, "\\" + ch)
    return text


def render_md(report: Report) -> str:
    lines = ["# Outlets compared", ""]
    if not report.outlets:
        return "\n".join(lines + ["No articles.", ""])
    lines.append("| metric | " + " | ".join(md_cell(h) for h in header(report)) + " |")
    lines.append("|---" * (len(report.outlets) + 1) + "|")
    for label, cells in rows(report):
        lines.append(f"| {md_cell(label)} | " + " | ".join(md_cell(c) for c in cells) + " |")
    lines += ["", f"{md_cell(SMALL_MARK)} small sample (fewer than 30); \\[low–high\\]: 95% interval.", ""]
    if report.citations:
        lines += ["## Citations", "", "| outlet | cites | articles | mentions |", "|---|---|---:|---:|"]
        for c in report.citations:
            lines.append(f"| {md_cell(c.outlet)} | {md_cell(c.cited)} | {c.articles} | {c.mentions} |")
        lines.append("")
    return "\n".join(lines)


def render(report: Report, fmt: str) -> str:
    """The report as text in one of the file formats (``table`` is printed with :func:`render_table`)."""
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "md":
        return render_md(report)
    if fmt == "html":
        from provenance.analysis.report_html import render_html

        return render_html(report)
    if fmt == "table":
        return render_plain_table(report)
    raise ValueError(f"unknown format {fmt!r}")


def format_for(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the one the output file's extension names, else ``table``."""
    if fmt:
        return fmt
    if output and output != "-":
        suffix = output.rsplit(".", 1)[-1].lower() if "." in output else ""
        return {"htm": "html", "markdown": "md", "txt": "table"}.get(suffix, suffix if suffix in FORMATS else "table")
    return "table"


def render_plain_table(report: Report, width: int = 160) -> str:
    """The terminal table as plain text (for ``--format table -o FILE``)."""
    from rich.console import Console

    console = Console(record=True, width=width, file=io.StringIO(), markup=False, highlight=False, emoji=False,
                      color_system=None)
    render_table(report, console)
    return console.export_text()


def write_report(text: str, output: str | None) -> None:
    """Write to standard output, or to a file atomically (a temporary file renamed over it)."""
    import os
    import sys
    import tempfile
    from pathlib import Path

    from provenance.errors import InputError

    if not output or output == "-":
        sys.stdout.write(text)
        return
    target = Path(output)
    if not target.parent.exists():
        raise InputError(f"{output}: no such folder", "create the folder first or choose another -o path")
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a report is an ordinary file
        os.replace(tmp, target)
    except OSError as exc:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"{output}: cannot be written ({exc.strerror or exc})", "choose another -o path") from None
