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

# Written after the extractor and scored once before any change to it: attribution precision / recall were then
# fr 0.80 / 0.50, en 0.83 / 0.71, de 1.00 / 0.57, anonymous sourcing fr 1.00 / 0.33, en 0.67 / 1.00, de 1.00 / 1.00
# (8, 7 and 7 attributions; 3, 2 and 1 anonymous phrases). The fixes they prompted are general rules, and these
# articles are now part of the set like the others.
HELD_OUT_FR = [
    (
        "Le président de la République a reçu mardi les dirigeants des principaux partis à l'Élysée. À la sortie "
        "de la réunion, le patron des sénateurs LR, Mathieu Darnaud, a jugé les échanges « utiles mais "
        "insuffisants ». La cheffe de file des écologistes, Marine Tondelier, a dénoncé pour sa part une "
        "« opération de communication ». Selon un participant, le chef de l'État n'a fait aucune annonce. "
        "L'entourage du président assure au contraire que « des pistes concrètes » ont été évoquées.",
        [("Mathieu Darnaud", "person"), ("Marine Tondelier", "person"), ("participant", "anonymous"),
         ("entourage du président", "anonymous")],
        ["Selon un participant", "L'entourage du président"],
        [],
    ),
    (
        "Les inondations ont fait au moins quatre morts dans le Var, a indiqué dimanche la préfecture. « Les "
        "secours sont toujours mobilisés », a précisé le préfet Philippe Mahé lors d'un point presse. Météo-France "
        "prévoit de nouvelles pluies jeudi. D'après un pompier interrogé par Var-Matin, plusieurs routes restent "
        "coupées. Le gouvernement a promis une aide d'urgence aux communes sinistrées.",
        [("préfecture", "organization"), ("Philippe Mahé", "person"), ("pompier", "anonymous"),
         ("Météo-France", "organization")],
        ["D'après un pompier"],
        [("Var-Matin", "Var-Matin")],
    ),
]
HELD_OUT_EN = [
    (
        "Israel's military said on Tuesday it had struck dozens of targets overnight. Health officials in Gaza "
        "said at least 30 people were killed. \"We are doing everything we can to avoid civilian casualties,\" "
        "military spokesman Lt. Col. Nadav Shoshani told reporters. A senior Hamas official, speaking on "
        "condition of anonymity, said negotiations over a truce had stalled. Egypt, which is mediating, has not "
        "commented.",
        [("military", "organization"), ("Health officials", "anonymous"), ("Nadav Shoshani", "person"),
         ("Hamas official", "anonymous")],
        ["Health officials in Gaza said", "speaking on condition of anonymity"],
        [],
    ),
    (
        "The Federal Reserve held interest rates steady on Wednesday. Fed Chair Jerome Powell told a news "
        "conference that inflation remained \"somewhat elevated.\" Markets had expected the decision, according "
        "to analysts at Goldman Sachs. Two people familiar with the central bank's deliberations said several "
        "officials had pushed for a cut. The White House declined to comment.",
        [("Jerome Powell", "person"), ("analysts at Goldman Sachs", "organization"),
         ("people familiar with the central bank's deliberations", "anonymous")],
        ["Two people familiar with the central bank's deliberations"],
        [],
    ),
]
HELD_OUT_DE = [
    (
        "Die Deutsche Bahn hat für Freitag einen bundesweiten Warnstreik angekündigt. Die Gewerkschaft GDL "
        "erklärte, die Verhandlungen seien gescheitert. \"Wir haben kein akzeptables Angebot bekommen\", sagte "
        "GDL-Chef Mario Reiß der Deutschen Presse-Agentur. Nach Angaben eines Bahnsprechers fallen rund 80 "
        "Prozent der Fernzüge aus. Aus Verhandlungskreisen hieß es, ein Schlichter sei im Gespräch.",
        [("Gewerkschaft GDL", "organization"), ("Mario Reiß", "person"), ("Bahnsprechers", "organization")],
        ["Aus Verhandlungskreisen hieß es"],
        [("Deutschen Presse-Agentur", "dpa")],
    ),
    (
        "Nach dem Brand in einer Chemiefabrik bei Ludwigshafen hat die Feuerwehr Entwarnung gegeben. Es seien "
        "keine giftigen Stoffe ausgetreten, teilte die Stadtverwaltung am Abend mit. Ein Anwohner berichtete von "
        "einer lauten Explosion. Laut Polizei wurden zwei Mitarbeiter leicht verletzt. Die Ursache ist noch "
        "unklar, wie ein Sprecher des Unternehmens sagte.",
        [("Stadtverwaltung", "organization"), ("Anwohner", "anonymous"), ("Polizei", "organization"),
         ("Unternehmens", "organization")],
        [],
        [],
    ),
]

