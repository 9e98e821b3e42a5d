"""Anonymous sourcing: lexicon phrases and unnamed speakers in three languages, merging, offsets, the seed articles.

Overlap rule for the seeds: a gold phrase is found when it overlaps a found anonymous span (gold phrases may be
longer than the span, as in "citant un responsable américain anonyme").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.corpus.text import fold, normalise_newlines
from provenance.extract.anonymous import UNNAMED_SPEAKER, find_anonymous
from provenance.extract.lexicon import LANGUAGES, load_lexicon_data
from provenance.extract.spans import check_offsets

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = (ROOT.parent / "shared" / "acceptance" / "seeds-gold.json", Path(__file__).parent / "seeds-gold.json")
GOLD = json.loads(next(p for p in GOLD_FILES if p.exists()).read_text(encoding="utf-8"))

# (language, sentence, a phrase the found span must overlap, the cue id expected for it)
POSITIVE = [
    ("fr", "Le responsable s'est exprimé sous couvert d'anonymat.", "sous couvert d'anonymat", "under_anonymity"),
    ("fr", "Selon un responsable américain anonyme, l'accord est proche.", "responsable américain anonyme",
     "anonymous_person"),
    ("fr", "Des sources internes indiquent que les Européens fourniraient les troupes.", "sources internes", None),
    ("fr", "L'accord est proche, selon trois personnes proches du dossier.", "personnes proches du dossier",
     "close_to_the_matter"),
    ("fr", "Selon un proche de l'ancien président, il ne se représentera pas.", "un proche de", None),
    ("fr", "Rien n'est décidé, rapportent les sources.", "rapportent les sources", UNNAMED_SPEAKER),
    ("fr", "Selon nos informations, le ministre va démissionner.", "Selon nos informations", "source_phrase"),
    ("en", "The deal is close, according to a person familiar with the matter.", "person familiar with the matter",
     "familiar_with_the_matter"),
    ("en", "Officials said the strike killed five people.", "Officials said", UNNAMED_SPEAKER),
    ("en", "The meeting took place, according to a diplomat who asked not to be named.", "who asked not to be named",
     None),
    ("en", "Troops massed at the border, according to media reports.", "according to media reports", "media_reports"),
    ("en", "Two officials spoke on condition of anonymity.", "on condition of anonymity", "under_anonymity"),
    ("de", "Aus Regierungskreisen hieß es, eine Einigung sei nahe.", "Aus Regierungskreisen", None),
    ("de", "Eine Einigung sei nahe, heißt es in Berlin.", "heißt es", "it_is_said"),
    ("de", "Ein Beamter, der nicht genannt werden will, bestätigte den Bericht.", "der nicht genannt werden will",
     None),
    ("de", "Medienberichten zufolge verzögert sich die Lieferung.", "Medienberichten zufolge", "unnamed_sources"),
    ("de", "Das bestätigten zwei mit der Sache vertraute Personen.", "mit der Sache vertraute Personen",
     "familiar_person"),
]


@pytest.mark.parametrize(("language", "text", "phrase", "cue"), POSITIVE)
def test_anonymous_phrase_is_found(language: str, text: str, phrase: str, cue: str | None) -> None:
    found = find_anonymous(text, language)
    start = fold(text).index(fold(phrase))
    hits = [s for s in found if s.start < start + len(phrase) and start < s.end]
    assert hits, found
    assert all(s.kind == "anonymous" and s.role == "body" for s in found)
    if cue is not None:
        assert hits[0].cue == cue


NEGATIVE = [
    ("fr", "Les proches des victimes se sont rassemblés devant la mairie."),
    ("fr", "Une source d'énergie renouvelable couvre désormais 30 % des besoins."),
    ("fr", "Le responsable et les personnes proches du dossier ont quitté la salle."),
    ("fr", "Ce document historique est exposé au musée jusqu'en mars."),
    ("fr", "Le sénateur Mark Warner a déclaré que la coopération était étroite."),
    ("en", "Renewable energy is now a major source of power for the region."),
    ("en", "Relatives of the victims gathered outside city hall."),
    ("en", "Senator Mark Warner said the cooperation was close."),
    ("de", "Erneuerbare Energien sind inzwischen eine wichtige Quelle für Strom."),
    ("de", "Bundeskanzler Olaf Scholz sagte, die Lage sei ernst."),
]


@pytest.mark.parametrize(("language", "text"), NEGATIVE)
def test_identified_or_plain_uses_give_nothing(language: str, text: str) -> None:
    assert find_anonymous(text, language) == []


def test_neighbouring_phrases_of_one_sentence_merge() -> None:
    text = "Il aurait donné son accord, selon un responsable américain et trois personnes proches du dossier."
    (span,) = find_anonymous(text, "fr")
    assert span.text == "selon un responsable américain et trois personnes proches du dossier"


def test_phrases_of_different_sentences_stay_apart() -> None:
    text = "Selon nos informations, il part. Des sources internes indiquent qu'il reviendra."
    assert len(find_anonymous(text, "fr")) == 2


def test_cue_ids_come_from_the_lexicons() -> None:
    ids = {entry["id"] for language in LANGUAGES for entry in load_lexicon_data(language)["anonymous"]}
    ids.add(UNNAMED_SPEAKER)
    text = "Selon nos informations, il part. Officials said it was over. Aus Regierungskreisen hieß es, man warte."
    found = find_anonymous(text, "")
    assert len(found) == 3 and {s.cue for s in found} <= ids


@pytest.mark.parametrize("article", GOLD["articles"], ids=lambda a: a["file"].split("/")[-1][:3])
def test_seed_anonymous_cues_are_found_with_at_most_one_extra(article: dict) -> None:
    text = normalise_newlines((ROOT / article["file"]).read_text(encoding="utf-8"))
    found = find_anonymous(text, "fr")
    assert check_offsets(text, found) == []
    gold_spans = []
    for phrase in article["anonymous_cues"]:
        start = fold(text).find(fold(phrase))
        assert start >= 0, phrase
        gold_spans.append((start, start + len(phrase)))
    missing = [g for g in gold_spans if not any(s.start < g[1] and g[0] < s.end for s in found)]
    assert missing == []
    extra = [s.text for s in found if not any(s.start < g[1] and g[0] < s.end for g in gold_spans)]
    assert len(extra) <= 1, extra


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400), st.sampled_from(
    ["fr", "en", "de", "", "xx"]))
def test_arbitrary_text_never_raises_and_keeps_offsets(text: str, language: str) -> None:
    found = find_anonymous(text, language)
    assert check_offsets(text, found) == []
    assert all(s.start < s.end for s in found)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "selon ", "un responsable ", "américain ", "anonyme", "sous couvert d\u2019anonymat", " proches du dossier",
    "officials ", "said", " familiar with the matter", "aus Regierungskreisen", " heißt es", ", ", ". ", "\n",
    "der nicht genannt werden will", "\u00a0", "« ", " »",
]), max_size=30), st.sampled_from(["fr", "en", "de", ""]))
def test_cue_soup_never_raises_and_spans_do_not_overlap(pieces: list[str], language: str) -> None:
    text = "".join(pieces)
    found = find_anonymous(text, language)
    assert check_offsets(text, found) == []
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
