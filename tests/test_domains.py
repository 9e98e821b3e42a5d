"""Registered domains, offline: the same answer for a host, a URL, a `source:` line or a bare domain."""

from __future__ import annotations

import pytest

from provenance.domains import host_of, registered_domain


@pytest.mark.parametrize(
    "value, expected",
    [
        ("https://www.rtl.nl/nieuws/buitenland/artikel/5502161/x", "rtl.nl"),
        ("source:https://www.BBC.co.uk:443/news?x=1#top", "bbc.co.uk"),
        ("www.nytimes.com", "nytimes.com"),
        ("lemonde.fr/international/", "lemonde.fr"),
        ("http://user:pw@Sub.Example.COM./path", "example.com"),
        ("https://foo.blogspot.com/post", "foo.blogspot.com"),
        ("localhost:8000", "localhost"),
        ("http://[::1]:80/", "::1"),
        ("", ""),
    ],
)
def test_registered_domain(value: str, expected: str) -> None:
    assert registered_domain(value) == expected


def test_host_of_strips_everything_but_the_host() -> None:
    assert host_of("HTTPS://News.Example.org:8443/a/b?c#d") == "news.example.org"


def test_no_network_and_no_cache_file(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    registered_domain.cache_clear()
    assert registered_domain("https://www.theguardian.com/world") == "theguardian.com"
    assert not (tmp_path / "cache").exists()
