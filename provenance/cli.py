"""The ``provenance`` command line: a click group with one thin function per command.

Commands parse options, call the core, and print. Errors the user can act on are :class:`ProvenanceError`s and are
printed as one line (plus a hint) with exit status 1 or 2 — never a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from provenance import __version__
from provenance.errors import ProvenanceError


def fail(error: ProvenanceError, code: int = 2) -> None:
    """Print a user-facing error on one line (with its hint) and exit."""
    message = f"error: {error.message}"
    if error.hint:
        message += f" — {error.hint}"
    click.echo(message, err=True)
    sys.exit(code)


def friendly_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn ProvenanceError (and Ctrl+C) into a clean exit instead of a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ProvenanceError as error:
            fail(error)
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


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Read news articles for where their information comes from and how they frame it.

    With no command, opens the annotator (ingesting ./seeds first when the database is empty).

    Example: provenance ingest seeds/
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(annotate)


@main.command()
@db_option
@click.argument("paths", nargs=-1, type=click.Path())
@friendly_errors
def annotate(db_path: str | None, paths: tuple[str, ...]) -> None:
    """Open the annotator; PATHs given are ingested first.

    Example: provenance annotate seeds/
    """
    raise ProvenanceError("the annotator is not available yet", "use 'provenance ingest PATH' for now")
