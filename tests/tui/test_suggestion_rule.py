"""One outlet-suggestion rule: the annotator's pre-filled outlet is the store's suggestion for one article, and the
comparison's set-based suggestion, in every branch of the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import run_async

from provenance.corpus.article import Article
from provenance.corpus.readers import read_path
from provenance.extract.spans import Analysis, Source
from provenance.scheme import default_scheme
from provenance.store import open_db
from provenance.store.analysis import save_analysis
from provenance.store.articles import add_articles
from provenance.store.boilerplate import index_articles
from provenance.store.labels import record_event
from provenance.store.outlets import SUGGESTED_SQL, drop_suggestions, prepare_suggestions, scratch, suggested_outlet
from provenance.tui.session import Session, load_registry

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def declared(outlet: str = "", domain: str = "") -> Analysis:
    return Analysis(sources=[Source("outlet", "x", 0, 1, domain=domain, outlet=outlet, role="declared")])


@pytest.fixture
def cases(tmp_path: Path):  # noqa: ANN201
    """A database with one unlabelled article per branch of the rule, by name."""
    db = open_db(tmp_path / "rule.db")
    blog = [Article(f"Billet {i} du blog.", publisher_domain="blog.example") for i in range(6)]
    articles = {
        "registry": Article("Un texte du Monde.", publisher_domain="lemonde.fr"),
        "given to the domain": blog[5],
        "domain itself": Article("Un texte inconnu.", publisher_domain="unknown.example"),
        "declared outlet": Article("Repris de l'AFP."),
        "declared domain": Article("Repris de RTL."),
        "empty declared source": Article("Repris on ne sait d'où.", declared_source="https://www.rtl.nl/nieuws/1"),
        "declared host given": Article("Repris du blog.", declared_source="https://blog.example/billet"),
        "nothing": Article("Rien du tout."),
    }
    first, shared = (next(iter(read_path(p))) for p in SEEDS if p.name[:3] in ("001", "003"))
    add_articles(db, [*blog, *articles.values(), first, shared])
    articles["shared paragraphs"] = shared
    index_articles(db, [first, shared])
    with db.atomic():
        save_analysis(db, articles["declared outlet"].id, declared(outlet="AFP"))
        save_analysis(db, articles["declared domain"].id, declared(domain="rtl.nl"))
        save_analysis(db, articles["empty declared source"].id, declared())
    # The blog's articles: one labelled "Le Blog" by three annotators, two "Blog Daily" by one each.
    for who in ("a", "b", "c"):
        record_event(db, blog[0].id, who, "outlet", "Le Blog")
    record_event(db, blog[1].id, "d", "outlet", "Blog Daily")
    record_event(db, blog[2].id, "e", "outlet", " Blog Daily ")
    record_event(db, first.id, "a", "outlet", " Original Daily ")
    return db, articles


def test_the_annotator_suggests_what_the_store_and_the_comparison_suggest(cases) -> None:
    db, articles = cases
    assert load_registry()
    session = Session(db, annotator="zoe", scheme=default_scheme())
    by_annotator = {name: session.open(a.id).suggestion for name, a in articles.items()}
    by_store = {name: suggested_outlet(db, a.id) for name, a in articles.items()}
    with scratch(db):
        prepare_suggestions(db)
        try:
            by_sql = {
                name: db.execute(f"SELECT {SUGGESTED_SQL} FROM articles a WHERE a.id = ?", [a.id]).fetchone()[0] or ""
                for name, a in articles.items()
            }
        finally:
            drop_suggestions(db)
    assert by_store == by_sql
    assert by_annotator == by_store
    assert by_store == {
        "registry": "Le Monde",
        "given to the domain": "Blog Daily",  # each article counts once, with its agreed outlet
        "domain itself": "unknown.example",
        "declared outlet": "AFP",
        "declared domain": "RTL Nieuws",
        "empty declared source": "RTL Nieuws",  # nothing in the source: the declared-source value's domain
        "declared host given": "Blog Daily",
        "nothing": "",
        "shared paragraphs": "Original Daily",
    }


def test_the_annotator_follows_a_new_label_of_the_domain(cases) -> None:
    db, articles = cases
    assert load_registry()
    session = Session(db, annotator="zoe", scheme=default_scheme())
    target = articles["given to the domain"]
    assert session.open(target.id).suggestion == "Blog Daily"
    blog = [r[0] for r in db.execute("SELECT id FROM articles WHERE publisher_domain = 'blog.example' ORDER BY rowid")]
    session.open(blog[3])
    session.set_text("outlet", "Le Blog")  # the annotator's own label: the domain's counts follow it
    session.open(blog[4])
    session.set_text("outlet", "Le Blog")
    assert session.open(target.id).suggestion == suggested_outlet(db, target.id) == "Le Blog"


@run_async
async def test_the_annotator_knows_the_outlets_imported_into_the_database(cases) -> None:
    from provenance.extract.registry import Outlet
    from provenance.store.user_outlets import save_outlets
    from provenance.tui.app import build_app

    db, articles = cases
    save_outlets(db, [Outlet("Unknown Example Post", domains=("unknown.example",))])
    target = articles["domain itself"]
    app = build_app(db, annotator="zoe", scheme=default_scheme(), start_article=target.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.current().suggestion == suggested_outlet(db, target.id) == "Unknown Example Post"
