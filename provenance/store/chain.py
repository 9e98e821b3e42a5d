"""The provenance chain of a stored article, rebuilt from its stored sources.

The chain is a function of the article's publisher, its declared source and its sources, all of which the store
keeps; rebuilding it on load (a few microseconds) means it can never disagree with the sources after a
``reanalyse`` or an ``outlets import``.
"""

from __future__ import annotations

import sqlite_utils

from provenance.extract.chain import build_chain
from provenance.store.analysis import load_sources
from provenance.store.articles import get_article
from provenance.store.user_outlets import registry_for


def load_chain(db: sqlite_utils.Database, article_id: str) -> list[dict]:
    """The chain of one stored article (empty when the article is unknown)."""
    article = get_article(db, article_id)
    if article is None:
        return []
    return build_chain(article, load_sources(db, article_id), registry=registry_for(db))
