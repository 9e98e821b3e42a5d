"""Each reader on small fixtures made here: text pages and their header marks, HTML links, records, WARC, encodings."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from provenance.corpus.article import Article
from provenance.corpus.readers import ReadFailure, format_of, iter_files, read_path, read_paths
from provenance.corpus.readers.plaintext import is_furniture, parse_page

FRENCH = (
    "La collaboration militaire entre les deux pays est plus étroite que ce que l’on aurait pu imaginer, "
    "selon un rapport publié samedi par le journal, qui cite des responsables américains et ukrainiens."
)


def only_articles(items: list) -> list[Article]:
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert not failures, failures
    return items


def read_one(path: Path, **kwargs) -> Article:
    items = list(read_path(path, **kwargs))
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def marked(article: Article, kind: str) -> list[str]:
    return [article.text[m.start : m.end] for m in article.marks_of(kind)]


# --- plain text: the seeds ---------------------------------------------------------------------------------------


def seed(seeds_dir: Path, number: str) -> Article:
    return read_one(next(seeds_dir.glob(f"{number}_*.txt")))


def test_seed_000_header_source_and_furniture(seeds_dir: Path) -> None:
    article = seed(seeds_dir, "000")
    assert article.title == "Collaboration militaire secrète entre les États-Unis et l’Ukraine"
    assert article.byline == "Sara"
    assert article.declared_source.startswith("https://www.rtl.nl/nieuws/buitenland/artikel/5502161/")
    assert marked(article, "furniture") == ["Home Actualité", "You may also like", "Leave a Comment"]
    assert marked(article, "title") == [article.title]
    assert [m.value for m in article.marks_of("declared_source")] == [article.declared_source]
    assert article.language == "fr"
    assert article.format == "text"


def test_seed_dates_bylines_and_captcha(seeds_dir: Path) -> None:
    for number in ("001", "003"):
        article = seed(seeds_dir, number)
        assert article.published == "2022-09"
        assert marked(article, "date") == ["date 2022-09"]
        assert not article.title.startswith("date")
    s001 = seed(seeds_dir, "001")
    assert s001.title.startswith("Le soutien de l’Amérique") and s001.title.endswith("selon Mark Warner")
    s004 = seed(seeds_dir, "004")
    assert s004.byline == "Milos Schmidt"
    assert s004.title.startswith("Sources\u00a0: Biden donne le feu vert")  # not the photo caption above it
    assert marked(s004, "furniture") == ["Laisser un commentaire", "vingt + dix ="]
    s002 = seed(seeds_dir, "002")
    assert s002.title == "Les conseillers des États-Unis et de l'UE envisagent un soutien militaire à l'Ukraine"
    assert "Your email address will not be published. Required fields are marked *" in marked(s002, "furniture")
    assert "Back To Top" in marked(s002, "furniture")


def test_seed_text_is_stored_exactly(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        article = read_one(path)
        assert article.text == path.read_text(encoding="utf-8")
        for mark in article.marks:
            assert 0 <= mark.start < mark.end <= len(article.text)


def test_ids_are_stable_across_encodings_and_newlines(tmp_path: Path) -> None:
    text = f"Un titre\n\n{FRENCH}\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    (tmp_path / "c.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    ids = {read_one(tmp_path / name).id for name in ("a.txt", "b.txt", "c.txt")}
    assert len(ids) == 1


def test_header_lines_are_recognised() -> None:
    page = "Home › World\n\nA headline about talks\n\nby Jane Doe\n\n" + FRENCH + "\n\nsource: https://example.org/x\n"
    header = parse_page(page)
    assert header.title == "A headline about talks"
    assert header.byline == "Jane Doe"
    assert header.declared_source == "https://example.org/x"
    assert [page[m.start : m.end] for m in header.marks if m.kind == "furniture"] == ["Home › World"]


def test_title_case_headline_is_not_a_byline() -> None:
    header = parse_page("Biden Wins Again\n\n" + FRENCH)
    assert header.title == "Biden Wins Again"
    assert header.byline == ""


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Leave a Comment", True),
        ("  Laisser un commentaire ", True),
        ("vingt + dix =", True),
        ("3 + 4 =", True),
        ("Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *", True),
        ("Réunion à Wiesbaden", False),
        ("Leave a comment on the proposal, the minister urged the assembly on Monday.", False),
    ],
)
def test_furniture_lines(line: str, expected: bool) -> None:
    assert is_furniture(line) is expected


def test_markdown_heading_title(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(f"# The headline\n\n{FRENCH}\n", encoding="utf-8")
    article = read_one(path)
    assert article.title == "The headline"
    assert article.format == "markdown"


# --- encodings ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""),
     ("cp1252", b""), ("latin-1", b"")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Le président a déclaré « c’est l’été » à Noël.\n\n" + FRENCH
    if encoding == "latin-1":
        text = text.replace("’", "'")
    path = tmp_path / "page.txt"
    path.write_bytes(prefix + text.encode(encoding))
    article = read_one(path)
    assert article.text == text


def test_newlines_normalised_everything_else_kept(tmp_path: Path) -> None:
    text = "Titre\u00a0: « guillemets » et “quotes”\r\n\r\nCorps\u202fdu texte.\rFin"
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode("utf-8"))
    article = read_one(path)
    assert article.text == "Titre\u00a0: « guillemets » et “quotes”\n\nCorps\u202fdu texte.\nFin"


# --- HTML --------------------------------------------------------------------------------------------------------

HTML = """<!doctype html><html><head><title>Talks fail | Le Monde</title>
<link rel="canonical" href="https://www.lemonde.fr/international/article/2024/01/02/talks_1.html">
<meta property="og:site_name" content="Le Monde"><meta name="author" content="Jean Dupont">
<meta property="article:published_time" content="2024-01-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/intl">International</a></nav>
<article><h1>Talks fail</h1>
<p>According to <a href="https://www.nytimes.com/2024/01/01/world/talks.html">the New York Times</a>, the talks
failed on Monday after officials walked out of the meeting in Brussels late at night.</p>
<p>A second paragraph cites <a href="/rel/link">an earlier report</a> and gives more detail about the
negotiations, which had lasted for three days without agreement on the main points.</p>
<p>Reuters reported that officials, speaking anonymously, confirmed the details of the meeting.</p>
</article><footer>Copyright Le Monde</footer></body></html>"""


def test_html_links_are_spans_of_the_stored_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_one(path)
    links = {article.text[m.start : m.end]: m.value for m in article.marks_of("link")}
    assert links == {
        "the New York Times": "https://www.nytimes.com/2024/01/01/world/talks.html",
        "an earlier report": "https://www.lemonde.fr/rel/link",
    }
    assert article.title == "Talks fail"
    assert article.url == "https://www.lemonde.fr/international/article/2024/01/02/talks_1.html"
    assert article.publisher_domain == "lemonde.fr"
    assert article.byline == "Jean Dupont"
    assert article.published == "2024-01-02"
    assert article.metadata["site_name"] == "Le Monde"
    assert article.format == "html"
    assert article.language == "en"
    assert "Home" not in article.text.split("\n")[0]
    assert "failed on Monday" in article.text


def test_html_without_article_body_fails(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    items = list(read_path(path))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert "no article text" in items[0].message


# --- records -----------------------------------------------------------------------------------------------------


def test_jsonl_fields_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    records = [
        {"text": FRENCH, "title": "T1", "url": "https://www.bbc.co.uk/news/1", "published": "2024-01-02",
         "outlet": "BBC", "byline": "Ann", "language": "fr-FR", "topic": "war"},
        {"text": "Second article text, long enough to read.", "title": "T2"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    first, second = only_articles(list(read_path(path)))
    assert (first.title, first.url, first.published, first.byline) == ("T1", records[0]["url"], "2024-01-02", "Ann")
    assert first.publisher_domain == "bbc.co.uk"
    assert first.language == "fr"
    assert first.metadata == {"topic": "war", "outlet": "BBC"}
    assert first.origin == f"{path}#1" and second.origin == f"{path}#2"
    assert second.title == "T2" and second.format == "jsonl"


def test_jsonl_malformed_line_fails_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "good one"}) + "\n{not json\n" + json.dumps({"text": "x"}) + "\n")
    items = list(read_path(path))
    assert isinstance(items[-1], ReadFailure)
    assert "line 2" in items[-1].message and "JSON" in items[-1].message


def test_json_list_and_single_object(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": "one article"}, {"body": "another article"}]))
    (tmp_path / "one.json").write_text(json.dumps({"text": "single article", "headline": "H"}))
    assert [a.text for a in only_articles(list(read_path(tmp_path / "list.json")))] == ["one article", "another article"]
    assert read_one(tmp_path / "one.json").title == "H"


def test_json_lines_named_json(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text(json.dumps({"text": "first"}) + "\n" + json.dumps({"text": "second"}) + "\n")
    assert [a.text for a in only_articles(list(read_path(path)))] == ["first", "second"]


def test_csv_records_and_sniffed_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('title;text;outlet\n"T";"Le texte; avec un point-virgule\net une ligne";lemonde.fr\n', encoding="utf-8")
    article = read_one(path)
    assert article.text == "Le texte; avec un point-virgule\net une ligne"
    assert article.publisher_domain == "lemonde.fr"
    assert article.metadata == {"outlet": "lemonde.fr"}


def test_csv_without_text_column_fails(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("title,body_html\nT,<p>x</p>\n")
    items = list(read_path(path))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert "no 'text' column" in items[0].message and "title" in items[0].message


# --- WARC --------------------------------------------------------------------------------------------------------


def write_warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                               http_headers=headers)
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, [
        ("https://www.example.com/a", "text/html; charset=utf-8", HTML.replace('<link rel="canonical"', "<link")),
        ("https://www.example.com/logo.png", "image/png", "not html"),
        ("https://www.example.com/menu", "text/html", "<html><body><nav>Home</nav></body></html>"),
    ])
    assert format_of(path) == "warc"
    article = read_one(path)
    assert article.url == "https://www.example.com/a"
    assert article.publisher_domain == "example.com"
    assert article.format == "html"
    assert "the New York Times" in marked(article, "link")


# --- dispatch, folders, stdin ------------------------------------------------------------------------------------


def test_sniffing_without_extension(tmp_path: Path) -> None:
    (tmp_path / "page").write_text(HTML)
    (tmp_path / "records").write_text(json.dumps({"text": "from a JSON line"}) + "\n")
    (tmp_path / "note").write_text("A title\n\nSome plain text body.\n")
    assert read_one(tmp_path / "page").format == "html"
    assert read_one(tmp_path / "records").format == "jsonl"
    assert read_one(tmp_path / "note").format == "text"


def test_folders_are_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("first text")
    (tmp_path / "b" / "c" / "d.txt").write_text("deep text")
    (tmp_path / "b" / ".hidden.txt").write_text("hidden")
    (tmp_path / "z.txt").write_text("last text")
    files = [p for p in iter_files([tmp_path]) if isinstance(p, Path)]
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a.txt", "b/c/d.txt", "z.txt"]


def test_symlink_loops_end(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("a text")
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")
    items = list(read_paths([tmp_path]))
    texts = [i.text for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert texts == ["a text"]
    assert len(failures) == 1 and failures[0].origin.endswith("self") and "loop" in failures[0].message


def test_dash_reads_json_lines_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (json.dumps({"text": "from standard input", "title": "S"}) + "\n").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    (article,) = only_articles(list(read_paths(["-"])))
    assert article.title == "S" and article.origin == "<stdin>#1"


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 400)
    (failure,) = read_path(path, max_bytes=1000)
    assert isinstance(failure, ReadFailure)
    assert "over the 1000 bytes limit" in failure.message and "--max-size" not in failure.origin
    assert isinstance(read_one(path, max_bytes=5000), Article)


def test_a_file_that_reports_no_size_is_read_whole_up_to_the_limit() -> None:
    from provenance.corpus.readers.common import read_limited
    from provenance.errors import ReadError

    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size:
        pytest.skip("needs a /proc file that reports size 0")
    data = read_limited(status, 1_000_000)
    assert data.startswith(b"Name:") and b"VmRSS" in data
    with pytest.raises(ReadError, match="limit"):
        read_limited(status, 100)


def test_a_file_read_whole_is_exact_at_the_limit(tmp_path: Path) -> None:
    from provenance.corpus.readers.common import read_limited

    path = tmp_path / "exact.txt"
    path.write_bytes(b"x" * 4096)
    assert read_limited(path, 4096) == b"x" * 4096
