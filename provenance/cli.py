"""The ``provenance`` command line: a click group with one thin function per command.

Commands parse options, call the core, and print. Errors the user can act on are :class:`ProvenanceError`s and are
printed as one line (plus a hint) with exit status 1 or 2 — never a traceback.
"""

from __future__ import annotations

import functools
import sqlite3
import sys
import time
from collections.abc import Callable
from typing import Any

import click

from provenance import __version__
from provenance.errors import ProvenanceError


def error_line(error: ProvenanceError) -> str:
    """A user-facing error on one line, with its hint.

    Messages quote what the user gave (file names, outlet names, values read from files): escapes and line breaks
    in them are dropped, so an error can neither drive the terminal nor spread over several lines."""
    from provenance.corpus.text import one_line

    message = f"error: {one_line(error.message)}"
    if error.hint:
        message += f" — {one_line(error.hint)}"
    return message


def fail(error: ProvenanceError, code: int = 2) -> None:
    """Print a user-facing error on one line (with its hint) and exit."""
    click.echo(error_line(error), err=True)
    sys.exit(code)


def friendly_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn ProvenanceError, an error SQLite raises mid-command, and Ctrl+C into a clean exit instead of a
    traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ProvenanceError as error:
            fail(error)
        except sqlite3.Error as error:
            from provenance.store.db import explained

            fail(explained(error))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper


db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    envvar="PROVENANCE_DB",
    default=None,
    help="Database file (default: ./annotations.db, or $PROVENANCE_DB).",
)


def open_existing_db(db_path: str | None):  # noqa: ANN201 - lazy imports keep --help light
    """The database of a command that reads stored articles or labels. A mistyped --db would otherwise be created
    empty, and the command would answer for it (no labels, no articles) as if that were the user's database."""
    from provenance.errors import StoreError
    from provenance.store import open_db, resolve_db_path

    path = resolve_db_path(db_path)
    if not path.exists():
        raise StoreError(f"{path}: no such database",
                         "check --db (or $PROVENANCE_DB), or create it with 'provenance ingest PATH'")
    return open_db(path)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Read news articles for where their information comes from and how they frame it.

    With no command, opens the annotator (ingesting ./seeds first when the database is empty); when standard
    output is not a terminal, only ingests ./seeds into an empty database and says what is there.

    Example: provenance ingest seeds/
    """
    if ctx.invoked_subcommand is None:
        if not sys.stdout.isatty():
            _seed_without_terminal()
            return
        ctx.invoke(annotate)


@friendly_errors
def _seed_without_terminal() -> None:
    """A bare ``provenance`` with no terminal to draw on: fill an empty database from ./seeds and say what is there."""
    from provenance.corpus.text import one_line
    from provenance.ingest import ensure_seeded
    from provenance.store import open_db, resolve_db_path
    from provenance.store.articles import article_count

    db = open_db(None)
    report = ensure_seeded(db)
    if report is not None:
        for entry in report.added:
            click.echo(f"  {entry.id}  {one_line(entry.title or entry.origin, 90)}")
        for failure in report.failed:
            click.echo(f"{one_line(failure.origin)}: {one_line(failure.message)}", err=True)
        click.echo(f"ingested ./seeds into {resolve_db_path(None)}: {report.summary()}")
    else:
        click.echo(f"{article_count(db)} article(s) in {resolve_db_path(None)}")
    click.echo("Run 'provenance' in a terminal to annotate them, or 'provenance --help' for every command.")


def _default_annotator() -> str:
    """The operating-system user, which is who labels unless --annotator says otherwise."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "annotator"


