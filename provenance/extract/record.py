"""What ``provenance extract`` prints for one article: a JSON record, or the same for a human.

The JSON layout is an interface other tools read, so its keys are fixed here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence

from provenance.corpus.article import Article
from provenance.corpus.text import one_line
from provenance.extract.boilerplate import SharedSpan
from provenance.extract.chain import format_chain
from provenance.extract.spans import Analysis, Source

SOURCE_KEYS = ("kind", "text", "start", "end", "url", "domain", "outlet", "cue", "role")


def source_record(source: Source) -> dict:
    """A source as the JSON output shows it."""
    return {key: getattr(source, key) for key in SOURCE_KEYS}


def article_record(
    article: Article, analysis: Analysis, path: str = "", boilerplate: Sequence[SharedSpan] = ()
) -> dict:
    """The JSON object printed for one article; ``text == article.text[start:end]`` holds for every source, passage
    and marker. ``boilerplate`` are the paragraphs other articles of the same run repeat."""
    return {
        "path": article.origin or path,
        "title": article.title,
        "language": article.language,
        "publisher_domain": article.publisher_domain,
        "declared_source": article.declared_source,
        "sources": [source_record(s) for s in analysis.sources],
        "chain": analysis.chain,
        "passages": [p.to_dict() for p in analysis.passages],
        "boilerplate": [b.to_dict() for b in boilerplate],
    }


def format_record(record: dict) -> list[str]:
    """The lines ``--format text`` prints: a header, one line per source, then the chain.

    Every value from the article is made single-line and stripped of control characters before it is printed.
    """
    title = one_line(record["title"], 100) or "(untitled)"
    lines = [f"{one_line(record['path'])} — {title}"]
    facts = [f"language: {record['language'] or '?'}"]
    if record["publisher_domain"]:
        facts.append(f"publisher: {one_line(record['publisher_domain'])}")
    if record["declared_source"]:
        facts.append(f"declared source: {one_line(record['declared_source'], 100)}")
    lines.append("  " + "  ".join(facts))
    sources = record["sources"]
    lines.append(f"  sources ({len(sources)}):")
    for s in sources:
        what = s["outlet"] or s["domain"] or s["cue"]
        detail = f" → {one_line(what, 60)}" if what and what != s["text"] else ""
        role = f" [{s['role']}]" if s["role"] != "body" else ""
        lines.append(f"    {s['start']:>6}-{s['end']:<6} {s['kind']:<12} {one_line(s['text'], 70)}{detail}{role}")
    if record["chain"]:
        lines.append("  chain:")
        lines.extend("    " + line for line in format_chain(record["chain"]))
    passages = record.get("passages", [])
    if passages:
        lines.append(f"  framing passages ({len(passages)}, best first):")
        for p in passages[:5]:
            lines.append(f"    {p['score']:>5.2f}  {one_line(p['why'], 90)}")
            lines.append(f"           {one_line(p['text'], 90)}")
    for b in record.get("boilerplate", []):
        others = ", ".join(one_line(o, 60) for o in b["shared_with"])
        lines.append(f"  repeated paragraph {b['start']}-{b['end']}: also in {others}")
    return lines
