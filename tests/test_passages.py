"""Passages: grouping markers by paragraph or sentence window, ranking, the one-line why, boilerplate, furniture."""

from __future__ import annotations

from provenance.corpus.article import Article, Mark
from provenance.extract.boilerplate import SharedSpan
from provenance.extract.framing import find_markers
from provenance.extract.passages import (
    MAX_PASSAGE_CHARS,
    group_passages,
    shared_in_batch,
    units,
    why,
    with_boilerplate,
)
from provenance.extract.spans import Analysis, Marker, check_offsets

CONVERGING = (
    "Selon des sources, le régime aurait autorisé des frappes “préventives” et des “consultations” secrètes."
)
PLAIN = "Les troupes ont quitté Kiev dans la matinée."


def passages_of(text: str, **kwargs):
    return group_passages(text, find_markers(text, "fr"), **kwargs)


def test_a_passage_per_marked_paragraph_ranked_by_converging_devices() -> None:
    text = f"{PLAIN}\n\nUn paragraphe sans rien de notable.\n\n{CONVERGING}"
    passages = passages_of(text)
    assert [p.text for p in passages] == [CONVERGING, PLAIN]
    assert passages[0].score > passages[1].score
    assert check_offsets(text, passages) == []
    for passage in passages:
        assert passage.markers and all(passage.start <= m.start and m.end <= passage.end for m in passage.markers)


def test_why_counts_devices_strongest_first_on_one_line() -> None:
    [passage] = passages_of(CONVERGING)
    assert passage.why.split(" · ")[0] == "reportive conditional"
    assert "2 scare quotes" in passage.why
    assert "\n" not in passage.why


def test_why_names_contested_names_and_the_side_that_speaks() -> None:
    markers = [
        Marker("naming", 0, 4, "Kiev", "naming: «Kiev» (Kyiv (capital)) — Russian-derived spelling"),
        Marker("attribution_to_opponent", 5, 11, "Moscou", "Russian side speaks: Moscou «Moscou»"),
        Marker("attribution_to_opponent", 12, 18, "Kremlin", "Russian side speaks: Kremlin «Kremlin»"),
    ]
    assert why(markers) == "Russian side speaks · names: Kiev"


def test_boilerplate_says_how_many_other_articles_last() -> None:
    text = "La Russie a envoyé des troupes “massives” le 24 février, invoquant les accords de Minsk."
    shared = [SharedSpan(0, len(text), ("a.txt", "b.txt"))]
    analysis = with_boilerplate(text, Analysis(markers=find_markers(text, "fr")), shared)
    [passage] = analysis.passages
    assert passage.why.endswith("also in 2 other articles")
    assert any(m.kind == "boilerplate" for m in passage.markers)
    assert any(m.kind == "boilerplate" for m in analysis.markers)


def test_a_repeated_paragraph_without_other_markers_is_still_a_passage() -> None:
    text = "Un paragraphe de contexte repris tel quel d’un article à l’autre par la rédaction."
    analysis = with_boilerplate(text, Analysis(), [SharedSpan(0, len(text), ("x",))])
    assert [p.why for p in analysis.passages] == ["also in 1 other article"]


def test_passages_never_include_page_furniture() -> None:
    crumb = "Home Actualité"
    text = f"{crumb}Collaboration militaire secrète entre les États-Unis et l’Ukraine\n\nLeave a Comment secret"
    furniture = [(0, len(crumb)), (text.index("Leave"), len(text))]
    markers = find_markers(text, "fr", furniture=furniture)
    passages = group_passages(text, markers, furniture=furniture)
    assert [p.text for p in passages] == ["Collaboration militaire secrète entre les États-Unis et l’Ukraine"]
    assert units(text, furniture) == [(len(crumb), text.index("\n"))]


def test_a_long_paragraph_is_cut_into_sentence_windows_around_its_markers() -> None:
    filler = " ".join(f"La phrase numéro {i} décrit la situation sur le terrain sans effet." for i in range(20))
    text = f"{filler} Le régime aurait autorisé les frappes. {filler}"
    assert len(text) > MAX_PASSAGE_CHARS
    [passage] = passages_of(text)
    assert "aurait autorisé" in passage.text and len(passage.text) < 400
    assert check_offsets(text, [passage]) == []


def test_shared_in_batch_finds_paragraphs_repeated_between_files() -> None:
    background = (
        "La Russie a envoyé des troupes en Ukraine le 24 février, invoquant l’échec de Kiev à mettre en œuvre les "
        "accords de Minsk, destinés à donner aux régions de Donetsk et de Lougansk un statut spécial au sein de "
        "l’État ukrainien."
    )
    one = Article(text=f"Premier article sur la contre-offensive.\n\n{background}", origin="one.txt")
    two = Article(text=f"Second article, autre sujet.\n\n{background.replace('’', chr(39))}", origin="two.txt")
    lone = Article(text="Un troisième article sans rapport avec les deux autres, à propos de la pluie.", origin="three.txt")
    batch = [(a, Analysis(markers=find_markers(a.text, "fr")), a.origin) for a in (one, two, lone)]
    results = shared_in_batch(batch)
    assert [[s.shared_with for s in shared] for _, shared in results] == [[("two.txt",)], [("one.txt",)], []]
    first = results[0][0]
    assert any("also in 1 other article" in p.why for p in first.passages)


def test_single_article_batches_skip_boilerplate() -> None:
    article = Article(text=CONVERGING)
    analysis = Analysis(markers=find_markers(CONVERGING, "fr"))
    assert shared_in_batch([(article, analysis, "a.txt")]) == [(analysis, [])]


def test_furniture_marks_from_the_reader_are_honoured_in_batches() -> None:
    paragraph = " ".join(["Le même paragraphe de menu répété sur toutes les pages du site"] * 3)
    articles = [
        Article(text=f"Article {i} unique sur un sujet distinct.\n\n{paragraph}", origin=f"{i}.txt") for i in range(2)
    ]
    for article in articles:
        start = article.text.index("Le même")
        article.marks.append(Mark("furniture", start, len(article.text)))
    batch = [(a, Analysis(), a.origin) for a in articles]
    assert [shared for _, shared in shared_in_batch(batch)] == [[], []]
