"""Errors the user sees.

Every failure that reaches a person is a :class:`ProvenanceError`: a one-line message saying what went wrong and a
hint saying what to do. The CLI prints both and exits non-zero; it never shows a traceback for these.
"""

from __future__ import annotations


class ProvenanceError(Exception):
    """A failure explained to the user: ``message`` says what, ``hint`` says what to do about it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ReadError(ProvenanceError):
    """A file could not be turned into articles: unreadable, empty, binary, malformed, too large."""


class StoreError(ProvenanceError):
    """The database cannot be used: newer schema, corrupt, locked beyond the timeout, not a database."""


class SchemeError(ProvenanceError):
    """The label scheme file is invalid."""


class InputError(ProvenanceError):
    """A command was given input it cannot use: an unknown article, a bad value, a malformed label file."""
