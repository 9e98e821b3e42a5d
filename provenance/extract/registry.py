"""The outlet registry: news outlets and agencies with their domains and the names the press calls them by.

It is a data file (``data/outlets.csv``: ``name,domains,aliases,country,type,languages``, lists separated by ``|``)
so a researcher can read and extend it; user rows (``provenance outlets import``) are layered on top. A user row
with the name of a shipped outlet replaces it. The registry's ``fingerprint`` changes whenever user rows do, so
analyses made with another registry can be recognised as stale.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from provenance.domains import host_of, registered_domain
from provenance.errors import InputError

DATA_FILE = Path(__file__).parent / "data" / "outlets.csv"
COLUMNS = ("name", "domains", "aliases", "country", "type", "languages")
REQUIRED = ("name", "domains")
SECOND_LEVEL_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gouv", "mil"})
"""Second-level labels under which a three-label host is a registered domain (``bbc.co.uk``, ``kmu.gov.ua``)."""
NON_MEDIA_TYPES = frozenset({"government", "intergovernmental", "think tank", "ngo", "company", "university"})


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet: ``name`` is canonical; ``domains`` are registered domains, the first one primary."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str = ""
    type: str = ""
    languages: tuple[str, ...] = ()

    @property
    def domain(self) -> str:
        """The primary domain ("" when none is known)."""
        return self.domains[0] if self.domains else ""

    @property
    def is_media(self) -> bool:
        """Whether this is a news medium; governments and think tanks are listed only so their links are named."""
        return self.type not in NON_MEDIA_TYPES

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *self.aliases)

    def to_row(self) -> dict[str, str]:
        """The CSV/database form, lists joined with ``|``."""
        return {
            "name": self.name,
            "domains": "|".join(self.domains),
            "aliases": "|".join(self.aliases),
            "country": self.country,
            "type": self.type,
            "languages": "|".join(self.languages),
        }


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in (value or "").split("|") if part.strip()))


def normal_domain(value: str) -> str:
    """The registered domain of a registry entry, without loading the Public Suffix List when the entry plainly is
    one already (``bbc.com``, ``bbc.co.uk``): loading it costs about a second at start-up, for ``outlets list`` too."""
    host = host_of(value).removeprefix("www.")
    labels = host.split(".")
    if len(labels) == 2 or len(labels) == 3 and labels[1] in SECOND_LEVEL_LABELS:
        return host
    return registered_domain(host)


def outlet_from_row(row: dict[str, str | None]) -> Outlet:
    """An :class:`Outlet` from a CSV row; domains are reduced to registered domains (``www.bbc.co.uk`` →
    ``bbc.co.uk``)."""
    domains = tuple(dict.fromkeys(d for d in (normal_domain(x) for x in _split(row.get("domains"))) if d))
    name = (row.get("name") or "").strip()
    return Outlet(
        name=name,
        domains=domains,
        aliases=tuple(a for a in _split(row.get("aliases")) if a != name),
        country=(row.get("country") or "").strip(),
        type=(row.get("type") or "").strip().lower(),
        languages=tuple(x.lower() for x in _split(row.get("languages"))),
    )


def read_outlets_csv(source: str | Path, text: str | None = None) -> tuple[list[Outlet], list[str]]:
    """Parse an outlets CSV: the outlets, and one message per skipped row (line number and why).

    Raises :class:`InputError` when the file cannot be read or lacks the ``name`` and ``domains`` columns.
    """
    if text is None:
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError(f"{source}: no such file", "check the path to the outlets CSV") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{source}: cannot be read as UTF-8 CSV ({exc})", "save it as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    except csv.Error as exc:
        hint = f"the first line must be {','.join(COLUMNS)}"
        raise InputError(f"{source}:1: malformed CSV header ({exc})", hint) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"{source}: missing column(s) {', '.join(missing)}",
            f"the first line must name the columns: {','.join(COLUMNS)}",
        )
    reader.fieldnames = header
    outlets: list[Outlet] = []
    problems: list[str] = []
    try:
        for row in reader:
            line = reader.line_num
            outlet = outlet_from_row(row)
            if not outlet.name:
                problems.append(f"{source}:{line}: no name, row skipped")
            elif not outlet.domains and not outlet.aliases:
                problems.append(f"{source}:{line}: {outlet.name!r} has neither a domain nor an alias, row skipped")
            else:
                outlets.append(outlet)
    except csv.Error as exc:
        raise InputError(f"{source}:{reader.line_num}: malformed CSV ({exc})", "fix the quoting on that line") from None
    return outlets, problems


@dataclass(slots=True)
class Registry:
    """Outlets indexed by name, alias and domain; the text matcher is built once, on first use."""

    outlets: list[Outlet]
    fingerprint: str = ""
    by_domain: dict[str, Outlet] = field(default_factory=dict)
    by_name: dict[str, Outlet] = field(default_factory=dict)
    _matcher: object = None

    def __post_init__(self) -> None:
        merged: dict[str, Outlet] = {}
        for outlet in self.outlets:
            merged[outlet.name.casefold()] = outlet
        self.outlets = list(merged.values())
        for outlet in self.outlets:
            for domain in outlet.domains:
                self.by_domain.setdefault(domain, outlet)
            for name in outlet.names:
                self.by_name.setdefault(name.casefold(), outlet)
        for outlet in self.outlets:  # canonical names win over another outlet's alias
            self.by_name[outlet.name.casefold()] = outlet

    def __len__(self) -> int:
        return len(self.outlets)

    def by_host(self, host_or_url: str) -> Outlet | None:
        """The outlet owning a host or URL: by its host (``www.`` dropped), else by its registered domain."""
        if not host_or_url:
            return None
        host = host_of(host_or_url)
        found = self.by_domain.get(host) or self.by_domain.get(host.removeprefix("www."))
        return found or self.by_domain.get(registered_domain(host_or_url))

    def lookup(self, name_or_domain: str) -> Outlet | None:
        """An outlet by canonical name, alias (case-insensitive) or domain/URL."""
        key = name_or_domain.strip()
        if not key:
            return None
        found = self.by_name.get(key.casefold())
        if found is None and "." in key and " " not in key:
            found = self.by_host(key)
        return found

    def extended(self, extra: Iterable[Outlet], tag: str = "") -> Registry:
        """A new registry with ``extra`` outlets layered on top (same name replaces)."""
        extra = list(extra)
        if not extra:
            return self
        digest = hashlib.sha256(repr([o.to_row() for o in extra]).encode()).hexdigest()[:8]
        fingerprint = "+".join(x for x in (self.fingerprint, tag + digest) if x)
        return Registry([*self.outlets, *extra], fingerprint=fingerprint)


def builtin_outlets() -> list[Outlet]:
    """The shipped outlets (empty if the data file is missing)."""
    if not DATA_FILE.exists():
        return []
    outlets, _problems = read_outlets_csv(DATA_FILE)
    return outlets


@functools.cache
def default_registry() -> Registry:
    """The shipped registry, parsed once per process."""
    return Registry(builtin_outlets())


def load_registry(extra_csv_paths: Iterable[str | Path] = ()) -> Registry:
    """The shipped registry, extended with the outlets of each CSV in ``extra_csv_paths`` (later files win)."""
    registry = default_registry()
    extra: list[Outlet] = []
    for path in extra_csv_paths:
        outlets, _problems = read_outlets_csv(path)
        extra.extend(outlets)
    return registry.extended(extra, tag="f")
