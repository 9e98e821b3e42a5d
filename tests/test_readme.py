"""The README's quick start, run as written in a fresh copy of the project, offline.

The two commands are read from README.md and run by the shell in a temporary copy of the project, inside a new
virtual environment. To work without a network, that environment sees the already installed dependencies through a
path file (everything except provenance itself, but pip and setuptools included), and pip is told to use no index
and no build isolation (``PIP_NO_BUILD_ISOLATION=0`` means "isolation off": pip assigns the value to the inverted
``build_isolation`` option), so the build backend is the installed setuptools (>= 77, from the test extra). The second
command's pytest run is narrowed with ``PYTEST_ADDOPTS`` to one smoke test of the copy, and
``PROVENANCE_README_TEST`` keeps this test from running itself again in there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUARD = "PROVENANCE_README_TEST"


def quick_start() -> list[str]:
    """The command lines of the first code block under '## Quick start'."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.DOTALL)
    assert block, "README's Quick start has no code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands() -> None:
    lines = quick_start()
    assert len(lines) == 2
    assert "pip install" in lines[0] and lines[0].rstrip().endswith("provenance")
    assert "pip install" in lines[1] and "pytest" in lines[1]


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs the README's test command: the whole line, or each of its && steps in order (the test step may
    be wrapped, e.g. in a network namespace)."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    line = quick_start()[1]
    commands = [c.strip() for c in script.splitlines() if c.strip() and not c.strip().startswith("#")]
    if line not in commands:
        steps = [step.strip() for step in line.split("&&")]
        positions = [next((i for i, c in enumerate(commands) if c == step or c.endswith(f" {step}")), -1)
                     for step in steps]
        assert -1 not in positions and positions == sorted(positions), (steps, commands)
    assert script.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in script
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def _copy_project(target: Path) -> None:
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache", "__snapshots__", "*.db*")
    for name in ("provenance", "seeds", "tests"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)


def _shim(venv: Path, name: str, module: str) -> None:
    script = venv / "bin" / name
    script.write_text(f'#!/bin/sh\nexec "{venv}/bin/python" -m {module} "$@"\n')
    script.chmod(0o755)


def _offline_venv(venv: Path) -> Path:
    """A new venv that sees the installed dependencies (pip and setuptools included), not the installed provenance."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    deps = venv.parent / "deps"
    deps.mkdir()
    site = Path(sysconfig.get_paths()["purelib"])
    for entry in site.iterdir():
        if not entry.name.lower().startswith(("provenance", "__editable__", "distutils-precedence")):
            (deps / entry.name).symlink_to(entry)
    purelib = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    Path(purelib, "installed-dependencies.pth").write_text(f"{deps}\n")
    # Requirements already satisfied are not reinstalled, so their console scripts are not created in this venv.
    _shim(venv, "pip", "pip")
    _shim(venv, "pytest", "pytest")
    return venv


def _setuptools_version() -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version("setuptools").split(".")[:2] if part.isdigit())
    except PackageNotFoundError:
        return ()


@pytest.mark.skipif(os.environ.get(GUARD) == "1", reason="already inside the README quick-start run")
@pytest.mark.skipif(_setuptools_version() < (77,), reason="installing offline needs setuptools>=77 (the test extra)")
def test_readme_quick_start_runs(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    _copy_project(project)
    venv = _offline_venv(tmp_path / "venv")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIP_", "PYTEST_", "PROVENANCE_", "VIRTUAL_ENV", "PYTHON"))
    }
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        VIRTUAL_ENV=str(venv),
        PIP_NO_INDEX="1",
        PIP_NO_BUILD_ISOLATION="0",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_CACHE_DIR="1",
        PYTEST_ADDOPTS="-p no:cacheprovider tests/test_cli_foundation.py::test_version",
        **{GUARD: "1"},
    )
    first, second = quick_start()
    run = subprocess.run(["bash", "-c", first], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ingested ./seeds into annotations.db: added 5 · unchanged 0 · failed 0" in run.stdout
    assert (project / "annotations.db").exists()
    run = subprocess.run(["bash", "-c", second], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
    # The copy, not the checkout, was the one installed and tested.
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import provenance; print(provenance.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout
    assert where.strip().startswith(str(project))
