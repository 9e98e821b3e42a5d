"""URLs written in the text and hyperlinks kept from HTML, each normalised to its registered domain.

Three shapes are recognised by one regex, run only over the whitespace-delimited tokens of the folded text that
hold a dot or ``://`` (found by literal search): URLs with a scheme, ``www.`` forms, and bare domains such as
``rtl.nl``. Bare domains are the risky shape (``end.It`` in a page that lost its spaces, ``setup.py``),
so they must end in a lower-case top-level domain from a short list of the ones news text actually uses. E-mail
addresses are consumed and dropped so their host part is never taken for a link; ``mailto:``, ``javascript:`` and
fragment-only hyperlinks are not sources either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

from provenance.corpus.article import Mark
from provenance.domains import registered_domain
from provenance.extract.forms import folded as folded_form
from provenance.extract.spans import Source

BARE_TLDS = frozenset(
    """com net org info biz edu gov int mil io co tv fm me news media online site live world today press
    eu fr de nl be ch at it es pt uk ie lu dk se no fi is pl cz sk hu ro bg gr hr si rs ba mk al ua by ru md
    lt lv ee tr il ca us mx br ar cl au nz jp cn hk tw kr in pk za ng ke eg ma tn dz qa ae sa ir su ge kz ly gl ai
    app dev xyz blog tech space рф укр бел срб""".split()
)
"""Top-level domains accepted for a bare domain (no scheme, no ``www.``)."""

_HOST = r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+"
_PATH = r"(?:[/?#][^\s<>\"\[\]{}|\\^`]*)?"
_URL = re.compile(
    r"(?P<email>(?<![\w.+-])[\w.+-]+@(?:[\w-]+\.)+[\w-]+)"
    r"|(?P<scheme>(?<![\w])(?:https?|ftp)://[^\s<>\"\[\]{}|\\^`]+)"
    r"|(?P<www>(?<![\w.@/-])www\." + _HOST + r"[^\W\d_]{2,63}(?::\d{1,5})?" + _PATH + r")"
    r"|(?P<bare>(?<![\w.@/-])" + _HOST + r"(?P<tld>[^\W\d_]{2,6})(?![\w-])(?!\.[^\W_])" + _PATH + r")",
    re.IGNORECASE,
)
_DOT = re.compile(r"\.(?=[^\W_])")
_TOKEN_END = re.compile(r"[ \t\n]")
_TRAILING = ".,;:!?'\"*…"
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_DECLARED_PREFIX = re.compile(
    r"(?:^|\n)[ \t]*(?:sources?|quelle|bron|fonte|fuente|origine)[ \t]*:[ \t]*$", re.IGNORECASE
)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "gv"})
_NOT_LINKS = ("mailto:", "javascript:", "tel:", "data:", "#")


def trim_url(candidate: str) -> str:
    """Drop sentence punctuation after a URL, and closing brackets that the URL did not open."""
    while candidate:
        last = candidate[-1]
        if last in _TRAILING:
            candidate = candidate[:-1]
        elif last in _CLOSERS and candidate.count(_CLOSERS[last]) < candidate.count(last):
            candidate = candidate[:-1]
        else:
            break
    return candidate


def normalise_url(url: str) -> str:
    """Scheme and host lower-cased, ``http://`` added when missing, default port and fragment dropped.

    Returns "" for what is not a web address (``mailto:``, ``javascript:``, an empty or unparseable string).
    """
    url = url.strip()
    if not url or url.lower().startswith(_NOT_LINKS):
        return ""
    if "://" not in url[:12]:
        url = "http://" + url.lstrip("/")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return ""
    scheme = parts.scheme.lower()
    if ":" in host:
        host = f"[{host}]"
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, parts.path or "", parts.query, ""))


def _role(domain: str, url: str, declared: str, publisher: str, declared_line: bool) -> str:
    if declared and url == declared or declared_line:
        return "declared"
    if publisher and domain == publisher:
        return "internal"
    return "body"


def find_urls(
    text: str,
    *,
    links: Iterable[Mark] = (),
    declared_source: str = "",
    publisher_domain: str = "",
) -> list[Source]:
    """Every URL written in ``text`` and every hyperlink in ``links``, in text order, as ``kind="url"`` sources.

    ``role`` is ``declared`` for the article's declared source (the URL given, or a URL alone after a ``source:``
    / ``Quelle:`` prefix at the start of a line), ``internal`` for links to the publisher's own registered domain,
    else ``body``. A hyperlink whose anchor is itself a written URL is reported once.
    """
    folded = folded_form(text)
    declared = normalise_url(declared_source)
    publisher = registered_domain(publisher_domain) if publisher_domain else ""
    found: dict[tuple[int, int], Source] = {}
    for match in _candidates(folded):
        kind = match.lastgroup
        if kind == "email":
            continue
        if kind == "bare" and match.group("tld") not in BARE_TLDS:
            continue
        start = match.start()
        raw = trim_url(match.group())
        if not raw or kind != "scheme" and "." not in raw:
            continue
        url = normalise_url(raw)
        if not url:
            continue
        domain = registered_domain(url)
        if kind == "bare" and not _looks_like_domain(domain):
            continue
        end = start + len(raw)
        declared_line = bool(_DECLARED_PREFIX.search(folded, max(0, start - 40), start))
        role = _role(domain, url, declared, publisher, declared_line)
        found[(start, end)] = Source("url", text[start:end], start, end, url=url, domain=domain, role=role)
    for mark in links:
        url = _link_url(mark.value, publisher)
        if not url or not 0 <= mark.start <= mark.end <= len(text):
            continue
        domain = registered_domain(url)
        role = _role(domain, url, declared, publisher, False)
        written = found.get((mark.start, mark.end))
        if written is not None and written.domain == domain:
            continue
        found[(mark.start, mark.end)] = Source(
            "url", text[mark.start : mark.end], mark.start, mark.end, url=url, domain=domain, role=role
        )
    return sorted(found.values(), key=lambda s: (s.start, s.end))


def _candidates(folded: str) -> Iterator[re.Match[str]]:
    """URL-shaped matches, looked for only in the whitespace-delimited tokens that hold a dot or ``://``.

    Scanning the whole text with the URL regex costs a regex step at every character; tokens with a dot inside are
    found by a literal search and are few (URLs, abbreviations), so the regex runs over a small part of the text.
    """
    done = -1
    for anchor, anchor_end in _anchors(folded):
        if anchor < done:
            continue
        # the previous token ended at ``done``, on a space, so the search back for this token's start stops there
        floor = max(done, 0)
        start = max(folded.rfind(" ", floor, anchor), folded.rfind("\n", floor, anchor),
                    folded.rfind("\t", floor, anchor)) + 1
        end = _TOKEN_END.search(folded, anchor_end)
        done = end.start() if end else len(folded)
        yield from _URL.finditer(folded, start, done)


def _anchors(folded: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every dot before a letter or digit and every ``://``, in order.

    Two searches that each start with one literal character, which ``re`` and ``str.find`` skip to quickly; the
    alternation of both would be tried character by character.
    """
    found = [match.span() for match in _DOT.finditer(folded)]
    at = folded.find("://")
    while at >= 0:
        found.append((at, at + 3))
        at = folded.find("://", at + 3)
    found.sort()
    return found


def _looks_like_domain(domain: str) -> bool:
    """A bare match must have a name before its suffix (``co.uk`` alone is not a domain)."""
    name, _, suffix = domain.partition(".")
    return bool(name and suffix) and not (name in _SECOND_LEVEL and "." not in suffix)


def _link_url(href: str, publisher: str) -> str:
    """The normalised target of a hyperlink; a relative link points at the publisher's own site."""
    href = href.strip()
    if not href or href.lower().startswith(_NOT_LINKS):
        return ""
    if href.startswith("//"):
        return normalise_url("http:" + href)
    if "://" in href[:12]:
        return normalise_url(href)
    if publisher and (href.startswith("/") or "." not in href.split("/", 1)[0]):
        return normalise_url(f"{publisher}/{href.lstrip('/')}")
    return normalise_url(href)
