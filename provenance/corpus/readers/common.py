"""What every reader shares: the failure record, the size limit, and the last touches on an article."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from provenance.corpus.article import Article
from provenance.corpus.language import detect_language
from provenance.domains import registered_domain
from provenance.errors import ReadError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest single document read whole (a text or HTML file, a JSON file, one record of a JSONL, CSV or WARC file).
Record files themselves are streamed and may be of any size."""
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file (or input) that gave no articles, and why, in words the user can act on."""

    origin: str
    message: str


def human_size(size: int) -> str:
    """``52428800`` → ``50.0 MB``."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def too_large(size: int, max_bytes: int, what: str = "file") -> ReadError:
    """The error for a document over the size limit."""
    return ReadError(
        f"{what} is {human_size(size)}, over the {human_size(max_bytes)} limit",
        "split it, or raise the limit with --max-size",
    )


def os_message(error: OSError) -> str:
    """An OSError as a short phrase: "permission denied", "symlink loop", "no such file or folder"."""
    if error.errno == errno.ELOOP:
        return "symlink loop (a link that leads back to itself)"
    if error.errno == errno.ENOENT:
        return "no such file or folder (or a broken link)"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return (error.strerror or str(error)).lower()


def normalise_language(code: str) -> str:
    """``fr-FR`` / ``FR`` / ``fr_fr`` → ``fr``."""
    return code.strip().replace("_", "-").split("-", 1)[0].lower()[:8]


def finish(article: Article) -> Article:
    """Fill what can be derived: the language (detected when not declared) and the publisher's registered domain."""
    if article.language:
        article.language = normalise_language(article.language)
    else:
        article.language = detect_language(article.text)
    if not article.publisher_domain and article.url:
        article.publisher_domain = registered_domain(article.url)
    return article


def read_limited(path: Path, max_bytes: int) -> bytes:
    """A whole file's bytes, refused before reading when it is over ``max_bytes``.

    The first read asks for the size the file reports, not for the limit: a read asks the allocator for as many
    bytes as requested, and a buffer the size of the limit for every 3 KB article cost more than reading it.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise too_large(size, max_bytes)
        data = handle.read(size + 1)
        if len(data) > size:  # a file that grew, or a device that reports no size: read on, up to the limit
            chunks = [data]
            while data and sum(map(len, chunks)) <= max_bytes:
                data = handle.read(_CHUNK)
                chunks.append(data)
            data = b"".join(chunks)
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes)
    return data
