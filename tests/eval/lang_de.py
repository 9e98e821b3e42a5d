"""German evaluation material: speakers, reporting verbs in several tenses, sentence shapes, and negatives."""

from __future__ import annotations

from tests.eval.builder import Gold, capitalise

# (nominative phrase, dative phrase after "laut"/"zufolge", core, gender)
PERSONS = [
    ("Bundeskanzler Friedrich Merz", "Bundeskanzler Friedrich Merz", "Friedrich Merz", "m"),
    ("der ukrainische Präsident Wolodymyr Selenskyj", "dem ukrainischen Präsidenten Wolodymyr Selenskyj",
     "Wolodymyr Selenskyj", "m"),
    ("Kremlsprecher Dmitri Peskow", "Kremlsprecher Dmitri Peskow", "Dmitri Peskow", "m"),
    ("Nato-Generalsekretär Mark Rutte", "Nato-Generalsekretär Mark Rutte", "Mark Rutte", "m"),
    ("Außenminister Johann Wadephul", "Außenminister Johann Wadephul", "Johann Wadephul", "m"),
    ("Verteidigungsminister Boris Pistorius", "Verteidigungsminister Boris Pistorius", "Boris Pistorius", "m"),
    ("die Grünen-Politikerin Annalena Baerbock", "der Grünen-Politikerin Annalena Baerbock", "Annalena Baerbock", "f"),
    ("Ursula von der Leyen", "Ursula von der Leyen", "Ursula von der Leyen", "f"),
    ("der russische Außenminister Sergej Lawrow", "dem russischen Außenminister Sergej Lawrow", "Sergej Lawrow", "m"),
    ("Regierungssprecher Stefan Kornelius", "Regierungssprecher Stefan Kornelius", "Stefan Kornelius", "m"),
    ("die Ökonomin Veronika Grimm", "der Ökonomin Veronika Grimm", "Veronika Grimm", "f"),
    ("Olaf Scholz", "Olaf Scholz", "Olaf Scholz", "m"),
    ("der Historiker Karl Schlögel", "dem Historiker Karl Schlögel", "Karl Schlögel", "m"),
    ("Bayerns Ministerpräsident Markus Söder", "Bayerns Ministerpräsident Markus Söder", "Markus Söder", "m"),
    ("Militärexperte Carlo Masala", "Militärexperte Carlo Masala", "Carlo Masala", "m"),
    ("die SPD-Vorsitzende Bärbel Bas", "der SPD-Vorsitzenden Bärbel Bas", "Bärbel Bas", "f"),
    ("Wirtschaftsministerin Katherina Reiche", "Wirtschaftsministerin Katherina Reiche", "Katherina Reiche", "f"),
    ("Anna Schmidt", "Anna Schmidt", "Anna Schmidt", "f"),
]
ORGANIZATIONS = [
    ("das russische Verteidigungsministerium", "dem russischen Verteidigungsministerium",
     "russische Verteidigungsministerium"),
    ("das Pentagon", "dem Pentagon", "Pentagon"),
    ("der Kreml", "dem Kreml", "Kreml"),
    ("die EU-Kommission", "der EU-Kommission", "EU-Kommission"),
    ("die Nato", "der Nato", "Nato"),
    ("Moskau", "Moskau", "Moskau"),
    ("Washington", "Washington", "Washington"),
    ("das Weiße Haus", "dem Weißen Haus", "Weiß"),
    ("die Bundesregierung", "der Bundesregierung", "Bundesregierung"),
    ("der ukrainische Generalstab", "dem ukrainischen Generalstab", "Generalstab"),
    ("die Polizei", "der Polizei", "Polizei"),
    ("die Staatsanwaltschaft Berlin", "der Staatsanwaltschaft Berlin", "Staatsanwaltschaft"),
    ("die Vereinten Nationen", "den Vereinten Nationen", "Vereinten Nationen"),
    ("die Gewerkschaft Verdi", "der Gewerkschaft Verdi", "Gewerkschaft Verdi"),
    ("Amnesty International", "Amnesty International", "Amnesty International"),
    ("das Auswärtige Amt", "dem Auswärtigen Amt", "Auswärtige"),
    ("die Europäische Zentralbank", "der Europäischen Zentralbank", "Europäische"),
    ("der Volkswagen-Konzern", "dem Volkswagen-Konzern", "Volkswagen-Konzern"),
    ("die israelische Armee", "der israelischen Armee", "Armee"),
    ("das Innenministerium", "dem Innenministerium", "Innenministerium"),
    ("der Bundesverband der Deutschen Industrie", "dem Bundesverband der Deutschen Industrie", "Bundesverband"),
]
OUTLETS = [
    ("der Spiegel", "dem Spiegel", "Spiegel"),
    ("die Süddeutsche Zeitung", "der Süddeutschen Zeitung", "Zeitung"),
    ("die Nachrichtenagentur dpa", "der Nachrichtenagentur dpa", "dpa"),
    ("Reuters", "Reuters", "Reuters"),
    ("die ARD", "der ARD", "ARD"),
    ("die New York Times", "der New York Times", "New York Times"),
    ("das ZDF", "dem ZDF", "ZDF"),
    ("die Bild-Zeitung", "der Bild-Zeitung", "Bild-Zeitung"),
]
ANONYMOUS = [
    ("ein US-Beamter", "einem US-Beamten", "US-Beamte", False),
    ("ein ranghoher EU-Diplomat", "einem ranghohen EU-Diplomaten", "EU-Diplomat", False),
    ("zwei mit der Sache vertraute Personen", "zwei mit der Sache vertrauten Personen", "vertraute", True),
    ("eine Quelle in der Regierung", "einer Quelle in der Regierung", "Quelle in der Regierung", False),
    ("mehrere Diplomaten", "mehreren Diplomaten", "Diplomaten", True),
    ("ein Berater des Präsidenten", "einem Berater des Präsidenten", "Berater des Präsidenten", False),
    ("Militärs", "Militärs", "Militärs", True),
    ("ein westlicher Diplomat", "einem westlichen Diplomaten", "westliche", False),
    ("ein Regierungsvertreter", "einem Regierungsvertreter", "Regierungsvertreter", False),
    ("Insider", "Insidern", "Insider", True),
]
# (present sg, present pl, preterite sg, preterite pl, perfect sg "hat ... gesagt" participle)
VERBS = [
    ("sagt", "sagen", "sagte", "sagten", "gesagt"),
    ("erklärt", "erklären", "erklärte", "erklärten", "erklärt"),
    ("betont", "betonen", "betonte", "betonten", "betont"),
    ("warnt", "warnen", "warnte", "warnten", "gewarnt"),
    ("berichtet", "berichten", "berichtete", "berichteten", "berichtet"),
    ("behauptet", "behaupten", "behauptete", "behaupteten", "behauptet"),
    ("bestätigt", "bestätigen", "bestätigte", "bestätigten", "bestätigt"),
    ("unterstreicht", "unterstreichen", "unterstrich", "unterstrichen", "unterstrichen"),
    ("versichert", "versichern", "versicherte", "versicherten", "versichert"),
    ("erläutert", "erläutern", "erläuterte", "erläuterten", "erläutert"),
    ("bekräftigt", "bekräftigen", "bekräftigte", "bekräftigten", "bekräftigt"),
    ("meint", "meinen", "meinte", "meinten", "gemeint"),
    ("räumt ein", "räumen ein", "räumte ein", "räumten ein", "eingeräumt"),
    ("fügt hinzu", "fügen hinzu", "fügte hinzu", "fügten hinzu", "hinzugefügt"),
    ("teilt mit", "teilen mit", "teilte mit", "teilten mit", "mitgeteilt"),
    ("kündigt an", "kündigen an", "kündigte an", "kündigten an", "angekündigt"),
    ("mahnt", "mahnen", "mahnte", "mahnten", "gemahnt"),
    ("schreibt", "schreiben", "schrieb", "schrieben", "geschrieben"),
]
# (subject, finite verb, rest): "die Lage bleibe angespannt" or, inverted after "Laut X", "bleibe die Lage angespannt"
CLAUSES = [
    ("die Verhandlungen", "würden", "kommende Woche fortgesetzt"),
    ("eine Entscheidung", "sei", "noch nicht gefallen"),
    ("die Lage an der Front", "bleibe", "sehr angespannt"),
    ("der Verteidigungsetat", "werde", "um zehn Prozent erhöht"),
    ("die Sanktionen", "zeigten", "Wirkung"),
    ("das Abkommen", "solle", "noch vor Monatsende unterzeichnet werden"),
    ("die Waffenlieferungen", "gingen", "weiter"),
    ("der Schutz der Zivilbevölkerung", "habe", "oberste Priorität"),
    ("der Zeitplan für die Reform", "werde", "eingehalten"),
    ("Tausende Soldaten", "seien", "an die Grenze verlegt worden"),
    ("die Waffenruhe", "werde", "nicht eingehalten"),
    ("die Ermittlungen", "kämen", "schnell voran"),
]
QUOTES = [
    "Wir werden uns dem Druck nicht beugen",
    "Das ist eine historische Entscheidung",
    "Die Tür für Gespräche bleibt offen",
    "Niemand will eine Eskalation",
    "Wir brauchen mehr Luftverteidigung",
    "Das ist erst der Anfang",
    "Es gibt keine Alternative",
    "Die Lage ist ernst, aber unter Kontrolle",
]
TIMES = ["am Sonntag", "am Montag", "am Dienstagabend", "in Berlin", "am Donnerstag", "am Wochenende"]
ANONYMOUS_SENTENCES = [
    ("{a}.", "Aus Regierungskreisen hieß es, man sei zuversichtlich"),
    ("{c}, {a}.", "heißt es in Sicherheitskreisen"),
    ("{a}, {c}.", "Wie aus Koalitionskreisen verlautete"),
    ("{c}, sagte {a}.", "ein Beamter, der nicht genannt werden wollte", "Beamter"),
    ("{a} {c}.", "Medienberichten zufolge kommt es zu Verzögerungen, weil"),
    ("{a} {i}.", "Nach Informationen aus informierten Kreisen"),
]
NEGATIVES = [
    "Russland hat am 24. Februar 2022 Truppen in die Ukraine geschickt.",
    "Die Soldaten brachten Ausrüstung zurück ins Lager.",
    "Das Gericht sprach das Unternehmen des Steuerbetrugs schuldig.",
    "Der Gesetzentwurf wird im Frühjahr im Bundestag beraten.",
    "Die Strompreise sind binnen eines Jahres um zwölf Prozent gestiegen.",
    "Tausende Menschen demonstrierten am Samstag in Berlin gegen die Reform.",
    "Der Jahresbericht wird in der kommenden Woche veröffentlicht.",
    "Der Präsident besuchte eine Batteriefabrik in der Nähe von Leipzig.",
    "Die Stadt Charkiw wurde in der Nacht erneut beschossen.",
    "Die Armee verlegte drei Brigaden in den Osten.",
    "Die Regierung will das Defizit bis 2027 auf drei Prozent senken.",
    "Der Kreml erkannte im Februar 2022 die Unabhängigkeit der beiden Regionen an.",
    "Die beiden Länder unterzeichneten ein Abkommen über militärische Zusammenarbeit.",
    "Nach dem Zeitplan sollen die Arbeiten im Juni abgeschlossen sein.",
    "Die Ermittler beschlagnahmten bei der Durchsuchung mehrere Computer.",
    "Das Schiff wurde im April 2022 von einer Rakete versenkt.",
    "Erneuerbare Energien sind inzwischen eine wichtige Quelle für Strom.",
    "Das historische Dokument ist bis März im Museum zu sehen.",
    "Angehörige der Opfer versammelten sich vor dem Rathaus.",
    "Der niederländische Ministerpräsident traf seine Amtskollegen in Brüssel.",
    "Die EU-Kommission beschloss ein neues Sanktionspaket.",
    "Washington lieferte im Frühjahr Patriot-Raketen an Kiew.",
    "Das Gesundheitsministerium beschäftigt in der Region 4000 Mitarbeiter.",
    "Die Bürger haben bei der Abstimmung im nächsten Jahr das letzte Wort.",
    "Die Vereinigten Staaten und Kanada teilen die längste Grenze der Welt.",
    "Vertreter der Stadt eröffneten am Dienstag die neue Schule.",
    "Das Wort Krieg wurde aus offiziellen Reden gestrichen.",
    "Die Entscheidung fiel nach langen Beratungen am späten Abend.",
]


