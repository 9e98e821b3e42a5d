"""French evaluation material: speakers, reporting verbs in several tenses, sentence shapes, and negatives."""

from __future__ import annotations

from tests.eval.builder import Gold, capitalise

PERSONS = [
    ("le sénateur américain Mark Warner", "Mark Warner", "m"),
    ("la ministre des Armées Catherine Vautrin", "Catherine Vautrin", "f"),
    ("le président ukrainien Volodymyr Zelensky", "Volodymyr Zelensky", "m"),
    ("le chancelier allemand Friedrich Merz", "Friedrich Merz", "m"),
    ("le porte-parole du Kremlin Dmitri Peskov", "Dmitri Peskov", "m"),
    ("le secrétaire général de l'OTAN Mark Rutte", "Mark Rutte", "m"),
    ("l'économiste Thomas Piketty", "Thomas Piketty", "m"),
    ("la maire de Paris Anne Hidalgo", "Anne Hidalgo", "f"),
    ("Marine Le Pen", "Marine Le Pen", "f"),
    ("Emmanuel Macron", "Emmanuel Macron", "m"),
    ("le Premier ministre François Bayrou", "François Bayrou", "m"),
    ("le procureur de Paris Laure Beccuau", "Laure Beccuau", "f"),
    ("la chercheuse Hélène Blanc", "Hélène Blanc", "f"),
    ("le général Pierre Schill", "Pierre Schill", "m"),
    ("le ministre russe des Affaires étrangères Sergueï Lavrov", "Sergueï Lavrov", "m"),
    ("la haute représentante de l'UE Kaja Kallas", "Kaja Kallas", "f"),
    ("Jean-Noël Barrot", "Jean-Noël Barrot", "m"),
    ("l'ancien président américain Barack Obama", "Barack Obama", "m"),
    ("le politologue Dominique Moïsi", "Dominique Moïsi", "m"),
    ("la syndicaliste Sophie Binet", "Sophie Binet", "f"),
    ("M. Dupont", "M. Dupont", "m"),
    ("le député LFI Éric Coquerel", "Éric Coquerel", "m"),
]
ORGANIZATIONS = [
    ("le ministère russe de la Défense", "ministère russe de la Défense"),
    ("le Pentagone", "Pentagone"),
    ("le Kremlin", "Kremlin"),
    ("la Commission européenne", "Commission européenne"),
    ("l'OTAN", "OTAN"),
    ("Moscou", "Moscou"),
    ("Washington", "Washington"),
    ("la Maison-Blanche", "Maison-Blanche"),
    ("le gouvernement allemand", "gouvernement allemand"),
    ("l'état-major ukrainien", "état-major ukrainien"),
    ("la préfecture de police", "préfecture de police"),
    ("le parquet de Paris", "parquet de Paris"),
    ("l'ONU", "ONU"),
    ("la CGT", "CGT"),
    ("Amnesty International", "Amnesty International"),
    ("l'Élysée", "Élysée"),
    ("la Banque centrale européenne", "Banque centrale européenne"),
    ("le groupe Renault", "groupe Renault"),
    ("l'armée israélienne", "armée israélienne"),
    ("le Quai d'Orsay", "Quai d'Orsay"),
    ("Matignon", "Matignon"),
    ("l'union des soldats en Allemagne", "union des soldats en Allemagne"),
]
OUTLETS = [
    ("CNN", "CNN"),
    ("le New York Times", "New York Times"),
    ("l'AFP", "AFP"),
    ("Reuters", "Reuters"),
    ("Le Monde", "Le Monde"),
    ("la BBC", "BBC"),
    ("le Washington Post", "Washington Post"),
    ("Politico", "Politico"),
]
ANONYMOUS = [
    ("un responsable américain", "responsable américain", False),
    ("un haut responsable européen", "haut responsable européen", False),
    ("deux sources proches du dossier", "sources proches du dossier", True),
    ("une source gouvernementale", "source gouvernementale", False),
    ("plusieurs diplomates", "diplomates", True),
    ("un conseiller de l'Élysée", "conseiller de l'Élysée", False),
    ("des responsables militaires", "responsables militaires", True),
    ("un diplomate occidental", "diplomate occidental", False),
    ("un membre du gouvernement", "membre du gouvernement", False),
    ("une source proche de l'enquête", "source proche de l'enquête", False),
    ("trois personnes au fait des discussions", "personnes au fait des discussions", True),
    ("un haut fonctionnaire", "haut fonctionnaire", False),
]
# (present sg, present pl, passé composé sg, passé composé pl, participle, imparfait sg, plus-que-parfait sg)
VERBS = [
    ("affirme", "affirment", "a affirmé", "ont affirmé", "affirmé", "affirmait", "avait affirmé"),
    ("déclare", "déclarent", "a déclaré", "ont déclaré", "déclaré", "déclarait", "avait déclaré"),
    ("indique", "indiquent", "a indiqué", "ont indiqué", "indiqué", "indiquait", "avait indiqué"),
    ("souligne", "soulignent", "a souligné", "ont souligné", "souligné", "soulignait", "avait souligné"),
    ("estime", "estiment", "a estimé", "ont estimé", "estimé", "estimait", "avait estimé"),
    ("explique", "expliquent", "a expliqué", "ont expliqué", "expliqué", "expliquait", "avait expliqué"),
    ("précise", "précisent", "a précisé", "ont précisé", "précisé", "précisait", "avait précisé"),
    ("assure", "assurent", "a assuré", "ont assuré", "assuré", "assurait", "avait assuré"),
    ("ajoute", "ajoutent", "a ajouté", "ont ajouté", "ajouté", "ajoutait", "avait ajouté"),
    ("avertit", "avertissent", "a averti", "ont averti", "averti", "avertissait", "avait averti"),
    ("reconnaît", "reconnaissent", "a reconnu", "ont reconnu", "reconnu", "reconnaissait", "avait reconnu"),
    ("dit", "disent", "a dit", "ont dit", "dit", "disait", "avait dit"),
    ("rappelle", "rappellent", "a rappelé", "ont rappelé", "rappelé", "rappelait", "avait rappelé"),
    ("prévient", "préviennent", "a prévenu", "ont prévenu", "prévenu", "prévenait", "avait prévenu"),
    ("confirme", "confirment", "a confirmé", "ont confirmé", "confirmé", "confirmait", "avait confirmé"),
    ("annonce", "annoncent", "a annoncé", "ont annoncé", "annoncé", "annonçait", "avait annoncé"),
    ("juge", "jugent", "a jugé", "ont jugé", "jugé", "jugeait", "avait jugé"),
    ("martèle", "martèlent", "a martelé", "ont martelé", "martelé", "martelait", "avait martelé"),
    ("admet", "admettent", "a admis", "ont admis", "admis", "admettait", "avait admis"),
    ("soutient", "soutiennent", "a soutenu", "ont soutenu", "soutenu", "soutenait", "avait soutenu"),
    ("détaille", "détaillent", "a détaillé", "ont détaillé", "détaillé", "détaillait", "avait détaillé"),
    ("confie", "confient", "a confié", "ont confié", "confié", "confiait", "avait confié"),
]
CLAUSES = [
    "les négociations reprendraient la semaine prochaine",
    "aucune décision n'avait encore été prise",
    "la situation sur le front restait très tendue",
    "le budget de la défense serait augmenté de 10 %",
    "les sanctions avaient un effet sur l'économie russe",
    "l'accord devait être signé avant la fin du mois",
    "les livraisons d'armes se poursuivraient",
    "la sécurité des civils était la priorité absolue",
    "le calendrier de la réforme serait maintenu",
    "des milliers de soldats avaient été déployés à la frontière",
    "le cessez-le-feu n'était pas respecté",
    "l'enquête progressait rapidement",
]
QUOTES = [
    "Nous ne céderons pas à la pression",
    "C'est une décision historique",
    "La porte reste ouverte au dialogue",
    "Personne ne veut d'une escalade",
    "Nous avons besoin de plus de défense aérienne",
    "Ce n'est que le début",
    "Il n'y a pas d'alternative",
    "La situation est grave mais maîtrisée",
]
TIMES = ["dimanche", "lundi soir", "samedi", "mardi", "la semaine dernière", "hier", "jeudi"]
APPOSITIONS = ["qui s'exprimait devant la presse", "en visite à Kiev", "lors d'une conférence de presse",
               "dans un entretien télévisé"]