# A second batch, written and scored once after the fixes prompted by the first: attribution precision / recall
# fr 0.67 / 0.29, en 0.62 / 0.71, de 1.00 / 0.75; anonymous sourcing 1.00 / 1.00 in all three (7, 7 and 4
# attributions; 2, 2 and 1 anonymous phrases).
HELD_OUT_2_FR = [(
 "Le Conseil constitutionnel a validé jeudi l'essentiel de la loi immigration. Dans un communiqué, les Sages "
 "estiment que plusieurs articles sont conformes à la Constitution. « C'est une victoire pour l'État de droit », "
 "a réagi sur X le ministre de l'Intérieur, Bruno Retailleau. La gauche a dénoncé une décision « incompréhensible ». "
 "Selon un conseiller ministériel, le décret d'application sera publié avant l'été. Le Rassemblement national "
 "affirme qu'il déposera une nouvelle proposition de loi.",
 [("Conseil constitutionnel", "organization"), ("Sages", "organization"), ("Bruno Retailleau", "person"),
  ("conseiller ministériel", "anonymous"), ("Rassemblement national", "organization")],
 ["Selon un conseiller ministériel"], []),
 ("Airbus a relevé ses prévisions de livraisons pour l'année. Le directeur général Guillaume Faury a expliqué aux "
 "analystes que la chaîne d'approvisionnement restait « fragile ». D'après plusieurs sources syndicales, des "
 "embauches sont prévues à Toulouse. Un porte-parole du groupe n'a pas souhaité commenter ces informations.",
 [("Guillaume Faury", "person"), ("sources syndicales", "anonymous")],
 ["plusieurs sources syndicales"], []),
]
HELD_OUT_2_EN = [(
 "Boeing said on Wednesday it would cut 10 percent of its workforce. Chief executive Kelly Ortberg told employees "
 "in a memo that the company faced \"a difficult road ahead.\" The machinists' union called the move a betrayal. "
 "According to two people briefed on the plan, the cuts will begin next month. Shares fell 2 percent.",
 [("Boeing", "organization"), ("Kelly Ortberg", "person"), ("people briefed on the plan", "anonymous")],
 ["two people briefed on the plan"], []),
 ("Heavy rain flooded parts of Valencia on Tuesday. \"The water came in within minutes,\" said Maria Lopez, a "
 "shop owner. Regional authorities said at least 50 people had died, while the national weather agency warned "
 "that more storms were on the way. An emergency official, who asked not to be identified, said rescue teams "
 "were overwhelmed.",
 [("Maria Lopez", "person"), ("Regional authorities", "organization"), ("weather agency", "organization"),
  ("emergency official", "anonymous")],
 ["who asked not to be identified"], []),
]
HELD_OUT_2_DE = [(
 "Die Europäische Zentralbank hat den Leitzins erneut gesenkt. EZB-Präsidentin Christine Lagarde sagte in Frankfurt, "
 "die Inflation nähere sich dem Ziel von zwei Prozent. Ökonomen der Commerzbank rechnen mit weiteren Schritten. "
 "Aus Notenbankkreisen verlautete, einige Ratsmitglieder hätten eine größere Senkung gefordert.",
 [("Christine Lagarde", "person"), ("Commerzbank", "organization")],
 ["Aus Notenbankkreisen verlautete"], []),
 ("Nach dem Unwetter in Bayern sind Tausende Haushalte ohne Strom. Ein Sprecher des Netzbetreibers sagte am "
 "Morgen, die Reparaturen könnten Tage dauern. Ministerpräsident Markus Söder kündigte Soforthilfen an. "
 "\"Wir lassen niemanden allein\", betonte er bei einem Besuch in Passau.",
 [("Netzbetreibers", "organization"), ("Markus Söder", "person")],
 [], []),
]

