"""Reading articles from files: decoding, normalisation and the :class:`Article` record."""

from provenance.corpus.article import Article, Mark

__all__ = ["Article", "Mark"]