ANONYMOUS_SENTENCES = [
    ("{a}, {c}.", "Selon nos informations"),
    ("{c}, {a}.", "selon des informations de presse"),
    ("{a}, {c}.", "De source diplomatique"),
    ("{a}, {c}.", "D'après des documents internes"),
    ("{c}, selon {a}.", "un proche du ministre", "proche du ministre"),
    ("{c}, selon {a}.", "des sources concordantes", "sources concordantes"),
]
NEGATIVES = [
    "La Russie a envoyé des troupes en Ukraine le 24 février 2022.",
    "Les soldats ont rapporté du matériel au camp de base.",
    "Le tribunal a reconnu l'entreprise coupable de fraude fiscale.",
    "Le texte sera examiné par le Sénat au printemps.",
    "Les prix de l'électricité ont augmenté de 12 % en un an.",
    "Des milliers de personnes ont manifesté samedi à Paris contre la réforme.",
    "Le rapport annuel sera publié la semaine prochaine.",
    "Le président a visité une usine de batteries près de Lille.",
    "La ville de Kharkiv a de nouveau été bombardée dans la nuit.",
    "L'armée a ajouté trois brigades à son dispositif dans l'Est.",
    "Le gouvernement prévoit de ramener le déficit à 3 % en 2027.",
    "Le Kremlin a reconnu l'indépendance des deux régions en février 2022.",
    "Les deux pays ont signé un accord de coopération militaire.",
    "Selon le calendrier prévu, les travaux s'achèveront en juin.",
    "Selon toute vraisemblance, le scrutin sera reporté.",
    "Les enquêteurs ont saisi plusieurs ordinateurs lors de la perquisition.",
    "Le navire a été coulé par un missile en avril 2022.",
    "Une source d'énergie renouvelable couvre désormais 30 % des besoins.",
    "Ce document historique est exposé au musée jusqu'en mars.",
    "Les proches des victimes se sont rassemblés devant la mairie.",
    "Le Premier ministre néerlandais a rencontré ses homologues à Bruxelles.",
    "La Commission européenne a adopté un nouveau paquet de sanctions.",
    "Washington a livré des missiles Patriot à Kiev au printemps.",
    "Le ministère de la Santé compte 4 000 agents dans la région.",
    "Elle a déclaré forfait avant la finale de dimanche.",
    "Les habitants ont dit adieu au vieux pont, démoli en mai.",
    "Des responsables locaux ont inauguré la nouvelle école mardi.",
    "Le mot « guerre » a été banni des discours officiels.",
]


