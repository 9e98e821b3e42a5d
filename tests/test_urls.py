"""URLs written in text and hyperlinks: shapes recognised, punctuation trimmed, domains and roles."""

from __future__ import annotations

import pytest

from provenance.corpus.article import Mark
from provenance.extract.spans import check_offsets
from provenance.extract.urls import find_urls, normalise_url, trim_url


def texts(text: str, **kwargs) -> list[str]:
    return [s.text for s in find_urls(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "written", "domain"),
    [
        ("Voir https://www.lemonde.fr/article.html pour plus.", "https://www.lemonde.fr/article.html", "lemonde.fr"),
        ("Read www.bbc.co.uk/news/world.", "www.bbc.co.uk/news/world", "bbc.co.uk"),
        ("Zuerst auf spiegel.de erschienen", "spiegel.de", "spiegel.de"),
        ("Bron: rtl.nl", "rtl.nl", "rtl.nl"),
        ("(see https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)", "wikipedia.org"),
        ("« https://x.com/status/1 »", "https://x.com/status/1", "x.com"),
        ("“https://t.co/abc”", "https://t.co/abc", "t.co"),
        ("Source : https://www.rtl.nl/a/b?c=1, puis", "https://www.rtl.nl/a/b?c=1", "rtl.nl"),
        ("Quelle:tagesschau.de/inland", "tagesschau.de/inland", "tagesschau.de"),
        ("HTTPS://WWW.NYTimes.com/2022/09/x.", "HTTPS://WWW.NYTimes.com/2022/09/x", "nytimes.com"),
    ],
)
def test_url_shapes(text: str, written: str, domain: str) -> None:
    found = find_urls(text)
    assert [s.text for s in found] == [written]
    assert found[0].domain == domain
    assert found[0].kind == "url"
    assert not check_offsets(text, found)


@pytest.mark.parametrize(
    "text",
    [
        "He said.It was late",  # lost space: capitalised, not a domain
        "The U.S. and e.g. a.m. 3.5 per cent",
        "Run setup.py and open report.pdf",
        "Write to tips@nytimes.com for more",
        "Le co.uk seul n'est pas un domaine",
    ],
)
def test_not_urls(text: str) -> None:
    assert find_urls(text) == []


def test_ip_and_localhost_keep_their_host_as_domain() -> None:
    found = find_urls("See http://192.168.0.1:8080/admin and http://localhost:8000/x.")
    assert [(s.text, s.domain) for s in found] == [
        ("http://192.168.0.1:8080/admin", "192.168.0.1"),
        ("http://localhost:8000/x", "localhost"),
    ]


def test_normalise_url() -> None:
    assert normalise_url("HTTPS://WWW.Example.COM:443/Path?q=1#frag") == "https://www.example.com/Path?q=1"
    assert normalise_url("www.example.com/a") == "http://www.example.com/a"
    assert normalise_url("http://example.com:8080/") == "http://example.com:8080/"
    assert normalise_url("mailto:someone@example.com") == ""
    assert normalise_url("javascript:void(0)") == ""
    assert normalise_url("") == ""


def test_trim_keeps_balanced_brackets() -> None:
    assert trim_url("https://a.org/x_(y)).") == "https://a.org/x_(y)"
    assert trim_url("https://a.org/x;") == "https://a.org/x"


def test_declared_source_line_and_argument() -> None:
    text = "Article body.\nsource:https://www.rtl.nl/nieuws/1\n"
    (found,) = find_urls(text)
    assert found.role == "declared"
    assert found.text == "https://www.rtl.nl/nieuws/1"
    other = "Voir https://www.rtl.nl/nieuws/1 et https://www.rtl.nl/nieuws/2"
    roles = [s.role for s in find_urls(other, declared_source="https://www.rtl.nl/nieuws/1")]
    assert roles == ["declared", "body"]


def test_internal_links_and_hyperlinks() -> None:
    text = "Read our report and the Reuters story, or email us."
    def at(phrase: str) -> tuple[int, int]:
        return text.index(phrase), text.index(phrase) + len(phrase)

    links = [
        Mark("link", *at("our report"), "/investigations/report"),
        Mark("link", *at("the Reuters story"), "https://www.reuters.com/world/x"),
        Mark("link", *at("email us"), "mailto:desk@example.org"),
    ]
    found = find_urls(text, links=links, publisher_domain="www.example.org")
    assert [(s.text, s.domain, s.role) for s in found] == [
        ("our report", "example.org", "internal"),
        ("the Reuters story", "reuters.com", "body"),
    ]
    assert found[0].url == "http://example.org/investigations/report"
    assert not check_offsets(text, found)


def test_link_whose_anchor_is_the_written_url_is_reported_once() -> None:
    text = "Voir https://lemonde.fr/a ici"
    found = find_urls(text, links=[Mark("link", 5, 25, "https://lemonde.fr/a")])
    assert len(found) == 1


def test_offsets_exact_with_typographic_characters() -> None:
    text = "L\u2019article\u00a0: www.liberation.fr/politique\u00a0; et «\u00a0bfmtv.com\u00a0»."
    found = find_urls(text)
    assert [s.text for s in found] == ["www.liberation.fr/politique", "bfmtv.com"]
    assert not check_offsets(text, found)
