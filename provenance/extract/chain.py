"""The provenance chain of an article: who published it, what it says it is based on, whom it cites.

A chain is a list of steps, outermost first: the publisher (when known), the declared source (the ``source:`` URL
a rewrite points at), the outlets the text cites (by name, credit or link), the other linked domains, then the named
and anonymous sources. Each step is a plain dict so it serialises to JSON as it is and prints on one line.
It is derived from the sources alone, so the chain of a stored article is rebuilt from its stored sources.
"""

from __future__ import annotations

from collections.abc import Iterable

from provenance.corpus.article import Article
from provenance.corpus.text import one_line
from provenance.domains import registered_domain
from provenance.extract.registry import Registry, default_registry
from provenance.extract.spans import Source

STEPS = ("publisher", "declared", "outlet", "link", "person", "organization", "anonymous")
_DEPTH = {"publisher": 0, "declared": 1, "outlet": 2, "link": 2, "person": 3, "organization": 3, "anonymous": 3}


def _step(step: str, label: str, **fields: object) -> dict:
    return {"step": step, "depth": _DEPTH[step], "label": label, **fields}


def build_chain(article: Article, sources: Iterable[Source], *, registry: Registry | None = None) -> list[dict]:
    """The chain of ``article`` from its ``sources``: publisher → declared source → outlets → links → people."""
    registry = registry if registry is not None else default_registry()
    sources = sorted(sources, key=lambda s: s.start)
    chain: list[dict] = []
    home = article.publisher_domain or article.url
    publisher = registered_domain(home) if home else ""
    if publisher:
        outlet = registry.by_domain.get(publisher)
        chain.append(_step("publisher", outlet.name if outlet else publisher, domain=publisher,
                           outlet=outlet.name if outlet else ""))
    declared = [s for s in sources if s.kind == "url" and s.role == "declared"]
    declared_url = declared[0].url if declared else article.declared_source.strip()
    declared_domain = declared[0].domain if declared else registered_domain(declared_url) if declared_url else ""
    if declared_url:
        outlet = registry.by_domain.get(declared_domain)
        chain.append(_step("declared", outlet.name if outlet else declared_domain, url=declared_url,
                           domain=declared_domain, outlet=outlet.name if outlet else ""))
    cited: dict[str, dict] = {}
    links: dict[str, dict] = {}
    for source in sources:
        if source.role in ("declared", "internal"):
            continue
        if source.outlet and source.kind in ("outlet", "url", "organization"):
            entry = cited.setdefault(
                source.outlet,
                _step("outlet", source.outlet, outlet=source.outlet, domain=source.domain, mentions=0, roles=[],
                      first=source.start),
            )
            entry["mentions"] += 1
            if source.role not in entry["roles"]:
                entry["roles"].append(source.role)
        elif source.kind == "url" and source.domain:
            entry = links.setdefault(
                source.domain, _step("link", source.domain, domain=source.domain, mentions=0, first=source.start)
            )
            entry["mentions"] += 1
    chain.extend(cited.values())
    chain.extend(links.values())
    speakers: dict[tuple[str, str], dict] = {}
    for source in sources:
        if source.kind in ("person", "organization", "anonymous") and not source.outlet:
            key = (source.kind, source.text.casefold())
            entry = speakers.setdefault(
                key, _step(source.kind, one_line(source.text), cue=source.cue, mentions=0, first=source.start)
            )
            entry["mentions"] += 1
    chain.extend(speakers.values())
    return chain


def format_chain(chain: list[dict]) -> list[str]:
    """One printable line per step, indented by depth (labels made safe for a terminal)."""
    lines = []
    for step in chain:
        label = one_line(str(step.get("label", "")), 80)
        extra = []
        if step.get("url") and step["step"] == "declared":
            extra.append(one_line(step["url"], 100))
        elif step.get("domain") and step.get("domain") != label:
            extra.append(step["domain"])
        if step.get("mentions", 0) > 1:
            extra.append(f"×{step['mentions']}")
        if "credit" in step.get("roles", ()):
            extra.append("credit")
        if step.get("cue"):
            extra.append(f"cue: {one_line(step['cue'], 40)}")
        suffix = f"  ({', '.join(extra)})" if extra else ""
        lines.append(f"{'  ' * step['depth']}{step['step']}: {label}{suffix}")
    return lines