@main.command()
@db_option
@click.option("--annotator", default=None, help="Whose labels these are (default: the operating-system user).")
@click.option("--scheme", "scheme_path", type=click.Path(dir_okay=False), default=None, help="Label scheme TOML file (default: the built-in scheme).")
@click.argument("paths", nargs=-1, type=click.Path())
@friendly_errors
def annotate(db_path: str | None, annotator: str | None, scheme_path: str | None, paths: tuple[str, ...]) -> None:
    """Open the annotator; PATHs given are ingested first (an empty database with no PATH gets ./seeds).

    Keys: digits choose values, Tab moves between fields, n/p next/previous, s skip, u undo, ? help, q quit.

    Example: provenance annotate --annotator alice seeds/
    """
    from provenance.corpus.text import one_line
    from provenance.errors import InputError
    from provenance.ingest import ensure_seeded, ingest_paths
    from provenance.scheme import load_scheme
    from provenance.store import open_db

    name = one_line(annotator if annotator is not None else _default_annotator())
    if not name:
        raise InputError("the annotator name is empty", "pass --annotator NAME")
    scheme = load_scheme(scheme_path)
    db = open_db(db_path)
    report = ingest_paths(db, list(paths)) if paths else ensure_seeded(db)
    if report is not None:
        for failure in report.failed:
            click.echo(f"skipped {one_line(failure.origin)}: {one_line(failure.message)}", err=True)
        click.echo(f"ingested: {report.summary()}", err=True)
    if not sys.stdout.isatty():
        raise InputError("the annotator needs a terminal", "run it in a terminal, or use 'provenance ingest' in scripts")
    from provenance.tui.app import build_app

    build_app(db, annotator=name, scheme=scheme).run()


MAX_JOBS = 256
"""More ingest processes than this only exhaust memory: each holds its own copy of the extractors."""


class ByteSize(click.ParamType):
    """A size such as ``20MB``, ``500KB`` or ``1048576``."""

    name = "size"
    _UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().replace(" ", "")
        number = text.rstrip("kmgb")
        unit = text[len(number) :]
        try:
            size = int(float(number) * self._UNITS[unit])
        except (ValueError, KeyError, OverflowError):  # OverflowError: inf, 1e999
            self.fail(f"{value!r} is not a size (examples: 20MB, 500KB, 1048576)", param, ctx)
        if size <= 0:
            self.fail("the size must be positive", param, ctx)
        return size


