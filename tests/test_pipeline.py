"""The pipeline over Article objects: furniture excluded, overlaps settled, versions, and the provenance chain."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.corpus.article import Article, Mark
from provenance.extract import pipeline
from provenance.extract.chain import build_chain, format_chain
from provenance.extract.pipeline import EXTRACTOR_VERSION, analyse, version_for
from provenance.extract.registry import Registry, read_outlets_csv
from provenance.extract.spans import Source, check_offsets

FIXTURE = Path(__file__).parent / "eval" / "outlets_fixture.csv"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(read_outlets_csv(FIXTURE)[0])


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_sources_in_furniture_are_dropped(registry: Registry) -> None:
    text = "Selon CNN, la ville est tombée.\n\nShare on Reuters and visit www.example.com\n"
    furniture = Mark("furniture", *span(text, "Share on Reuters and visit www.example.com"))
    sources = analyse(Article(text=text, marks=[furniture]), registry=registry).sources
    assert [(s.kind, s.text) for s in sources if s.kind in ("url", "outlet")] == [("outlet", "CNN")]


def test_outlet_inside_url_is_the_url_and_the_url_names_the_outlet(registry: Registry) -> None:
    text = "Voir https://www.nytimes.com/2022/NYT/story et aussi spiegel.de."
    sources = [s for s in analyse(Article(text=text), registry=registry).sources if s.kind in ("url", "outlet")]
    assert [(s.kind, s.domain, s.outlet) for s in sources] == [
        ("url", "nytimes.com", "The New York Times"),
        ("url", "spiegel.de", "Der Spiegel"),
    ]


def test_outlet_that_is_a_speaker_is_one_source_with_the_cue(registry: Registry, monkeypatch) -> None:
    text = "Le conflit continue, a déclaré CNN dimanche."
    start, end = span(text, "CNN")

    def fake_attributions(text: str, language: str, outlets: list[Source]) -> list[Source]:
        assert [s.text for s in outlets] == ["CNN"]
        return [
            Source("outlet", "CNN", start, end, outlet="CNN", cue="a déclaré", speaker_kind="outlet",
                   sentence_start=0, sentence_end=len(text)),
            Source("person", "Jean Dupont", 0, 0 + len("Le conflit"), cue="x"),
        ]

    monkeypatch.setattr(pipeline, "find_attributions", fake_attributions)
    sources = analyse(Article(text=text), registry=registry).sources
    cnn = [s for s in sources if s.start == start]
    assert len(cnn) == 1
    assert cnn[0].kind == "outlet" and cnn[0].cue == "a déclaré" and cnn[0].sentence_end == len(text)


def test_nested_sources_of_one_kind_merge() -> None:
    outer = Source("anonymous", "selon un responsable américain", 0, 31)
    inner = Source("anonymous", "un responsable américain", 6, 31, cue="selon")
    merged = pipeline._drop_duplicates([inner, outer])
    assert merged == [Source("anonymous", "selon un responsable américain", 0, 31, cue="selon")]


def test_declared_source_from_article_and_internal_links(registry: Registry) -> None:
    text = "Report body cites www.reuters.com/x and our archive.\nsource: https://www.rtl.nl/artikel/1\n"
    article = Article(
        text=text,
        publisher_domain="example.org",
        declared_source="https://www.rtl.nl/artikel/1",
        marks=[Mark("link", *span(text, "our archive"), "https://www.example.org/archive")],
    )
    analysis = analyse(article, registry=registry)
    roles = {s.text: s.role for s in analysis.sources if s.kind == "url"}
    declared = [(s.kind, s.text, s.outlet) for s in analysis.sources if s.role == "declared" and s.kind == "outlet"]
    assert declared == [("outlet", "rtl.nl", "RTL Nieuws")]
    assert roles == {"www.reuters.com/x": "body", "our archive": "internal", "https://www.rtl.nl/artikel/1": "declared"}
    assert not check_offsets(text, analysis.sources)
    steps = [(step["step"], step["label"]) for step in analysis.chain]
    assert steps == [("publisher", "example.org"), ("declared", "RTL Nieuws"), ("outlet", "Reuters")]


def test_chain_orders_publisher_declared_outlets_links_people(registry: Registry) -> None:
    text = "x" * 200
    sources = [
        Source("person", "Mark Warner", 100, 111, cue="a déclaré"),
        Source("url", "example.net", 80, 91, url="http://example.net", domain="example.net"),
        Source("outlet", "NYT", 10, 13, outlet="The New York Times", domain="nytimes.com", role="credit"),
        Source("outlet", "le journal", 50, 60, outlet="The New York Times", domain="nytimes.com"),
        Source("anonymous", "un responsable", 150, 164, cue="selon"),
    ]
    article = Article(text=text, publisher_domain="www.lemonde.fr", declared_source="https://www.rtl.nl/a")
    chain = build_chain(article, sources, registry=registry)
    assert [step["step"] for step in chain] == ["publisher", "declared", "outlet", "link", "person", "anonymous"]
    nyt = chain[2]
    assert nyt["mentions"] == 2 and nyt["roles"] == ["credit", "body"]
    assert chain[0]["label"] == "Le Monde"
    lines = format_chain(chain)
    assert lines[0] == "publisher: Le Monde  (lemonde.fr)"
    assert "×2" in lines[2] and "credit" in lines[2]


def test_chain_labels_are_single_line_and_safe() -> None:
    chain = [{"step": "person", "depth": 3, "label": "Evil\x1b[31m\nName", "cue": "said", "mentions": 1}]
    (line,) = format_chain(chain)
    assert "\x1b" not in line and "\n" not in line


def test_version_follows_the_registry(registry: Registry) -> None:
    assert version_for(Registry([])).startswith(EXTRACTOR_VERSION + ".")
    assert "+" not in version_for(Registry([]))
    extended = registry.extended(read_outlets_csv("x.csv", text="name,domains\nBlog,blog.example\n")[0], tag="u")
    assert version_for(extended).startswith(version_for(Registry([])) + "+")
    assert analyse(Article(text="rien"), registry=extended).version == version_for(extended)


def test_empty_and_odd_articles(registry: Registry) -> None:
    for text in ["", " ", "\n\n", "(", "le journal", "http://", "www.", "©", "(AFP"]:
        analysis = analyse(Article(text=text), registry=registry)
        assert not check_offsets(text, analysis.sources)


def test_mentions_of_the_publisher_itself_are_internal(registry: Registry) -> None:
    text = "Speaking to the Guardian, she said CNN had it wrong."
    article = Article(text=text, publisher_domain="www.theguardian.com")
    sources = [s for s in analyse(article, registry=registry).sources if s.kind == "outlet"]
    assert [(s.text, s.role) for s in sources] == [("the Guardian", "internal"), ("CNN", "body")]
    steps = [step["label"] for step in build_chain(article, sources, registry=registry)]
    assert steps == ["The Guardian", "CNN"]  # the publisher, then the outlet it cites


def test_chain_of_a_stored_article_is_rebuilt_from_its_sources(registry: Registry) -> None:
    from provenance.store import open_db
    from provenance.store.analysis import save_analysis
    from provenance.store.articles import add_articles
    from provenance.store.chain import load_chain

    db = open_db(memory=True)
    text = "Selon CNN, tout va bien.\nsource: https://www.rtl.nl/a/1\n"
    article = Article(text=text, declared_source="https://www.rtl.nl/a/1")
    add_articles(db, [article])
    analysis = analyse(article, registry=registry)
    with db.atomic():
        save_analysis(db, article.id, analysis)
    chain = load_chain(db, article.id)
    assert [(step["step"], step["domain"]) for step in chain] == [("declared", "rtl.nl"), ("outlet", "cnn.com")]
    assert load_chain(db, "missing") == []


def test_data_fingerprint_changes_with_the_data_files(tmp_path: Path) -> None:
    from provenance.extract.pipeline import data_fingerprint

    (tmp_path / "lexicons").mkdir()
    lexicon = tmp_path / "lexicons" / "fr.toml"
    lexicon.write_text("verbs = ['dire']\n", encoding="utf-8")
    before = data_fingerprint((tmp_path / "lexicons",))
    lexicon.write_text("verbs = ['dire', 'affirmer']\n", encoding="utf-8")
    data_fingerprint.cache_clear()
    assert data_fingerprint((tmp_path / "lexicons",)) != before
    data_fingerprint.cache_clear()
