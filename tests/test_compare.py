"""provenance compare: per-outlet numbers on the seeds, checked against counts made by hand.

The seeds are stored with a fixed, hand-written analysis (spans found by their verbatim text), so the expected
numbers below follow from the seed files and this file alone, not from how the extractors evolve. Article labels go
in through ``provenance labels import``; passage labels through label events, as the annotator records them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.analysis.compare import build_report, group_naming
from provenance.analysis.report import render, render_csv, render_md, to_dict
from provenance.cli import main
from provenance.corpus.article import Article
from provenance.corpus.readers import read_path
from provenance.errors import InputError
from provenance.extract.spans import Analysis, Marker, Passage, Source
from provenance.store import open_db
from provenance.store.analysis import save_many
from provenance.store.articles import add_articles
from provenance.store.labels import record_event
from provenance.store.outlets import article_outlet, suggested_outlet

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
RESEAU = "Réseau International"
BLOG = "Blog Citoyen"

LABELS_CSV = f"""article,annotator,field,value
001_9659c3a96bdd644f.txt,alice,outlet,{RESEAU}
001_9659c3a96bdd644f.txt,bob,outlet,{RESEAU}
003_819b8dd99512f932.txt,alice,outlet,{RESEAU}
002_5e39d056a88fdf63.txt,alice,outlet,{BLOG}
001_9659c3a96bdd644f.txt,alice,stance,pro-russia
001_9659c3a96bdd644f.txt,bob,stance,pro-russia
003_819b8dd99512f932.txt,alice,stance,pro-russia
002_5e39d056a88fdf63.txt,alice,stance,neutral
001_9659c3a96bdd644f.txt,alice,reliability,2
001_9659c3a96bdd644f.txt,bob,reliability,3
003_819b8dd99512f932.txt,alice,reliability,2
002_5e39d056a88fdf63.txt,alice,reliability,3
001_9659c3a96bdd644f.txt,alice,origin,translation
003_819b8dd99512f932.txt,alice,origin,rewrite
002_5e39d056a88fdf63.txt,alice,origin,opinion
"""


def _at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def _source(text: str, kind: str, phrase: str, **extra: str) -> Source:
    start, end = _at(text, phrase)
    return Source(kind, phrase, start, end, **extra)


def _marker(text: str, kind: str, phrase: str, nth: int = 0) -> Marker:
    start, end = _at(text, phrase, nth)
    return Marker(kind, start, end, phrase, "test")


def _analyses(articles: list[Article]) -> list[tuple[str, Analysis]]:
    """What a careful reader marks in each seed (a subset of seeds-gold.json), as stored spans."""
    t = [a.text for a in articles]
    nyt = {"outlet": "The New York Times"}
    rtl_url = "https://www.rtl.nl/nieuws/buitenland/artikel/5502161/vs-en-oekraine-werkten-nauwer-samen-dan-gedacht-inkijkje-de"
    a0 = Analysis(
        sources=[
            _source(t[0], "url", rtl_url, url=rtl_url, domain="rtl.nl", outlet="RTL Nieuws", role="declared"),
            _source(t[0], "outlet", "New York Times", **nyt),
            _source(t[0], "person", "Patrick Bolder"),
        ],
        markers=[_marker(t[0], "loaded_or_evaluative", "stratèges russes aguerris"), _marker(t[0], "naming", "Kyiv")],
    )
    scare_001 = _marker(t[1], "scare_quotes", "“grands gains”")
    p001 = Passage(scare_001.start - 10, scare_001.end + 10, t[1][scare_001.start - 10 : scare_001.end + 10], 2.0,
                   "test", [scare_001])
    a1 = Analysis(
        sources=[
            _source(t[1], "outlet", "CNN", outlet="CNN"),
            _source(t[1], "outlet", "New York Times", **nyt),
            _source(t[1], "outlet", "NYT", **nyt),
            _source(t[1], "person", "Mark Warner"),
            _source(t[1], "anonymous", "citant un responsable américain anonyme"),
        ],
        passages=[p001],
        markers=[_marker(t[1], "naming", "Kiev"), _marker(t[1], "attribution_to_opponent", "Moscou a soutenu que")],
    )
    a2 = Analysis(
        sources=[
            _source(t[2], "anonymous", "des sources internes indiquent"),
            _source(t[2], "anonymous", "Comme le dit une source"),
            _source(t[2], "person", "Marco Rubio"),
        ],
        markers=[
            _marker(t[2], "analogy", "Imaginez un groupe de vendeurs de rue"),
            _marker(t[2], "loaded_or_evaluative", "la part du lion"),
        ],
    )
    scare_003 = _marker(t[3], "scare_quotes", "“constamment”")
    artifact = _marker(t[3], "translation_artifact", "[by Kiev]")
    p003 = [
        Passage(scare_003.start, scare_003.end, scare_003.text, 1.5, "test", [scare_003]),
        Passage(artifact.start, artifact.end, artifact.text, 1.0, "test", [artifact]),
    ]
    a3 = Analysis(
        sources=[
            _source(t[3], "outlet", "NYT", **nyt),
            _source(t[3], "anonymous", "de hauts responsables américains anonymes"),
            _source(t[3], "anonymous", "un responsable a affirmé"),
        ],
        passages=p003,
        markers=[_marker(t[3], "naming", "Kiev"), _marker(t[3], "naming", "Vladimir Zelensky")],
    )
    a4 = Analysis(
        sources=[_source(t[4], "anonymous", "sous couvert d’anonymat"), _source(t[4], "person", "Biden")],
        markers=[_marker(t[4], "reportive", "aurait autorisé"), _marker(t[4], "naming", "Volodymyr Zelensky")],
    )
    return list(zip([a.id for a in articles], [a0, a1, a2, a3, a4]))


def _words(text: str) -> int:
    """The documented approximation: spaces and newlines plus one."""
    return text.count(" ") + text.count("\n") + 1


@pytest.fixture
def seeded(tmp_path: Path):
    """A database file with the seeds, their analyses, imported article labels and recorded passage labels."""
    path = tmp_path / "compare.db"
    db = open_db(path)
    articles = [item for p in SEEDS for item in read_path(p) if isinstance(item, Article)]
    add_articles(db, articles)
    with db.atomic():
        save_many(db, _analyses(articles))
    labels = tmp_path / "labels.csv"
    labels.write_text(LABELS_CSV, encoding="utf-8")
    result = CliRunner().invoke(main, ["labels", "import", "--db", str(path), str(labels)])
    assert result.exit_code == 0, result.output
    ids = [a.id for a in articles]
    record_event(db, ids[1], "alice", "verdict", "accept", target=f"{ids[1]}:0")
    record_event(db, ids[1], "alice", "frames", "Security_and_defense|Political", target=f"{ids[1]}:0")
    record_event(db, ids[1], "alice", "techniques", "Loaded_Language", target=f"{ids[1]}:0")
    record_event(db, ids[3], "alice", "verdict", "accept", target=f"{ids[3]}:0")
    record_event(db, ids[3], "alice", "frames", "Security_and_defense", target=f"{ids[3]}:0")
    record_event(db, ids[3], "alice", "verdict", "reject", target=f"{ids[3]}:1")
    record_event(db, ids[3], "alice", "frames", "Economic", target=f"{ids[3]}:1")
    return db, path, articles


def _profiles(db) -> dict:
    return {p.outlet: p for p in build_report(db).outlets}


def test_labelled_outlet_profile_matches_hand_counts(seeded) -> None:
    db, _path, articles = seeded
    p = _profiles(db)[RESEAU]
    assert (p.articles, p.suggested, p.is_suggested) == (2, 0, False)
    assert (p.labelled.count, p.labelled.n) == (2, 2)
    assert p.languages == {"fr": 2}
    assert (p.first_date, p.last_date) == ("2022-09", "2022-09")
    # alice and bob on 001, alice on 003: every annotator's current label counts
    assert p.stance == {"pro-russia": 3}
    assert p.origin == {"rewrite": 1, "translation": 1}
    assert p.reliability.n == 3
    assert p.reliability.mean == pytest.approx((2 + 3 + 2) / 3)
    assert p.reliability.median == 2
    assert p.reliability.small
    # only 001 has two annotators: they agree on stance, not on reliability
    assert p.agreement["stance"]["items"] == 1 and p.agreement["stance"]["percent"] == 1.0
    assert p.agreement["reliability"]["items"] == 1 and p.agreement["reliability"]["percent"] == 0.0
    assert "origin" not in p.agreement
    assert p.cited_outlets == {"The New York Times": 2, "CNN": 1}
    assert (p.anonymous_share.count, p.anonymous_share.n) == (2, 2)
    assert p.anonymous_attributions == 1 + 2
    assert p.named_attributions == 4 + 1  # CNN, NYT twice, Mark Warner; NYT
    assert p.naming == {"Kyiv (capital)": {"Kiev": 2}, "Zelensky (first name)": {"Vladimir Zelensky": 1}}
    assert p.accepted_passages == 2
    assert p.frames == {"Security_and_defense": 2, "Political": 1}  # the rejected passage's frame is not counted
    assert p.techniques == {"Loaded_Language": 1}


def test_marker_rates_are_per_thousand_words_with_their_counts(seeded) -> None:
    db, _path, articles = seeded
    p = _profiles(db)[RESEAU]
    words = _words(articles[1].text) + _words(articles[3].text)
    assert p.words == words
    scare = p.markers_per_1k["scare_quotes"]
    assert (scare.count, scare.words, scare.articles) == (2, words, 2)
    assert scare.value == pytest.approx(2 / words * 1000)
    assert scare.low <= scare.value <= scare.high
    assert p.markers_per_1k["naming"].count == 3
    assert p.markers_per_1k["translation_artifact"].count == 1
    assert p.markers_per_1k["analogy"].count == 0 and p.markers_per_1k["analogy"].value == 0
    blog = _profiles(db)[BLOG]
    assert blog.markers_per_1k["analogy"].value == pytest.approx(1000 / _words(articles[2].text))


def test_unlabelled_articles_fall_back_to_the_suggested_outlet(seeded) -> None:
    db, _path, articles = seeded
    profiles = _profiles(db)
    rtl = profiles["RTL Nieuws"]  # 000: no outlet label; its source: line points at rtl.nl
    assert (rtl.articles, rtl.suggested, rtl.is_suggested) == (1, 1, True)
    assert rtl.declared_sources == {"RTL Nieuws": 1}
    assert rtl.cited_outlets == {"The New York Times": 1}  # a suggested outlet does not cite itself
    assert rtl.stance == {} and rtl.reliability.mean is None
    unknown = profiles["(unknown)"]  # 004: nothing to go on
    assert unknown.articles == 1 and unknown.markers_per_1k["reportive"].count == 1
    assert (unknown.suggested, unknown.is_suggested) == (0, False)  # nobody suggested "(unknown)"
    assert set(profiles) == {RESEAU, BLOG, "RTL Nieuws", "(unknown)"}
    assert sum(p.articles for p in profiles.values()) == 5


def test_one_suggestion_rule_for_single_articles(tmp_path: Path) -> None:
    db = open_db(tmp_path / "s.db")
    known = Article("Un texte du Monde.", publisher_domain="lemonde.fr")
    sibling_a = Article("Premier texte d'un blog.", publisher_domain="blog.example")
    sibling_b = Article("Second texte du blog.", publisher_domain="blog.example")
    declared = Article("Repris d'ailleurs.", declared_source="https://www.rtl.nl/nieuws/1")
    bare = Article("Rien du tout.")
    add_articles(db, [known, sibling_a, sibling_b, declared, bare])
    record_event(db, sibling_a.id, "alice", "outlet", "Le Blog")
    lookup = {"lemonde.fr": "Le Monde", "rtl.nl": "RTL Nieuws"}.get
    assert suggested_outlet(db, known.id, lookup) == "Le Monde"
    assert suggested_outlet(db, sibling_b.id, lookup) == "Le Blog"  # what annotators call that domain
    assert suggested_outlet(db, declared.id, lookup) == "RTL Nieuws"
    assert suggested_outlet(db, bare.id, lookup) == ""
    assert article_outlet(db, sibling_a.id, lookup) == ("Le Blog", False)
    assert article_outlet(db, sibling_b.id, lookup) == ("Le Blog", True)
    assert suggested_outlet(db, declared.id) == "RTL Nieuws"  # the shipped registry knows rtl.nl
    assert "outlet_registry" not in {r[0] for r in db.execute("SELECT name FROM sqlite_temp_master")}
    assert not db.conn.in_transaction  # the annotator's connection keeps seeing new labels


def test_majority_then_adjudication_decides_the_labelled_outlet(tmp_path: Path) -> None:
    db = open_db(tmp_path / "m.db")
    article = Article("Un article disputé.", publisher_domain="example.org")
    add_articles(db, [article])
    for who, value in (("a", "X"), ("b", "X"), ("c", "Y")):
        record_event(db, article.id, who, "outlet", value)
    assert article_outlet(db, article.id, lambda d: None) == ("X", False)
    record_event(db, article.id, "lead", "outlet", "Y", action="adjudicate")
    assert article_outlet(db, article.id, lambda d: None) == ("Y", False)


def test_outlet_selection_is_case_insensitive_and_orders_the_citation_table(seeded) -> None:
    db, _path, _articles = seeded
    report = build_report(db, ["rtl nieuws", RESEAU.upper()])
    assert [p.outlet for p in report.outlets] == ["RTL Nieuws", RESEAU]
    assert [(c.outlet, c.cited, c.articles, c.mentions) for c in report.citations] == [
        ("RTL Nieuws", "The New York Times", 1, 1),
        (RESEAU, "The New York Times", 2, 3),
        (RESEAU, "CNN", 1, 1),
    ]


def test_unknown_outlet_is_a_clear_error(seeded) -> None:
    db, path, _articles = seeded
    with pytest.raises(InputError) as caught:
        build_report(db, ["RTL Niews"])
    assert "RTL Nieuws" in caught.value.hint
    assert not db.conn.in_transaction  # another connection can still write (and the CLI below opens one)
    result = CliRunner().invoke(main, ["compare", "--db", str(path), "--outlet", "Nowhere Times"])
    assert result.exit_code == 2
    assert "no outlet named 'Nowhere Times'" in result.output and "Traceback" not in result.output


def test_json_has_the_documented_shape(seeded, tmp_path: Path) -> None:
    _db, path, _articles = seeded
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["compare", "--db", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    outlet = next(o for o in data["outlets"] if o["outlet"] == RESEAU)
    for key in ("outlet", "articles", "labelled", "stance", "reliability", "origin", "cited_outlets",
                "anonymous_share", "markers_per_1k", "naming", "frames", "shared_boilerplate"):
        assert key in outlet
    assert outlet["labelled"] == 2 and outlet["stance"] == {"pro-russia": 3}
    assert outlet["reliability"]["n"] == 3 and outlet["reliability"]["median"] == 2
    assert outlet["anonymous_share"] == 1.0
    assert outlet["markers"]["scare_quotes"]["count"] == 2
    assert {"outlet": RESEAU, "cited": "CNN", "articles": 1, "mentions": 1} in data["citations"]


def test_csv_is_long_format_with_counts(seeded) -> None:
    db, _path, _articles = seeded
    rows = list(csv.DictReader(io.StringIO(render_csv(build_report(db, [RESEAU])))))
    by_metric = {(r["metric"], r["key"]): r for r in rows}
    anonymous = by_metric[("anonymous_share", "")]
    assert (anonymous["count"], anonymous["n"], anonymous["small_sample"]) == ("2", "2", "yes")
    assert by_metric[("cited_outlet", "The New York Times")]["value"] == "2"
    assert by_metric[("stance", "pro-russia")]["count"] == "3"
    assert {r["outlet"] for r in rows} == {RESEAU}


def test_hostile_outlet_names_stay_text_everywhere(tmp_path: Path) -> None:
    db = open_db(tmp_path / "h.db")
    article = Article("Un article au nom piégé.")
    add_articles(db, [article])
    hostile = "[bold red]Evil[/] | <script>alert(1)</script> \x1b[31mred"
    record_event(db, article.id, "alice", "outlet", hostile)
    report = build_report(db)
    md = render_md(report)
    assert "\\[bold red\\]Evil\\[/\\] \\| \\<script\\>" in md and "\x1b" not in md
    table = render(report, "table")
    assert "[bold red]Evil[/]" in table and "\x1b" not in table
    html = render(report, "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert to_dict(report)["outlets"][0]["outlet"] == hostile  # data formats keep the value as stored


def test_empty_database_reports_nothing_without_failing(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    open_db(path)
    result = CliRunner().invoke(main, ["compare", "--db", str(path)])
    assert result.exit_code == 0 and "No articles" in result.output
    assert json.loads(render(build_report(open_db(path)), "json")) == {"outlets": [], "citations": []}


def test_word_counts_are_kept_by_trigger(seeded) -> None:
    db, _path, articles = seeded
    stored = dict(db.execute("SELECT article_id, words FROM article_words").fetchall())
    assert stored == {a.id: _words(a.text) for a in articles}


def test_naming_groups_variants_of_one_concept() -> None:
    grouped = group_naming({"Kiev": 3, "Kyiv": 1, "Odessa": 2, "Atlantis": 1})
    assert grouped["Kyiv (capital)"] == {"Kiev": 3, "Kyiv": 1}
    assert grouped["Odesa"] == {"Odessa": 2}
    assert grouped["other"] == {"Atlantis": 1}


def test_shared_boilerplate_says_who_had_it_first(tmp_path: Path) -> None:
    from dataclasses import replace

    from provenance.store.boilerplate import index_articles

    db = open_db(tmp_path / "b.db")
    by_name = {p.name[:3]: p for p in SEEDS}
    first = replace(next(iter(read_path(by_name["001"]))), published="2022-09-12")
    second = replace(next(iter(read_path(by_name["003"]))), published="2022-09-20")
    other = next(iter(read_path(by_name["002"])))
    add_articles(db, [first, second, other])
    index_articles(db, [first, second, other])
    for article, outlet in ((first, "Original Daily"), (second, "Copy Weekly"), (other, "Elsewhere")):
        record_event(db, article.id, "alice", "outlet", outlet)
    profiles = _profiles(db)
    # seeds-gold.json: 001 and 003 share two background paragraphs
    [shared] = profiles["Original Daily"].shared_boilerplate
    assert (shared["other"], shared["passages"], shared["direction"]) == ("Copy Weekly", 2, "repeated by")
    assert shared["earlier"] == shared["links"] and shared["later"] == 0
    [back] = profiles["Copy Weekly"].shared_boilerplate
    assert (back["other"], back["passages"], back["direction"]) == ("Original Daily", 2, "repeats")
    assert profiles["Elsewhere"].shared_boilerplate == []


def test_naming_variants_differing_in_case_are_one_choice() -> None:
    grouped = group_naming({"Kiev": 1, "KIEV": 2, "kyiv": 1})
    assert grouped["Kyiv (capital)"] == {"Kiev": 3, "Kyiv": 1}


def test_real_pipeline_totals_match_the_stored_spans(tmp_path: Path) -> None:
    """Over the seeds as ingested and analysed, per-outlet numbers add up to what the span tables hold."""
    from provenance.ingest import ingest_paths

    db = open_db(tmp_path / "real.db")
    ingest_paths(db, [SEEDS[0].parent])
    profiles = build_report(db).outlets
    q = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    assert sum(p.articles for p in profiles) == q("SELECT count(*) FROM articles") == 5
    assert sum(p.anonymous_attributions for p in profiles) == q(
        "SELECT count(*) FROM sources WHERE kind = 'anonymous' AND role != 'declared'")
    assert sum(p.named_attributions for p in profiles) == q(
        "SELECT count(*) FROM sources WHERE kind IN ('person', 'organization', 'outlet') AND role != 'declared'")
    for kind in ("scare_quotes", "naming", "loaded_or_evaluative"):
        assert sum(p.markers_per_1k[kind].count for p in profiles) == q(
            f"SELECT count(*) FROM markers WHERE kind = '{kind}'")
    assert sum(sum(v.values()) for p in profiles for v in p.naming.values()) == q(
        "SELECT count(*) FROM markers WHERE kind = 'naming'")
    assert sum(p.words for p in profiles) == q("SELECT sum(words) FROM article_words")


def test_many_outlets_get_one_line_each_in_the_terminal(tmp_path: Path) -> None:
    db = open_db(tmp_path / "many.db")
    articles = [Article(f"Article numéro {i} sur la guerre.", publisher_domain=f"site{i}.example") for i in range(8)]
    add_articles(db, articles)
    text = render(build_report(db), "table")
    assert "site7.example (suggested)" in text and "side by side" in text
    assert "reliability mean / median" not in text  # not the side-by-side layout
    two = render(build_report(db, ["site1.example", "site2.example"]), "table")
    assert "reliability mean / median" in two


def test_choosing_outlets_does_not_change_their_numbers(seeded) -> None:
    db, _path, _articles = seeded
    full = {p.outlet: p for p in build_report(db).outlets}
    for name, profile in full.items():
        [alone] = build_report(db, [name]).outlets
        assert alone == profile


def test_an_article_without_publisher_takes_the_outlet_of_articles_sharing_its_paragraphs(tmp_path: Path) -> None:
    from provenance.store.boilerplate import index_articles

    db = open_db(tmp_path / "shared.db")
    by_name = {p.name[:3]: p for p in SEEDS}
    first, second = (next(iter(read_path(by_name[n]))) for n in ("001", "003"))
    add_articles(db, [first, second])
    index_articles(db, [first, second])
    record_event(db, first.id, "alice", "outlet", "Original Daily")
    assert suggested_outlet(db, second.id, lambda d: None) == "Original Daily"
    assert {p.outlet: p.articles for p in build_report(db).outlets} == {"Original Daily": 2}
