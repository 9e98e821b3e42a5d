"""The HTML comparison: one valid, self-contained file that a browser opens offline without console errors."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from provenance.analysis.compare import build_report
from provenance.analysis.report_html import render_html
from provenance.corpus.article import Article
from provenance.extract.spans import Analysis, Marker, Source
from provenance.store import open_db
from provenance.store.analysis import save_many
from provenance.store.articles import add_articles
from provenance.store.labels import record_event

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HOSTILE = 'Evil "Times" <script>alert(1)</script> & [b]co[/b]'


class _Checker(HTMLParser):
    """Fails on what an HTML validator would flag here: unclosed or misnested elements, stray end tags, and any
    reference to an external resource or a script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.doctype = False
        self.tags: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("script", "link", "img", "iframe", "object"):
            self.problems.append(f"<{tag}> in a self-contained report")
        for name, value in attrs:
            if name in ("src", "href") or (value and re.search(r"url\(|https?://", value) and name != "xmlns"):
                self.problems.append(f"external reference {name}={value!r}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()


def _report_db(tmp_path: Path):
    db = open_db(tmp_path / "h.db")
    texts = ["Le “régime de Kiev” selon une source anonyme, dit le NYT. " * 3, "Kyiv said on Monday, reported CNN."]
    articles = [Article(texts[0], publisher_domain="evil.example"), Article(texts[1], publisher_domain="good.example")]
    add_articles(db, articles)
    a0, a1 = articles
    start = a0.text.index("“régime de Kiev”")
    analyses = [
        (a0.id, Analysis(
            sources=[Source("outlet", "NYT", a0.text.index("NYT"), a0.text.index("NYT") + 3, outlet="The New York Times"),
                     Source("anonymous", "une source anonyme", a0.text.index("une source"),
                            a0.text.index("une source") + len("une source anonyme"))],
            markers=[Marker("scare_quotes", start, start + len("“régime de Kiev”"), "“régime de Kiev”", "quotes"),
                     Marker("naming", start + 11, start + 15, "Kiev", "name")])),
        (a1.id, Analysis(markers=[Marker("naming", 0, 4, "Kyiv", "name")])),
    ]
    with db.atomic():
        save_many(db, analyses)
    record_event(db, a0.id, "alice", "outlet", HOSTILE)
    record_event(db, a0.id, "alice", "stance", "pro-russia")
    record_event(db, a0.id, "alice", "reliability", "1")
    record_event(db, a0.id, "bob", "reliability", "2")
    record_event(db, a1.id, "alice", "stance", "pro-ukraine")
    record_event(db, a1.id, "alice", "reliability", "4")
    return db


@pytest.fixture
def page(tmp_path: Path) -> str:
    return render_html(build_report(_report_db(tmp_path)))


def test_html_is_well_formed_and_self_contained(page: str) -> None:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.doctype
    assert checker.problems == []
    assert checker.stack == []
    assert {"html", "head", "meta", "title", "style", "body", "table", "svg"} <= set(checker.tags)
    for svg in re.findall(r"<svg\b.*?</svg>", page, flags=re.S):
        ET.fromstring(svg)  # every chart is well-formed XML (what browsers require of inline SVG text content)
    assert page.count("<svg") == 3


def test_html_escapes_every_string_from_the_data(page: str) -> None:
    assert "<script>" not in page
    assert html_escaped(HOSTILE) in page
    assert "The New York Times" in page and "pro-russia" in page


def html_escaped(value: str) -> str:
    import html

    return html.escape(value, quote=True)


def test_html_charts_carry_the_numbers(page: str) -> None:
    assert "1.50 (n=2)" in page  # mean reliability of the hostile outlet, with its count
    assert "n=1*" in page  # small samples are marked


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_html_opens_in_headless_chromium_without_console_errors(page: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--enable-logging=stderr", "--v=0", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=90,
    )
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    assert "Outlets compared" in result.stdout and "<svg" in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout and "<script>" not in result.stdout
