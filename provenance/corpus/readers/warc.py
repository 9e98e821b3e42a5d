"""Web archives (.warc, .warc.gz) through warcio: each HTML response is one article, its URL the record's target.

A crawl holds index pages, redirects and error pages beside the articles; a response in which no article text is
found is passed over (and counted), not treated as a broken file. The archive fails only when it cannot be parsed
or holds no article at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from provenance.corpus.article import Article
from provenance.corpus.readers.common import too_large
from provenance.corpus.readers.html import article_from_html
from provenance.errors import ReadError

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def read_warc_file(path: Path, max_bytes: int) -> Iterator[Article]:
    """Articles from the HTML responses of a web archive, in archive order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = skipped = 0
    with open(path, "rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not status.startswith("2") or not content_type.lower().startswith(_HTML_TYPES):
                    continue
                url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise too_large(len(data), max_bytes, f"the response for {url}")
                try:
                    article = article_from_html(data, origin=url or str(path), url=url, charset=_charset(content_type))
                except ReadError:
                    skipped += 1
                    continue
                article.metadata["warc"] = str(path)
                found += 1
                yield article
        except ArchiveLoadFailed as error:
            raise ReadError(f"not a readable WARC archive ({str(error).strip()[:120]})", "check the file") from None
    if not found:
        detail = f" ({skipped} HTML responses without article text)" if skipped else ""
        raise ReadError(f"no HTML article in the archive{detail}", "give archives of article pages")