def que(clause: str) -> str:
    """ "que" elided before a vowel."""
    return ("qu'" + clause) if clause[:1] in "aeéiouyAEÉIOUY" else ("que " + clause)


def person(rng) -> tuple[Gold, str]:
    text, core, gender = rng.choice(PERSONS)
    return Gold(text, ((core, "speaker", "person"),)), gender


def positive(doc, rng, kind: str) -> None:
    """Append one attribution sentence whose speaker is of ``kind``."""
    verb = rng.choice(VERBS)
    clause, quote, time = rng.choice(CLAUSES), rng.choice(QUOTES), rng.choice(TIMES)
    plural = False
    if kind == "person":
        speaker, _ = person(rng)
    elif kind == "organization":
        text, core = rng.choice(ORGANIZATIONS)
        speaker = Gold(text, ((core, "speaker", "organization"),))
    elif kind == "outlet":
        text, core = rng.choice(OUTLETS)
        speaker = Gold(text, ((core, "speaker", "outlet"), (core, "outlet", core)))
    else:
        text, core, plural = rng.choice(ANONYMOUS)
        speaker = Gold(text, ((core, "speaker", "anonymous"), (core, "anonymous", "anonymous")))
    present, past = (verb[1], verb[3]) if plural else (verb[0], verb[2])
    shape = rng.randrange(9)
    if shape == 0:
        doc.add("{s} {v} {c}.", s=capitalise(speaker), v=rng.choice([present, past, verb[6]] if not plural else [present, past]), c=que(clause))
    elif shape == 1:
        doc.add("« {q} », {v} {s}.", q=quote, v=rng.choice([present, past]), s=speaker)
    elif shape == 2:
        doc.add("{p} {s}, {c}.", p=rng.choice(["Selon", "D'après"]), s=speaker, c=clause)
    elif shape == 3:
        doc.add("{c}, {v} {t} {s}.", c=capitalise(clause), v=past, t=time, s=speaker)
    elif shape == 4:
        doc.add("{s}, {a}, {v} {c}.", s=capitalise(speaker), a=rng.choice(APPOSITIONS), v=past, c=que(clause))
    elif shape == 5:
        doc.add("Comme l'a {v} {s}, {c}.", v=verb[4], s=speaker, c=clause)
    elif shape == 6:
        doc.add("{s} {v} : « {q} ».", s=capitalise(speaker), v=past, q=quote)
    elif shape == 7:
        text, core = rng.choice(OUTLETS)
        recipient = "au " + text[3:] if text.startswith("le ") else "à " + text
        doc.add("« {q} », {v} {s} {o}.", q=quote, v=past, s=speaker, o=Gold(recipient, ((core, "outlet", core),)))
    else:
        doc.add("{s} {v} {c}.", s=capitalise(speaker), v=verb[5] if not plural else present, c=que(clause))


