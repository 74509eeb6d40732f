"""Fixtures shared by the build and browser tests."""

from __future__ import annotations

import functools
import http.server
import os
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import ROOT, Build, build

CHROMIUM = Path("/usr/bin/chromium")
# Flags Debian's Chromium needs as root in a container, and to keep it off the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped catalogue, built once per test run on the test date."""
    result = build(ROOT / "mkdocs.yml", site=tmp_path_factory.mktemp("shipped-site") / "site")
    assert result.returncode == 0, result.log
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on a free port of 127.0.0.1; returns the base URL and the server."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(shipped_site: Build) -> Iterator[str]:
    url, server = serve(shipped_site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Skips loudly without it, unless under CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} saknas men CI är satt: webbläsartesterna måste köras (.ci/run installerar den).")
        message = (f"\n{'!' * 72}\n!! WEBBLÄSARTESTERNA HOPPAS ÖVER: {CHROMIUM} saknas.\n"
                   f"!! Installera med: sudo apt-get install chromium\n{'!' * 72}")
        warnings.warn(message, stacklevel=1)
        print(message)
        pytest.skip(f"{CHROMIUM} saknas (sätt CI för att i stället låta testerna fallera)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


CSP_REPORT = "CSP-överträdelse"


def watch_csp(context: object) -> list[str]:
    """Collects every Content-Security-Policy violation (and CSP warning) in a browser context."""
    violations: list[str] = []
    context.add_init_script(  # type: ignore[attr-defined]
        "document.addEventListener('securitypolicyviolation', e => console.error("
        f"'{CSP_REPORT}: ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline')"
        " + ' i ' + e.sourceFile + ':' + e.lineNumber))")
    context.on("console", lambda message: violations.append(message.text)  # type: ignore[attr-defined]
               if CSP_REPORT in message.text or "Content Security Policy" in message.text else None)
    return violations


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page that fails the test on a request to another origin or a CSP violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")  # type: ignore[attr-defined]
    outside: list[str] = []
    context.on("request", lambda request: outside.append(request.url)
               if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    violations = watch_csp(context)
    page = context.new_page()
    yield page
    context.close()
    assert not outside, f"begäranden till andra webbplatser: {outside}"
    assert not violations, f"brott mot Content-Security-Policy: {violations}"
