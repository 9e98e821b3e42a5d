"""Writers: plain tables as CSV or JSON Lines, annotated documents in the layouts annotation tools import.

- Prodigy: one JSON line per task. Each article field an annotator labelled is a task of its own (a ``choice`` task
  with ``options``/``accept`` for choice fields, a ``text_input`` task with ``user_input`` for text fields); passage
  labels make one ``spans_manual`` task per article and annotator. ``_input_hash`` identifies the text,
  ``_task_hash`` the question asked about it, ``_annotator_id`` who answered and ``_timestamp`` when (Unix seconds).
- Label Studio: a JSON list with one task per article; ``data.text`` is the text and each annotator is one entry of
  ``annotations`` whose ``result`` holds ``choices`` (choice fields), ``textarea`` (text fields) and ``labels``
  (passages, with character offsets), plus ``completed_by`` and ``lead_time`` (seconds spent).
- doccano: JSON Lines, one line per article and annotator, ``text`` plus ``label``: ``"field:value"`` strings for
  choice fields (text fields go to ``meta``), or ``[start, end, label]`` triples for passages.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TextIO

from provenance.analysis.export import AnnotatorLabels, ArticleLabels, Label
from provenance.scheme import Scheme


def write_table(fmt: str, columns: list[str], rows: Iterable[tuple], out: TextIO) -> int:
    """CSV (header row first) or JSON Lines (one object per row); returns the number of rows."""
    if fmt == "csv":
        return write_csv(columns, rows, out)
    if fmt == "jsonl":
        n = 0
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        for row in rows:
            out.write(dumps(dict(zip(columns, row))))
            out.write("\n")
            n += 1
        return n
    raise ValueError(f"{fmt} is not a table format")


CSV_CHUNK = 1000
"""Rows formatted per batch: big enough that the per-batch checks cost nothing, small enough to stay in cache."""


def write_csv(columns: list[str], rows: Iterable[tuple], out: TextIO) -> int:
    """CSV exactly as ``csv.writer`` writes it, a batch of rows at a time with no Python code run per row.

    A batch whose cells are all strings without a delimiter, quote or line break (nearly every batch of a label
    log) is joined into one string by ``str.join`` over ``map`` and written at once: for such cells that is what
    the csv module writes, at a third of its cost. Whether a batch qualifies is read off the joined text (its
    commas, line breaks and quotes must be only the separators); any other batch (NULLs, numbers, a note with a
    comma) goes through ``csv.writer.writerows``.
    """
    writer = csv.writer(out)
    writer.writerow(columns)
    commas = len(columns) - 1
    rows = iter(rows)
    write, writerows, join = out.write, writer.writerows, ",".join
    n = 0
    while batch := list(itertools.islice(rows, CSV_CHUNK)):
        size = len(batch)
        n += size
        try:
            text = "\r\n".join(map(join, batch))
        except TypeError:  # a cell that is not a string
            writerows(batch)
            continue
        if (
            commas < 1
            or '"' in text
            or text.count(",") != commas * size
            or text.count("\n") != size - 1
            or text.count("\r") != size - 1
        ):
            writerows(batch)
            continue
        write(text)
        write("\r\n")
    return n


def write_documents(fmt: str, records: Iterable[ArticleLabels], scheme: Scheme, out: TextIO) -> int:
    """Annotated documents in an annotation tool's layout; returns the number of tasks or lines written."""
    if fmt == "prodigy":
        return _write_lines((task for r in records for task in prodigy_tasks(r, scheme)), out)
    if fmt == "doccano":
        return _write_lines((line for r in records for line in doccano_lines(r, scheme)), out)
    if fmt == "label-studio":
        n = 0
        out.write("[")
        for number, record in enumerate(records, start=1):
            out.write(",\n" if n else "\n")
            out.write(json.dumps(label_studio_task(record, scheme, number), ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
        return n
    raise ValueError(f"{fmt} is not a document format")


def _write_lines(objects: Iterable[dict], out: TextIO) -> int:
    n = 0
    for obj in objects:
        out.write(json.dumps(obj, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def stable_hash(*parts: str) -> int:
    """A signed 32-bit hash, like Prodigy's, that is the same on every machine and every run."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


def _timestamp(iso: str) -> int:
    try:
        return int(datetime.fromisoformat(iso).timestamp())
    except ValueError:
        return 0


def _seconds(annotator: AnnotatorLabels) -> float:
    try:
        delta = datetime.fromisoformat(annotator.last_at) - datetime.fromisoformat(annotator.first_at)
    except ValueError:
        return 0.0
    return round(delta.total_seconds(), 3)


def _meta(record: ArticleLabels) -> dict:
    return {"article_id": record.article_id, "title": record.title, "url": record.url}


def prodigy_tasks(record: ArticleLabels, scheme: Scheme) -> Iterator[dict]:
    """Prodigy tasks for one article: one per labelled field and annotator, one span task per annotator."""
    input_hash = stable_hash(record.text)
    for annotator in record.annotators:
        for label in annotator.fields:
            field_ = scheme.field(label.field)
            task: dict = {"text": record.text, "meta": {**_meta(record), "field": label.field}}
            task["_input_hash"] = input_hash
            if field_ is not None and field_.type == "choice":
                options = [{"id": v.id, "text": v.label} for v in field_.values]
                task["_task_hash"] = stable_hash(str(input_hash), label.field, *(v.id for v in field_.values))
                task["_view_id"] = "choice"
                task["options"] = options
                task["accept"] = [label.value]
            else:
                task["_task_hash"] = stable_hash(str(input_hash), label.field)
                task["_view_id"] = "text_input"
                task["field_id"] = "user_input"
                task["user_input"] = label.value
            task.update(
                answer="accept", _annotator_id=annotator.annotator, _session_id=annotator.annotator,
                _timestamp=_timestamp(label.created_at),
            )
            yield task
        spans = annotator.spans
        if spans:
            yield {
                "text": record.text,
                "meta": {**_meta(record), "field": "passages"},
                "_input_hash": input_hash,
                "_task_hash": stable_hash(str(input_hash), "passages"),
                "_view_id": "spans_manual",
                "spans": [_prodigy_span(s, record.text) for s in spans],
                "answer": "accept",
                "_annotator_id": annotator.annotator,
                "_session_id": annotator.annotator,
                "_timestamp": max(_timestamp(s.created_at) for s in spans),
            }


def _prodigy_span(label: Label, text: str) -> dict:
    return {
        "start": label.start,
        "end": label.end,
        "text": text[label.start : label.end],
        "label": label.value,
        "field": label.field,
        "passage_id": label.target,
    }


def label_studio_task(record: ArticleLabels, scheme: Scheme, number: int) -> dict:
    """One Label Studio task: the article and one annotation per annotator."""
    annotations = []
    for index, annotator in enumerate(record.annotators, start=1):
        result = []
        for label in annotator.fields:
            field_ = scheme.field(label.field)
            if field_ is not None and field_.type == "choice":
                kind, value = "choices", {"choices": [label.value]}
            else:
                kind, value = "textarea", {"text": [label.value]}
            result.append(
                {"id": f"{label.field}", "from_name": label.field, "to_name": "text", "type": kind,
                 "origin": "manual", "value": value}
            )
        for span in annotator.spans:
            result.append(
                {"id": f"{span.target}/{span.field}", "from_name": span.field, "to_name": "text", "type": "labels",
                 "origin": "manual",
                 "value": {"start": span.start, "end": span.end, "text": record.text[span.start : span.end],
                           "labels": [span.value]}}
            )
        annotations.append(
            {"id": number * 1000 + index, "completed_by": annotator.annotator, "created_at": annotator.first_at,
             "updated_at": annotator.last_at, "lead_time": _seconds(annotator), "was_cancelled": False,
             "result": result}
        )
    return {"id": number, "data": {"text": record.text, **_meta(record)}, "annotations": annotations}


def doccano_lines(record: ArticleLabels, scheme: Scheme) -> Iterator[dict]:
    """doccano lines for one article: one per annotator, classification labels or passage spans."""
    for annotator in record.annotators:
        line: dict = {"text": record.text}
        fields = annotator.fields
        if fields:
            choices, texts = [], {}
            for label in fields:
                field_ = scheme.field(label.field)
                if field_ is not None and field_.type == "choice":
                    choices.append(f"{label.field}:{label.value}")
                else:
                    texts[label.field] = label.value
            line["label"] = choices
            line["meta"] = {**_meta(record), "annotator": annotator.annotator, **texts}
        else:
            line["label"] = [[s.start, s.end, s.value] for s in annotator.spans]
            line["meta"] = {**_meta(record), "annotator": annotator.annotator}
        if fields and annotator.spans:
            line["spans"] = [[s.start, s.end, s.value] for s in annotator.spans]
        yield line
