"""Plain-text and Markdown pages as scraped from news sites: the header lines and the page furniture.

A scraped page is more than its article: breadcrumbs glued to the title ("Home ActualitéCollaboration…"), a
``date 2022-09`` prefix, a byline ("by Sara", or a lone "Milos Schmidt"), a photo caption ending in a date, a
``source:URL`` line naming the page it was rewritten from, and below the article comment forms and captchas
("vingt + dix ="). Nothing is removed from the text: each is recorded as a :class:`Mark` over its exact span, so the
annotator can dim the furniture and the extractors can skip it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from provenance.corpus.article import Article, Mark
from provenance.corpus.decode import decode_bytes
from provenance.corpus.readers.common import finish, read_limited
from provenance.corpus.text import casefold_same_length, fold, normalise_newlines
from provenance.errors import ReadError

HEADER_LINES = 10
"""How many non-empty lines from the top may hold the title, byline and date."""
MAX_TITLE = 300

_FURNITURE_LINES = frozenset(
    """
    home|accueil|startseite|menu|search|rechercher|suche|skip to content|aller au contenu
    leave a comment|leave a reply|leave a comment cancel reply|cancel reply|post comment|submit|comment|comments
    no comments|name|email|website|you may also like|you might also like|related|related posts|related articles
    read more|read next|more stories|share|share this|share this article|share on facebook|share on twitter|tweet
    back to top|previous article|next article|previous post|next post|post navigation|subscribe|advertisement
    sponsored|laisser un commentaire|laisser une réponse|répondre|annuler la réponse|commentaire|commentaires
    publier le commentaire|nom|e-mail|site web|vous aimerez aussi|à lire aussi|a lire aussi|lire aussi
    sur le même sujet|articles similaires|articles liés|partager|partager cet article|retour en haut|haut de page
    publicité|s'abonner|abonnez-vous|article précédent|article suivant|kommentar hinterlassen|kommentar schreiben
    kommentare|das könnte sie auch interessieren|auch interessant|mehr zum thema|teilen|nach oben|anzeige|werbung
    """.replace("\n", "|").split("|")
) - {""}
_FURNITURE_LINES = frozenset(line.strip() for line in _FURNITURE_LINES)

_FURNITURE_PREFIXES = (
    "your email address will not be published",
    "required fields are marked",
    "save my name, email",
    "notify me of",
    "you must be logged in",
    "this site uses akismet",
    "votre adresse e-mail ne sera pas publiée",
    "votre adresse de messagerie ne sera pas publiée",
    "les champs obligatoires sont indiqués",
    "enregistrer mon nom",
    "prévenez-moi",
    "ce site utilise akismet",
    "ihre e-mail-adresse wird nicht veröffentlicht",
    "erforderliche felder sind",
    "all rights reserved",
    "tous droits réservés",
    "alle rechte vorbehalten",
)

_LONGEST_EXACT = 2 * max(len(line) for line in _FURNITURE_LINES)
"""Longer lines can only start with a furniture prefix (the factor 2 leaves room for spaces, stars and colons)."""
_LONGEST_PREFIX = 2 * max(len(prefix) for prefix in _FURNITURE_PREFIXES)
_CRUMB_ROOTS = ("home", "accueil", "startseite")
_CAPTCHA = re.compile(r"^\s*\w{1,12}\s*[+\-−×x*]\s*\w{1,12}\s*=\s*\w{0,4}\s*$")
_DATE_PREFIX = re.compile(r"(?i)^(?:date|published|publié le|veröffentlicht)\s*:?\s*(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
_SOURCE = re.compile(r"[ \t]*([Ss][Oo][Uu][Rr][Cc][Ee][ \t]*:[ \t]*(\S+))[ \t]*$")
_BY = re.compile(r"(?i)^(?:by|par|von|door|por|di)\s+(?=\w)(.{2,80})$")
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’.\-]+"
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|del|le|la|bin|al|el|ter)"
_LONE_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,2}}$")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "januar|februar|märz|juni|juli|oktober|dezember"
)
_CAPTION_DATE = re.compile(
    rf"(?i)(?:\b\d{{1,2}}(?:er|st|nd|rd|th|\.)?\s+(?:{_MONTHS}),?\s+\d{{4}}|\b(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}})\.?$"
)


@dataclass(slots=True)
class Header:
    """What the top and the furniture of a page say about it."""

    title: str = ""
    byline: str = ""
    published: str = ""
    declared_source: str = ""
    marks: list[Mark] = field(default_factory=list)


def _lines(text: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line from ``start`` on, offsets into ``text``; lazily, as the header is short."""
    length = len(text)
    while start <= length:
        stop = text.find("\n", start)
        if stop < 0:
            stop = length
        yield start, text[start:stop]
        start = stop + 1


def _key(line: str) -> str:
    """A line as furniture lists spell it: folded, lower-case, trimmed of spaces, stars and colons."""
    return casefold_same_length(fold(line)).strip().rstrip("*: ").strip()


def _crumb_end(line: str) -> int:
    """Length of a breadcrumb at the start of ``line`` ("Home Actualité" glued to the title), else 0."""
    lowered = line[:12].lower()
    root = next((r for r in _CRUMB_ROOTS if lowered.startswith(r)), "")
    if not root or (len(line) > len(root) and line[len(root)].isalnum()):
        return 0
    for i in range(len(root) + 1, min(len(line), 60)):
        if line[i - 1].islower() and line[i].isupper():
            return i  # "…ActualitéCollaboration": the title starts where a lower-case letter meets a capital
    words = line.split()
    if len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalnum() for w in words):
        return len(line)
    return 0


