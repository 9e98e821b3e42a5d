"""Attributions: cue forms and word orders in French, English and German, speaker kinds, offsets, the seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.corpus.text import normalise_newlines
from provenance.extract.attribution import find_attributions
from provenance.extract.lexicon import LANGUAGES, get_lexicon, load_lexicon_data
from provenance.extract.outlets import find_outlets
from provenance.extract.registry import default_registry
from provenance.extract.sentences import sentence_spans
from provenance.extract.spans import Source, check_offsets

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = (ROOT.parent / "shared" / "acceptance" / "seeds-gold.json", Path(__file__).parent / "seeds-gold.json")
GOLD = json.loads(next(p for p in GOLD_FILES if p.exists()).read_text(encoding="utf-8"))


def speakers(text: str, language: str, outlets=()) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_attributions(text, language, outlets)]


# (language, sentence, speaker span, kind, cue)
POSITIVE = [
    ("fr", "Le sénateur Mark Warner a déclaré dimanche que les gains étaient réels.", "Le sénateur Mark Warner",
     "person", "a déclaré"),
    ("fr", "« Nous tiendrons », a affirmé le président ukrainien Volodymyr Zelensky.",
     "le président ukrainien Volodymyr Zelensky", "person", "a affirmé"),
    ("fr", "Selon le ministère russe de la Défense, les troupes se sont regroupées.", "le ministère russe de la Défense",
     "organization", "Selon"),
    ("fr", "D'après Moscou, la mesure était prévue.", "Moscou", "organization", "D'après"),
    ("fr", "Warner, qui préside la commission du renseignement, a déclaré que la coopération était étroite.", "Warner",
     "person", "a déclaré"),
    ("fr", "Moscou a soutenu que la mesure visait à renforcer ses forces.", "Moscou", "organization", "a soutenu"),
    ("fr", "L'union des soldats en Allemagne avertit que des milliers de soldats seront nécessaires.",
     "L'union des soldats en Allemagne", "organization", "avertit"),
    ("fr", "La paix reste possible, comme l'a souligné le Premier ministre néerlandais Schoof.",
     "le Premier ministre néerlandais Schoof", "person", "comme l'a souligné"),
    ("fr", "Une déclaration du Pentagone confirme que les options sont prêtes.", "Pentagone", "organization",
     "confirme"),
    ("fr", "La syndicaliste Sophie Binet estime que la réforme est injuste.", "La syndicaliste Sophie Binet", "person",
     "estime"),
    ("fr", "Un responsable a affirmé que les États-Unis avaient discuté avec l'Ukraine.", "Un responsable",
     "anonymous", "a affirmé"),
    ("fr", "Le président élu Trump a indiqué qu'il pourrait pousser l'Ukraine à négocier.", "Le président élu Trump",
     "person", "a indiqué"),
    ("en", "Ukrainian President Volodymyr Zelensky said on Sunday that troops had advanced.",
     "Ukrainian President Volodymyr Zelensky", "person", "said"),
    ("en", '"We will not back down," said Senator Mark Warner.', "Senator Mark Warner", "person", "said"),
    ("en", "According to the Russian Defense Ministry, the troops regrouped.", "the Russian Defense Ministry",
     "organization", "According to"),
    ("en", "Talks would resume next week, the Kremlin said.", "the Kremlin", "organization", "said"),
    ("en", "Two officials who asked not to be named said the strike was planned.", "Two officials", "anonymous",
     "said"),
    ("en", "A spokesman for the Pentagon said the review was under way.", "Pentagon", "organization", "said"),
    ("en", "Ursula von der Leyen has warned that the deadline cannot move.", "Ursula von der Leyen", "person",
     "has warned"),
    ("en", "The situation is grave, Moscow estimated.", "Moscow", "organization", "estimated"),
    ("de", "Am Montag sagte Bundeskanzler Olaf Scholz, die Lage sei ernst.", "Bundeskanzler Olaf Scholz", "person",
     "sagte"),
    ("de", '"Wir bleiben standhaft", so Außenministerin Annalena Baerbock.', "Außenministerin Annalena Baerbock",
     "person", "so"),
    ("de", "Laut dem Verteidigungsministerium in Moskau wurden drei Drohnen abgeschossen.",
     "dem Verteidigungsministerium in Moskau", "organization", "Laut"),
    ("de", "Die Bundesregierung teilte am Montag mit, man prüfe die Vorwürfe.", "Die Bundesregierung", "organization",
     "teilte"),
    ("de", "Dem Bericht des Spiegel zufolge plant die Regierung neue Schulden.", "Spiegel", "outlet", "zufolge"),
    ("de", "In Berlin versicherte Nato-Generalsekretär Mark Rutte, die Allianz stehe zusammen.",
     "Nato-Generalsekretär Mark Rutte", "person", "versicherte"),
    ("de", "Ein ranghoher Beamter, der nicht genannt werden will, bestätigte den Bericht.", "Ein ranghoher Beamter",
     "anonymous", "bestätigte"),
    ("de", "Wie Scholz am Montag sagte, werde Deutschland helfen.", "Scholz", "person", "sagte"),
    ("de", "Der Minister gab Fehler zu.", "Der Minister", "person", "gab"),
    ("de", "Wie ein Sprecher des Innenministeriums auf Anfrage mitteilte, wird der Fall geprüft.", "Innenministeriums",
     "organization", "mitteilte"),
    ("fr", "« C'est inacceptable », dénonce l'association.", "l'association", "organization", "dénonce"),
    ("en", "A senior Hamas official said negotiations had stalled.", "A senior Hamas official", "anonymous", "said"),
]


@pytest.mark.parametrize(("language", "text", "speaker", "kind", "cue"), POSITIVE)
def test_finds_speaker_kind_and_cue(language: str, text: str, speaker: str, kind: str, cue: str) -> None:
    found = find_attributions(text, language)
    assert [(s.text, s.kind, s.cue) for s in found] == [(speaker, kind, cue)]
    assert found[0].speaker_kind == kind and found[0].role == "body"


NEGATIVE = [
    ("fr", "La Russie a envoyé des troupes en Ukraine le 24 février."),
    ("fr", "Les soldats ont rapporté du matériel au camp de base."),
    ("fr", "Le Kremlin a reconnu l'indépendance des deux régions."),
    ("fr", "L'armée a ajouté trois brigades à son dispositif."),
    ("fr", "Selon le calendrier prévu, les travaux s'achèveront en juin."),
    ("fr", "Le rapport annuel sera publié la semaine prochaine."),
    ("en", "The army added three brigades to its forces in the east."),
    ("en", "Voters will have their say in the referendum next year."),
    ("en", "The United States and Canada share the world's longest border."),
    ("en", "According to the schedule, the work will be finished in June."),
    ("en", "The report, published by a think tank, said Russian forces had advanced."),
    ("fr", "Le ministre a critiqué le projet."),
    ("fr", "Les habitants ont dit adieu au vieux pont."),
    ("de", '"Es gibt keine Alternative", heißt es in dem Papier.'),
    ("de", "Die Regierung sagte das Treffen am Montag ab."),
    ("de", "Die Firma gab neue Aktien aus."),
    ("de", "Die Entscheidung fiel nach langen Beratungen am späten Abend."),
    ("de", "Nach dem Zeitplan sollen die Arbeiten im Juni abgeschlossen sein."),
    ("de", "Die Soldaten brachten Ausrüstung zurück ins Lager."),
]


@pytest.mark.parametrize(("language", "text"), NEGATIVE)
def test_non_reporting_sentences_give_nothing(language: str, text: str) -> None:
    assert speakers(text, language) == []


def test_pronoun_takes_the_speaker_last_named() -> None:
    text = "Le ministre Jean Dupont a déclaré que tout allait bien. « Nous sommes prêts », a-t-il ajouté."
    found = find_attributions(text, "fr")
    assert [(s.text, s.cue) for s in found] == [("Le ministre Jean Dupont", "a déclaré"),
                                                ("Le ministre Jean Dupont", "a-t-il ajouté")]
    assert found[0].sentence_start != found[1].sentence_start


def test_sentence_bounds_cover_the_cue() -> None:
    text = "Il pleuvait. Selon Bolder, l'Ukraine a gagné en autonomie. Fin."
    (found,) = find_attributions(text, "fr")
    assert text[found.sentence_start : found.sentence_end] == "Selon Bolder, l'Ukraine a gagné en autonomie."


def test_speaker_overlapping_an_outlet_mention_is_that_outlet() -> None:
    text = "Samedi, le New York Times a rapporté que Kiev avait intensifié le partage de renseignements."
    start = text.index("New York Times")
    outlet = Source(kind="outlet", text="New York Times", start=start, end=start + 14,
                    outlet="The New York Times", domain="nytimes.com")
    (found,) = find_attributions(text, "fr", [outlet])
    assert (found.kind, found.speaker_kind, found.outlet, found.domain) == (
        "outlet", "outlet", "The New York Times", "nytimes.com")
    (alone,) = find_attributions(text, "fr")
    assert alone.outlet == "" and alone.kind == "outlet"  # "Times" marks a publication even without the registry


def test_recipient_outlet_is_not_the_speaker() -> None:
    text = "« Ce type de collaboration montre notre force », a déclaré dimanche le sénateur Mark Warner à CNN."
    assert speakers(text, "fr") == [("person", "le sénateur Mark Warner")]


def test_typographic_text_keeps_offsets() -> None:
    text = "Selon l\u2019ancien président Piotr Porochenko,\u00a0l\u2019objectif était de gagner du temps."
    found = find_attributions(text, "fr")
    assert [s.text for s in found] == ["l\u2019ancien président Piotr Porochenko"]
    assert check_offsets(text, found) == []


@pytest.mark.parametrize("language", ["", "xx", "nl", "FR", None])
def test_unknown_or_odd_language_tries_every_lexicon(language) -> None:
    found = find_attributions("Le sénateur Mark Warner a déclaré que tout allait bien.", language)
    assert [s.text for s in found] == ["Le sénateur Mark Warner"]


def test_lexicons_cover_the_cues_the_issue_names() -> None:
    required = {
        "fr": ["dit", "a déclaré", "affirme", "indique", "a rapporté", "souligne", "estime", "ajoute", "assure",
               "explique", "a confié", "précise", "annonce", "avertit", "reconnaît", "selon", "d'après"],
        "en": ["said", "told", "reported", "claims", "stated", "warned", "according to"],
        "de": ["sagte", "erklärte", "berichtete", "betonte", "laut", "zufolge"],
    }
    for language, cues in required.items():
        lexicon = get_lexicon(language)
        for cue in cues:
            form = cue.split()[-1] if cue.startswith(("a ", "has ")) else cue
            assert form in lexicon.cue_class, (language, cue)


def test_every_lexicon_declares_its_language() -> None:
    for language in LANGUAGES:
        assert load_lexicon_data(language)["language"] == language


# The seed articles: every named source of the gold file is found, with at most one false positive per kind.

def _seed(article: dict) -> tuple[str, list[Source]]:
    text = normalise_newlines((ROOT / article["file"]).read_text(encoding="utf-8"))
    return text, find_attributions(text, "fr", find_outlets(text, default_registry(), language="fr"))


@pytest.mark.parametrize("article", GOLD["articles"], ids=lambda a: a["file"].split("/")[-1][:3])
def test_seed_named_sources_are_found(article: dict) -> None:
    text, found = _seed(article)
    named = [s for s in found if s.kind in ("person", "organization")]
    missing = [g for g in article["named_sources"] if not any(g in s.text for s in named)]
    assert missing == []
    assert check_offsets(text, found) == []


@pytest.mark.parametrize("article", GOLD["articles"], ids=lambda a: a["file"].split("/")[-1][:3])
def test_seed_false_positives_stay_within_one_per_kind(article: dict) -> None:
    _, found = _seed(article)
    for kind in ("person", "organization"):
        spans = {s.text for s in found if s.kind == kind}
        extra = [s for s in spans if not any(g in s for g in article["named_sources"])]
        assert len(extra) <= 1, (kind, extra)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400), st.sampled_from(
    ["fr", "en", "de", "", "xx"]))
def test_arbitrary_text_never_raises_and_keeps_offsets(text: str, language: str) -> None:
    found = find_attributions(text, language)
    assert check_offsets(text, found) == []
    for source in found:
        assert 0 <= source.sentence_start <= source.sentence_end <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "Selon ", "Le sénateur ", "Mark Warner", " a déclaré", " que ", ", ", "« ", " »", ".", "\n", "a-t-il ajouté",
    "said", " According to ", "officials ", "laut ", " zufolge", "sagte ", "M. ", "U.S. ", "qui ", "l\u2019",
    "\u00a0", "Moscou", " - ", "(", ")", "\"",
]), max_size=40), st.sampled_from(["fr", "en", "de", ""]))
def test_cue_soup_never_raises_and_keeps_offsets(pieces: list[str], language: str) -> None:
    text = "".join(pieces)
    found = find_attributions(text, language)
    assert check_offsets(text, found) == []


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_sentences_are_ordered_trimmed_spans(text: str) -> None:
    spans = sentence_spans(text)
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous = end
