"""Labels made elsewhere (a spreadsheet, an earlier study) brought in as label events.

A file is checked completely before anything is written: every row must name a known article, an annotator, a field
of the scheme and a value that field accepts. The first bad row stops the import with its line number and nothing
of the file goes in. Each row becomes a ``set`` event whose id is derived from the row's content, so importing the
same file twice (or on two machines that are later merged) adds the labels once.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlite_utils

from provenance.errors import InputError
from provenance.scheme import Scheme
from provenance.store import exports as store_exports
from provenance.store import merge as store_merge
from provenance.store.labels import now_iso

REQUIRED_COLUMNS = ("article", "annotator", "field", "value")
OPTIONAL_COLUMNS = ("created_at", "note")
NOTE_FIELD = "note"
_NAMESPACE = uuid.UUID("5b0e9d0c-6f1e-4a53-9c55-7f8d3c1a2e41")


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One row as read, with the line it starts on (1-based, header included)."""

    line: int
    article: str
    annotator: str
    field: str
    value: str
    created_at: str
    note: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    events: int
    added: int
    present: int
    articles: int


def _bad(path: Path, line: int, what: str) -> InputError:
    return InputError(f"{path}:{line}: {what}; nothing was imported", "fix that row and import the file again")


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", "check the path of the label file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})", "check the path of the label file") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _bad(path, line, "is not UTF-8 text") from None


def _csv_rows(path: Path, text: str) -> Iterator[ImportRow]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError(f"{path}: is empty", "give a CSV file with a header row: article,annotator,field,value") from None
    except csv.Error as exc:
        raise _bad(path, 1, f"malformed CSV ({exc})") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise _bad(path, 1, f"the header lacks the column(s) {', '.join(missing)} (it has: {', '.join(header)})")
    index = {name: header.index(name) for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if name in header}
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _bad(path, line, f"malformed CSV ({exc})") from None
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise _bad(path, line, f"has {len(cells)} cells but the header has {len(header)} columns")
        get = lambda name: cells[index[name]].strip() if name in index and index[name] < len(cells) else ""  # noqa: E731
        yield ImportRow(line, get("article"), get("annotator"), get("field"), get("value"), get("created_at"), get("note"))


def _jsonl_rows(path: Path, text: str) -> Iterator[ImportRow]:
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _bad(path, number, f"not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise _bad(path, number, "each line must be a JSON object with article, annotator, field, value")
        missing = [c for c in REQUIRED_COLUMNS if c not in obj]
        if missing:
            raise _bad(path, number, f"lacks {', '.join(missing)}")
        get = lambda name: _text(obj.get(name)).strip()  # noqa: E731
        yield ImportRow(number, get("article"), get("annotator"), get("field"), get("value"), get("created_at"), get("note"))


def read_rows(path: str | Path) -> list[ImportRow]:
    """The rows of a CSV or JSON Lines label file (format by extension), each with its line number."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".ndjson", ".tsv"):
        raise InputError(f"{path}: unknown label file type {suffix or '(none)'}", "give a .csv or .jsonl file")
    text = _decode(path)
    rows = list(_jsonl_rows(path, text) if suffix in (".jsonl", ".ndjson") else _csv_rows(path, text))
    if not rows:
        raise InputError(f"{path}: holds no label rows", "give a file with a header and at least one row")
    return rows


def parse_time(value: str) -> str | None:
    """An ISO-8601 time as UTC ISO with microseconds (naive times are taken as UTC); None when unreadable."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _event_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def plan_events(db: sqlite_utils.Database, scheme: Scheme, path: str | Path) -> tuple[list[tuple], int]:
    """Check every row of a label file and turn it into event tuples; raises on the first bad row."""
    path = Path(path)
    rows = read_rows(path)
    matches = store_exports.find_articles(db, (r.article for r in rows))
    base = datetime.fromisoformat(now_iso())
    events: list[tuple] = []
    seen: Counter = Counter()
    notes: dict[tuple[str, str], list[str]] = {}
    note_times: dict[tuple[str, str], str] = {}
    for position, row in enumerate(rows):
        if not row.article:
            raise _bad(path, row.line, "the article is empty")
        found = matches.get(row.article, [])
        if not found:
            raise _bad(path, row.line, f"no article matches {row.article!r} (by id, URL, origin path or file name)")
        if len(found) > 1:
            raise _bad(path, row.line, f"{row.article!r} matches {len(found)} articles; use the article id instead")
        if not row.annotator:
            raise _bad(path, row.line, "the annotator is empty")
        if not row.field:
            raise _bad(path, row.line, "the field is empty")
        if not row.value:
            raise _bad(path, row.line, f"the value of {row.field} is empty")
        problem = scheme.check_value(row.field, row.value)
        if problem:
            raise _bad(path, row.line, problem)
        if row.created_at:
            created_at = parse_time(row.created_at)
            if created_at is None:
                raise _bad(path, row.line, f"created_at {row.created_at!r} is not an ISO-8601 time")
        else:
            created_at = (base + timedelta(microseconds=position)).isoformat(timespec="microseconds")
        article_id = found[0]
        key = (article_id, row.annotator, row.field, row.value, row.created_at)
        seen[key] += 1
        event_id = _event_id("import", *key, str(seen[key]))
        events.append((event_id, article_id, row.annotator, row.field, row.value, "", "set", "", created_at))
        if row.note:
            if scheme.field(NOTE_FIELD) is None:
                raise _bad(path, row.line, f"has a note but the scheme has no {NOTE_FIELD!r} field")
            notes.setdefault((article_id, row.annotator), [])
            if row.note not in notes[(article_id, row.annotator)]:
                notes[(article_id, row.annotator)].append(row.note)
            note_times[(article_id, row.annotator)] = max(created_at, note_times.get((article_id, row.annotator), ""))
    for (article_id, annotator), texts in notes.items():
        value = " | ".join(texts)
        event_id = _event_id("import-note", article_id, annotator, value)
        events.append((event_id, article_id, annotator, NOTE_FIELD, value, "", "set", "", note_times[(article_id, annotator)]))
    return events, len({e[1] for e in events})


def import_labels(db: sqlite_utils.Database, scheme: Scheme, path: str | Path) -> ImportResult:
    """Import one label file in one transaction: every row, or (on the first bad row) none."""
    events, articles = plan_events(db, scheme, path)
    added, present = store_merge.add_events(db, events)
    return ImportResult(events=len(events), added=added, present=present, articles=articles)
