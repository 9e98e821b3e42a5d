"""Hand-written articles for the evaluation set, annotated by phrase (the builder finds the offsets).

Speakers are annotated by their core (the name, or the head phrase of an organisation or unnamed source); anonymous
phrases by the words that make the sourcing anonymous. Outlet mentions stand for what the outlet registry finds.
"""

from __future__ import annotations

from tests.eval.builder import from_phrases

FR = [
    (
        "Le gouvernement ukrainien a démenti lundi toute implication dans l'attaque. « Nous n'avons rien à voir avec "
        "cette opération », a déclaré le porte-parole du ministère des Affaires étrangères, Heorhiy Tykhy, lors d'un "
        "point presse à Kiev. Selon le Wall Street Journal, qui cite des responsables occidentaux, les services de "
        "renseignement étaient pourtant informés du projet depuis plusieurs mois.\n\nLa Russie a renforcé ses "
        "défenses le long de la frontière. Moscou accuse Kiev de mener une « guerre terroriste », a affirmé mardi "
        "Maria Zakharova. Un diplomate européen, qui a requis l'anonymat, estime que les discussions de paix sont "
        "compromises.",
        [("gouvernement ukrainien", "organization"), ("Heorhiy Tykhy", "person"), ("Wall Street Journal", "outlet"),
         ("responsables occidentaux", "anonymous"),
         ("Moscou", "organization"), ("Maria Zakharova", "person"), ("diplomate européen", "anonymous")],
        ["des responsables occidentaux", "diplomate européen", "qui a requis l'anonymat"],
        [("Wall Street Journal", "Wall Street Journal")],
    ),
    (
        "La grève des contrôleurs aériens devrait perturber le trafic jusqu'à jeudi. La direction générale de "
        "l'aviation civile a demandé aux compagnies de réduire leurs programmes de vols de moitié. « Nous "
        "n'avons pas d'autre choix », explique Paul Martin, délégué syndical. D'après des sources proches des "
        "négociations, un accord pourrait être trouvé avant le week-end. Le ministre des Transports a reconnu "
        "que la situation était « très difficile ». Les voyageurs ont dit leur colère dans les aéroports.",
        [("Paul Martin", "person"), ("sources proches des négociations", "anonymous"),
         ("ministre des Transports", "person")],
        ["des sources proches des négociations"],
        [],
    ),
    (
        "Dans un communiqué publié samedi, l'Organisation mondiale de la santé a averti que l'épidémie pourrait "
        "s'étendre aux pays voisins. Le directeur général de l'OMS, Tedros Adhanom Ghebreyesus, a appelé à "
        "renforcer la surveillance. Selon un document interne consulté par l'AFP, les stocks de vaccins ne "
        "suffiraient que pour trois semaines. Un médecin sur place, qui s'exprimait sous couvert d'anonymat, "
        "décrit des hôpitaux saturés.",
        [("Organisation mondiale de la santé", "organization"), ("Tedros Adhanom Ghebreyesus", "person"),
         ("médecin sur place", "anonymous")],
        ["un document interne", "sous couvert d'anonymat"],
        [("AFP", "AFP")],
    ),
]
EN = [
    (
        "Ukraine's military said on Monday it had shot down 40 of 52 drones launched overnight. \"The attack "
        "targeted energy infrastructure in the west,\" Air Force spokesman Yuriy Ihnat told national television. "
        "Two U.S. officials, who spoke on condition of anonymity because they were not authorized to discuss the "
        "matter, said Washington was weighing new air-defense deliveries.\n\nThe Kremlin has denied targeting "
        "civilians. Russia's Defense Ministry claimed the strikes hit \"military-industrial facilities,\" "
        "according to the state news agency TASS.",
        [("military", "organization"), ("Yuriy Ihnat", "person"), ("U.S. officials", "anonymous"),
         ("Kremlin", "organization"), ("Defense Ministry", "organization"), ("TASS", "outlet")],
        ["Two U.S. officials", "on condition of anonymity", "not authorized to discuss the matter"],
        [("TASS", "TASS")],
    ),
    (
        "Shares of the carmaker fell 8 percent after it cut its profit forecast. Chief financial officer Arno "
        "Antlitz told analysts that demand in China had weakened sharply. A person familiar with the company's "
        "plans said further job cuts were being discussed. The union has warned it will strike if plants are "
        "closed. Investors have had their say: the stock is down 30 percent this year.",
        [("Arno Antlitz", "person"), ("person familiar with the company's plans", "anonymous"),
         ("union", "organization")],
        ["A person familiar with the company's plans"],
        [],
    ),
    (
        "The storm knocked out power to 200,000 homes, according to the utility. Governor Kathy Hochul declared "
        "a state of emergency on Sunday night. \"Stay off the roads,\" she said. Officials said at least three "
        "people had died. The National Weather Service predicted more snow for Tuesday.",
        [("utility", "organization"), ("Kathy Hochul", "person"),
         ("Officials", "anonymous"), ("National Weather Service", "organization")],
        ["Officials said"],
        [],
    ),
]
DE = [
    (
        "Die Bundesregierung hat die Angriffe auf die Ukraine scharf verurteilt. \"Das ist ein klarer Bruch des "
        "Völkerrechts\", sagte Regierungssprecher Steffen Hebestreit am Montag in Berlin. Nach Angaben des "
        "ukrainischen Militärs wurden in der Nacht mehr als 40 Drohnen abgefangen. Aus Sicherheitskreisen hieß "
        "es, man rechne mit weiteren Angriffen.\n\nDer Kreml wies die Vorwürfe zurück. Russland greife "
        "ausschließlich militärische Ziele an, erklärte Kremlsprecher Dmitri Peskow.",
        [("Steffen Hebestreit", "person"), ("ukrainischen Militärs", "organization"), ("Kreml", "organization"),
         ("Dmitri Peskow", "person")],
        ["Aus Sicherheitskreisen hieß es"],
        [],
    ),
    (
        "Der Autobauer will bis 2030 rund 35.000 Stellen abbauen. Betriebsratschefin Daniela Cavallo kündigte "
        "Widerstand an. Einem Bericht des Handelsblatts zufolge prüft der Konzern auch die Schließung eines "
        "Werks. Ein Unternehmenssprecher wollte sich dazu nicht äußern. Wie aus Konzernkreisen verlautete, "
        "soll der Vorstand noch im Dezember entscheiden.",
        [("Daniela Cavallo", "person"), ("Handelsblatts", "outlet")],
        ["Wie aus Konzernkreisen verlautete"],
        [("Handelsblatts", "Handelsblatt")],
    ),
    (
        "Die Polizei hat nach der Demonstration in Leipzig 23 Personen festgenommen. Ein Polizeisprecher sagte, "
        "die Lage sei am Abend eskaliert. Laut Veranstaltern nahmen rund 5000 Menschen teil. Ein Beamter, der "
        "nicht genannt werden wollte, sprach von gezielten Angriffen auf Einsatzkräfte.",
        [("Polizeisprecher", "organization"), ("Veranstaltern", "organization"), ("Beamter", "anonymous")],
        ["Ein Beamter, der nicht genannt werden wollte"],
        [],
    ),
]


def documents(language: str) -> list[dict]:
    """The hand-written documents of ``language`` in the evaluation format."""
    articles = {"fr": FR, "en": EN, "de": DE}[language]
    return [
        from_phrases(f"{language}-hand-{number}", language, text, speakers, anonymous, outlets)
        for number, (text, speakers, anonymous, outlets) in enumerate(articles)
    ]
