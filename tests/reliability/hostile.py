"""A corpus of hostile input files: what users and the web actually hand a reader, and what an attacker would.

:func:`write_hostile` writes one file (or folder) per kind and returns what each must do: ``bad`` files must be
refused with one line on standard error, ``good`` files must go in, ``either`` files may do either but must never
raise. Terminal escapes and Rich/Textual markup sit in titles, text, bylines, outlet names and file names: they must
be shown literally and inertly, never interpreted.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

ESC = "\x1b"
ESCAPES = {
    "ansi colour": f"{ESC}[31mred{ESC}[0m",
    "cursor moves": f"{ESC}[2J{ESC}[H{ESC}[10;10H{ESC}[1A",
    "title setting": f"{ESC}]0;pwned title\x07{ESC}]2;again{ESC}\\",
    "OSC 8 hyperlink": f"{ESC}]8;;https://evil.example/{ESC}\\click me{ESC}]8;;{ESC}\\",
    "device control": f"{ESC}P+q544e{ESC}\\",
    "C1 CSI": "\x9b31mcsi",
    "bell and backspace": "ring\x07\x08\x08",
}
MARKUP = {
    "rich bold": "[bold]loud[/bold]",
    "click action": "[@click=app.quit]x[/]",
    "unbalanced close": "[/] and [/bold]",
    "theme variable": "[$accent]accent[/]",
    "link markup": "[link=https://evil.example]link[/link]",
    "bracketed place": "le régime [by Kiev] dit",
}
BIDI = "\u202eevil\u202c txt.exe \u2066isolate\u2069"
ZERO_WIDTH = "zero\u200bwidth\u200c\u200djoin\ufeffer"
LITERALS = [*MARKUP.values(), "[by Kiev]"]
"""Strings that must appear unchanged wherever the text is shown."""


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    path: Path
    expect: str  # "good", "bad" or "either"


def paragraph(seed: str) -> str:
    return (
        f"{seed}. The ministry said on Monday, according to Reuters, that the talks would resume next week in Geneva, "
        "while officials who spoke on condition of anonymity said the vote could be delayed again."
    )


def hostile_text() -> str:
    """One article body carrying every escape and markup kind, plus the bidi and zero-width tricks."""
    lines = [f"{name}: {value}" for name, value in {**ESCAPES, **MARKUP}.items()]
    return "\n\n".join([paragraph("Hostile body"), *lines, BIDI, ZERO_WIDTH, paragraph("End")])


def write_hostile(folder: Path, *, huge_limit: int = 64 * 1024, many_files: int = 0) -> list[Kind]:
    """Write the hostile corpus under ``folder``; ``huge_limit`` is the --max-size the caller will pass."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds: list[Kind] = []

    def add(name: str, relative: str, data: bytes | str, expect: str) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        kinds.append(Kind(name, path, expect))

    add("empty file", "empty.txt", b"", "bad")
    add("whitespace only", "blank.txt", " \n\t \r\n  \n", "bad")
    add("BOM only", "bom_only.txt", b"\xef\xbb\xbf", "bad")
    add("PNG named .txt", "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "bad")
    add("ELF named .txt", "program.txt", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64 + bytes(range(256)) * 4, "bad")
    add("zlib noise named .html", "noise.html", zlib.compress(os.urandom(4096)), "bad")
    add("NUL bytes in text", "nul.txt", ("Title\n\n" + paragraph("Nul") + "\x00\x00 more\x00").encode(), "either")
    add("invalid UTF-8", "latin1.txt", ("Élection à Kiev\n\n" + paragraph("Déclaré é è à")).encode("latin-1") + b"\xff\xfe\x80", "good")
    add("UTF-16 with BOM", "utf16_bom.txt", ("Titre\n\n" + paragraph("Seize")).encode("utf-16"), "good")
    add("UTF-16 without BOM", "utf16_nobom.txt", ("Titre\n\n" + paragraph("Seize sans")).encode("utf-16-le"), "either")
    add("over the size limit", "huge.txt", ("Huge\n\n" + paragraph("Huge") * (huge_limit // 100 + 10)), "bad")
    add("very long single line", "long_line.txt", "Long\n\n" + " ".join([paragraph("Long")] * (huge_limit // 400)), "good")
    add("CRLF newlines", "crlf.txt", ("CRLF title\r\n\r\n" + paragraph("Crlf") + "\r\n"), "good")
    add("CR newlines", "cr.txt", ("CR title\r\r" + paragraph("Carriage") + "\r"), "good")
    add("escapes and markup in text", "hostile_body.txt", "Hostile title [bold]x[/] \x1b]0;t\x07\n\n" + hostile_text(), "good")
    add("bidi override and zero width", "bidi.txt", f"Bidi {BIDI}\n\n{paragraph(ZERO_WIDTH)}", "good")
    add("HTML without body", "nobody.html", "<html><head><title>Only a head</title></head></html>", "either")
    add(
        "HTML with hostile title and script",
        "hostile.html",
        f"<html><head><title>{ESCAPES['OSC 8 hyperlink']} [@click=app.quit]x[/]</title></head><body><article>"
        f"<h1>{MARKUP['unbalanced close']}</h1><p>{paragraph('Html ' + ESCAPES['ansi colour'])}</p>"
        "<script>alert(1)</script><p>" + paragraph("Second [$accent]") + "</p></article></body></html>",
        "good",
    )
    add("deeply nested HTML", "nested.html", "<html><body>" + "<div>" * 5000 + paragraph("Deep") + "</div>" * 5000 + "</body></html>", "either")
    add("malformed JSON Lines", "malformed.jsonl",
        json.dumps({"title": "ok", "text": paragraph("Fine")}) + "\n{not json\n", "bad")
    add("JSON Lines with hostile fields", "hostile.jsonl", "\n".join(json.dumps(r) for r in [
        {"title": f"OSC title {ESCAPES['title setting']}", "outlet": f"Evil {MARKUP['click action']} News",
         "byline": ESCAPES["cursor moves"], "url": "https://evil.example/a?x=\x1b[31m", "text": paragraph("Record one " + MARKUP["rich bold"])},
        {"title": MARKUP["theme variable"], "outlet": ESCAPES["OSC 8 hyperlink"], "text": paragraph("Record two " + BIDI)},
    ]) + "\n", "good")
    add("JSON huge number", "huge_number.json", '[{"title": "n", "count": 1' + "0" * 5000 + ', "text": "' + paragraph("Number") + '"}]', "either")
    add("JSON deeply nested", "nested.json", "[" * 100000 + "]" * 100000, "bad")
    add("JSON wrong shape", "scalar.json", "42", "bad")
    add("CSV without a text column", "notext.csv", "title,url\nHello,https://example.org/\n", "bad")
    add("CSV with hostile cells", "hostile.csv",
        'title,outlet,text\n"[@click=app.quit]x[/]","\x1b]0;t\x07Outlet","' + paragraph("Csv [/]") + '"\n', "good")
    add("truncated gzip WARC", "broken.warc.gz", b"\x1f\x8b\x08\x00" + os.urandom(200), "bad")
    add("no extension, binary", "mystery", bytes(range(256)) * 8, "bad")
    name = "title\x1b]0;pwned\x07[bold]name[/].txt"
    add("escapes and markup in the file name", name, "Named badly\n\n" + paragraph("Filename"), "good")
    add("escapes in a bad file's name", "bad\x1b[2J[/]name.txt", b"", "bad")

    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    (loop / "inside.txt").write_text("Loop\n\n" + paragraph("Inside the loop"), encoding="utf-8")
    if not (loop / "again").is_symlink():
        os.symlink("..", loop / "again")
    kinds.append(Kind("symlink loop", loop / "inside.txt", "good"))
    if not (folder / "dangling.txt").is_symlink():
        os.symlink(folder / "does-not-exist", folder / "dangling.txt")
    kinds.append(Kind("dangling symlink", folder / "dangling.txt", "bad"))
    fifo = folder / "pipe.txt"
    if hasattr(os, "mkfifo") and not fifo.exists():
        os.mkfifo(fifo)
        kinds.append(Kind("named pipe", fifo, "bad"))
    if many_files:
        many = folder / "many"
        many.mkdir(exist_ok=True)
        for i in range(many_files):
            (many / f"{i:05d}.txt").write_text(f"Small {i}\n\n{paragraph(f'Small {i}')}", encoding="utf-8")
        kinds.append(Kind(f"{many_files} small files", many / "00000.txt", "good"))
    return kinds
