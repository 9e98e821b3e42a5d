"""Registered domains (eTLD+1) of hosts and URLs, offline.

tldextract by default downloads the Public Suffix List and writes a cache under ~/.cache; constructed with no
suffix-list URLs and no cache directory it uses the snapshot bundled with the package: no network, no side effects.
Building the extractor parses that list (tens of milliseconds), so it is built once, on first use.
"""

from __future__ import annotations

import functools
import re

_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(?:source|via|url|lien|link)\s*:\s*", re.IGNORECASE)


@functools.cache
def _extractor():  # noqa: ANN202 - tldextract is imported lazily
    import tldextract

    # Private suffixes on: foo.blogspot.com and bar.github.io are publishers of their own, not one "blogspot.com".
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def host_of(host_or_url: str) -> str:
    """The lower-cased host of a URL (or of a bare host), without scheme, credentials, port, path or a trailing dot."""
    value = _PREFIX.sub("", host_or_url.strip())
    value = _SCHEME.sub("", value)
    value = value.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    value = value.rsplit("@", 1)[-1]
    if value.startswith("["):  # IPv6 literal
        return value.split("]", 1)[0].lstrip("[").lower()
    return value.split(":", 1)[0].rstrip(".").lower()


@functools.lru_cache(maxsize=65536)
def registered_domain(host_or_url: str) -> str:
    """``https://www.rtl.nl/nieuws/...`` → ``rtl.nl``; a host with no public suffix (localhost, an IP) as it is.

    Accepts a bare host, a URL with or without scheme, and prefixes such as ``source:``. Returns "" for empty input.
    """
    host = host_of(host_or_url)
    if not host:
        return ""
    result = _extractor()(host)
    return result.top_domain_under_public_suffix or host