def person(rng) -> tuple[Gold, Gold, str]:
    nominative, dative, core, gender = rng.choice(PERSONS)
    spans = ((core, "speaker", "person"),)
    return Gold(nominative, spans), Gold(dative, spans), gender


def _speaker(rng, kind: str) -> tuple[Gold, Gold, bool]:
    if kind == "person":
        nominative, dative, _ = person(rng)
        return nominative, dative, False
    if kind == "organization":
        nominative, dative, core = rng.choice(ORGANIZATIONS)
        spans = ((core, "speaker", "organization"),)
        return Gold(nominative, spans), Gold(dative, spans), False
    if kind == "outlet":
        nominative, dative, core = rng.choice(OUTLETS)
        spans = ((core, "speaker", "outlet"), (core, "outlet", core))
        return Gold(nominative, spans), Gold(dative, spans), False
    nominative, dative, core, plural = rng.choice(ANONYMOUS)
    spans = ((core, "speaker", "anonymous"), (core, "anonymous", "anonymous"))
    return Gold(nominative, spans), Gold(dative, spans), plural


def positive(doc, rng, kind: str) -> None:
    """Append one attribution sentence whose speaker is of ``kind``."""
    verb = rng.choice(VERBS)
    parts, quote, time = rng.choice(CLAUSES), rng.choice(QUOTES), rng.choice(TIMES)
    clause = _clause(parts)
    speaker, dative, plural = _speaker(rng, kind)
    present, past = (verb[1], verb[3]) if plural else (verb[0], verb[2])
    head, _, particle = past.partition(" ")
    shape = rng.randrange(8)
    if shape == 0:
        doc.add("{s} {v}, {c}.", s=capitalise(speaker), v=rng.choice([present, past]), c=clause)
    elif shape == 1:
        doc.add('"{q}", {v} {s}{p}.', q=quote, v=head, s=speaker, p=f" {particle}" if particle else "")
    elif shape == 2:
        doc.add("Laut {s} {c}.", s=dative, c=_inverted(parts))
    elif shape == 3:
        doc.add("{t} {v} {s}{p}, {c}.", t=capitalise(time), v=head, s=speaker, p=f" {particle}" if particle else "",
                c=clause)
    elif shape == 4:
        doc.add("{d} zufolge {c}.", d=capitalise(dative), c=_inverted(parts))
    elif shape == 5:
        doc.add('"{q}", so {s}.', q=quote, s=speaker)
    elif shape == 6:
        doc.add("Wie {s} {v}, {c}.", s=speaker, v=_subordinate(verb, plural), c=_inverted(parts))
    else:
        doc.add("{s} {v} {t}: \"{q}.\"", s=capitalise(speaker), v=head, t=time + (f" {particle}" if particle else ""), q=quote)


