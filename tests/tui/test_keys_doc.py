"""The help screen and the README are written from one table of keys: every bound key is in it, and the README
lists every row of it."""

from __future__ import annotations

from pathlib import Path

from provenance.tui.keys import ARTICLE_KEYS, QUEUE_KEYS

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_lists_every_key() -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme.split("### annotate", 1)[1].split("\n### ", 1)[0]
    for key, what in (*ARTICLE_KEYS, *QUEUE_KEYS):
        assert what in section, f"README's annotate section does not describe {key!r}"


def test_every_letter_binding_of_the_article_screen_is_documented() -> None:
    from provenance.tui.screens.article import ArticleScreen

    documented = " ".join(key for key, _ in ARTICLE_KEYS)
    for binding in ArticleScreen.BINDINGS:
        for key in binding.key.split(","):
            if len(key) == 1 and key.isalpha():
                assert key in documented.split() or f"{key} " in documented or f" {key}" in documented, key
