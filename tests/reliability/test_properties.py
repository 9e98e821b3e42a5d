"""Property tests: readers over random bytes, the pipeline over random text, the scheme loader over random TOML,
and merge over random event sets (commutative, associative, idempotent)."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from provenance.analysis.merge import merge_databases
from provenance.corpus.article import Article
from provenance.corpus.readers import read_path
from provenance.errors import SchemeError
from provenance.extract.pipeline import analyse
from provenance.extract.spans import check_offsets
from provenance.scheme import parse_scheme
from provenance.store.db import open_db
from provenance.store.merge import add_events

EXAMPLES = int(os.environ.get("PROVENANCE_EXAMPLES", "50"))
"""Examples per property; the default keeps the suite fast, ``PROVENANCE_EXAMPLES=2000`` digs deeper."""
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
EXTENSIONS = [".txt", ".md", ".html", ".jsonl", ".json", ".csv", ".tsv", ".warc", ".warc.gz", ""]

# -- readers ------------------------------------------------------------------------------------------------------

PREFIXES = st.sampled_from(
    [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<html><body>", b'{"text": "', b"[", b"text,title\n",
     b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"Title\n\n"]
)


@FAST
@given(PREFIXES, st.binary(max_size=3000), st.sampled_from(EXTENSIONS))
@example(prefix=b"\x1f\x8b\x08\x00", data=b"\x00" * 11, extension="")  # a gzip header over a damaged stream
def test_readers_never_raise_on_random_bytes(prefix: bytes, data: bytes, extension: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{extension}"
        path.write_bytes(prefix + data)
        items = list(read_path(path, max_bytes=64 * 1024))
    failures = [i for i in items if not isinstance(i, Article)]
    assert len(failures) <= 1 and (not failures or items[-1] is failures[0])  # a failure ends the file
    for item in items:
        if isinstance(item, Article):
            assert item.text.strip() and item.id
            assert "\r" not in item.text
            for mark in item.marks:
                assert 0 <= mark.start <= mark.end <= len(item.text)
        else:
            assert item.message and "\n" not in item.message


# -- extractors ---------------------------------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["Reuters", "(AFP)", "selon", "according to", "said", "a déclaré", "« ", " »", "“", "”", "https://www.lemonde.fr/x",
     "\u00a0", "\u2019", "\n\n", ". ", "sources", "anonymous", "officials", "régime de Kiev", "opération militaire",
     "\x1b[31m", "[bold]", "\u202e", "\u200b", "İ", "ß", "ﬁ", "\r\n", "NYT", "Le Monde", "Quelle:", "laut"]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=60).map(" ".join))


@FAST
@given(TEXTS)
def test_pipeline_never_raises_and_every_span_points_into_the_text(text: str) -> None:
    if not text.strip():
        return
    article = Article(text=text, title=text[:40], publisher_domain="example.org")
    analysis = analyse(article)
    assert not check_offsets(text, analysis.sources)
    assert not check_offsets(text, analysis.markers)
    assert not check_offsets(text, analysis.passages)


# -- scheme loader ------------------------------------------------------------------------------------------------

KEYS = st.sampled_from(["name", "fields", "id", "label", "type", "required", "key", "values", "measure", "help",
                        "passages", "frames", "techniques", "guidelines", "version"])
SCALARS = st.one_of(st.text(max_size=10), st.integers(-3, 12), st.booleans(), st.sampled_from(
    ["choice", "text", "nominal", "ordinal", "1", "q", "tab", ""]))


def toml_value(children):  # noqa: ANN001, ANN201
    return st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5))


VALUES = st.recursive(SCALARS, toml_value, max_leaves=25)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=6)


def dump(value: object, path: str = "") -> str:
    """Minimal TOML writer for the generated documents (inline tables and arrays)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{k} = {dump(v)}" for k, v in value.items()) + "}"


@FAST
@given(st.one_of(DOCUMENTS.map(lambda d: "\n".join(f"{k} = {dump(v)}" for k, v in d.items())), st.text(max_size=300)))
def test_scheme_loader_accepts_or_explains(source: str) -> None:
    try:
        scheme = parse_scheme(source, "random.toml")
    except SchemeError as error:
        assert error.message.startswith("random.toml")
        assert error.hint
        return
    tomllib.loads(source)
    keys = [f.key for f in scheme.fields if f.key] + [v.key for f in scheme.fields for v in f.values]
    assert len(keys) == len(set(keys))