# A third batch, scored once after the fixes prompted by the second: attribution precision / recall fr 1.00 / 0.57,
# en 1.00 / 0.71, de 1.00 / 0.67; anonymous sourcing 1.00 / 1.00 (en 0.50 / 1.00 against a first annotation that
# had left out "Some researchers cautioned", since added).
HELD_OUT_3_FR = [
 ("Le procès de l'ancien patron de la banque s'est ouvert lundi devant le tribunal correctionnel de Paris. "
  "« Mon client conteste l'intégralité des faits », a déclaré son avocat, Me Hervé Témime, à l'ouverture de "
  "l'audience. Le parquet national financier reproche au prévenu d'avoir dissimulé 12 millions d'euros. Selon "
  "l'accusation, les fonds transitaient par une société écran au Luxembourg. Une source judiciaire indique que le "
  "jugement devrait être rendu en mars.",
  [("Hervé Témime", "person"), ("parquet national financier", "organization"), ("accusation", "organization"),
   ("source judiciaire", "anonymous")],
  ["Une source judiciaire"], []),
 ("Le PSG s'est imposé 3-1 face à Lyon dimanche soir. « On a montré du caractère », a souligné l'entraîneur "
  "Luis Enrique en conférence de presse. Le capitaine Marquinhos, lui, a reconnu que l'équipe avait « souffert » "
  "en première période. D'après L'Équipe, le club envisage de prolonger le contrat de l'attaquant.",
  [("Luis Enrique", "person"), ("Marquinhos", "person"), ("L'Équipe", "outlet")],
  [], [("L'Équipe", "L'Équipe")]),
]
HELD_OUT_3_EN = [
 ("A federal judge on Friday blocked the administration's plan to freeze grants. \"The government has not shown "
  "that it is likely to succeed,\" U.S. District Judge Loren AliKhan wrote in her ruling. The Justice Department "
  "said it would appeal. Lawyers for the plaintiffs called the decision a victory. A senior administration official, "
  "who was not authorized to speak publicly, said the White House was considering its options.",
  [("Loren AliKhan", "person"), ("Justice Department", "organization"), ("administration official", "anonymous")],
  ["who was not authorized to speak publicly"], []),
 ("Scientists have found traces of water ice near the lunar south pole, NASA announced on Thursday. \"This "
  "changes how we think about future missions,\" said Dr. Sarah Noble, a lunar scientist at the agency. Some "
  "researchers cautioned that the findings still need to be confirmed. The European Space Agency is planning its "
  "own mission, according to a spokesperson.",
  [("NASA", "organization"), ("Sarah Noble", "person"), ("researchers", "anonymous"), ("spokesperson", "organization")],
  ["Some researchers cautioned"], []),
]
HELD_OUT_3_DE = [
 ("Der Prozess gegen den früheren Wirecard-Chef Markus Braun geht in die nächste Runde. Die Verteidigung "
  "beantragte am Mittwoch die Aussetzung des Verfahrens. \"Mein Mandant ist unschuldig\", sagte Brauns Anwalt "
  "Alfred Dierlamm vor Journalisten. Nach Einschätzung der Staatsanwaltschaft München ist der Schaden "
  "beträchtlich. Ein Urteil wird laut Gerichtssprecherin nicht vor Sommer erwartet.",
  [("Alfred Dierlamm", "person"), ("Staatsanwaltschaft München", "organization"),
   ("Gerichtssprecherin", "organization")],
  [], []),
 ("Bayern München hat das Spitzenspiel gegen Leverkusen gewonnen. \"Wir haben heute gezeigt, was in uns steckt\", "
  "sagte Trainer Vincent Kompany nach dem Spiel. Leverkusens Sportdirektor Simon Rolfes räumte ein, seine "
  "Mannschaft sei nicht gut genug gewesen. Wie der Kicker berichtet, soll der Verein an einem Stürmer interessiert "
  "sein.",
  [("Vincent Kompany", "person"), ("Simon Rolfes", "person"), ("Kicker", "outlet")],
  [], [("Kicker", "Kicker")]),
]

