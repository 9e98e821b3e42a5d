"""English evaluation material: speakers, reporting verbs in several tenses, sentence shapes, and negatives."""

from __future__ import annotations

from tests.eval.builder import Gold, capitalise

PERSONS = [
    ("Senator Mark Warner", "Mark Warner", "m"),
    ("Ukrainian President Volodymyr Zelensky", "Volodymyr Zelensky", "m"),
    ("German Chancellor Friedrich Merz", "Friedrich Merz", "m"),
    ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "m"),
    ("NATO Secretary General Mark Rutte", "Mark Rutte", "m"),
    ("Secretary of State Marco Rubio", "Marco Rubio", "m"),
    ("the economist Paul Krugman", "Paul Krugman", "m"),
    ("Mayor Karen Bass", "Karen Bass", "f"),
    ("Prime Minister Keir Starmer", "Keir Starmer", "m"),
    ("Ursula von der Leyen", "Ursula von der Leyen", "f"),
    ("Defense Secretary Pete Hegseth", "Pete Hegseth", "m"),
    ("the company's chief executive, Mary Barra", "Mary Barra", "f"),
    ("Dr. Anthony Fauci", "Anthony Fauci", "m"),
    ("Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov", "m"),
    ("EU foreign policy chief Kaja Kallas", "Kaja Kallas", "f"),
    ("Joe Biden", "Joe Biden", "m"),
    ("former President Barack Obama", "Barack Obama", "m"),
    ("Fiona Hill", "Fiona Hill", "f"),
    ("Gen. Mark Milley", "Mark Milley", "m"),
    ("Rep. Alexandria Ocasio-Cortez", "Alexandria Ocasio-Cortez", "f"),
    ("Jane Doe", "Jane Doe", "f"),
    ("the historian Timothy Snyder", "Timothy Snyder", "m"),
]
ORGANIZATIONS = [
    ("the Russian Defense Ministry", "Russian Defense Ministry"),
    ("the Pentagon", "Pentagon"),
    ("the Kremlin", "Kremlin"),
    ("the European Commission", "European Commission"),
    ("NATO", "NATO"),
    ("Moscow", "Moscow"),
    ("Washington", "Washington"),
    ("the White House", "White House"),
    ("the German government", "German government"),
    ("Ukraine's General Staff", "General Staff"),
    ("the Metropolitan Police", "Metropolitan Police"),
    ("the Justice Department", "Justice Department"),
    ("the United Nations", "United Nations"),
    ("the Teamsters union", "Teamsters union"),
    ("Amnesty International", "Amnesty International"),
    ("the State Department", "State Department"),
    ("the European Central Bank", "European Central Bank"),
    ("Boeing", "Boeing"),
    ("the Israeli military", "Israeli military"),
    ("the Foreign Office", "Foreign Office"),
    ("the Ministry of Defence", "Ministry of Defence"),
    ("the World Health Organization", "World Health Organization"),
]
OUTLETS = [
    ("CNN", "CNN"),
    ("The New York Times", "New York Times"),
    ("Reuters", "Reuters"),
    ("the BBC", "BBC"),
    ("The Washington Post", "Washington Post"),
    ("Politico", "Politico"),
    ("the Associated Press", "Associated Press"),
    ("The Wall Street Journal", "Wall Street Journal"),
]
ANONYMOUS = [
    ("a U.S. official", "U.S. official", False),
    ("a senior European official", "senior European official", False),
    ("two people familiar with the matter", "people familiar with the matter", True),
    ("a government source", "government source", False),
    ("several diplomats", "diplomats", True),
    ("an aide to the president", "aide to the president", False),
    ("military officials", "military officials", True),
    ("a Western diplomat", "Western diplomat", False),
    ("a person close to the negotiations", "person close to the negotiations", False),
    ("officials", "officials", True),
    ("three sources", "sources", True),
    ("a senior administration official", "senior administration official", False),
]
# (present sg, present pl, past, participle-with-has, progressive? none)
VERBS = [
    ("says", "say", "said", "has said"),
    ("claims", "claim", "claimed", "has claimed"),
    ("warns", "warn", "warned", "has warned"),
    ("explains", "explain", "explained", "has explained"),
    ("insists", "insist", "insisted", "has insisted"),
    ("argues", "argue", "argued", "has argued"),
    ("stresses", "stress", "stressed", "has stressed"),
    ("confirms", "confirm", "confirmed", "has confirmed"),
    ("announces", "announce", "announced", "has announced"),
    ("states", "state", "stated", "has stated"),
    ("notes", "note", "noted", "has noted"),
    ("acknowledges", "acknowledge", "acknowledged", "has acknowledged"),
    ("admits", "admit", "admitted", "has admitted"),
    ("adds", "add", "added", "has added"),
    ("believes", "believe", "believed", "has said"),
    ("maintains", "maintain", "maintained", "has maintained"),
    ("reports", "report", "reported", "has reported"),
    ("cautions", "caution", "cautioned", "has cautioned"),
    ("contends", "contend", "contended", "has contended"),
    ("estimates", "estimate", "estimated", "has estimated"),
    ("points out", "point out", "pointed out", "has pointed out"),
    ("emphasizes", "emphasize", "emphasized", "has emphasized"),
]
CLAUSES = [
    "talks would resume next week",
    "no decision had been made yet",
    "the situation at the front remained very tense",
    "the defense budget would rise by 10 percent",
    "sanctions were hurting the Russian economy",
    "the agreement should be signed before the end of the month",
    "weapons deliveries would continue",
    "the safety of civilians was the top priority",
    "the timetable for the reform would be kept",
    "thousands of troops had been deployed to the border",
    "the ceasefire was not being respected",
    "the investigation was making rapid progress",
]
QUOTES = [
    "We will not bow to pressure",
    "This is a historic decision",
    "The door remains open to dialogue",
    "Nobody wants an escalation",
    "We need more air defense",
    "This is only the beginning",
    "There is no alternative",
    "The situation is serious but under control",
]
TIMES = ["on Sunday", "on Monday", "late on Tuesday", "last week", "on Thursday", "in a statement", "in an interview"]
APPOSITIONS = ["speaking to reporters in Brussels", "who visited Kyiv this week", "in a televised address",
               "at a news conference"]