class _ProgressBar:
    """A rich progress bar on standard error, shown only on a terminal and only once a run has taken a second."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, progress: Any) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < 1.0 or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files · {task.fields[counts]}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.bar.add_task("ingest", total=progress.files_total or None, counts="")
            self.bar.start()
        counts = f"added {progress.added} · unchanged {progress.unchanged} · failed {progress.failed}"
        self.bar.update(self.task, completed=progress.files_done, total=progress.files_total or None, counts=counts)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@main.command()
@db_option
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--max-size", type=ByteSize(), default="20MB", show_default=True,
              help="Refuse documents larger than this (a text or HTML file, one JSONL/CSV/WARC record).")
@click.option("--jobs", type=click.IntRange(min=1, max=MAX_JOBS), default=None,
              help="Processes analysing articles (default: one per core when there are 1,000 files or more).")
@friendly_errors
def ingest(db_path: str | None, paths: tuple[str, ...], max_size: int, jobs: int | None) -> None:
    """Load articles from files and folders into the database.

    Reads .txt/.md pages, .html, .jsonl/.json/.csv records (a 'text' field each) and .warc/.warc.gz archives;
    folders are read recursively and '-' reads JSON Lines from standard input. Articles already stored are
    counted unchanged. A bad file is named on standard error and skipped whole; the others go in, and the exit
    status is then 1.

    Example: provenance ingest seeds/ more-articles.jsonl
    """
    from provenance.corpus.text import one_line
    from provenance.ingest import ingest_paths
    from provenance.store import open_db

    db = open_db(db_path)
    bar = _ProgressBar()
    try:
        report = ingest_paths(db, paths, on_progress=bar, max_bytes=max_size, jobs=jobs)
    finally:
        bar.close()
    for failure in report.failed:
        click.echo(f"{one_line(failure.origin)}: {one_line(failure.message)}", err=True)
    click.echo(report.summary())
    if report.unchanged and not report.added and not report.failed:
        click.echo(f"nothing new: all {len(report.unchanged)} article(s) were already stored")
    sys.exit(1 if report.failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="json: one JSON object per article per line; text: the same for a human.")
@click.option("--outlets", "outlet_files", multiple=True, type=click.Path(dir_okay=False),
              help="Extra outlets CSV (name,domains,aliases,country,type,languages); repeatable.")
@friendly_errors
def extract(paths: tuple[str, ...], output_format: str, outlet_files: tuple[str, ...]) -> None:
    """Print the sources, provenance chain and framing passages of every article in PATHs; touches no database.

    Paragraphs repeated across the PATHs given are reported as boilerplate.

    Example: provenance extract seeds/ --format text
    """
    import json

    from provenance.corpus.readers import ReadFailure, iter_files, read_path
    from provenance.corpus.text import one_line
    from provenance.extract.passages import shared_in_batch
    from provenance.extract.pipeline import analyse
    from provenance.extract.record import article_record, format_record
    from provenance.extract.registry import load_registry, read_outlets_csv

    for outlets_file in outlet_files:  # rows the registry leaves out are named, as 'outlets import' names them
        for problem in read_outlets_csv(outlets_file)[1]:
            click.echo(f"skipped: {one_line(problem)}", err=True)
    registry = load_registry(outlet_files)
    skipped = 0
    batch = []  # boilerplate is found among all the articles given, so they are printed once all are read
    for file in iter_files(paths):
        items = [file] if isinstance(file, ReadFailure) else list(read_path(file))
        failure = next((item for item in items if isinstance(item, ReadFailure)), None)
        if failure is not None:  # a file is shown whole or not at all
            click.echo(f"skipped {one_line(failure.origin)}: {one_line(failure.message)}", err=True)
            skipped += 1
            continue
        batch += [(article, analyse(article, registry=registry), str(file)) for article in items]
    for (article, _, path), (analysis, shared) in zip(batch, shared_in_batch(batch)):
        record = article_record(article, analysis, path=path, boilerplate=shared)
        if output_format == "json":
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo("\n".join(format_record(record)) + "\n")
    if skipped:
        sys.exit(1)


@main.command()
@db_option
@click.option("--all", "everything", is_flag=True, help="Recompute every article, not only the stale ones.")
@friendly_errors
def reanalyse(db_path: str | None, everything: bool) -> None:
    """Recompute stored sources after an extractor, lexicon or outlet registry change.

    Example: provenance reanalyse --db annotations.db
    """
    from provenance.store.db import checkpoint
    from provenance.store.reanalyse import reanalyse as run

    db = open_existing_db(db_path)
    result = run(db, everything=everything, progress=lambda n: click.echo(f"  {n} articles…", err=True))
    if result.updated > 100:
        checkpoint(db)
    click.echo(f"reanalysed {result.updated} article(s); {result.current} already current (version {result.version})")


@main.group()
def outlets() -> None:
    """The outlet registry: the shipped outlets plus the ones imported into the database.

    Example: provenance outlets show nytimes.com
    """


def _outlet_registry(db_path: str | None):  # noqa: ANN202 - lazy imports keep --help light
    """The registry a command sees: shipped outlets, plus the database's when the database exists."""
    from provenance.extract.registry import default_registry
    from provenance.store import open_db, resolve_db_path
    from provenance.store.user_outlets import load_outlets, registry_for

    if not resolve_db_path(db_path).exists():
        return default_registry(), set()
    db = open_db(db_path)
    return registry_for(db), {o.name for o in load_outlets(db)}


@outlets.command("import")
@db_option
@click.argument("csv_file", type=click.Path(dir_okay=False))
@friendly_errors
def outlets_import(db_path: str | None, csv_file: str) -> None:
    """Add the outlets of a CSV (name,domains,aliases,country,type,languages; lists separated by |).

    Example: provenance outlets import my-outlets.csv
    """
    from provenance.corpus.text import one_line
    from provenance.errors import InputError
    from provenance.extract.registry import read_outlets_csv
    from provenance.store import open_db
    from provenance.store.user_outlets import save_outlets

    found, problems = read_outlets_csv(csv_file)
    for problem in problems:
        click.echo(f"skipped: {one_line(problem)}", err=True)
    if not found:
        raise InputError(f"{csv_file}: no usable outlet rows", "each row needs a name and a domain or an alias")
    count = save_outlets(open_db(db_path), found, origin=csv_file)
    click.echo(f"imported {count} outlet(s), {len(problems)} row(s) skipped — run 'provenance reanalyse' to apply them")


