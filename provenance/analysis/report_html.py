"""The comparison as one self-contained HTML file: the side-by-side table, the citation table, and inline SVG charts
(stance mix, reliability with its interval, marker rates per 1,000 words).

No script, no stylesheet link, no font or image fetched: the file reads the same offline, from an e-mail attachment
or an archive. Every string that comes from the data goes through :func:`html.escape` (and control characters are
stripped), in text and in attributes alike.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone

from provenance import __version__
from provenance.analysis.compare import OutletProfile, Report
from provenance.analysis.report_cells import MARKER_LABELS, SMALL_MARK, header, rows
from provenance.corpus.text import one_line

PALETTE = ("#1b6ca8", "#d1495b", "#66a182", "#edae49", "#8d6cab", "#00798c", "#6c757d", "#b56576")
STANCE_COLOURS = {"pro-ukraine": "#1b6ca8", "neutral": "#9aa5b1", "pro-russia": "#d1495b", "unclear": "#edae49"}
LABEL_WIDTH = 220
PLOT_WIDTH = 460
ROW = 26

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1200px;
       padding: 0 1rem; color: #1d2530; background: #fff; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #dde3ea; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #dde3ea; padding: 0.3rem 0.55rem; vertical-align: top; text-align: left; }
th { background: #f3f6f9; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note, figcaption { color: #52606d; font-size: 0.85rem; }
figure { margin: 1rem 0 2rem; } svg text { font: 12px system-ui, sans-serif; fill: #1d2530; }
.wrap { overflow-x: auto; }
"""


def esc(value: object) -> str:
    """Escape a value from the data for HTML text or a quoted attribute, after stripping control characters."""
    return html.escape(one_line(str(value)), quote=True)


