"""The outlet registry and outlet mentions: case rules, word boundaries, credits, "the paper"."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.errors import InputError
from provenance.extract import outlets as outlets_module
from provenance.extract.outlets import find_outlets
from provenance.extract.registry import Registry, default_registry, load_registry, read_outlets_csv
from provenance.extract.spans import check_offsets

FIXTURE = Path(__file__).parent / "eval" / "outlets_fixture.csv"


@pytest.fixture(scope="module")
def registry() -> Registry:
    outlets, problems = read_outlets_csv(FIXTURE)
    assert not problems
    return Registry(outlets)


def mentions(text: str, registry: Registry) -> list[tuple[str, str, str]]:
    found = find_outlets(text, registry)
    assert not check_offsets(text, found)
    return [(s.text, s.outlet, s.role) for s in found]


# --- registry -------------------------------------------------------------------------------------------------


def test_registry_lookup_by_name_alias_domain(registry: Registry) -> None:
    nyt = registry.lookup("The New York Times")
    assert nyt is not None and nyt.domain == "nytimes.com"
    assert registry.lookup("nyt") is nyt
    assert registry.lookup("https://www.nytimes.com/2022/09/10/x.html") is nyt
    assert registry.lookup("bbc.com").name == "BBC"
    assert registry.lookup("nobody") is None
    assert registry.lookup("") is None


def test_registry_csv_problems_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "o.csv"
    good.write_text("name,domains,aliases\nMediapart,www.mediapart.fr,\n,nodomain.fr,\nNothing,,\n", encoding="utf-8")
    outlets, problems = read_outlets_csv(good)
    assert [o.name for o in outlets] == ["Mediapart"]
    assert outlets[0].domains == ("mediapart.fr",)
    assert len(problems) == 2 and ":3:" in problems[0] and ":4:" in problems[1]
    bad = tmp_path / "bad.csv"
    bad.write_text("title,url\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        read_outlets_csv(bad)
    with pytest.raises(InputError, match="no such file"):
        read_outlets_csv(tmp_path / "absent.csv")


def test_extended_registry_replaces_by_name_and_changes_fingerprint() -> None:
    outlets, _ = read_outlets_csv("x.csv", text="name,domains,aliases\nMediapart,mediapart.fr,\n")
    base = Registry([])
    extended = base.extended(outlets, tag="u")
    assert extended.lookup("mediapart.fr").name == "Mediapart"
    assert extended.fingerprint and extended.fingerprint != base.fingerprint
    again, _ = read_outlets_csv("y.csv", text="name,domains,aliases\nMediapart,mediapart.fr,Mdp\n")
    replaced = extended.extended(again)
    assert len(replaced) == 1 and replaced.lookup("Mdp") is not None


def test_load_registry_with_extra_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.csv"
    extra.write_text("name,domains,aliases\nBlog du Coin,blogducoin.example,\n", encoding="utf-8")
    registry = load_registry([extra])
    assert registry.lookup("Blog du Coin") is not None
    assert len(registry) == len(default_registry()) + 1


def test_shipped_registry_is_large_and_indexed() -> None:
    registry = default_registry()
    if not outlets_module.AMBIGUOUS_FILE.exists():
        pytest.fail("ambiguous outlet list missing")
    if len(registry) == 0:
        pytest.skip("outlets.csv not shipped in this tree")
    assert len(registry) >= 300
    assert registry.lookup("nytimes.com") is not None


# --- matching -------------------------------------------------------------------------------------------------


def test_matcher_is_built_once_per_registry(registry: Registry) -> None:
    assert outlets_module.matcher_for(registry) is outlets_module.matcher_for(registry)


def test_names_aliases_and_case_variants(registry: Registry) -> None:
    text = "Selon le New York Times et le NYT, puis REUTERS et l'AFP, d'après CNN."
    assert mentions(text, registry) == [
        ("New York Times", "The New York Times", "body"),
        ("NYT", "The New York Times", "body"),
        ("REUTERS", "Reuters", "body"),
        ("AFP", "Agence France-Presse", "body"),
        ("CNN", "CNN", "body"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The cap was rt and the app was ap.",  # lower-case acronyms are words
        "RTL-Z and AP-HP are not outlets here; CNNs neither; RTE nor APNEA.",
        "Time is running out; in der Zeit; the guardian of the tomb.",
        "Write to desk@cnn.com",
        "le monde entier et la bild",
    ],
)
def test_no_mention_inside_words_or_on_common_words(text: str, registry: Registry) -> None:
    assert mentions(text, registry) == []


def test_ambiguous_names_need_context(registry: Registry) -> None:
    assert mentions("Die Zeit berichtet, laut Bild.", registry) == [
        ("Die Zeit", "Die Zeit", "body"),
        ("Bild", "Bild", "body"),
    ]
    assert mentions("In an interview with Time magazine, she said so.", registry) == [("Time", "Time", "body")]
    assert [m[0] for m in mentions("Das zeigte ein Artikel im „Spiegel“.", registry)] == ["Spiegel"]


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("GENÈVE (ats/nxp) - Le Conseil fédéral a décidé.", "ats"),
        ("WASHINGTON (Reuters) - The Senate voted.", "Reuters"),
        ("Photo: John Smith/AP", "AP"),
        ("© AFP", "AFP"),
        ("Lire la suite Les États-Unis ont augmenté le partage – NYT\n", "NYT"),
        ("This story originally appeared on Grist and is republished here.", "Grist"),
        ("Berlin (dpa) - Die Regierung plant.", "dpa"),
        ("Mit Material von dpa und AFP", "dpa"),
        ("Quelle: Zeit Online", "Zeit Online"),
    ],
)
def test_credits(text: str, credited: str, registry: Registry) -> None:
    found = mentions(text, registry)
    assert (credited, "credit") in [(t, r) for t, _, r in found]


def test_paren_that_is_not_a_credit(registry: Registry) -> None:
    found = mentions("(selon CNN, la ville est tombée)", registry)
    assert found == [("CNN", "CNN", "body")]


def test_the_paper_resolves_to_the_outlet_named_before(registry: Registry) -> None:
    text = "Le New York Times a publié une enquête. Selon le journal, Kiev a partagé ses plans. " * 1
    found = mentions(text, registry)
    assert ("le journal", "The New York Times", "body") in found
    english = "CNN first reported it. The Guardian said more. The paper's editors declined to comment."
    found = mentions(english, registry)
    assert ("The paper", "The Guardian", "body") in found


def test_the_paper_not_resolved_to_an_agency_or_without_antecedent(registry: Registry) -> None:
    assert mentions("(Reuters) - The paper said nothing.", registry) == [("Reuters", "Reuters", "credit")]
    assert mentions("Le journal officiel publie le décret. Le journal de 20 heures.", registry) == []


def test_headline_anaphor_resolves_forward(registry: Registry) -> None:
    text = "Un responsable a parlé au journal.\n\nLe New York Times a rapporté samedi que tout a changé."
    found = mentions(text, registry)
    assert found[0] == ("au journal", "The New York Times", "body")


def test_mentions_across_typographic_spaces(registry: Registry) -> None:
    text = "d\u2019après le\u00a0New\u00a0York Times, l\u2019AFP"
    found = mentions(text, registry)
    assert [o for _, o, _ in found] == ["The New York Times", "Agence France-Presse"]


# --- evaluation snippets (tests/eval/outlets_cases.jsonl) ---------------------------------------------------------


@pytest.mark.parametrize("layer", ["outlets", "urls"])
@pytest.mark.parametrize("language", ["fr", "en", "de"])
def test_evaluation_snippets(language: str, layer: str) -> None:
    from tests.eval.outlets_score import precision_recall, score

    if len(default_registry()) == 0:
        pytest.skip("outlets.csv not shipped in this tree")
    count = score()[(language, layer)]
    precision, recall = precision_recall(count)
    assert count["tp"] > 0
    assert precision >= 0.9 and recall >= 0.9, f"{language} {layer}: {dict(count)}"


def test_short_forms_of_outlets_already_named(registry: Registry) -> None:
    extra, _ = read_outlets_csv(
        "x.csv",
        text="name,domains,aliases,country,type,languages\n"
        "Süddeutsche Zeitung,sueddeutsche.de,SZ,DE,newspaper,de\n"
        "The Washington Post,washingtonpost.com,Washington Post,US,newspaper,en\n",
    )
    extended = registry.extended(extra)
    text = "The New York Times reported it first. The Times said the Post was wrong; the times are hard."
    found = mentions(text, extended)
    assert ("The Times", "The New York Times", "body") in found
    assert not any(t == "the Post" for t, _, _ in found)  # the Washington Post was never named
    german = "Laut Süddeutscher Zeitung ist das klar. Die Süddeutsche berichtet, der Süddeutschen zufolge."
    assert [o for _, o, _ in mentions(german, extended)] == ["Süddeutsche Zeitung"] * 3


def test_registry_domains_are_normalised_and_hosts_resolved() -> None:
    from provenance.extract.registry import normal_domain

    assert normal_domain("https://www.BBC.co.uk/news") == "bbc.co.uk"
    assert normal_domain("edition.cnn.com") == "cnn.com"
    assert normal_domain("www.idf.il") == "idf.il"
    outlets, _ = read_outlets_csv("x.csv", text="name,domains\nIDF,www.idf.il\nCNN,cnn.com\n")
    registry = Registry(outlets)
    assert registry.by_host("https://www.idf.il/en/x").name == "IDF"
    assert registry.by_host("http://edition.cnn.com/2024/x").name == "CNN"
    assert registry.by_host("https://example.org/") is None


def test_people_named_like_outlets_and_retweets(registry: Registry) -> None:
    extra, _ = read_outlets_csv("x.csv", text="name,domains,type\nBloomberg,bloomberg.com,newspaper\n")
    extended = registry.extended(extra)
    text = "The plan, said Michael Bloomberg, is sound. According to Bloomberg, it is not. RT @user: CNN agrees."
    assert [(t, o) for t, o, _ in mentions(text, extended)] == [("Bloomberg", "Bloomberg"), ("CNN", "CNN")]


@pytest.mark.parametrize("language", ["fr", "en", "de"])
def test_outlets_marked_in_the_attribution_evaluation_set(language: str) -> None:
    """The attribution evaluation set marks the outlets its sentences name; nearly all must be found, and little else."""
    import json

    path = Path(__file__).parent / "eval" / f"{language}.jsonl"
    documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not documents or "outlets" not in documents[0] or len(default_registry()) == 0:
        pytest.skip("no outlet marks in the evaluation set, or no shipped registry")
    tp = fn = fp = 0
    for document in documents:
        found = find_outlets(document["text"], default_registry(), language=language)
        gold = document["outlets"]
        hit = [any(f.start < g["end"] and g["start"] < f.end for f in found) for g in gold]
        tp, fn = tp + sum(hit), fn + hit.count(False)
        fp += sum(1 for f in found if not any(f.start < g["end"] and g["start"] < f.end for g in gold))
    assert tp and tp / (tp + fn) >= 0.9 and tp / (tp + fp) >= 0.9, (tp, fn, fp)
