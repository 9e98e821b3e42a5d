"""One call that runs every extractor over an article, in order. Pure: no database, no network.

The extractors each see the whole stored text, so their offsets need no translation; what falls in page furniture
(menus, comment forms) is dropped afterwards. Overlaps are then settled once, here: an outlet name written inside a
URL is the URL; an outlet that is also the speaker of an attribution is one source that keeps the reporting cue.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import replace
from pathlib import Path

from provenance.corpus.article import Article
from provenance.domains import registered_domain
from provenance.extract.anonymous import find_anonymous
from provenance.extract.attribution import find_attributions
from provenance.extract.chain import build_chain
from provenance.extract.framing import find_markers
from provenance.extract.outlets import find_outlets
from provenance.extract.passages import group_passages
from provenance.extract.registry import Registry, default_registry
from provenance.extract.spans import Analysis, Source
from provenance.extract.urls import find_urls

EXTRACTOR_VERSION = "6"
"""Bumped whenever extraction code changes what is found; stored per article so ``provenance reanalyse`` knows what
is stale. The data files (registry, lexicons) and the user's outlets add their own fingerprints to it."""

DATA_DIRS = (Path(__file__).parent / "data", Path(__file__).parent / "lexicons")


@functools.cache
def data_fingerprint(dirs: tuple[Path, ...] = DATA_DIRS) -> str:
    """A short hash of every shipped data file, so that editing a lexicon or the registry makes analyses stale
    without anyone remembering to bump :data:`EXTRACTOR_VERSION`."""
    digest = hashlib.sha256()
    for folder in dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:8]

_KIND_ORDER = {"url": 0, "outlet": 1, "organization": 2, "person": 3, "anonymous": 4}


def version_for(registry: Registry) -> str:
    """The version string stored with an analysis made with ``registry``: code version, data files, user outlets."""
    version = f"{EXTRACTOR_VERSION}.{data_fingerprint()}"
    return f"{version}+{registry.fingerprint}" if registry.fingerprint else version


def find_sources(article: Article, registry: Registry) -> list[Source]:
    """Every source of an article, furniture excluded, overlaps settled, in text order."""
    text = article.text
    declared = article.declared_source or next((m.value for m in article.marks_of("declared_source")), "")
    urls = [
        _with_outlet(s, registry)
        for s in find_urls(
            text,
            links=article.marks_of("link"),
            declared_source=declared,
            publisher_domain=article.publisher_domain,
        )
    ]
    outlets = find_outlets(text, registry, language=article.language)
    publisher = registered_domain(article.publisher_domain) if article.publisher_domain else ""
    if publisher:  # "told the Guardian" in a Guardian article is the publisher's own reporting
        outlets = [replace(s, role="internal") if s.domain == publisher else s for s in outlets]
    people = find_attributions(text, article.language, outlets)
    unnamed = find_anonymous(text, article.language)
    anchors = {(m.start, m.end) for m in article.marks_of("link")}
    written = [(s.start, s.end) for s in urls if (s.start, s.end) not in anchors]
    sources = _settle(urls, written, outlets, people, unnamed)
    sources += [outlet for outlet in (_declared_outlet(u, registry) for u in urls) if outlet is not None]
    furniture = sorted((m.start, m.end) for m in article.marks_of("furniture"))
    if furniture:
        sources = [s for s in sources if not _overlaps_any(furniture, s.start, s.end)]
    return sorted(sources, key=lambda s: (s.start, s.end, _KIND_ORDER.get(s.kind, 9)))


def analyse(article: Article, *, registry: Registry | None = None) -> Analysis:
    """Sources, framing markers, passages and the provenance chain of one article."""
    registry = registry if registry is not None else default_registry()
    sources = find_sources(article, registry)
    analysis = Analysis(sources=sources, version=version_for(registry))
    analysis.chain = build_chain(article, sources, registry=registry)
    furniture = [(m.start, m.end) for m in article.marks_of("furniture")]
    headers = [(m.start, m.end) for m in article.marks if m.kind in ("title", "byline")]
    analysis.markers = find_markers(
        article.text, article.language, sources=sources, furniture=furniture, headers=headers
    )
    analysis.passages = group_passages(article.text, analysis.markers, furniture=furniture)
    return analysis


def _with_outlet(source: Source, registry: Registry) -> Source:
    """A URL on a registered outlet's domain cites that outlet."""
    outlet = registry.by_host(source.url) if source.url else None
    if outlet is None or not outlet.is_media or source.role == "internal":
        return source
    return replace(source, outlet=outlet.name)


def _declared_outlet(url: Source, registry: Registry) -> Source | None:
    """The outlet a ``source:`` URL names, as a span over the domain inside the URL (``rtl.nl`` of
    ``https://www.rtl.nl/...``): an article declaring itself a rewrite of a page cites that page's outlet. A domain
    the registry does not know is named by itself; one it knows as a government or a think tank is not an outlet."""
    if url.role != "declared" or not url.domain:
        return None
    at = url.text.lower().find(url.domain)
    if at < 0:
        return None
    outlet = registry.by_host(url.url)
    if outlet is not None and not outlet.is_media:
        return None
    start = url.start + at
    end = start + len(url.domain)
    name = outlet.name if outlet is not None else url.domain
    text = url.text[at : at + len(url.domain)]
    return Source("outlet", text, start, end, outlet=name, domain=url.domain, role="declared")


def _settle(
    urls: list[Source],
    written: list[tuple[int, int]],
    outlets: list[Source],
    people: list[Source],
    unnamed: list[Source],
) -> list[Source]:
    """Merge the extractors' findings; ``written`` are the spans of URLs written out in the text (an outlet name
    inside one is part of the URL, while a name in the anchor text of a hyperlink is a mention of its own)."""
    kept_outlets = [s for s in outlets if not _overlaps_any(written, s.start, s.end)]
    by_span = {(s.start, s.end): i for i, s in enumerate(kept_outlets)}
    outlet_spans = list(by_span)
    rest: list[Source] = []
    for person in people:
        if not 0 <= person.start <= person.end:
            continue
        index = by_span.get((person.start, person.end))
        if index is None and _overlaps_any(outlet_spans, person.start, person.end):
            index = next(i for i, s in enumerate(kept_outlets) if s.start < person.end and person.start < s.end)
        if index is not None:
            outlet = kept_outlets[index]
            kept_outlets[index] = replace(
                outlet,
                cue=person.cue or outlet.cue,
                speaker_kind=person.speaker_kind or "outlet",
                sentence_start=person.sentence_start,
                sentence_end=person.sentence_end,
            )
        else:
            rest.append(person)
    return [*urls, *kept_outlets, *_drop_duplicates([*rest, *unnamed])]


def _drop_duplicates(sources: list[Source]) -> list[Source]:
    """One source per span and kind; a span inside a longer one of the same kind merges into it (keeping a cue)."""
    ordered = sorted(sources, key=lambda s: (s.kind, s.start, -s.end))
    kept: list[Source] = []
    for source in ordered:
        last = kept[-1] if kept else None
        if last is not None and last.kind == source.kind and last.start <= source.start and source.end <= last.end:
            if source.cue and not last.cue:
                kept[-1] = replace(last, cue=source.cue)
            continue
        kept.append(source)
    return kept


def _overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (an empty span counts when it lies inside one)."""
    return any(a < max(end, start + 1) and start < b for a, b in spans)
