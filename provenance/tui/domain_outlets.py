"""The outlet annotators gave each publisher domain, as the annotator asks for it: counted once, then kept current.

The suggestion for an article of an unregistered domain is the outlet most of the domain's labelled articles agreed
on. Counting that reads every label of the domain (over 100 ms at 10,000 labelled articles), and each outlet label
of the domain changes it, so a count per label would be felt on the next keypress. Instead each domain's counts
(outlet → articles that agreed on it) are read once, and a label of this session moves one article from its agreed
outlet before the event to its agreed outlet after it, both read one article at a time by the store's rule. Events
written elsewhere (another annotator, a ruling on the review screen, a merge) are found in the label log by rowid,
and the domains they touch are counted afresh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TypeVar

import sqlite_utils

from provenance.store import outlets

T = TypeVar("T")


class DomainOutlets:
    """The outlet given to each domain, as :func:`provenance.store.outlets.outlet_given_to_domain` would answer."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._counts: dict[str, Counter[str]] = {}
        self._seen = outlets.newest_label_event(db)
        """The newest label event the counts account for."""

    def given(self, domain: str) -> str:
        """The outlet most of the domain's labelled articles agreed on ("" when none is labelled)."""
        if not domain:
            return ""
        self._catch_up()
        counts = self._counts.get(domain)
        if counts is None:
            counts = self._counts[domain] = Counter(outlets.domain_outlet_counts(self.db, domain))
        return outlets.outlet_from_counts(counts)

    def write(self, article_id: str, field: str, target: str, write: Callable[[], T]) -> T:
        """Run ``write``, which appends one label event (a label, or an undo) of ``field`` of ``article_id``, and
        keep the counts current through it."""
        if field != "outlet" or target:
            return write()
        self._catch_up()
        before = outlets.agreed_outlet(self.db, article_id) if self._counts else None
        result = write()
        if before is None:
            return result  # nothing counted yet: the event is caught up with like any other
        after = outlets.agreed_outlet(self.db, article_id)
        seen = self._seen
        newest, changes = outlets.outlet_label_changes(self.db, seen)
        if newest - seen == 1 and changes and changes[0][0] == article_id:
            # Only one event since the last look, so it is the one just written.
            counts = self._counts.get(changes[0][1])
            if counts is not None and before != after:
                if before:
                    counts[before] -= 1
                    if counts[before] <= 0:
                        del counts[before]
                if after:
                    counts[after] += 1
            self._seen = newest
        else:
            self._forget(newest, changes)
        return result

    def _catch_up(self) -> None:
        """Forget the counts of the domains that outlet events written elsewhere have touched."""
        newest, changes = outlets.outlet_label_changes(self.db, self._seen)
        if newest != self._seen:
            self._forget(newest, changes)

    def _forget(self, newest: int, changes: list[tuple[str, str]] | None) -> None:
        if changes is None:
            self._counts.clear()
        else:
            for _, domain in changes:
                self._counts.pop(domain, None)
        self._seen = newest
