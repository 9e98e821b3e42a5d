"""Framing markers: each finder on small texts, the lexicons and naming table as data, furniture and offsets."""

from __future__ import annotations

import pytest

from provenance.errors import InputError
from provenance.extract import naming
from provenance.extract.framing import MARKER_KINDS, find_markers, guess_language
from provenance.extract.markers.lexicon import LEXICON_LANGUAGES, PhraseMatcher, load_lexicon
from provenance.extract.spans import Source, check_offsets


def kinds(markers) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in markers]


def of_kind(markers, kind: str) -> list[str]:
    return [m.text for m in markers if m.kind == kind]


def test_every_marker_kind_is_listed_and_every_marker_keeps_offsets() -> None:
    text = (
        "Le régime aurait autorisé des frappes “préventives”, selon Moscou. Imaginez un pays sans frontières.\n"
        "Les républiques du Donbass [by Kiev] ont voté.\nThe photo was taken at the border by the army.\n"
    )
    markers = find_markers(text, "fr")
    assert markers
    assert check_offsets(text, markers) == []
    assert {m.kind for m in markers} <= set(MARKER_KINDS)
    assert all(m.why and "\n" not in m.why for m in markers)


# Scare quotes and short fragments, told apart from full quotations.


def test_scare_quotes_inside_a_sentence_are_found_with_their_quote_marks() -> None:
    text = "Les troupes ont fait “grands gains” et ces “collaborations” restent floues."
    assert of_kind(find_markers(text, "fr"), "scare_quotes") == ["“grands gains”", "“collaborations”"]


def test_full_quotations_are_not_scare_quotes() -> None:
    opening = "“Ce type de collaboration montre la force de nos renseignements”, a déclaré Warner."
    long_inside = "Il a salué “un soutien énorme des États-Unis et de nos alliés de l’OTAN” hier."
    after_colon = "Il a répondu : « Non ». Puis il est parti."
    for text in (opening, long_inside, after_colon):
        assert of_kind(find_markers(text, "fr"), "scare_quotes") == [], text


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('Un responsable a dit que Washington avait "en permanence" discuté.', '"en permanence"'),
        ("Die Regierung sprach von einer „Spezialoperation“ im Osten.", "„Spezialoperation“"),
        ("Le ministre parle d’une « opération » limitée.", "« opération »"),
    ],
)
def test_straight_german_and_french_quotes(text: str, quoted: str) -> None:
    assert of_kind(find_markers(text), "scare_quotes") == [quoted]


def test_four_to_six_words_are_a_short_quoted_fragment() -> None:
    [marker] = [m for m in find_markers("Ils sont “travailler avec les Ukrainiens.” selon lui.", "fr") if m.kind == "scare_quotes"]
    assert marker.why.startswith("short quoted fragment")


# Reportive and hedged mood.


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Le président Joe Biden aurait autorisé l’Ukraine à frapper.", "fr", "aurait autorisé"),
        ("Plusieurs soldats seraient morts dans l’attaque.", "fr", "seraient morts"),
        ("Des sources internes indiquent que les pays européens assumeraient la charge.", "fr", "assumeraient"),
        ("The minister reportedly approved the strikes.", "en", "reportedly"),
        ("The general is said to have resigned.", "en", "is said to"),
        ("Der Minister soll gestern in Kiew gewesen sein.", "de", "soll gestern in Kiew gewesen sein"),
        ("Der angeblich geheime Plan wurde bekannt.", "de", "angeblich"),
        ("Der mutmaßliche Täter wurde gefasst.", "de", "mutmaßliche"),
    ],
)
def test_reportive_mood(text: str, language: str, expected: str) -> None:
    assert expected in of_kind(find_markers(text, language), "reportive")


@pytest.mark.parametrize(
    "text",
    [
        "Une coopération plus étroite que ce que l’on aurait pu imaginer.",  # modal past conditional
        "Si l’armée avait su, elle aurait attaqué plus tôt.",  # hypothetical
        "Ces armes pourraient coûter la guerre, selon lui.",  # modal
        "Le retrait des troupes a été annoncé selon le ministère.",  # a noun ending like a conditional
        "Kiev a décidé que le partage inciterait Washington à aider.",  # future in the past, no reporting cue
    ],
)
def test_conditionals_that_are_not_reportive(text: str) -> None:
    assert of_kind(find_markers(text, "fr"), "reportive") == []


# Loaded, evaluative and intensifying language.


