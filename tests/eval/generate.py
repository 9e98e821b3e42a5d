"""Rebuild the pinned evaluation set (``tests/eval/{fr,en,de}.jsonl``) from the sentence templates.

Run ``python -m tests.eval.generate`` from the repository root. The gate test reads the pinned files, so a change to
the templates changes the gate only once the files are regenerated and committed.

Each document mixes attribution sentences (person, organisation, outlet and unnamed speakers in several verb forms,
tenses and word orders), pronoun follow-ups, anonymous-sourcing phrases and negative sentences in which nothing
must be found (non-reporting uses of reporting verbs, "source" and "proches" in their plain senses, states acting).
Hand-written articles from ``handwritten.py`` are appended as they are.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from tests.eval import handwritten, lang_de, lang_en, lang_fr
from tests.eval.builder import Document

PACKS = {"fr": lang_fr, "en": lang_en, "de": lang_de}
DOCUMENTS_PER_LANGUAGE = 64
HERE = Path(__file__).parent


def build(language: str, count: int = DOCUMENTS_PER_LANGUAGE, seed: int = 20250101) -> list[dict]:
    pack = PACKS[language]
    rng = random.Random(f"{seed}-{language}")
    documents = []
    for number in range(count):
        doc = Document(f"{language}-{number:03d}", language)
        units = ["positive"] * rng.randint(2, 4) + ["negative"] * rng.randint(2, 3)
        units += rng.choice([[], ["pronoun"], ["anonymous"], ["condition"], ["anonymous", "pronoun"]])
        rng.shuffle(units)
        for index, unit in enumerate(units):
            if index and index % 3 == 0:
                doc.paragraph()
            if unit == "positive":
                kind = rng.choices(["person", "organization", "outlet", "anonymous"], [4, 3, 1, 2])[0]
                pack.positive(doc, rng, kind)
            elif unit == "negative":
                doc.add(rng.choice(pack.NEGATIVES))
            elif unit == "pronoun":
                pack.pronoun_follow_up(doc, rng)
            elif unit == "anonymous":
                pack.anonymous_only(doc, rng)
            else:
                pack.anonymous_speaker_with_condition(doc, rng)
        documents.append(doc.to_dict())
    return documents + handwritten.documents(language)


def main() -> None:
    for language in PACKS:
        path = HERE / f"{language}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for document in build(language):
                handle.write(json.dumps(document, ensure_ascii=False) + "\n")
        print(path, sum(1 for _ in path.open(encoding="utf-8")))


if __name__ == "__main__":
    main()
