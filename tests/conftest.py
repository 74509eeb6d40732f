"""Fixtures shared by the build and browser tests."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator

import pytest
from support import ROOT, Build, build, watch_csp
from utmaningskatalogen.siteverify.browser import CHROMIUM, CHROMIUM_ARGS, serve


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped catalogue, built once per test run on the test date."""
    result = build(ROOT / "mkdocs.yml", site=tmp_path_factory.mktemp("shipped-site") / "site")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def site_url(shipped_site: Build) -> Iterator[str]:
    url, server = serve(shipped_site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of Debian's Chromium. Skips loudly without it, unless under CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} saknas men CI är satt: webbläsartesterna måste köras (.ci/run installerar den).")
        message = (f"\n{'!' * 72}\n!! WEBBLÄSARTESTERNA HOPPAS ÖVER: {CHROMIUM} saknas.\n"
                   f"!! Installera med: sudo apt-get install chromium\n{'!' * 72}")
        warnings.warn(message, stacklevel=1)
        print(message)
        pytest.skip(f"{CHROMIUM} saknas (sätt CI för att i stället låta testerna fallera)")
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
    """Debian's Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


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