@outlets.command("list")
@db_option
@click.option("--country", default="", help="Only outlets of this country code (e.g. FR).")
@click.option("--type", "outlet_type", default="", help="Only outlets of this type (e.g. agency).")
@friendly_errors
def outlets_list(db_path: str | None, country: str, outlet_type: str) -> None:
    """List known outlets: name, primary domain, type, country (* marks imported ones).

    Example: provenance outlets list --type agency
    """
    from provenance.corpus.text import one_line

    registry, imported = _outlet_registry(db_path)
    shown = 0
    for outlet in sorted(registry.outlets, key=lambda o: o.name.casefold()):
        if country and outlet.country.casefold() != country.casefold():
            continue
        if outlet_type and outlet_type.casefold() not in outlet.type.casefold():
            continue
        mark = "*" if outlet.name in imported else " "
        click.echo(f"{mark} {one_line(outlet.name, 40):<40} {one_line(outlet.domain):<28} "
                   f"{one_line(outlet.type):<12} {one_line(outlet.country)}")
        shown += 1
    click.echo(f"{shown} outlet(s)", err=True)


@outlets.command("show")
@db_option
@click.argument("name_or_domain")
@friendly_errors
def outlets_show(db_path: str | None, name_or_domain: str) -> None:
    """Show one outlet, found by name, alias, domain or URL.

    Example: provenance outlets show "New York Times"
    """
    from provenance.corpus.text import one_line
    from provenance.errors import InputError

    registry, imported = _outlet_registry(db_path)
    outlet = registry.lookup(name_or_domain)
    if outlet is None:
        raise InputError(f"no outlet named {one_line(name_or_domain, 60)!r}", "see 'provenance outlets list'")
    click.echo(f"name:      {one_line(outlet.name)}{'  (imported)' if outlet.name in imported else ''}")
    click.echo(f"domains:   {one_line(', '.join(outlet.domains)) or '-'}")
    click.echo(f"aliases:   {one_line(', '.join(outlet.aliases)) or '-'}")
    click.echo(f"type:      {one_line(outlet.type) or '-'}")
    click.echo(f"country:   {one_line(outlet.country) or '-'}")
    click.echo(f"languages: {one_line(', '.join(outlet.languages)) or '-'}")


scheme_file_option = click.option(
    "--scheme",
    "scheme_path",
    type=click.Path(dir_okay=False),
    envvar="PROVENANCE_SCHEME",
    default=None,
    help="Label scheme TOML (default: the shipped scheme, or $PROVENANCE_SCHEME).",
)


@main.group()
def labels() -> None:
    """Label events made elsewhere: bring them into the database.

    Example: provenance labels import spreadsheet.csv
    """


@labels.command("import")
@db_option
@scheme_file_option
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@friendly_errors
def labels_import(db_path: str | None, scheme_path: str | None, files: tuple[str, ...]) -> None:
    """Import labels from CSV or JSON Lines FILES (columns article, annotator, field, value[, created_at, note]).

    `article` is an article id, URL, origin path or file name. Each file goes in whole or not at all: a bad row is
    reported with its line number. Importing the same file again adds nothing.

    Example: provenance labels import earlier-study.csv
    """
    from provenance.analysis.label_import import import_labels
    from provenance.corpus.text import one_line
    from provenance.errors import ProvenanceError
    from provenance.scheme import load_scheme

    scheme = load_scheme(scheme_path)
    db = open_existing_db(db_path)
    failed = 0
    for file in files:
        try:
            result = import_labels(db, scheme, file)
        except ProvenanceError as error:
            click.echo(error_line(error), err=True)
            failed += 1
            continue
        click.echo(
            f"{one_line(file)}: imported {result.added} label(s) on {result.articles} article(s)"
            f" ({result.present} already present)"
        )
    if failed:
        sys.exit(1)


@main.command("export")
@db_option
@scheme_file_option
@click.option("--table", "table", required=True,
              type=click.Choice(["labels", "consensus", "articles", "sources", "passages", "passage-labels", "events"]),
              help="Which table to export.")
@click.option("--format", "fmt", default="csv", show_default=True,
              type=click.Choice(["csv", "jsonl", "prodigy", "label-studio", "doccano"]),
              help="csv, jsonl, or an annotation tool's layout (labels and passage-labels only).")
@click.option("-o", "--output", "output", default=None,
              help="Output file (default: TABLE.EXT in the current folder); - for standard output.")
