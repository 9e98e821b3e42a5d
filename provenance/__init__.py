"""provenance: read news articles for where their information comes from and how they frame it."""

import sys as _sys

__version__ = "0.1.0"


def _import_sqlite_utils_without_dataframes() -> None:
    """Import sqlite-utils as if pandas and numpy were not installed.

    sqlite-utils imports both when it is imported, only to recognise their values in rows it is given. provenance
    never gives it any, and the import alone costs every command and the annotator's start-up about 0.1 s for numpy
    and several times that for pandas, which researchers' environments often have. numpy is imported later, by the
    code that computes with it.
    """
    blocked = [name for name in ("pandas", "numpy") if name not in _sys.modules]
    for name in blocked:
        _sys.modules[name] = None  # type: ignore[assignment]  # makes ``import name`` raise ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if _sys.modules.get(name, 0) is None:
                del _sys.modules[name]


_import_sqlite_utils_without_dataframes()
