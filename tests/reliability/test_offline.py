"""Offline: ingest and extract open no network socket (no DNS, no Public Suffix List download, no telemetry).

The check runs in a child process with an audit hook that fails on every connect, name lookup, send or non-loopback
bind, which catches what libraries do behind Python's back as well as ``socket.connect``; a second check cuts the
network with monkeypatching in this process, and a third runs the commands in a network namespace of their own
when the machine allows one.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from reliability_support import ROOT, SEEDS

from provenance.cli import main

AUDITED = r"""
import sys

network = []
local = []
LOOPBACK = ("::1", "127.0.0.1", "localhost")

def hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                 "socket.sendto", "socket.sendmsg", "urllib.Request", "http.client.connect"):
        network.append(event)
        raise RuntimeError(f"network access: {event} {args!r:.200}")
    if event == "socket.bind":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else address
        if host not in LOOPBACK:
            network.append(event)
            raise RuntimeError(f"socket bound to {host!r}")
    if event.startswith("socket."):
        local.append(event)

sys.addaudithook(hook)

from click.testing import CliRunner
from provenance.cli import main

db, seeds, html = sys.argv[1:4]
for args in (["ingest", "--db", db, seeds, html], ["extract", "--format", "text", seeds, html]):
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, (args, result.output)
print("network:", len(network))
print("loopback-only:", len(local))
"""
HTML = """<html><head><title>Page</title><link rel="canonical" href="https://www.lemonde.fr/a/b.html"></head><body>
<article><h1>Title</h1><p>Selon l'AFP et https://www.reuters.com/world/x, le ministre a déclaré lundi que les
négociations reprendraient.</p></article></body></html>"""


def test_ingest_and_extract_open_no_socket(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", AUDITED, str(tmp_path / "db.db"), str(SEEDS), str(page)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "network: 0" in result.stdout, result.stdout
    # The only sockets allowed are urllib3's import-time IPv6 probe (bound to ::1, never connected), which
    # tldextract pulls in by importing requests.
    assert int(result.stdout.split("loopback-only:")[1]) <= 4


def test_ingest_and_extract_with_the_network_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    runner = CliRunner()
    ingest = runner.invoke(main, ["ingest", "--db", str(tmp_path / "db.db"), str(SEEDS)])
    assert ingest.exit_code == 0, ingest.output
    assert "added 5" in ingest.stdout
    extract = runner.invoke(main, ["extract", str(SEEDS)])
    assert extract.exit_code == 0, extract.output
    assert len(extract.stdout.splitlines()) == 5


def unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not unshare_works(), reason="no user/network namespaces on this machine")
def test_commands_in_a_network_namespace(tmp_path: Path) -> None:
    db = tmp_path / "db.db"
    for args in (["ingest", "--db", str(db), str(SEEDS)], ["extract", str(SEEDS)],
                 ["export", "--db", str(db), "--table", "articles", "-o", str(tmp_path / "a.csv")]):
        result = subprocess.run(["unshare", "-rn", sys.executable, "-m", "provenance", *args],
                                capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