# A fourth batch, scored once after the fixes prompted by the third: attribution precision / recall fr 1.00 / 1.00,
# en 0.86 / 0.86, de 1.00 / 0.57 (kinds aside); anonymous sourcing fr and de 1.00 / 1.00, en 0.50 / 1.00 ("Analysts
# at Morgan Stanley" taken for unnamed sources).
HELD_OUT_4_FR = [
 ("L'Agence régionale de santé a confirmé mardi trois nouveaux cas de dengue dans l'Hérault. « Il n'y a pas lieu "
  "de s'alarmer », assure le docteur Jean Martin, infectiologue au CHU de Montpellier. Le maire de la commune a "
  "annoncé une campagne de démoustication. Selon des habitants interrogés par Midi Libre, les moustiques sont "
  "nombreux depuis le début de l'été.",
  [("Agence régionale de santé", "organization"), ("Jean Martin", "person"), ("maire de la commune", "person"),
   ("habitants", "anonymous")],
  ["Selon des habitants"], [("Midi Libre", "Midi Libre")]),
 ("Les électeurs sont appelés aux urnes dimanche pour le second tour. Le candidat sortant a affirmé vouloir "
  "« rassembler au-delà de son camp ». Son adversaire, Claire Dubois, juge au contraire que le bilan est "
  "« catastrophique ». Un proche de la candidate confie que la campagne a été « épuisante ». D'après un sondage "
  "Ifop publié samedi, l'écart est de deux points.",
  [("candidat sortant", "person"), ("Claire Dubois", "person"), ("proche de la candidate", "anonymous"),
   ("Ifop", "organization")],
  ["Un proche de la candidate"], []),
]
HELD_OUT_4_EN = [
 ("Apple on Monday unveiled a new line of laptops. \"This is our most powerful chip ever,\" said John Ternus, "
  "Apple's senior vice president of hardware engineering. Analysts at Morgan Stanley estimated that the devices "
  "could add $5 billion in revenue. The company did not disclose pricing for all models, but a person familiar "
  "with the plans said the cheapest would cost $999.",
  [("John Ternus", "person"), ("Analysts at Morgan Stanley", "organization"),
   ("person familiar with the plans", "anonymous")],
  ["a person familiar with the plans said"], []),
 ("Voters in Georgia head to the polls on Tuesday. The state's top election official, Brad Raffensperger, told "
  "reporters that turnout was expected to be high. Democrats argue that new voting rules will suppress turnout, "
  "while Republicans say the measures protect election integrity. Early voting data show record participation, "
  "according to the secretary of state's office.",
  [("Brad Raffensperger", "person"), ("Democrats", "organization"), ("Republicans", "organization"),
   ("secretary of state's office", "organization")],
  [], []),
]
HELD_OUT_4_DE = [
 ("Das Robert Koch-Institut meldet einen deutlichen Anstieg der Grippefälle. Die Ständige Impfkommission empfiehlt "
  "älteren Menschen eine Auffrischung. \"Die Welle hat früher begonnen als erwartet\", sagte RKI-Präsident Lars "
  "Schaade. Ärzte berichten von vollen Wartezimmern. Nach Informationen des Spiegel plant das Ministerium eine "
  "neue Kampagne.",
  [("Robert Koch-Institut", "organization"), ("Ständige Impfkommission", "organization"), ("Lars Schaade", "person"),
   ("Ärzte", "anonymous"), ("Spiegel", "outlet")],
  ["Ärzte berichten"], [("Spiegel", "Der Spiegel")]),
 ("Die Koalition hat sich auf einen Haushalt geeinigt. Finanzminister Lars Klingbeil sprach von einem "
  "\"tragfähigen Kompromiss\". Die Union kritisierte die hohe Neuverschuldung. Wie aus Fraktionskreisen zu hören "
  "war, soll der Bundestag noch vor Weihnachten abstimmen.",
  [("Lars Klingbeil", "person"), ("Union", "organization")],
  ["aus Fraktionskreisen zu hören"], []),
]


def documents(language: str) -> list[dict]:
    """The hand-written documents of ``language`` in the evaluation format."""
    articles = {
        "fr": FR + HELD_OUT_FR + HELD_OUT_2_FR + HELD_OUT_3_FR + HELD_OUT_4_FR,
        "en": EN + HELD_OUT_EN + HELD_OUT_2_EN + HELD_OUT_3_EN + HELD_OUT_4_EN,
        "de": DE + HELD_OUT_DE + HELD_OUT_2_DE + HELD_OUT_3_DE + HELD_OUT_4_DE,
    }[language]
    return [
        from_phrases(f"{language}-hand-{number}", language, text, speakers, anonymous, outlets)
        for number, (text, speakers, anonymous, outlets) in enumerate(articles)
    ]
