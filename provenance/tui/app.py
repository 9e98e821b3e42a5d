"""The annotator application and the one factory that builds it for the CLI, the tests and the benchmarks.

Screens are registered by name in :attr:`AnnotatorApp.SCREENS_BY_KEY`-style bindings: adding a screen is a new
module under ``screens/``, one ``Binding`` and one ``action_`` method here.
"""

from __future__ import annotations

import gc

import sqlite_utils
from textual.app import App
from textual.binding import Binding

from provenance.scheme import Scheme
from provenance.store.labels import checkpoint_from_another_connection, defer_checkpoints
from provenance.store.user_outlets import outlet_rows
from provenance.tui.messages import LabelsChanged, OpenArticle, RegistryLoaded
from provenance.tui.screens.article import ArticleScreen
from provenance.tui.session import Session, load_registry


class AnnotatorApp(App[None]):
    """Label articles one by one; every key commits an event to the store it was handed."""

    CSS_PATH = "app.tcss"
    TITLE = "provenance"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", show=False),
        Binding("question_mark", "help", "Help", show=False),
        Binding("g", "guidelines", "Guidelines", show=False),
        Binding("l", "queue", "Queue", show=False),
        Binding("f", "filter", "Filter", show=False),
        Binding("slash", "search", "Search", show=False),
        Binding("r", "review", "Review disagreements", show=False),
        Binding("c", "compare", "Compare outlets", show=False),
    ]

    CHECKPOINT_EVERY = 50
    """Label saves between two checkpoints of the write-ahead log, run in a worker (see ``defer_checkpoints``)."""

    def __init__(self, session: Session, *, start_article: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.start_article = start_article
        self.article_screen = ArticleScreen(session)
        self._wal_path = defer_checkpoints(session.db)
        self._saves = 0

    def on_mount(self) -> None:
        self.article_screen.initial = self.start_article or self.session.resume_point()
        self.push_screen(self.article_screen)
        self.call_after_refresh(self.warm_up)  # after the first article is drawn

    def warm_up(self) -> None:
        """Load the outlet registry off the UI thread, so the first article does not wait for it.

        What exists once the first article is drawn (Textual's DOM and styles, then the registry) lives as long as
        the app: frozen, it is no longer walked by the collector's full passes, which otherwise took 30–45 ms in
        the middle of a keypress now and then.
        """
        gc.freeze()
        imported = outlet_rows(self.session.db)  # a few rows, read here: the connection belongs to this thread
        self.run_worker(lambda: self._load_registry(imported), thread=True, exit_on_error=False, name="registry")

    def on_unmount(self) -> None:
        gc.unfreeze()  # an app built in a long-lived process (the tests) leaves its objects collectable

    def _load_registry(self, imported: list[dict]) -> None:
        if load_registry(imported):
            self.post_message(RegistryLoaded())

    def on_registry_loaded(self, message: RegistryLoaded) -> None:
        gc.freeze()
        if self.article_screen.editing is None and self.session.refresh_suggestion():
            self.article_screen.refresh_bar()

    # -- screens ---------------------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from provenance.tui.screens.dialogs import HelpScreen

        self.push_screen(HelpScreen())

    def action_guidelines(self) -> None:
        from provenance.tui.screens.dialogs import GuidelinesScreen

        self.push_screen(GuidelinesScreen(self.session.scheme.guidelines))

    def action_queue(self, search: bool = False) -> None:
        from provenance.tui.screens.queue import QueueScreen

        if isinstance(self.screen, QueueScreen):
            return
        self.push_screen(QueueScreen(self.session, search=search), self._open_chosen)

    def _open_chosen(self, article_id: str | None) -> None:
        """A screen that lists articles was closed: open the one chosen, or refresh the label bar it may have changed."""
        if article_id is not None:
            self.post_message(OpenArticle(article_id))
        else:
            self.article_screen.refresh_bar()

    def action_search(self) -> None:
        self.action_queue(search=True)

    def action_filter(self) -> None:
        from provenance.tui.screens.queue import QueueScreen

        if not isinstance(self.screen, QueueScreen):
            self.action_queue()
        self.call_after_refresh(self.screen.action_filter)

    def action_review(self) -> None:
        from provenance.tui.screens.review import ReviewScreen

        if isinstance(self.screen, ReviewScreen):
            return
        self.push_screen(ReviewScreen(self.session), self._open_chosen)

    def action_compare(self) -> None:
        from provenance.tui.screens.compare import CompareScreen

        if isinstance(self.screen, CompareScreen):
            return
        self.push_screen(CompareScreen(self.session), lambda _: self.article_screen.refresh_bar())

    # -- messages --------------------------------------------------------------------------------------------------

    def on_open_article(self, message: OpenArticle) -> None:
        self.article_screen.open(message.article_id)

    def on_labels_changed(self, message: LabelsChanged) -> None:
        self.sub_title = f"{self.session.annotator} · {self.session.progress()}"
        self._saves += 1
        if self._wal_path and self._saves >= self.CHECKPOINT_EVERY:
            self._saves = 0
            path = self._wal_path
            self.run_worker(
                lambda: checkpoint_from_another_connection(path), thread=True, exit_on_error=False, name="checkpoint"
            )


def build_app(
    db: sqlite_utils.Database, *, annotator: str, scheme: Scheme, start_article: str | None = None
) -> AnnotatorApp:
    """The annotator over ``db`` for ``annotator`` with ``scheme`` (shared by the CLI, tests and benchmarks)."""
    return AnnotatorApp(Session(db, annotator=annotator, scheme=scheme), start_article=start_article)