def render_html(report: Report) -> str:
    """The whole document."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Outlets compared</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<h1>Outlets compared</h1>",
        f'<p class="note">{len(report.outlets)} outlet(s); generated {esc(now)} by provenance {esc(__version__)}. '
        f"An article counts for its labelled outlet, else the suggested one. {esc(SMALL_MARK)} marks a small sample "
        "(fewer than 30); [low–high] is a 95% interval.</p>",
    ]
    if not report.outlets:
        parts.append("<p>No articles in this database.</p>")
    else:
        parts += [
            "<h2>Stance mix</h2>", stance_chart(report.outlets),
            "<h2>Reliability</h2>", reliability_chart(report.outlets),
            "<h2>Framing markers per 1,000 words</h2>", marker_chart(report.outlets),
            "<h2>Side by side</h2>", comparison_table(report),
            "<h2>Citations</h2>", citation_table(report),
        ]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def comparison_table(report: Report) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header(report))
    body = "".join(
        f'<tr><th scope="row">{esc(label)}</th>' + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"
        for label, cells in rows(report)
    )
    return f'<div class="wrap"><table><thead><tr><th scope="col">metric</th>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def citation_table(report: Report) -> str:
    if not report.citations:
        return "<p>No outlet cites another.</p>"
    body = "".join(
        f'<tr><td>{esc(c.outlet)}</td><td>{esc(c.cited)}</td><td class="num">{c.articles}</td>'
        f'<td class="num">{c.mentions}</td></tr>'
        for c in report.citations
    )
    return (
        '<div class="wrap"><table><thead><tr><th scope="col">outlet</th><th scope="col">cites</th>'
        f'<th scope="col">articles</th><th scope="col">mentions</th></tr></thead><tbody>{body}</tbody></table></div>'
    )


def _svg(height: int, content: str, title: str) -> str:
    width = LABEL_WIDTH + PLOT_WIDTH + 120
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{esc(title)}</title>{content}</svg>'
    )


def _label(y: float, text: str) -> str:
    return f'<text x="{LABEL_WIDTH - 8}" y="{y:.1f}" text-anchor="end" dominant-baseline="middle">{esc(text)}</text>'


def stance_chart(outlets: list[OutletProfile]) -> str:
    """One 100 % stacked bar per outlet; the label counts (n) at the end of each bar."""
    values = list(dict.fromkeys([*STANCE_COLOURS, *(v for p in outlets for v in p.stance)]))
    colours = {v: STANCE_COLOURS.get(v) or PALETTE[i % len(PALETTE)] for i, v in enumerate(values)}
    shapes = []
    y = 10
    for p in outlets:
        total = sum(p.stance.values())
        shapes.append(_label(y + ROW / 2 - 3, p.outlet))
        x = float(LABEL_WIDTH)
        for value in values:
            n = p.stance.get(value, 0)
            if not n:
                continue
            w = PLOT_WIDTH * n / total
            shapes.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{ROW - 8}" fill="{colours[value]}">'
                f"<title>{esc(value)}: {n} of {total} ({n / total:.0%})</title></rect>"
            )
            x += w
        mark = SMALL_MARK if total < 30 else ""
        note = f"n={total}{mark}" if total else "no stance labels"
        shapes.append(f'<text x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{y + ROW / 2 - 3:.1f}" dominant-baseline="middle">'
                      f"{esc(note)}</text>")
        y += ROW
    legend_x = LABEL_WIDTH
    for value in values:
        shapes.append(f'<rect x="{legend_x}" y="{y + 6}" width="12" height="12" fill="{colours[value]}"></rect>')
        shapes.append(f'<text x="{legend_x + 16}" y="{y + 12}" dominant-baseline="middle">{esc(value)}</text>')
        legend_x += 24 + 8 * len(one_line(value))
    figure = _svg(y + 30, "".join(shapes), "Stance mix per outlet")
    return f"<figure>{figure}<figcaption>Share of stance labels (every annotator's current label counts).</figcaption></figure>"


def _axis(y: float, lo: float, hi: float, ticks: list[float], fmt: str = "{:g}") -> str:
    out = [f'<line x1="{LABEL_WIDTH}" y1="{y}" x2="{LABEL_WIDTH + PLOT_WIDTH}" y2="{y}" stroke="#9aa5b1"></line>']
    for t in ticks:
        x = LABEL_WIDTH + PLOT_WIDTH * (t - lo) / (hi - lo)
        out.append(f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + 4}" stroke="#9aa5b1"></line>')
        out.append(f'<text x="{x:.1f}" y="{y + 16}" text-anchor="middle">{esc(fmt.format(t))}</text>')
    return "".join(out)


def reliability_chart(outlets: list[OutletProfile]) -> str:
    """Mean reliability (1-5) per outlet as a dot with its bootstrap 95 % interval."""
    lo, hi = 1.0, 5.0

    def x(v: float) -> float:
        return LABEL_WIDTH + PLOT_WIDTH * (min(max(v, lo), hi) - lo) / (hi - lo)

    shapes = []
    y = 10
    for p in outlets:
        r = p.reliability
        cy = y + ROW / 2 - 3
        shapes.append(_label(cy, p.outlet))
        if r.mean is None:
            shapes.append(f'<text x="{LABEL_WIDTH + 4}" y="{cy:.1f}" dominant-baseline="middle">no labels</text>')
        else:
            if r.low is not None and r.high is not None:
                shapes.append(f'<line x1="{x(r.low):.1f}" y1="{cy:.1f}" x2="{x(r.high):.1f}" y2="{cy:.1f}" '
                              'stroke="#1d2530" stroke-width="2"></line>')
            shapes.append(f'<circle cx="{x(r.mean):.1f}" cy="{cy:.1f}" r="5" fill="{PALETTE[0]}">'
                          f"<title>mean {r.mean:.2f}, median {r.median:g}, n={r.n}</title></circle>")
            mark = SMALL_MARK if r.small else ""
            shapes.append(f'<text x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{cy:.1f}" dominant-baseline="middle">'
                          f"{r.mean:.2f} (n={r.n}){esc(mark)}</text>")
        y += ROW
    shapes.append(_axis(y, lo, hi, [1, 2, 3, 4, 5]))
    figure = _svg(y + 26, "".join(shapes), "Mean reliability per outlet")
    return (f"<figure>{figure}<figcaption>Mean reliability label (1 fabricated – 5 original) with its bootstrap "
            "95% interval.</figcaption></figure>")


def marker_chart(outlets: list[OutletProfile]) -> str:
    """Small multiples: for each marker kind, one bar per outlet with its 95 % interval."""
    kinds = [k for k in dict.fromkeys(k for p in outlets for k in p.markers_per_1k)
             if any(p.markers_per_1k[k].count for p in outlets if k in p.markers_per_1k)]
    if not kinds:
        return "<p>No framing markers found in these outlets' articles.</p>"
    top = max((r.high if r.high is not None else r.value or 0.0)
              for p in outlets for k in kinds if (r := p.markers_per_1k.get(k)) is not None) or 1.0
    shapes = []
    y = 10
    for kind in kinds:
        shapes.append(f'<text x="0" y="{y + 8}" font-weight="bold">{esc(MARKER_LABELS.get(kind, kind))}</text>')
        y += 18
        for i, p in enumerate(outlets):
            r = p.markers_per_1k.get(kind)
            cy = y + (ROW - 8) / 2
            shapes.append(_label(cy, p.outlet))
            if r is not None and r.value is not None:
                w = PLOT_WIDTH * r.value / top
                shapes.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{w:.1f}" height="{ROW - 8}" '
                              f'fill="{PALETTE[i % len(PALETTE)]}"><title>{r.value:.2f} per 1,000 words, '
                              f"{r.count} in {r.words} words</title></rect>")
                if r.low is not None and r.high is not None:
                    x1 = LABEL_WIDTH + PLOT_WIDTH * r.low / top
                    x2 = LABEL_WIDTH + PLOT_WIDTH * r.high / top
                    shapes.append(f'<line x1="{x1:.1f}" y1="{cy:.1f}" x2="{x2:.1f}" y2="{cy:.1f}" '
                                  'stroke="#1d2530" stroke-width="1.5"></line>')
                mark = SMALL_MARK if r.small else ""
                shapes.append(f'<text x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{cy:.1f}" dominant-baseline="middle">'
                              f"{r.value:.2f} (n={r.count}){esc(mark)}</text>")
            y += ROW - 4
        y += 8
    figure = _svg(y + 4, "".join(shapes), "Framing markers per 1,000 words")
    return ("<figure>" + figure + "<figcaption>Markers per 1,000 words with their 95% interval; n is the number of "
            "markers found.</figcaption></figure>")
