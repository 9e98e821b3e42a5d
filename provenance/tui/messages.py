"""Messages the annotator's screens and workers post to the app, so that state flows one way: the store changes,
a message says so, and whoever shows that state refreshes."""

from __future__ import annotations

from textual.message import Message


class LabelsChanged(Message):
    """Label events were committed for ``article_id`` (the queue and the progress count are stale)."""

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id


class OpenArticle(Message):
    """Show ``article_id`` on the article screen (sent by the queue)."""

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id


class RegistryLoaded(Message):
    """The outlet registry finished loading in its worker: suggestions and completions can use it."""
