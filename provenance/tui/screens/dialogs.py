"""Small modal screens that answer through ``dismiss``: help, guidelines, the filter menu, passage labels.

Option prompts are ``Text`` objects: outlet names come from articles and labels and must not be read as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from provenance.store.queue import QueueFilter
from provenance.tui.keys import ARTICLE_KEYS, QUEUE_KEYS

MODAL_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90%; max-width: 100; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
}}
{name} .title {{ text-style: bold; }}
"""


def keys_table(title: str, keys: tuple[tuple[str, str], ...]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in keys:
        table.add_row(Text(key), Text(what))
    return table


class HelpScreen(ModalScreen[None]):
    """Every key, from :mod:`provenance.tui.keys`."""

    DEFAULT_CSS = MODAL_CSS.format(name="HelpScreen")
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Keys — Esc closes"), classes="title")
            with VerticalScroll():
                yield Static(keys_table("Article", ARTICLE_KEYS))
                yield Static(keys_table("Queue", QUEUE_KEYS))
                yield Static(
                    Text(
                        "Queue status: · unlabelled  ◐ partly labelled  ✓ done  ↷ skipped  ! in disagreement.\n"
                        "Every label is committed the moment you choose it; 'saved' appears after the commit.",
                        style="dim",
                    )
                )

    def action_dismiss(self, result: object = None) -> None:  # type: ignore[override]
        self.dismiss(None)


class GuidelinesScreen(ModalScreen[None]):
    """The scheme's Markdown guidelines (the scheme file is the researcher's own, so Markdown is rendered)."""

    DEFAULT_CSS = MODAL_CSS.format(name="GuidelinesScreen")
    BINDINGS = [Binding("escape,q,g", "dismiss", "Close", show=False)]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown

        with Vertical():
            yield Static(Text("Guidelines — Esc closes"), classes="title")
            with VerticalScroll():
                yield Markdown(self.markdown or "This scheme has no guidelines.")

    def action_dismiss(self, result: object = None) -> None:  # type: ignore[override]
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """Pick one option (Enter) or cancel (Esc)."""

    DEFAULT_CSS = MODAL_CSS.format(name="ChoiceScreen") + """
    ChoiceScreen > Vertical { height: auto; max-height: 90%; }
    ChoiceScreen OptionList { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="title")
            yield OptionList(*[Option(Text(label), id=value) for value, label in self.options])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


FILTER_MODES = [
    ("todo", "to do: unlabelled and partly labelled (default)"),
    ("all", "all articles"),
    ("mine", "mine: articles I labelled or skipped"),
    ("disagreements", "in disagreement between annotators"),
    ("outlet", "by outlet…"),
    ("language", "by language…"),
]


def choose_filter(
    app: App, outlets: list[str], languages: list[str], search: str, then: Callable[[QueueFilter], None]
) -> None:
    """Ask for a filter mode (and its value for outlet/language), then call ``then(QueueFilter)``."""

    def mode_chosen(mode: str | None) -> None:
        if mode is None:
            return
        if mode in ("outlet", "language"):
            values = outlets if mode == "outlet" else languages
            if not values:
                app.notify(f"no {mode} to filter by yet", markup=False)
                return
            app.push_screen(
                ChoiceScreen(f"Filter by {mode}", [(v, v) for v in values]),
                lambda value: then(QueueFilter(mode, value, search)) if value is not None else None,
            )
        else:
            then(QueueFilter(mode, "", search))

    app.push_screen(ChoiceScreen("Filter the queue", FILTER_MODES), mode_chosen)


class PassageLabelsScreen(ModalScreen[list[str] | None]):
    """Tick the frames or techniques of a passage: Space toggles, Enter saves, Esc cancels."""

    DEFAULT_CSS = MODAL_CSS.format(name="PassageLabelsScreen")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("enter", "save", "Save", show=False, priority=True),
    ]

    def __init__(self, field_id: str, options: tuple[str, ...], chosen: list[str]) -> None:
        super().__init__()
        self.field_id = field_id
        self.choices = options
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"{self.field_id.capitalize()} — Space toggles, Enter saves, Esc cancels"), classes="title")
            yield SelectionList[str](*[(Text(o), o, o in self.chosen) for o in self.choices])

    def action_save(self) -> None:
        selected = set(self.query_one(SelectionList).selected)
        self.dismiss([o for o in self.choices if o in selected])

    def action_cancel(self) -> None:
        self.dismiss(None)
