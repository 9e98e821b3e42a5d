"""The core never imports the UI: corpus, extract, store, analysis and scheme work without textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import provenance

CORE_PACKAGES = ("corpus", "extract", "store", "analysis")


def core_modules() -> list[str]:
    root = Path(provenance.__file__).parent
    names = ["provenance.scheme", "provenance.errors"]
    for package in CORE_PACKAGES:
        names.append(f"provenance.{package}")
        names += [
            f"provenance.{package}.{info.name}"
            for info in pkgutil.walk_packages([str(root / package)])
        ]
    return names


def test_core_modules_exist() -> None:
    assert "provenance.store.db" in core_modules()
    assert "provenance.extract.pipeline" in core_modules()


def test_core_does_not_import_textual() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imports textual: {result.stdout.strip()}"


def test_help_is_fast_to_import() -> None:
    """`provenance --help` must not pull in the heavy libraries (textual, trafilatura, numpy)."""
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from provenance.cli import main\n"
        "CliRunner().invoke(main, ['--help'])\n"
        "heavy = [m for m in ('textual', 'trafilatura', 'numpy', 'datasketch', 'py3langid') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"--help imports {result.stdout.strip()}"


def test_opening_the_store_does_not_import_dataframe_libraries() -> None:
    """sqlite-utils would import numpy (and pandas) on import; provenance imports it as if they were absent, so
    opening a database and the annotator's start-up do not pay for them, and numpy still imports when needed."""
    script = (
        "import sys, tempfile, os\n"
        "from provenance.store import open_db\n"
        "import sqlite_utils.db\n"
        "db = open_db(os.path.join(tempfile.mkdtemp(), 'a.db'))\n"
        "db['scratch'].insert({'n': 1, 'x': 1.5, 's': 'a'})\n"
        "assert db.execute('select n, x, s from scratch').fetchall() == [(1, 1.5, 'a')]\n"
        "loaded = [m for m in ('numpy', 'pandas') if m in sys.modules]\n"
        "import numpy\n"
        "print(','.join(loaded), sqlite_utils.db.np, sqlite_utils.db.pd, numpy.zeros(2).sum())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["None", "None", "0.0"], result.stdout + result.stderr