def test_loaded_evaluative_and_intensifying_words() -> None:
    text = (
        "Une réunion secrète face à des stratèges russes aguerris, une offensive massive du régime, "
        "et les pays européens assumeraient la part du lion."
    )
    found = of_kind(find_markers(text, "fr"), "loaded_or_evaluative")
    assert {"secrète", "aguerris", "massive", "régime", "la part du lion"} <= set(found)


def test_comparative_insinuation_pattern_covers_the_phrase() -> None:
    text = "Le niveau de détail était bien plus précis que ce que le gouvernement américain a admis."
    found = of_kind(find_markers(text, "fr"), "loaded_or_evaluative")
    assert any("plus précis que ce que le gouvernement américain a admis" in f for f in found)


def test_words_match_whole_words_only() -> None:
    # "régime" is a loaded word; the same letters inside another word are not.
    assert of_kind(find_markers("Un prérégime transitoire est prévu.", "fr"), "loaded_or_evaluative") == []


# Naming choices.


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Les troupes ont quitté Kiev hier.", "fr", "Kiev"),
        ("Troops left Kyiv yesterday.", "en", "Kyiv"),
        ("Le président ukrainien Vladimir Zelensky a parlé.", "fr", "Vladimir Zelensky"),
        ("Le président Volodymyr Zelensky a parlé.", "fr", "Volodymyr Zelensky"),
        ("La région de Kharkov est touchée.", "fr", "Kharkov"),
        ("Le Kremlin a reconnu les républiques du Donbass.", "fr", "républiques du Donbass"),
        ("Moscou parle d’une opération militaire spéciale.", "fr", "opération militaire spéciale"),
        ("Die Truppen verließen Kiew.", "de", "Kiew"),
        ("La péninsule de Crimée, annexée en 2014.", "fr", "Crimée, annexée"),
    ],
)
def test_contested_names(text: str, language: str, expected: str) -> None:
    assert expected in of_kind(find_markers(text, language), "naming")


def test_the_longest_variant_wins_and_the_why_says_what_it_signals() -> None:
    [marker] = [m for m in find_markers("Le Kremlin a reconnu les républiques du Donbass.", "fr") if m.kind == "naming"]
    assert marker.text == "républiques du Donbass"
    assert "Moscow" in marker.why


def test_naming_table_is_extensible_with_a_user_csv(tmp_path, monkeypatch) -> None:
    extra = tmp_path / "names.csv"
    extra.write_text("concept,variant,languages,signals\nBakhmut,Artiomovsk,fr,Soviet-era name used by Moscow\n", "utf-8")
    assert of_kind(find_markers("Les combats à Artiomovsk continuent.", "fr"), "naming") == []
    monkeypatch.setenv(naming.ENV_VAR, str(extra))
    [marker] = [m for m in find_markers("Les combats à Artiomovsk continuent.", "fr") if m.kind == "naming"]
    assert "Soviet-era" in marker.why


def test_a_naming_table_without_its_columns_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="missing column"):
        naming.parse_table("name,signal\nKiev,x\n", "mine.csv")


# Analogies and rhetorical devices.


def test_analogy_cue_runs_to_the_end_of_its_clause() -> None:
    text = "Imaginez un groupe de vendeurs de rue s'unissant pour protéger leur marché préféré – c'est l'esprit."
    [marker] = [m for m in find_markers(text, "fr") if m.kind == "analogy"]
    assert marker.text == "Imaginez un groupe de vendeurs de rue s'unissant pour protéger leur marché préféré"


def test_rhetorical_question_in_the_writers_voice_but_not_in_a_quotation() -> None:
    own = "Les sanctions ont échoué. Qui peut encore croire à cette stratégie ? Personne."
    assert of_kind(find_markers(own, "fr"), "analogy") == ["Qui peut encore croire à cette stratégie ?"]
    quoted = "Il a demandé : « Qui peut encore croire à cette stratégie ? » Personne n'a répondu."
    assert of_kind(find_markers(quoted, "fr"), "analogy") == []


# Translation and copy artifacts.


def test_untranslated_bracketed_fragment() -> None:
    text = "Le NYT a souligné que “l’importance de ces gains [by Kiev] reste floue.”"
    assert of_kind(find_markers(text, "fr"), "translation_artifact") == ["[by Kiev]"]


def test_english_caption_in_a_french_text_but_not_a_french_line() -> None:
    text = (
        "The US Army conducts live fire testing at White Sands Missile Range, 14 December, 2021\n\n"
        "Le président a autorisé l’usage des missiles dans le cadre de la guerre.\n"
    )
    artifacts = [m for m in find_markers(text, "fr") if m.kind == "translation_artifact"]
    assert [m.text for m in artifacts] == [text.splitlines()[0]]
    assert "English" in artifacts[0].why


