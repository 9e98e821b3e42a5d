"""The Compare screen: outlets side by side (the same rows as ``provenance compare``), terminal charts of the stance
mix, mean reliability and framing-marker rates, and the citation table.

The report is computed in a thread worker on its own connection (temporary tables never touch the annotator's
connection) and arrives as a message; the screen only shows it. Charts show the largest outlets (up to
:data:`CHART_OUTLETS`); the table shows them all. Every string from the data is inert ``Text``.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from provenance.analysis.compare import Report
from provenance.analysis.report_cells import MARKER_LABELS, SMALL_MARK, header, rows
from provenance.corpus.text import one_line
from provenance.tui.session import Session

CHART_OUTLETS = 6
OUTLET_COLUMN_WIDTH = 26
"""Width of an outlet's column: a long cell (the naming mix, the outlets cited) wraps onto more lines instead of
widening its column until the next outlets leave the screen."""
STANCES = ("pro-ukraine", "neutral", "pro-russia", "unclear")
STANCE_COLOURS = ("blue", "gray", "red", "orange")
CHART_KINDS = ("scare_quotes", "reportive", "loaded_or_evaluative", "analogy", "translation_artifact")


def _short(name: str, limit: int = 14) -> str:
    """An outlet name safe and short enough for a chart axis (plotext output is read as ANSI: no escapes allowed)."""
    return one_line(name, limit)


class CompareScreen(Screen[None]):
    """How the outlets differ; Esc or c returns to the article."""

    BINDINGS = [
        Binding("escape,c", "back", "Back", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    DEFAULT_CSS = """
    CompareScreen #summary { height: auto; padding: 0 1; background: $boost; }
    CompareScreen #charts { height: 14; }
    CompareScreen PlotextPlot { height: 14; }
    CompareScreen #markers { height: 16; }
    CompareScreen DataTable { height: auto; max-height: 40; margin: 1 0; }
    """

    class Ready(Message):
        """The report is computed."""

        def __init__(self, report: Report) -> None:
            super().__init__()
            self.report = report

    class Failed(Message):
        """The report could not be computed: ``text`` says why."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, session: Session, outlets: list[str] | None = None) -> None:
        super().__init__()
        self.session = session
        self.outlets = outlets
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Comparing outlets…"), id="summary")
        with VerticalScroll(id="body"):
            yield DataTable(id="table", zebra_stripes=True, cursor_type="row")
            with Horizontal(id="charts"):
                yield PlotextPlot(id="stance")
                yield PlotextPlot(id="reliability")
            yield PlotextPlot(id="markers")
            yield DataTable(id="citations", zebra_stripes=True, cursor_type="row")

    def on_mount(self) -> None:
        self.compute()

    @work(thread=True, exit_on_error=False, exclusive=True, group="compare")
    def compute(self) -> None:
        """Build the report off the UI thread; a file database gets its own connection."""
        from provenance.analysis.compare import build_report
        from provenance.errors import ProvenanceError
        from provenance.store import open_db

        db = self.session.db
        path = next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "")
        own = open_db(path, migrate=False) if path else None
        try:
            report = build_report(own or db, self.outlets, scheme=self.session.scheme)
        except ProvenanceError as error:
            self.post_message(self.Failed(f"{error.message} — {error.hint}" if error.hint else error.message))
            return
        finally:
            if own is not None:
                own.close()
        self.post_message(self.Ready(report))

    def on_compare_screen_failed(self, message: Failed) -> None:
        self.query_one("#summary", Static).update(Text(one_line(message.text)))

    def on_compare_screen_ready(self, message: Ready) -> None:
        self.report = report = message.report
        labelled = sum(p.labelled.count for p in report.outlets)
        articles = sum(p.articles for p in report.outlets)
        self.query_one("#summary", Static).update(
            Text(
                f"{len(report.outlets)} outlet(s), {articles} article(s), {labelled} labelled · "
                f"(suggested) = no outlet label yet · {SMALL_MARK} small sample · [low–high] 95% interval · "
                "Esc back"
            )
        )
        self._fill_table(report)
        self._fill_citations(report)
        shown = report.outlets[:CHART_OUTLETS]
        self._stance_chart(shown)
        self._reliability_chart(shown)
        self._marker_chart(shown)

    def _fill_table(self, report: Report) -> None:
        table = self.query_one("#table", DataTable)
        table.clear(columns=True)
        table.add_column(Text("metric"), key="metric")
        for i, title in enumerate(header(report)):
            table.add_column(Text(title), key=f"o{i}", width=OUTLET_COLUMN_WIDTH)
        for label, cells in rows(report):
            table.add_row(Text(label, style="bold"), *(Text(c) for c in cells), height=None)

    def _fill_citations(self, report: Report) -> None:
        table = self.query_one("#citations", DataTable)
        table.clear(columns=True)
        for name in ("outlet", "cites", "articles", "mentions"):
            table.add_column(Text(name), key=name)
        for c in report.citations:
            table.add_row(Text(one_line(c.outlet, 40)), Text(one_line(c.cited, 40)),
                          Text(str(c.articles), justify="right"), Text(str(c.mentions), justify="right"))

    def _stance_chart(self, outlets: list) -> None:  # noqa: ANN001 - profiles
        plot = self.query_one("#stance", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        names = [_short(p.outlet) for p in outlets]
        series = [[p.stance.get(s, 0) for p in outlets] for s in STANCES]
        if names and any(any(row) for row in series):
            plt.stacked_bar(names, series, labels=list(STANCES), color=list(STANCE_COLOURS), orientation="horizontal")
        plt.title("Stance labels")
        plot.refresh()

    def _reliability_chart(self, outlets: list) -> None:  # noqa: ANN001
        plot = self.query_one("#reliability", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        rated = [p for p in outlets if p.reliability.mean is not None]
        if rated:
            plt.bar([_short(p.outlet) for p in rated], [round(p.reliability.mean, 2) for p in rated],
                    orientation="horizontal", color="cyan")
            plt.xlim(0, 5)
        plt.title("Mean reliability (1-5)")
        plot.refresh()

    def _marker_chart(self, outlets: list) -> None:  # noqa: ANN001
        plot = self.query_one("#markers", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        kinds = [k for k in CHART_KINDS if any(p.markers_per_1k.get(k) and p.markers_per_1k[k].count for p in outlets)]
        if outlets and kinds:
            values = [[round(p.markers_per_1k[k].value or 0.0, 2) if k in p.markers_per_1k else 0.0 for k in kinds]
                      for p in outlets]
            plt.multiple_bar([MARKER_LABELS.get(k, k) for k in kinds], values,
                             labels=[_short(p.outlet, 20) for p in outlets])
        plt.title("Framing markers per 1,000 words")
        plot.refresh()

    def action_back(self) -> None:
        self.dismiss(None)
