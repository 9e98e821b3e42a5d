"""The only code that touches SQLite. Everything else asks the store."""

from provenance.store.db import DEFAULT_DB, open_db, resolve_db_path

__all__ = ["DEFAULT_DB", "open_db", "resolve_db_path"]