def test_scheme_loader_explains_a_typical_mistake() -> None:
    with pytest.raises(SchemeError):
        parse_scheme('name = "x"\n[[fields]]\nid = "stance"\ntype = "choice"\nvalues = [{id = "a", key = "q"}]\n')


# -- merge --------------------------------------------------------------------------------------------------------

EVENTS = st.lists(st.integers(0, 35), max_size=14)
"""Event numbers; the number decides everything about the event, so equal ids are equal events everywhere."""


def events_rows(numbers: list[int]) -> list[tuple]:
    """Event rows in EVENT_COLUMNS order. Events ``n`` and ``n - 12`` share article, annotator and field, and an
    undo always points at the event 12 before it, as the annotator's undo does."""
    from provenance.store.exports import EVENT_COLUMNS

    rows = []
    for n in numbers:
        undo = n >= 12 and n % 5 == 3
        record = {
            "id": f"e{n:02d}", "article_id": ("a1", "a2", "a3")[n % 3], "annotator": ("alice", "bob")[n // 3 % 2],
            "field": ("stance", "outlet")[n // 6 % 2], "value": ("neutral", "pro-russia", "Le Monde")[n // 12],
            "target": "", "action": "undo" if undo else ("set", "set", "clear", "set", "skip")[n % 5],
            "undoes": f"e{n - 12:02d}" if undo else "",
            "created_at": f"2025-01-01T00:{n:02d}:00.000000+00:00",
        }
        rows.append(tuple(record[c] for c in EVENT_COLUMNS))
    return rows


class Databases:
    """Empty migrated databases copied from one template (migrating each one would dominate the run time)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp())
        self.template = self.folder / "template.db"
        open_db(self.template).close()
        self.count = itertools.count()

    def make(self, spec: list[int]) -> Path:
        path = self.folder / f"db{next(self.count)}.db"
        shutil.copy(self.template, path)
        db = open_db(path)
        add_events(db, events_rows(spec))
        db.close()
        return path

    def state(self, path: Path) -> tuple[frozenset, frozenset, frozenset]:
        db = open_db(path)
        try:
            return (
                frozenset(db.execute("SELECT * FROM label_events")),
                frozenset(db.execute("SELECT article_id, annotator, target, field, value, id FROM current_labels")),
                frozenset(db.execute("SELECT * FROM label_state")),
            )
        finally:
            db.close()

    def merged(self, *paths: Path) -> Path:
        """A fresh database with ``paths`` merged into it one after the other."""
        target = self.make([])
        for path in paths:
            db = open_db(target)
            merge_databases(db, [path])
            db.close()
        return target


@pytest.fixture(scope="module")
def databases() -> Databases:
    made = Databases()
    yield made
    shutil.rmtree(made.folder, ignore_errors=True)


MERGE = settings(max_examples=max(EXAMPLES // 5, 5), deadline=None, suppress_health_check=list(HealthCheck))


@MERGE
@given(EVENTS, EVENTS)
def test_merge_is_commutative(databases: Databases, a: list[int], b: list[int]) -> None:
    pa, pb = databases.make(a), databases.make(b)
    assert databases.state(databases.merged(pa, pb)) == databases.state(databases.merged(pb, pa))


@MERGE
@given(EVENTS, EVENTS, EVENTS)
def test_merge_is_associative(databases: Databases, a: list[int], b: list[int], c: list[int]) -> None:
    pa, pb, pc = databases.make(a), databases.make(b), databases.make(c)
    left = databases.merged(databases.merged(pa, pb), pc)
    right = databases.merged(pa, databases.merged(pb, pc))
    assert databases.state(left) == databases.state(right)


@MERGE
@given(EVENTS)
def test_merge_is_idempotent(databases: Databases, a: list[int]) -> None:
    pa = databases.make(a)
    once = databases.merged(pa)
    before = databases.state(once)
    db = open_db(once)
    merge_databases(db, [pa])
    db.close()
    assert databases.state(once) == before == databases.state(pa)
