"""Outlets a researcher added with ``provenance outlets import``, kept in the database beside the labels.

Keeping them in the database (not in a per-user file) means a database carries the registry its analyses were
made with: a colleague who opens it sees the same outlets. Rows are keyed by name, so importing a corrected file
replaces earlier rows of the same outlet.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from provenance.extract.registry import Outlet, Registry, default_registry, outlet_from_row
from provenance.store.labels import now_iso

TABLE = "user_outlets"


def save_outlets(db: sqlite_utils.Database, outlets: Iterable[Outlet], origin: str = "") -> int:
    """Add or replace outlets by name; returns how many rows were written."""
    now = now_iso()
    rows = [{**o.to_row(), "origin": origin, "imported_at": now} for o in outlets]
    if not rows:
        return 0
    with db.atomic():
        db[TABLE].upsert_all(rows, pk="name")
    return len(rows)


def outlet_rows(db: sqlite_utils.Database) -> list[dict[str, str | None]]:
    """The user's outlets as stored, in import order: a quick read, for a caller that builds the outlets elsewhere
    (reducing a domain may load the Public Suffix List, which the annotator does off its UI thread)."""
    if not db[TABLE].exists():
        return []
    cursor = db.execute(f"SELECT name, domains, aliases, country, type, languages FROM {TABLE} ORDER BY rowid")
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def load_outlets(db: sqlite_utils.Database) -> list[Outlet]:
    """The user's outlets in import order (empty when none were imported)."""
    return [outlet_from_row(row) for row in outlet_rows(db)]


def registry_for(db: sqlite_utils.Database) -> Registry:
    """The shipped registry extended with the database's outlets: what ingest and reanalyse should match with."""
    return default_registry().extended(load_outlets(db), tag="u")
