"""Files into rows ready to store: read, analyse, and sign paragraphs for the boilerplate index.

Everything an ingest does to an article short of writing it happens here, so that it can run in worker processes
while the one process holding the write lock only inserts tuples. Nothing here writes to the database; a worker may
read it, to skip analysing the articles it already holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from provenance.corpus.article import Article
from provenance.corpus.readers import ReadFailure, read_path
from provenance.extract import boilerplate
from provenance.extract.pipeline import analyse
from provenance.extract.registry import Registry
from provenance.store.analysis import AnalysisRows, analysis_rows
from provenance.store.articles import ArticleRows, article_rows

KnownIds = Callable[[Sequence[str]], set[str]]
"""Which of some article ids the store already holds."""


@dataclass(slots=True)
class PreparedArticle:
    """One article read from a file, ready to store.

    ``rows`` is None when the store already held the article as it was prepared (it is then neither analysed nor
    signed); ``analysis`` is a :class:`ReadFailure` when an extractor tripped on it.
    """

    id: str
    title: str
    origin: str
    rows: ArticleRows | None = None
    analysis: AnalysisRows | ReadFailure | None = None

    @property
    def storable(self) -> bool:
        return self.rows is not None and isinstance(self.analysis, AnalysisRows)


def _empty_candidates() -> boilerplate.Candidates:
    return boilerplate.merge([])


@dataclass(slots=True)
class PreparedGroup:
    """Articles prepared together, with the boilerplate candidates of the storable ones (``candidates.owners``
    index into ``articles``): paragraphs are signed a whole group at a time, which is far cheaper than one by one."""

    articles: list[PreparedArticle] = field(default_factory=list)
    candidates: boilerplate.Candidates = field(default_factory=_empty_candidates)


@dataclass(slots=True)
class FileOutcome:
    """What became of one file: ``count`` articles of its group, a failure, or ``oversized`` (more records than a
    batch: the ingest reads it itself, batch by batch)."""

    path: str
    count: int = 0
    failure: ReadFailure | None = None
    oversized: bool = False


@dataclass(slots=True)
class PreparedFiles:
    """Several files prepared together: their outcomes in order, and one group holding their articles in order."""

    files: list[FileOutcome]
    group: PreparedGroup


class Preparer:
    """Reads, analyses and signs; one per process. ``known_ids`` lets it skip what the store already holds."""

    def __init__(self, registry: Registry, known_ids: KnownIds | None = None) -> None:
        self.registry = registry
        self.known_ids = known_ids

    def articles(self, articles: Sequence[Article]) -> PreparedGroup:
        """Analyse and sign the articles the store does not hold yet."""
        known = self.known_ids([a.id for a in articles]) if self.known_ids and articles else set()
        prepared: list[PreparedArticle] = []
        texts: list[str] = []
        furniture: list[list[tuple[int, int]]] = []
        owners: dict[int, int] = {}
        for article in articles:
            entry = PreparedArticle(article.id, article.title, article.origin)
            if article.id not in known:
                entry.analysis = _analysis_rows(article, self.registry)
                if isinstance(entry.analysis, AnalysisRows):
                    entry.rows = article_rows(article, entry.analysis.version)
                    if article.text:
                        owners[len(texts)] = len(prepared)
                        texts.append(article.text)
                        furniture.append([(m.start, m.end) for m in article.marks_of("furniture")])
            prepared.append(entry)
        found = boilerplate.candidates(texts, furniture) if texts else _empty_candidates()
        return PreparedGroup(prepared, boilerplate.merge([(found, owners)]) if owners else found)

    def files(self, paths: Iterable[str], max_bytes: int, batch_size: int) -> PreparedFiles:
        """Read and prepare small files; a file with more than ``batch_size`` records is only flagged oversized."""
        outcomes: list[FileOutcome] = []
        articles: list[Article] = []
        for path in paths:
            outcome = FileOutcome(path)
            read: list[Article] = []
            for item in read_path(Path(path), max_bytes=max_bytes):
                if isinstance(item, ReadFailure):
                    outcome.failure = item
                    break
                read.append(item)
                if len(read) > batch_size:
                    outcome.oversized = True
                    break
            if outcome.failure is None and not outcome.oversized:
                outcome.count = len(read)
                articles += read
            outcomes.append(outcome)
        return PreparedFiles(outcomes, self.articles(articles))


def _analysis_rows(article: Article, registry: Registry) -> AnalysisRows | ReadFailure:
    try:
        return analysis_rows(article.id, analyse(article, registry=registry))
    except Exception as error:  # noqa: BLE001 - one article tripping an extractor must not stop the run
        return ReadFailure(article.origin, f"extraction failed ({type(error).__name__}: {error}); not stored")


def concat(groups: Sequence[PreparedGroup]) -> PreparedGroup:
    """Groups prepared separately (by several workers) as one, in order."""
    articles: list[PreparedArticle] = []
    parts = []
    for group in groups:
        parts.append((group.candidates, {i: len(articles) + i for i in range(len(group.articles))}))
        articles += group.articles
    return PreparedGroup(articles, boilerplate.merge(parts))
