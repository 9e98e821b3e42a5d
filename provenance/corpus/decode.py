"""Bytes to text: byte-order marks, UTF-8 first, UTF-16 without a BOM, then charset-normalizer; binaries refused.

Almost every file is UTF-8, so that path costs one strict decode and nothing else. charset-normalizer is imported
only for the rest. On short Western European text it often ranks cp1250 or iso8859_3 level with cp1252 (all decode
it "without chaos", but turn "à" into "ŕ"); this corpus is mostly Western European news, so among equally
plausible code pages cp1252 wins.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from provenance.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\x7fELF", "an ELF executable"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (b"\x00asm", "a WebAssembly module"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
)

_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
"""Control characters that do not occur in text: tab, newlines, form feed and ESC (ANSI colours) are allowed."""
_SAMPLE = 8192


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and how it was decoded; ``nul_removed`` counts NUL characters dropped from otherwise textual data."""

    text: str
    encoding: str
    nul_removed: int = 0


def sniff_binary(data: bytes) -> str:
    """What kind of binary file ``data`` starts like ("a PNG image"), or "" when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # "BZh", "RIFF", "ID3" could begin a text file; only trust them with a NUL nearby.
            if len(magic) < 4 and kind not in ("a gzip archive", "a JPEG image") and b"\x00" not in data[:512]:
                continue
            return kind
    return ""


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 written without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _too_many_controls(text: str) -> bool:
    sample = text[:_SAMPLE]
    return len(_CONTROLS.findall(sample)) > max(2, len(sample) // 20)


def _guess(data: bytes) -> str | None:
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data[: 4 * _SAMPLE]))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    for match in matches:
        if match.chaos <= least + 0.01 and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return matches[0].encoding


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a document's bytes, or raise :class:`ReadError` saying why they are not text.

    ``declared`` is an encoding named by the container (an HTTP header in a WARC record); it is tried after a BOM
    and before UTF-8. NUL characters are dropped from otherwise valid text (they break display and most tools);
    how many is reported so the caller can record it.
    """
    kind = sniff_binary(data)
    if kind:
        raise ReadError(f"binary file ({kind}), not text", "remove it from the folder or give only text files")
    text = encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            text, encoding = _strict(data[len(bom) :], name), name
            if text is None:
                raise ReadError(f"starts with a {name} byte-order mark but is not valid {name}", "re-save it as UTF-8")
            break
    if text is None and b"\x00" in data[:_SAMPLE]:
        utf16 = _utf16_without_bom(data)  # before UTF-8: ASCII in UTF-16 is also valid UTF-8, NULs and all
        if utf16:
            text, encoding = _strict(data[: len(data) - len(data) % 2], utf16), utf16
    if text is None and declared:
        text = _strict(data, declared)
        encoding = declared if text is not None else None
    if text is None:
        text = _strict(data, "utf-8")
        encoding = "utf-8" if text is not None else None
    if text is None:
        guessed = _guess(data)
        if guessed:
            text = _strict(data, guessed)
            encoding = guessed
            if text is None and guessed == "cp1252":
                text, encoding = data.decode("latin-1"), "latin-1"
    if text is None:
        raise ReadError("not text: no known encoding decodes it (binary file?)", "convert it to UTF-8 text")
    nul = text.count("\x00")
    if nul:
        text = text.replace("\x00", "")
    if _too_many_controls(text) or (nul and nul > max(16, len(data) // 100)):
        raise ReadError("binary file (control characters throughout), not text", "give only text files")
    return Decoded(text, encoding or "utf-8", nul)