def pronoun_follow_up(doc, rng) -> None:
    """A person sentence, then a quote attributed by a pronoun ("a-t-il ajouté"): both attribute to the person."""
    speaker, gender = person(rng)
    doc.add("{s} {v} {c}.", s=capitalise(speaker), v=rng.choice(VERBS)[2], c=que(rng.choice(CLAUSES)))
    antecedent = dict(doc.speakers[-1])
    pronoun = "il" if gender == "m" else "elle"
    doc.add("« {q} », {v}.", q=rng.choice(QUOTES), v=rng.choice([f"a-t-{pronoun} ajouté", f"a-t-{pronoun} précisé",
                                                                  f"poursuit-{pronoun}"]))
    doc.speakers.append(antecedent)


def anonymous_only(doc, rng) -> None:
    """A sentence whose sourcing is anonymous without a named speaker."""
    template, phrase, *speaker = rng.choice(ANONYMOUS_SENTENCES)
    clause = rng.choice(CLAUSES)
    spans = ((phrase, "anonymous", "anonymous"),) + tuple((core, "speaker", "anonymous") for core in speaker)
    gold = Gold(phrase, spans)
    if template.startswith("{c}"):
        doc.add(template, c=capitalise(clause), a=gold)
    else:
        doc.add(template, a=gold, c=clause)


def anonymous_speaker_with_condition(doc, rng) -> None:
    text, core, plural = rng.choice([a for a in ANONYMOUS if not a[2]])
    speaker = Gold(text, ((core, "speaker", "anonymous"), (core, "anonymous", "anonymous")))
    condition = rng.choice(["sous couvert d'anonymat", "qui a requis l'anonymat"])
    doc.add("{s}, {k}, {v} {c}.", s=capitalise(speaker), k=Gold(condition, ((condition, "anonymous", "anonymous"),)),
            v=rng.choice(VERBS)[2], c=que(rng.choice(CLAUSES)))