def test_duplicated_line_is_marked_once_and_a_repeated_title_is_not() -> None:
    title = "Les conseillers envisagent un soutien militaire à l'Ukraine cette semaine"
    caption = "Une femme marche au milieu des chars russes détruits à Bucha, le 3 avril 2022."
    text = f"{title}\n\n{title.replace(chr(39), '’')}\n\nTexte.\n\n{caption}\n{caption}\n"
    found = [m for m in find_markers(text, "fr") if m.kind == "translation_artifact"]
    assert [m.text for m in found] == [caption]
    assert found[0].start == text.rindex(caption)


# Who speaks, anonymous sources, furniture.


def test_speakers_and_anonymous_sources_come_from_the_attribution_sources() -> None:
    text = "Moscou a soutenu que la mesure était défensive, citant un responsable américain anonyme."
    unnamed = "un responsable américain anonyme"
    at = text.index(unnamed)
    sources = [
        Source("organization", "Moscou", 0, 6, cue="a soutenu", speaker_kind="organization"),
        Source("anonymous", unnamed, at, at + len(unnamed), cue="citant"),
    ]
    markers = find_markers(text, "fr", sources=sources)
    [speaker] = [m for m in markers if m.kind == "attribution_to_opponent"]
    assert speaker.text == "Moscou a soutenu que"
    assert speaker.why.startswith("Russian side speaks")
    assert of_kind(markers, "anonymous") == ["un responsable américain anonyme"]
    assert check_offsets(text, markers) == []


def test_a_speaker_of_no_known_side_is_not_framing() -> None:
    text = "Patrick Bolder, expert en défense, souligne que la coopération était solide."
    sources = [Source("person", "Patrick Bolder", 0, 14, cue="souligne", speaker_kind="person")]
    assert of_kind(find_markers(text, "fr", sources=sources), "attribution_to_opponent") == []


def test_without_sources_there_are_no_speaker_markers_but_for_a_side_heading_its_sentence() -> None:
    markers = find_markers("Selon Moscou, la mesure était défensive. Un responsable a confirmé la frappe.", "fr")
    assert of_kind(markers, "attribution_to_opponent") == [] and of_kind(markers, "anonymous") == []


def test_a_country_with_its_article_heading_a_sentence_before_a_reporting_verb_speaks_for_its_side() -> None:
    text = ("La Russie avait auparavant mis en garde les États-Unis. La Défense a annoncé un exercice. "
            "Les responsables américains ont déclaré leur soutien. The Kremlin has denied it.")
    found = [(m.text, m.why.split(":")[0]) for m in find_markers(text, "fr") if m.kind == "attribution_to_opponent"]
    assert found == [("La Russie avait auparavant mis en garde", "Russian side speaks")]
    english = find_markers("The Kremlin has denied the report.", "en")
    assert of_kind(english, "attribution_to_opponent") == ["The Kremlin has denied"]


def test_nothing_is_marked_inside_page_furniture() -> None:
    text = "Menu secret régime massive\n\nLe régime a lancé une offensive massive."
    furniture = [(0, text.index("\n"))]
    markers = find_markers(text, "fr", furniture=furniture)
    assert markers and all(m.start >= furniture[0][1] for m in markers)


# Languages and lexicons.


def test_language_is_guessed_from_function_words_when_missing() -> None:
    assert guess_language("les troupes de la ville et des environs sont dans le secteur") == "fr"
    assert guess_language("the troops of the city and the region are at the border") == "en"
    assert guess_language("die truppen der stadt und der region sind an der grenze") == "de"
    assert guess_language("1234 5678") == ""


@pytest.mark.parametrize("language", LEXICON_LANGUAGES)
def test_every_shipped_lexicon_loads_with_cues_stopwords_and_sides(language: str) -> None:
    lexicon = load_lexicon(language)
    assert lexicon is not None
    assert lexicon.phrases and lexicon.stopwords and lexicon.sides
    assert {g.kind for g in lexicon.groups} >= {"reportive", "loaded_or_evaluative", "analogy"}


def test_phrase_matcher_finds_whole_words_with_wildcards() -> None:
    matcher = PhraseMatcher()
    matcher.add("guerre", "war")
    matcher.add("secr*", "secret")
    matcher.add("part du lion", "idiom")
    text = "aguerris, la guerre secrète et la part du lion"
    found = [(text[s:e], p) for s, e, p in matcher.find(text)]
    assert ("guerre", "war") in found and ("secrète", "secret") in found and ("part du lion", "idiom") in found
    assert all(t != "guerr" for t, _ in found) and len([p for _, p in found if p == "war"]) == 1