def _subordinate(verb, plural: bool) -> str:
    form = verb[3] if plural else verb[2]
    if " " in form:
        word, particle = form.split(" ")
        return particle + word
    return form


def _clause(parts) -> str:
    return " ".join(parts)


def _inverted(parts) -> str:
    """The clause with its verb before the subject, as after "Laut X" or "Wie X sagte,"."""
    subject, verb, rest = parts
    return f"{verb} {subject} {rest}"


def pronoun_follow_up(doc, rng) -> None:
    """A person sentence, then a quote attributed by a pronoun ("fügte er hinzu")."""
    speaker, _, gender = person(rng)
    doc.add("{s} {v}, {c}.", s=capitalise(speaker), v=rng.choice(VERBS)[2], c=_clause(rng.choice(CLAUSES)))
    antecedent = dict(doc.speakers[-1])
    pronoun = "er" if gender == "m" else "sie"
    doc.add('"{q}", {v}.', q=rng.choice(QUOTES), v=rng.choice([f"fügte {pronoun} hinzu", f"sagte {pronoun}",
                                                                f"betonte {pronoun}"]))
    doc.speakers.append(antecedent)


def anonymous_only(doc, rng) -> None:
    """A sentence whose sourcing is anonymous without a named speaker."""
    template, phrase, *speaker = rng.choice(ANONYMOUS_SENTENCES)
    parts = rng.choice(CLAUSES)
    spans = ((phrase, "anonymous", "anonymous"),) + tuple((core, "speaker", "anonymous") for core in speaker)
    gold = Gold(phrase, spans)
    if template.startswith("{c}"):
        doc.add(template, c=capitalise(_clause(parts)), a=gold)
    elif "{c" not in template and "{i}" not in template:
        doc.add(template, a=gold)
    elif "{i}" in template:
        doc.add(template, a=gold, i=_inverted(parts))
    elif template.startswith("{a},"):
        doc.add(template, a=gold, c=_inverted(parts))
    else:
        doc.add(template, a=gold, c="sich die Lieferung verzögert")


def anonymous_speaker_with_condition(doc, rng) -> None:
    nominative, _, core, plural = rng.choice([a for a in ANONYMOUS if not a[3]])
    speaker = Gold(nominative, ((core, "speaker", "anonymous"), (core, "anonymous", "anonymous")))
    condition = rng.choice(["der nicht genannt werden wollte", "der anonym bleiben wollte"])
    doc.add("{s}, {k}, sagte, {c}.", s=capitalise(speaker), k=Gold(condition, ((condition, "anonymous", "anonymous"),)),
            c=_clause(rng.choice(CLAUSES)))
