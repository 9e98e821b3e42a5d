"""Property tests: for any text, the URL and outlet extractors and the pipeline never raise, and every span they
return satisfies ``text[start:end] == span.text``."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.corpus.article import Article, Mark
from provenance.extract.outlets import find_outlets
from provenance.extract.pipeline import analyse
from provenance.extract.registry import Registry, default_registry, read_outlets_csv
from provenance.extract.spans import SOURCE_KINDS, SOURCE_ROLES, check_offsets
from provenance.extract.urls import find_urls

REGISTRY = default_registry() if len(default_registry()) else Registry(
    read_outlets_csv(Path(__file__).parent / "eval" / "outlets_fixture.csv")[0]
)

PIECES = st.sampled_from(
    [
        "http://", "https://www.", "www.", ".fr", ".com/", "rtl.nl", "(", ")", "(AFP)", "(ats/nxp)", "© ", "– NYT\n",
        "Reuters", "REUTERS", "le journal", "the paper", "New York Times", "\u00a0", "\u2019", "«", "»", "“", "”",
        "@", "mailto:", "source:", "Quelle: ", "\n\n", ". ", "-", "/", "?", "#", "[", "]", "192.168.0.1", "localhost",
        "originally appeared on ", "Die Zeit", "laut ", "selon ", "a déclaré ", "İ", "ß", "\x1b[31m", "\r",
        "The Times", "the Post", "Süddeutschen", "der ", "Le Monde", "le quotidien", "AP Photo/", ", said ",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXTS)
def test_urls_never_raise_and_offsets_hold(text: str) -> None:
    sources = find_urls(text, declared_source="https://www.rtl.nl/x", publisher_domain="rtl.nl")
    assert not check_offsets(text, sources)
    assert all(s.kind == "url" and s.role in ("body", "declared", "internal") for s in sources)


@FAST
@given(TEXTS)
def test_outlets_never_raise_and_offsets_hold(text: str) -> None:
    sources = find_outlets(text, REGISTRY)
    assert not check_offsets(text, sources)
    assert all(s.kind == "outlet" and s.outlet and s.role in ("body", "credit") for s in sources)


@FAST
@given(TEXTS, st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400), st.text(max_size=30)), max_size=4))
def test_pipeline_never_raises_and_offsets_hold(text: str, links: list[tuple[int, int, str]]) -> None:
    marks = [Mark("link", a, b, href) for a, b, href in links]
    marks.append(Mark("furniture", len(text) // 2, len(text)))
    analysis = analyse(Article(text=text, language="fr", marks=marks), registry=REGISTRY)
    assert not check_offsets(text, analysis.sources)
    assert all(s.kind in SOURCE_KINDS and s.role in SOURCE_ROLES for s in analysis.sources)
    assert isinstance(analysis.chain, list)


@FAST
@given(st.lists(st.one_of(st.sampled_from(["name,domains,aliases\n", ",", "|", '"', "\n", "www.", ".fr", "\x00"]),
                          st.text(max_size=10)), max_size=20).map("".join))
def test_outlet_csv_either_parses_or_says_why(text: str) -> None:
    from provenance.errors import InputError

    try:
        outlets, problems = read_outlets_csv("x.csv", text=text)
    except InputError as error:
        assert error.hint
        return
    assert all(o.name and (o.domains or o.aliases) for o in outlets)
    assert all(p.startswith("x.csv:") for p in problems)
