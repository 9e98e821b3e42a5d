"""One annotator's labelling session: which article is shown, which field is active, and what each key records.

This is the annotator's logic without any widget, so the screens stay thin and the flow can be driven (and timed)
directly. Every change is one label event committed before the call returns; nothing is ever updated in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlite_utils

from provenance.corpus.article import Article
from provenance.errors import InputError
from provenance.extract.spans import Passage, Source
from provenance.scheme import Field, Scheme
from provenance.store import analysis as stored_analysis
from provenance.store import outlets, queue
from provenance.store.articles import get_article
from provenance.store.boilerplate import shared_spans
from provenance.store.labels import LabelEvent, article_labels, last_undoable, record_event, undo_last
from provenance.tui.domain_outlets import DomainOutlets

PASSAGE_VERDICTS = ("accept", "reject")


@dataclass(slots=True)
class Shown:
    """Everything the article screen shows about one article, read once when it opens."""

    article: Article
    sources: list[Source]
    passages: list[tuple[str, Passage]]
    labels: dict[str, str]
    passage_labels: dict[str, dict[str, str]]
    suggestion: str = ""
    boilerplate: list[tuple[int, int, int]] = field(default_factory=list)
    """(start, end, how many other articles carry it) of each repeated paragraph."""


_REGISTRY: list = []
"""The outlet registry once :func:`load_registry` has run (it parses a CSV and the public-suffix list, which the
first article must not wait for: the app loads it in a worker and refreshes the suggestion when it is there)."""


def load_registry(imported: Sequence[dict] = ()) -> bool:
    """Load the outlet registry, with the outlets imported into the database (their stored rows) layered on top, as
    the store's suggestion and the comparison use it. Slow: call from a worker. Returns whether one is available."""
    try:
        from provenance.extract.registry import default_registry, outlet_from_row
    except ImportError:
        return False
    registry = default_registry().extended([outlet_from_row(row) for row in imported], tag="u")
    if not _REGISTRY or _REGISTRY[0].fingerprint != registry.fingerprint:
        registry.by_host("example.org")  # builds the domain parser too
        _REGISTRY[:] = [registry]
    return True


def registry_names() -> list[str]:
    """Every outlet name the registry knows, once loaded (for autocompletion)."""
    return [o.name for o in _REGISTRY[0].outlets] if _REGISTRY else []


def _registry_name(host: str) -> str:
    if not _REGISTRY or not host:
        return ""
    outlet = _REGISTRY[0].by_host(host)
    return outlet.name if outlet else ""


def _declared_host(value: str) -> str:
    """The registered domain of a declared-source value, once the registry (and with it the domain parser) is
    loaded; "" before, and the suggestion is refreshed when it arrives."""
    if not _REGISTRY:
        return ""
    from provenance.domains import registered_domain

    return registered_domain(value)


