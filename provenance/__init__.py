"""provenance: read news articles for where their information comes from and how they frame it."""

__version__ = "0.1.0"
