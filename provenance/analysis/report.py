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
from provenance.analysis.report_cells import (
    OVERVIEW_COLUMNS,
    SIDE_BY_SIDE_MAX,
    SMALL_MARK,
    header,
    overview_rows,
    rows,
)
from provenance.analysis.stats import Rate, Share
from provenance.corpus.text import one_line

FORMATS = ("table", "csv", "json", "md", "html")
CITATIONS_PER_OUTLET = 3
"""In the terminal overview of many outlets, the citation table keeps each outlet's most cited ones."""


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
        many = len(report.outlets) > SIDE_BY_SIDE_MAX
        title = "Citations: outlet → outlets it cites" + (f" (top {CITATIONS_PER_OUTLET} each)" if many else "")
        cites = Table(title=Text(title))
        for name in ("outlet", "cites", "articles", "mentions"):
            cites.add_column(Text(name), justify="right" if name in ("articles", "mentions") else "left")
        shown: dict[str, int] = {}
        for c in report.citations:
            shown[c.outlet] = shown.get(c.outlet, 0) + 1
            if many and shown[c.outlet] > CITATIONS_PER_OUTLET:
                continue
            cites.add_row(Text(one_line(c.outlet, 40)), Text(one_line(c.cited, 40)), Text(str(c.articles)),
                          Text(str(c.mentions)))
        console.print(cites)
    console.print(Text(f"{SMALL_MARK} small sample (fewer than 30); [low–high]: 95% interval."))


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


def check_output(output: str | None) -> None:
    """Refuse an output path whose folder does not exist, before any work is done."""
    from pathlib import Path

    from provenance.errors import InputError

    if output and output != "-" and not Path(output).parent.exists():
        raise InputError(f"{output}: no such folder", "create the folder first or choose another -o path")


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
    check_output(output)
    target = Path(output)
    tmp = ""
    try:
        if target.exists() and not target.is_file():  # a pipe or a device (-o /dev/stdout) is a stream, not a file
            with open(target, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            return
        target = Path(os.path.realpath(target))  # through a link to the file it names, as the shell's > writes
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