class Session:
    """The state of one annotator in front of one database with one scheme."""

    def __init__(self, db: sqlite_utils.Database, *, annotator: str, scheme: Scheme) -> None:
        self.db = db
        self.annotator = annotator
        self.scheme = scheme
        self.required = tuple(f.id for f in scheme.required)
        self.filter = queue.QueueFilter()
        self.shown: Shown | None = None
        self.active: str | None = None
        """The field digits choose for; None when every required field is set."""
        self._progress: queue.Progress | None = None
        self.domain_outlets = DomainOutlets(db)
        """The outlet annotators gave each domain, kept current by each outlet label."""

    # -- reading ---------------------------------------------------------------------------------------------------

    def open(self, article_id: str) -> Shown:
        """Load one article and make the first field still to do active."""
        article = get_article(self.db, article_id)
        if article is None:
            raise InputError(f"no article {article_id!r} in this database", "pick one from the queue (l)")
        passages = stored_analysis.load_passages(self.db, article_id)
        shared = shared_spans(self.db, article_id)
        labels = article_labels(self.db, article_id, self.annotator)
        shown = Shown(
            article=article,
            sources=stored_analysis.load_sources(self.db, article_id),
            passages=passages,
            labels=labels[""],
            passage_labels={pid: labels.get(pid, {}) for pid, _ in passages},
            boilerplate=[(span.start, span.end, len(span.shared_with)) for span in shared],
        )
        shown.suggestion = self.suggest_outlet(shown)
        self.shown = shown
        self.active = self.first_open_field()
        return shown

    def reload_labels(self) -> None:
        """Re-read the shown article's labels after an event."""
        shown = self.current()
        labels = article_labels(self.db, shown.article.id, self.annotator)
        shown.labels = labels[""]
        shown.passage_labels = {pid: labels.get(pid, {}) for pid, _ in shown.passages}

    def current(self) -> Shown:
        if self.shown is None:
            raise InputError("no article is open", "open one from the queue (l)")
        return self.shown

    def suggest_outlet(self, shown: Shown) -> str:
        """The outlet to pre-fill, by the store's rule (:func:`provenance.store.outlets.suggest_outlet`), from the
        session's caches: the registry once loaded, the outlet given to each domain (counted once, then label by label),
        the article's sources as read when it opened."""
        article = shown.article
        declared = next(((s.outlet, s.domain) for s in shown.sources if s.role == "declared"), None)
        return outlets.suggest_outlet(
            article.publisher_domain,
            declared,
            article.declared_source,
            registry_name=_registry_name,
            given_to_domain=self.domain_outlets.given,
            declared_host=_declared_host,
            sharing_outlet=lambda: outlets.outlet_of_sharing_articles(self.db, article.id),
        )

    def refresh_suggestion(self) -> bool:
        """Recompute the shown article's suggestion (the registry has arrived); True when it changed."""
        if self.shown is None or self.shown.labels.get("outlet"):
            return False
        before = self.shown.suggestion
        self.shown.suggestion = self.suggest_outlet(self.shown)
        if self.shown.suggestion != before and self.active == "outlet":
            self.active = self.first_open_field()
        return self.shown.suggestion != before

    def pending_suggestion(self, field_id: str) -> str:
        """The suggestion a text field would take on the next digit ("" when it has a value or no suggestion)."""
        shown = self.current()
        if field_id == "outlet" and not shown.labels.get("outlet") and shown.suggestion:
            return shown.suggestion
        return ""

    def is_filled(self, field_id: str) -> bool:
        """Set, or pre-filled with a suggestion that the next digit will confirm."""
        return bool(self.current().labels.get(field_id)) or bool(self.pending_suggestion(field_id))

    def first_open_field(self) -> str | None:
        return next((f for f in self.required if not self.is_filled(f)), None)

    def complete(self) -> bool:
        """Every required field has a committed value."""
        labels = self.current().labels
        return all(labels.get(f) for f in self.required)

    def field(self, field_id: str) -> Field:
        found = self.scheme.field(field_id)
        if found is None:
            raise InputError(f"unknown field {field_id!r}", "check the label scheme")
        return found

    # -- moving between fields -------------------------------------------------------------------------------------

    def move_field(self, step: int) -> str:
        """Tab / Shift+Tab: the next or previous field of the scheme, wrapping round."""
        ids = [f.id for f in self.scheme.fields]
        index = ids.index(self.active) if self.active in ids else (-1 if step > 0 else 0)
        self.active = ids[(index + step) % len(ids)]
        return self.active

    # -- recording -------------------------------------------------------------------------------------------------

    def _record(self, field_id: str, value: str, *, target: str = "", action: str = "set") -> LabelEvent:
        article_id = self.current().article.id
        before = self._status(article_id)
        event = self.domain_outlets.write(
            article_id,
            field_id,
            target,
            lambda: record_event(self.db, article_id, self.annotator, field_id, value, action=action, target=target),
        )
        self._count_change(article_id, before)
        return event

    def _status(self, article_id: str) -> str:
        return queue.status(self.db, article_id, self.annotator, self.required)

    def _count_change(self, article_id: str, before: str) -> None:
        """Keep the progress count current from one article's status change (a full count is a scan)."""
        if self._progress is None:
            return
        after = self._status(article_id)
        if after == before:
            return
        done = self._progress.done + (after == "done") - (before == "done")
        skipped = self._progress.skipped + (after == "skipped") - (before == "skipped")
        self._progress = queue.Progress(done=done, skipped=skipped, total=self._progress.total)

    def choose(self, key: str) -> bool:
        """A digit: choose the value of the active field with this key, confirming a pending outlet suggestion
        first (so ``2 4 1`` labels an article whose outlet is suggested). Returns True when something was
        recorded. The active field then moves to the next field still to do."""
        if self.active is None:
            return False
        active = self.field(self.active)
        value = active.value_for_key(key)
        if value is None:
            return False
        for field_id in self.required:
            suggestion = self.pending_suggestion(field_id)
            if suggestion and field_id != active.id:
                self._record(field_id, suggestion)
        self._record(active.id, value.id)
        self.reload_labels()
        self.active = self.next_open_field(active.id)
        return True

    def next_open_field(self, after: str) -> str | None:
        """The first required field still empty, looking after ``after`` first and then from the start."""
        order = list(self.required)
        if after in order:
            index = order.index(after)
            order = order[index + 1 :] + order[: index + 1]
        return next((f for f in order if not self.is_filled(f)), None)

    def set_text(self, field_id: str, value: str) -> bool:
        """Confirm a text field (the outlet or the note); an empty value clears it. Returns True if recorded."""
        value = value.strip()
        labels = self.current().labels
        if value == labels.get(field_id, ""):
            if value or field_id not in labels:
                self.active = self.next_open_field(field_id) if field_id in self.required else self.active
                return False
        if value:
            self._record(field_id, value)
        else:
            self._record(field_id, "", action="clear")
        self.reload_labels()
        if field_id in self.required or self.active == field_id:
            self.active = self.next_open_field(field_id)
        return True

    def skip(self) -> None:
        """Set the shown article aside (a ``skip`` event; undo brings it back)."""
        self._record(queue.SKIP_FIELD, "", action="skip")

    def undo(self) -> LabelEvent | None:
        """Undo this annotator's newest change (a new event); returns the event undone."""
        last = last_undoable(self.db, self.annotator)
        if last is None:
            return None
        before = self._status(last.article_id)
        undone = self.domain_outlets.write(
            last.article_id, last.field, last.target, lambda: undo_last(self.db, self.annotator)
        )
        self._count_change(last.article_id, before)
        return undone

    def passage_verdict(self, passage_id: str, verdict: str) -> None:
        """Accept or reject a suggested passage."""
        if verdict not in PASSAGE_VERDICTS:
            raise InputError(f"unknown verdict {verdict!r}", "use accept or reject")
        self._record("verdict", verdict, target=passage_id)
        self.reload_labels()

    def passage_labels(self, passage_id: str, field_id: str, values: list[str]) -> None:
        """Give a passage its frames or techniques (one event, the values joined by ``|``)."""
        allowed = self.scheme.frames if field_id == "frames" else self.scheme.techniques
        unknown = [v for v in values if v not in allowed]
        if field_id not in ("frames", "techniques") or unknown:
            raise InputError(f"not a passage label: {field_id} {unknown}", "choose from the scheme's lists")
        if values:
            self._record(field_id, "|".join(values), target=passage_id)
        else:
            self._record(field_id, "", target=passage_id, action="clear")
        self.reload_labels()

    # -- the queue -------------------------------------------------------------------------------------------------

    def neighbour(self, step: int) -> str | None:
        """The next or previous article the current filter shows."""
        current = self.shown.article.id if self.shown else None
        return queue.neighbour(self.db, self.annotator, self.required, self.filter, current, step)

    def after_completion(self) -> str | None:
        """The article to open once the shown one is done: the next to do, wrapping round."""
        current = self.current().article.id
        todo = queue.QueueFilter("todo")
        return (
            queue.neighbour(self.db, self.annotator, self.required, self.filter, current, 1)
            or queue.neighbour(self.db, self.annotator, self.required, todo, current, 1)
            or queue.neighbour(self.db, self.annotator, self.required, todo, None, 1)
        )

    def progress(self, *, recount: bool = False) -> queue.Progress:
        """``done/total labelled``: counted once, then kept current by each recorded event."""
        if self._progress is None or recount:
            self._progress = queue.progress(self.db, self.annotator, self.required)
        return self._progress

    def resume_point(self) -> str | None:
        return queue.resume_point(self.db, self.annotator, self.required)

    def outlet_completions(self) -> list[str]:
        """Outlets already used, then the registry's names, without repeats."""
        seen: dict[str, None] = {}
        for name in [*queue.used_outlets(self.db), *registry_names()]:
            seen.setdefault(name, None)
        return list(seen)
