"""Reading articles from files and folders, in any common format.

The reader is chosen by the file's extension; a file without a known one is sniffed (a WARC header, HTML tags, a
JSON object, else plain text). Folders are walked recursively in name order, following links but never twice into
the same folder, so a symlink loop ends. ``-`` reads JSON Lines from standard input.

Readers never raise for a bad file: :func:`read_path` yields a :class:`ReadFailure` naming the problem, after which
that file yields nothing more (callers treat the articles already read from it as void: a file goes in whole or
not at all).
"""

from __future__ import annotations

import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from provenance.corpus.article import Article
from provenance.corpus.decode import sniff_binary
from provenance.corpus.readers.common import DEFAULT_MAX_BYTES, ReadFailure, os_message
from provenance.errors import ReadError

Reader = Callable[[Path, int], Iterator[Article]]

STDIN = "-"

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".warc": "warc",
    ".warc.gz": "warc",
}


def _reader(format: str) -> Reader:
    """The reader of a format, imported on first use (trafilatura and warcio are slow to import)."""
    if format in ("text", "markdown"):
        from provenance.corpus.readers.plaintext import read_text_file

        return lambda path, max_bytes: read_text_file(path, max_bytes, format)
    if format == "html":
        from provenance.corpus.readers.html import read_html_file

        return read_html_file
    if format == "warc":
        from provenance.corpus.readers.warc import read_warc_file

        return read_warc_file
    from provenance.corpus.readers import records

    return {
        "jsonl": records.read_jsonl_file,
        "json": records.read_json_file,
        "csv": records.read_csv_file,
        "tsv": records.read_tsv_file,
    }[format]


def format_of(path: Path) -> str | None:
    """The format an extension names, or None."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return EXTENSIONS.get(os.path.splitext(name)[1])


def sniff_format(path: Path) -> str:
    """The format of a file with no known extension, from its first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(2048)
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        import gzip

        try:
            with gzip.open(path, "rb") as handle:
                if handle.read(5) == b"WARC/":
                    return "warc"
        except (OSError, EOFError, zlib.error):
            pass  # a damaged gzip stream: sniffed further as bytes, and refused as a binary file
    kind = sniff_binary(head)
    if kind:
        raise ReadError(f"binary file ({kind}), not an article", "give text, HTML, JSON, CSV or WARC files")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    if lowered.startswith(b"{"):
        return "jsonl"
    if lowered.startswith(b"["):
        return "json"
    return "text"


def read_path(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadFailure]:
    """The articles of one file (``-`` = JSON Lines on standard input), or a :class:`ReadFailure` saying why not."""
    origin = str(path)
    try:
        if origin == STDIN:
            from provenance.corpus.readers.records import read_jsonl_stream

            yield from read_jsonl_stream(sys.stdin.buffer, origin="<stdin>", max_bytes=max_bytes)
            return
        path = Path(path)
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise ReadError("is a folder", "give it to read_paths, which walks folders")
        if not stat.S_ISREG(mode):
            raise ReadError("not a regular file (a device, pipe or socket)", "give files or folders")
        yield from _reader(format_of(path) or sniff_format(path))(path, max_bytes)
    except ReadError as error:
        yield ReadFailure(origin, error.message)
    except OSError as error:
        yield ReadFailure(origin, os_message(error))
    except (ValueError, LookupError, RecursionError, MemoryError, EOFError, zlib.error) as error:
        # A parser choking on hostile input (lxml, csv, a codec, a damaged gzip stream) must not stop the other files.
        yield ReadFailure(origin, f"could not be read ({type(error).__name__}: {str(error)[:120]})")


def iter_files(paths: Iterable[Path | str]) -> Iterator[Path | ReadFailure]:
    """Every file under ``paths``, folders walked recursively in name order; ``-`` passed through as is.

    Hidden entries inside folders (``.git``, ``.DS_Store``) are skipped; a folder reached twice through links is
    entered once. A path that cannot be listed or does not exist becomes a :class:`ReadFailure`.
    """
    seen: set[tuple[int, int]] = set()
    for given in paths:
        if str(given) == STDIN:
            yield Path(STDIN)
            continue
        yield from _walk(Path(given), seen)


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path | ReadFailure]:
    stack: list[Path] = [root]
    while stack:
        path = stack.pop()
        try:
            info = os.stat(path)
        except OSError as error:
            yield ReadFailure(str(path), os_message(error))
            continue
        if not stat.S_ISDIR(info.st_mode):
            yield path
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            continue
        seen.add(key)
        try:
            with os.scandir(path) as entries:
                names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
        except OSError as error:
            yield ReadFailure(str(path), os_message(error))
            continue
        stack.extend(path / name for name in reversed(names))


def read_paths(
    paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadFailure]:
    """The articles of every file under ``paths`` (see :func:`iter_files`), with a failure for each bad file."""
    for item in iter_files(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield from read_path(item, max_bytes=max_bytes)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "ReadFailure",
    "format_of",
    "iter_files",
    "read_path",
    "read_paths",
]