def is_furniture(line: str) -> bool:
    """Whether a whole line is page furniture: navigation, a comment form, a captcha, a sharing prompt."""
    if len(line) > 200:
        return False
    key = _key(line if len(line) <= _LONGEST_EXACT else line[:_LONGEST_PREFIX])
    if not key:
        return False
    if len(line) > _LONGEST_EXACT:
        return key.startswith(_FURNITURE_PREFIXES)
    if key in _FURNITURE_LINES or key.startswith(_FURNITURE_PREFIXES):
        return True
    return len(key) <= 40 and bool(_CAPTCHA.match(key))


def _strip_span(start: int, line: str) -> tuple[int, int]:
    """The span of ``line`` without its surrounding whitespace."""
    left = len(line) - len(line.lstrip())
    return start + left, start + len(line.rstrip())


def parse_page(text: str) -> Header:
    """Find the title, byline, date, declared source and furniture of a scraped page.

    The header (the first few non-empty lines) is read closely; below it a line can only be a ``source:`` line or
    furniture, which long paragraphs never are, so they are passed over with two cheap tests.
    """
    header = Header()
    marks = header.marks
    offset = _read_header(text, header)
    for line in text[offset:].split("\n"):
        if line and not line.isspace() and (":" in line or len(line) <= 200):
            source = _SOURCE.match(line)
            if source:
                marks.append(Mark("declared_source", offset + source.start(1), offset + source.end(1), source.group(2)))
                header.declared_source = header.declared_source or source.group(2)
            elif len(line) <= 200 and is_furniture(line):
                start, end = _strip_span(offset, line)
                marks.append(Mark("furniture", start, end))
        offset += len(line) + 1
    marks.sort(key=lambda m: (m.start, m.end))
    return header


def _read_header(text: str, header: Header) -> int:
    """Fill the header from the top lines; the offset of the first line below the header."""
    marks = header.marks
    seen = 0
    for offset, raw in _lines(text):
        if not raw.strip():
            continue
        source = _SOURCE.match(raw)
        if source:
            marks.append(Mark("declared_source", offset + source.start(1), offset + source.end(1), source.group(2)))
            header.declared_source = header.declared_source or source.group(2)
            continue
        start, end = _strip_span(offset, raw)
        line = text[start:end]
        if is_furniture(line):
            marks.append(Mark("furniture", start, end))
            continue
        seen += 1
        if seen > HEADER_LINES or (header.title and len(line) > 200):
            return offset
        crumb = _crumb_end(line)
        if crumb:
            marks.append(Mark("furniture", start, start + len(line[:crumb].rstrip())))
            start += crumb + (len(line[crumb:]) - len(line[crumb:].lstrip()))
            line = text[start:end]
            if not line:
                continue
        date = _DATE_PREFIX.match(line)
        if date:
            marks.append(Mark("date", start, start + len(date.group(0).rstrip()), date.group(1)))
            header.published = header.published or date.group(1)
            start += date.end()
            line = text[start:end]
            if not line:
                continue
        by = _BY.match(line)
        if by and not header.byline and by.group(1)[:1].isupper():
            marks.append(Mark("byline", start, end, by.group(1).strip()))
            header.byline = by.group(1).strip()
            continue
        # A lone name is a byline only below the first line: a Title Case headline looks just like a name.
        if not header.byline and 1 < seen <= 4 and len(line) <= 40 and _LONE_NAME.match(line):
            marks.append(Mark("byline", start, end, line))
            header.byline = line
            continue
        if header.title or len(line) > MAX_TITLE or (line.rstrip(". ")[-4:].isdigit() and _CAPTION_DATE.search(line)):
            continue
        title_start = start + (len(line) - len(line.lstrip("# ")) if line.startswith("#") else 0)
        marks.append(Mark("title", title_start, end))
        header.title = text[title_start:end]
    return len(text)


def article_from_text(text: str, *, origin: str, format: str = "text", metadata: dict | None = None) -> Article:
    """An :class:`Article` from a decoded page (newlines are normalised here; nothing else is changed)."""
    text = normalise_newlines(text)
    if not text.strip():
        raise ReadError("only whitespace, no text", "remove the file or fill it")
    header = parse_page(text)
    return finish(
        Article(
            text=text,
            title=header.title,
            byline=header.byline,
            published=header.published,
            declared_source=header.declared_source,
            origin=origin,
            format=format,
            metadata=metadata or {},
            marks=header.marks,
        )
    )


def read_text_file(path: Path, max_bytes: int, format: str = "text") -> Iterator[Article]:
    """One article from a .txt or .md file."""
    data = read_limited(path, max_bytes)
    if not data:
        raise ReadError("empty file", "remove it or fill it")
    decoded = decode_bytes(data)
    metadata: dict = {}
    if decoded.encoding not in ("utf-8", "ascii"):
        metadata["encoding"] = decoded.encoding
    if decoded.nul_removed:
        metadata["nul_removed"] = decoded.nul_removed
    yield article_from_text(decoded.text, origin=str(path), format=format, metadata=metadata)