ANONYMOUS_SENTENCES = [
    ("{c}, {a}.", "according to media reports"),
    ("{a}, {c}.", "According to people familiar with the plans", "people familiar with the plans"),
    ("{c}, {a} said.", "sources close to the talks", "sources close to the talks"),
    ("{a} said {c}.", "Two officials who asked not to be named", "officials"),
    ("{a}, {c}.", "According to an internal memo seen by reporters"),
    ("{c}, said {a}.", "a diplomat who spoke on condition of anonymity", "diplomat"),
]
NEGATIVES = [
    "Russia sent troops into Ukraine on Feb. 24, 2022.",
    "The soldiers brought equipment back to the base.",
    "The court found the company guilty of tax fraud.",
    "The bill will be examined by the Senate in the spring.",
    "Electricity prices have risen 12 percent in a year.",
    "Thousands of people marched in Paris on Saturday against the reform.",
    "The annual report will be published next week.",
    "The president toured a battery factory near Detroit.",
    "The city of Kharkiv was shelled again overnight.",
    "The army added three brigades to its forces in the east.",
    "The government plans to cut the deficit to 3 percent by 2027.",
    "The Kremlin recognized the independence of the two regions in February 2022.",
    "The two countries signed a military cooperation agreement.",
    "According to the schedule, the work will be finished in June.",
    "Investigators seized several computers during the search.",
    "The ship was sunk by a missile in April 2022.",
    "Renewable energy is now a major source of power for the region.",
    "The historic document is on display at the museum until March.",
    "Relatives of the victims gathered outside city hall.",
    "The Dutch prime minister met his counterparts in Brussels.",
    "The European Commission adopted a new package of sanctions.",
    "Washington delivered Patriot missiles to Kyiv in the spring.",
    "The health ministry employs 4,000 staff in the region.",
    "Voters will have their say in the referendum next year.",
    "The United States and Canada share the world's longest border.",
    "Local officials opened the new school on Tuesday.",
    "The word 'war' has been banned from official speeches.",
    "Nobody told the passengers why the train had stopped.",
]


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
    present = verb[1] if plural else verb[0]
    perfect = verb[3].replace("has ", "have ") if plural else verb[3]
    shape = rng.randrange(8)
    if shape == 0:
        doc.add("{s} {v} that {c}.", s=capitalise(speaker), v=rng.choice([present, verb[2], perfect]), c=clause)
    elif shape == 1:
        doc.add('"{q}," {v} {s}.', q=quote, v="said", s=speaker)
    elif shape == 2:
        doc.add("According to {s}, {c}.", s=speaker, c=clause)
    elif shape == 3:
        doc.add("{s} {v} {t} that {c}.", s=capitalise(speaker), v=verb[2], t=time, c=clause)
    elif shape == 4:
        doc.add("{s}, {a}, {v} that {c}.", s=capitalise(speaker), a=rng.choice(APPOSITIONS), v=verb[2], c=clause)
    elif shape == 5:
        doc.add('"{q}," {s} {v}.', q=quote, s=speaker, v=rng.choice(["said", "told reporters", "added", "wrote"]))
    elif shape == 6:
        doc.add("{c}, {s} {v}.", c=capitalise(clause), s=speaker, v=verb[2])
    else:
        text, core = rng.choice(OUTLETS)
        doc.add("{s} told {o} that {c}.", s=capitalise(speaker), o=Gold(text, ((core, "outlet", core),)), c=clause)


def pronoun_follow_up(doc, rng) -> None:
    """A person sentence, then a quote attributed by a pronoun ("he added"): both attribute to the person."""
    speaker, gender = person(rng)
    doc.add("{s} {v} that {c}.", s=capitalise(speaker), v=rng.choice(VERBS)[2], c=rng.choice(CLAUSES))
    antecedent = dict(doc.speakers[-1])
    pronoun = "he" if gender == "m" else "she"
    doc.add('"{q}," {p} {v}.', q=rng.choice(QUOTES), p=pronoun, v=rng.choice(["added", "said", "warned"]))
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
    condition = rng.choice(["who spoke on condition of anonymity", "who was not authorized to speak publicly"])
    doc.add("{s}, {k}, said {c}.", s=capitalise(speaker), k=Gold(condition, ((condition, "anonymous", "anonymous"),)),
            c=rng.choice(CLAUSES))