@friendly_errors
def export_command(db_path: str | None, scheme_path: str | None, table: str, fmt: str, output: str | None) -> None:
    """Export a label table; the file is written whole or not at all.

    Example: provenance export --table labels --format csv -o labels.csv
    """
    from provenance.analysis.export import check_request, default_output, export
    from provenance.corpus.text import one_line
    from provenance.errors import InputError
    from provenance.scheme import load_scheme

    check_request(table, fmt)
    scheme = load_scheme(scheme_path)
    target = output or default_output(table, fmt)
    try:
        count = export(open_existing_db(db_path), scheme, table, fmt, target)
    except OSError as error:
        if isinstance(error, BrokenPipeError):  # a reader such as head stopped early: not an error
            raise
        raise InputError(f"{target}: cannot be written ({error.strerror or error})",
                         "choose another -o path, or make its folder writable and free some space there") from None
    if target != "-":
        click.echo(f"wrote {count} record(s) of {table} as {fmt} to {one_line(target)}", err=True)


@main.command()
@db_option
@scheme_file_option
@click.option("--field", "fields", multiple=True, help="Only this field (repeatable; default: every choice field and required text field).")
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "json"]),
              help="table for reading, json for scripts.")
@friendly_errors
def agreement(db_path: str | None, scheme_path: str | None, fields: tuple[str, ...], fmt: str) -> None:
    """Inter-annotator agreement per field: percent agreement, Cohen's kappa per pair, Krippendorff's alpha.

    Example: provenance agreement --field stance --format json
    """
    import json

    from provenance.analysis.agreement import compute_agreement, format_table, to_json
    from provenance.scheme import load_scheme

    results = compute_agreement(open_existing_db(db_path), load_scheme(scheme_path), list(fields) or None)
    if fmt == "json":
        click.echo(json.dumps(to_json(results), ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(results))


@main.command()
@db_option
@click.argument("others", nargs=-1, required=True, type=click.Path(dir_okay=False))
@friendly_errors
def merge(db_path: str | None, others: tuple[str, ...]) -> None:
    """Merge other databases into this one: articles by content hash, label events by id. Merging twice adds nothing.

    Example: provenance merge --db team.db alice.db bob.db
    """
    from provenance.analysis.merge import describe, merge_databases
    from provenance.corpus.text import one_line
    from provenance.store import open_db

    for counts in merge_databases(open_db(db_path), others):
        click.echo(one_line(describe(counts)))


@main.command()
@db_option
@scheme_file_option
@click.option("--outlet", "outlets", multiple=True, help="Compare only this outlet (repeat for side by side; default: all).")
@click.option("--format", "fmt", default=None, type=click.Choice(["table", "csv", "json", "md", "html"]),
              help="table (terminal), csv, json, md or html (default: from the -o extension, else table).")
@click.option("-o", "--output", "output", default=None, type=click.Path(dir_okay=False),
              help="Write to this file (whole or not at all) instead of standard output.")
@friendly_errors
def compare(db_path: str | None, scheme_path: str | None, outlets: tuple[str, ...], fmt: str | None,
            output: str | None) -> None:
    """How outlets tell the story: labels, sourcing, framing, shared boilerplate and who cites whom, per outlet.

    An article counts for its labelled outlet, else the suggested one (marked "suggested"). Rates are per 1,000
    words with their counts and 95% intervals; * marks a small sample.

    Example: provenance compare --outlet "RTL Nieuws" --outlet CNN --format html -o compare.html
    """
    from provenance.analysis.compare import build_report
    from provenance.analysis.report import check_output, format_for, render, render_table, write_report
    from provenance.corpus.text import one_line
    from provenance.scheme import load_scheme

    fmt = format_for(fmt, output)
    check_output(output)
    report = build_report(open_existing_db(db_path), list(outlets) or None, scheme=load_scheme(scheme_path))
    if fmt == "table" and not output:
        from rich.console import Console

        render_table(report, Console(markup=False, highlight=False, emoji=False))
        return
    write_report(render(report, fmt), output)
    if output and output != "-":
        click.echo(f"wrote the comparison of {len(report.outlets)} outlet(s) as {fmt} to {one_line(output)}", err=True)
