"""A corpus of hostile files through `provenance ingest`: one stderr line per bad file, the good ones stored, no
traceback, exit status 1 when anything failed."""

from __future__ import annotations

import errno
import json
import os
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main
from provenance.corpus.readers import common
from provenance.corpus.text import strip_control
from provenance.store.articles import get_article
from provenance.store.db import open_db

ARTICLE = (
    "Les négociations à Bruxelles ont échoué lundi soir, selon des responsables européens qui ont requis "
    "l’anonymat, après trois jours de discussions sur le budget.\n"
)


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(range(256)) * 4

BAD = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\t\n   \r\n", "only whitespace"),
    "image.txt": (png_bytes(), "binary file (a PNG image)"),
    "program.txt": (ELF, "binary file (an ELF executable)"),
    "menu.html": (b"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
                  "no article text found"),
    "mixed.jsonl": ((json.dumps({"text": "good line"}) + "\n{broken\n" + json.dumps({"text": "x"}) + "\n").encode(),
                    "line 2: not valid JSON"),
    "no-text.csv": (b"title,summary\nA,B\n", "no 'text' column"),
    "huge.txt": (None, "over the 20.0 MB limit"),
    "unreadable.txt": (ARTICLE.encode(), "permission denied"),
    "loop": (None, "symlink loop"),
    "escape\x1b[31m.txt": (b"", "empty file"),
}

GOOD = {
    "plain.txt": ARTICLE.encode("utf-8"),
    "nul.txt": ARTICLE.replace("lundi", "mardi").encode("utf-8").replace(b"Bruxelles", b"Brux\x00elles"),
    "latin.txt": "Le café de Noël était très animé cette année à Montréal, dit-on.".encode("latin-1") + b"\x81",
    "bom16.txt": "Texte en UTF-16 avec BOM, écrit par un éditeur Windows.".encode("utf-16"),
    "nobom16.txt": "Texte en UTF-16 sans BOM, écrit par un autre outil.".encode("utf-16-le"),
    "ansi.txt": b"Title \x1b[31mred\x1b[0m\n\nBody with [bold]Rich markup[/] and [@click=app.quit]x[/] and \x1b]0;t\x07.",
    "rows.jsonl": (json.dumps({"text": "first record"}) + "\n" + json.dumps({"text": "second record"}) + "\n").encode(),
}


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, (data, _) in BAD.items():
        if data is not None:
            (folder / name).write_bytes(data)
    (folder / "loop").symlink_to(folder / "loop")
    (folder / "sub").mkdir()
    (folder / "sub" / "parent").symlink_to(folder, target_is_directory=True)
    with open(folder / "huge.txt", "wb") as handle:
        block = b"All work and no play makes a very dull article indeed.\n" * 1024
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            handle.write(block)
    for name, data in GOOD.items():
        (folder / name).write_bytes(data)
    unreadable = folder / "unreadable.txt"
    unreadable.chmod(0)
    if os.access(unreadable, os.R_OK):  # root reads anything: simulate what a permission error looks like
        real_open = open

        def guarded_open(file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            if Path(file) == unreadable:
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(common, "open", guarded_open, raising=False)
    return folder


def test_hostile_corpus(corpus: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "h.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db_path), str(corpus)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(BAD), lines
    for name, (_, problem) in BAD.items():
        hits = [line for line in lines if line.startswith(f"{corpus / strip_control(name)}:")]
        assert len(hits) == 1 and problem in hits[0], (name, lines)
    assert "\x1b" not in result.stderr
    good_articles = len(GOOD) + 1  # rows.jsonl holds two
    assert result.stdout.strip().splitlines()[-1] == f"added {good_articles} · unchanged 0 · failed {len(BAD)}"

    db = open_db(db_path)
    texts = {Path(origin).name.split("#")[0]: text for origin, text in db.execute("SELECT origin, text FROM articles")}
    assert texts["ansi.txt"] == GOOD["ansi.txt"].decode()  # stored verbatim, escapes and markup included
    assert texts["nul.txt"] == ARTICLE.replace("lundi", "mardi")
    assert texts["latin.txt"].startswith("Le café de Noël")
    assert texts["bom16.txt"].startswith("Texte en UTF-16 avec BOM")
    assert texts["nobom16.txt"].startswith("Texte en UTF-16 sans BOM")
    row = db.execute("SELECT id FROM articles WHERE origin LIKE '%nul.txt'").fetchone()
    assert get_article(db, row[0]).metadata == {"nul_removed": 1}


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE * 10)
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(main, ["ingest", "--db", db, "--max-size", "1KB", str(page)])
    assert result.exit_code == 1 and "over the 1.0 KB limit" in result.stderr
    result = CliRunner().invoke(main, ["ingest", "--db", db, "--max-size", "0.5MB", str(page)])
    assert result.exit_code == 0 and "added 1" in result.stdout
    result = CliRunner().invoke(main, ["ingest", "--db", db, "--max-size", "lots", str(page)])
    assert result.exit_code == 2 and "not a size" in result.output
