"""Record files — JSON Lines, JSON, CSV — one article per record.

``text`` is required; ``title``, ``url``, ``published``, ``outlet``, ``byline`` and ``language`` are read when
present (with the usual aliases: ``headline``, ``link``, ``date``, ``author``, ``lang``…) and every other field is
kept in the article's metadata. JSON Lines and CSV are streamed record by record, so a file may be larger than
memory; a single record larger than the size limit is refused.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from provenance.corpus.article import Article
from provenance.corpus.decode import decode_bytes
from provenance.corpus.readers.common import finish, read_limited, too_large
from provenance.corpus.text import normalise_newlines
from provenance.domains import registered_domain
from provenance.errors import ReadError

TEXT_FIELDS = ("text", "body", "content")
_ALIASES = {
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "date", "published_at", "publication_date"),
    "outlet": ("outlet", "publisher", "site_name", "sitename", "source"),
    "byline": ("byline", "author", "authors"),
    "language": ("language", "lang"),
}


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value if v is not None)
    return str(value)


def _pick(record: dict[str, Any], names: Iterable[str], used: set[str]) -> str:
    for name in names:
        if name in record and record[name] not in (None, ""):
            used.add(name)
            return _as_text(record[name])
    return ""


def article_from_record(record: Any, *, origin: str, format: str, where: str) -> Article:
    """An :class:`Article` from one record (a dict); ``where`` names the record in error messages."""
    if not isinstance(record, dict):
        raise ReadError(f"{where}: a {type(record).__name__}, not an object with a text field", "one object per record")
    used: set[str] = set()
    text_field = next((f for f in TEXT_FIELDS if f in record), None)
    if text_field is None:
        raise ReadError(f"{where}: no 'text' field", "every record needs the article text in a 'text' field")
    used.add(text_field)
    text = record[text_field]
    if not isinstance(text, str) or not text.strip():
        raise ReadError(f"{where}: 'text' is empty", "every record needs the article text in a 'text' field")
    fields = {key: _pick(record, names, used) for key, names in _ALIASES.items()}
    for key in ("title", "outlet", "byline"):
        fields[key] = " ".join(fields[key].split())
    metadata = {k: v for k, v in record.items() if k not in used}
    outlet = fields.pop("outlet")
    domain = registered_domain(fields["url"]) if fields["url"] else ""
    if outlet:
        metadata["outlet"] = outlet
        if not domain and "." in outlet and " " not in outlet:
            domain = registered_domain(outlet)
    return finish(Article(text=normalise_newlines(text), publisher_domain=domain, origin=origin, format=format,
                          metadata=metadata, **fields))


def _json_error(error: json.JSONDecodeError) -> str:
    return f"not valid JSON ({error.msg} at column {error.colno})"


def read_jsonl_stream(stream: IO[bytes], *, origin: str, max_bytes: int) -> Iterator[Article]:
    """Articles from JSON Lines on a binary stream (a file or standard input), one per non-blank line."""
    lineno = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            break
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            raise too_large(len(raw), max_bytes, f"line {lineno}")
        if lineno == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            raise ReadError(f"line {lineno}: {_json_error(error)}", "fix or remove that line") from None
        except UnicodeDecodeError:
            raise ReadError(f"line {lineno}: not UTF-8", "JSON Lines must be UTF-8; re-save the file") from None
        yield article_from_record(record, origin=f"{origin}#{lineno}", format="jsonl", where=f"line {lineno}")
    if lineno == 0:
        raise ReadError("empty file", "remove it or fill it")


def read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Article]:
    """Articles from a .jsonl file."""
    with open(path, "rb") as handle:
        yield from read_jsonl_stream(handle, origin=str(path), max_bytes=max_bytes)


def read_json_file(path: Path, max_bytes: int) -> Iterator[Article]:
    """Articles from a .json file: one object, a list of objects, or an object whose ``articles`` is that list."""
    data = read_limited(path, max_bytes)
    if not data.strip():
        raise ReadError("empty file", "remove it or fill it")
    try:
        document = json.loads(decode_bytes(data).text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # one object per line, named .json: read it as JSON Lines
            yield from read_jsonl_stream(io.BytesIO(data), origin=str(path), max_bytes=max_bytes)
            return
        raise ReadError(f"line {error.lineno}: {_json_error(error)}", "fix the JSON") from None
    if isinstance(document, dict) and isinstance(document.get("articles"), list):
        document = document["articles"]
    records = document if isinstance(document, list) else [document]
    if not records:
        raise ReadError("an empty list, no articles", "remove it or fill it")
    for index, record in enumerate(records, 1):
        yield article_from_record(record, origin=f"{path}#{index}", format="json", where=f"record {index}")


def _csv_encoding(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(65536)
    if not head.strip():
        raise ReadError("empty file", "remove it or fill it")
    if len(head) == 65536:  # don't judge by a multi-byte character cut in half
        head = head[: head.rfind(b"\n") + 1] or head
    encoding = decode_bytes(head).encoding
    return "utf-8-sig" if encoding == "utf-8" else encoding


def read_csv_file(path: Path, max_bytes: int, delimiter: str | None = None) -> Iterator[Article]:
    """Articles from a .csv (or .tsv) file with a header row; the delimiter is sniffed among , ; tab |."""
    encoding = _csv_encoding(path)
    csv.field_size_limit(max(max_bytes, 131072))
    with open(path, encoding=encoding, newline="", errors="strict") as handle:
        if delimiter is None:
            sample = handle.read(16384)
            handle.seek(0)
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
            except csv.Error:
                delimiter = ","
        reader = csv.DictReader(handle, delimiter=delimiter)
        count = 0
        try:
            columns = reader.fieldnames or []
            if not any(f in columns for f in TEXT_FIELDS):
                shown = ", ".join(c for c in columns[:8] if c) or "none"
                raise ReadError(f"no 'text' column (columns: {shown})", "name the article-text column 'text'")
            for count, row in enumerate(reader, 1):
                row.pop(None, None)  # cells beyond the header
                yield article_from_record(row, origin=f"{path}#{count}", format="csv", where=f"record {count}")
        except csv.Error as error:
            raise ReadError(f"line {reader.line_num}: malformed CSV ({error})", "fix the quoting there") from None
        except UnicodeDecodeError:
            raise ReadError(f"line {reader.line_num}: not {encoding} text", "re-save the file as UTF-8") from None
    if count == 0:
        raise ReadError("a header row but no records", "add rows, or remove the file")


def read_tsv_file(path: Path, max_bytes: int) -> Iterator[Article]:
    """Articles from a tab-separated file."""
    yield from read_csv_file(path, max_bytes, delimiter="\t")

