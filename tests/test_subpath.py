"""The site published under a sub-path (https://example.org/katalog/) works unchanged.

Built once with CATALOGUE_SITE_URL, verified with `make verify`, and served from a parent
folder by a small static host that, like real ones, answers unknown addresses with the site's
404.html and sends the headers in `_headers`.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from support import ROOT, TEST_TODAY, Build, build, run_verify
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.statuses import Status

SITE_URL = "https://example.org/katalog/"
PREFIX = "/katalog/"
DEFAULT_HOST = "utmaningskatalogen.example.org"  # the site_url in mkdocs.yml


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    parent = tmp_path_factory.mktemp("webbhotell")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CATALOGUE_SITE_URL", SITE_URL)
        result = build(ROOT / "mkdocs.yml", site=parent / "katalog")
    assert result.returncode == 0, result.log
    return result


def headers_from(site: Path) -> dict[str, str]:
    """The headers `_headers` sets for the site's pages (rules `/*` and `/`), as Netlify or Cloudflare
    Pages read them; every page served here gets them."""
    headers: dict[str, str] = {}
    current = ""
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            current = line
        elif line.startswith("  ") and current in ("/*", "/"):
            name, value = line.strip().split(": ", 1)
            headers[name] = value
    return headers


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    site: Path
    site_headers: dict[str, str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.site_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.path.startswith(PREFIX):
            return super().send_error(code, message, explain)
        body = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host(subpath_site: Build) -> Iterator[str]:
    handler = type("Host", (_StaticHost,), {"site": subpath_site.site, "site_headers": headers_from(subpath_site.site)})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(subpath_site.site.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_verify_passes_on_the_sub_path_build(subpath_site: Build) -> None:
    # HTML validity does not depend on the sub-path: the shipped site's verify test validates it.
    run = run_verify(subpath_site.site, "--utan-html-kontroll")
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"byggd för {SITE_URL}" in run.stdout


def test_every_absolute_address_uses_the_sub_path(subpath_site: Build) -> None:
    assert DEFAULT_HOST not in subpath_site.all_text()
    sitemap = subpath_site.read("sitemap.xml")
    assert f"<loc>{SITE_URL}utmaningar/vattenlackor-i-ledningsnatet/</loc>" in sitemap
    assert f'href="{SITE_URL}feed.xml" rel="self"' in subpath_site.read("feed.xml").replace(" />", ">")
    assert f"{SITE_URL}utmaningar/vattenlackor-i-ledningsnatet/" in subpath_site.read("challenges.json")
    # The 404 page is shown at any depth: its links start from the sub-path, not the server root.
    error_page = subpath_site.read("404.html")
    assert f'href="{PREFIX}utmaningar/"' in error_page and f'action="{PREFIX}utmaningar/"' in error_page
    assert f'href="{PREFIX}assets/stylesheets/' in error_page



def _styled(page) -> bool:
    """Material's stylesheet applied: the header has its colour."""
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") != "rgba(0, 0, 0, 0)"


@pytest.mark.browser
@pytest.mark.parametrize("path, heading", [
    ("", "Kommunernas utmaningar – för dig som kan lösa dem"),
    ("utmaningar/", "Utmaningar"),
    ("utmaningar/vattenlackor-i-ledningsnatet/", "Hitta vattenläckor i ledningsnätet innan de blir stora"),
])
def test_pages_render_styled_under_the_sub_path_with_the_host_headers(page, host: str, path: str, heading: str) -> None:
    response = page.goto(f"{host}{PREFIX}{path}")
    assert response.status == 200
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert page.locator("h1").first.inner_text() == heading
    assert _styled(page)


@pytest.mark.browser
def test_search_finds_a_challenge_and_leads_to_it_under_the_sub_path(page, host: str) -> None:
    page.goto(f"{host}{PREFIX}utmaningar/")
    page.locator("#uk-search-input").press_sequentially("vattenläckorna")
    first = page.locator("#uk-search-results a").first
    first.wait_for(timeout=10_000)
    assert not first.get_attribute("href").startswith(("/", "http"))  # relative to the page
    first.click()
    page.wait_for_url(f"{host}{PREFIX}utmaningar/vattenlackor-i-ledningsnatet/**")
    assert page.locator("h1").first.inner_text() == "Hitta vattenläckor i ledningsnätet innan de blir stora"
    # The catalogue's text filter uses the same index under the sub-path.
    page.goto(f"{host}{PREFIX}utmaningar/?q=läckorna")
    page.wait_for_selector("form.uk-filters[data-state=ready]")
    shown = page.eval_on_selector_all(".uk-cards [data-slug]", "els => els.filter(e => e.checkVisibility())"
                                                                ".map(e => e.dataset.slug)")
    assert shown == ["vattenlackor-i-ledningsnatet"]


@pytest.mark.browser
def test_the_404_page_helps_in_swedish_at_any_depth_under_the_sub_path(page, host: str) -> None:
    response = page.goto(f"{host}{PREFIX}utmaningar/en-som-aldrig-fanns/gammal/")
    assert response.status == 404
    assert page.locator("h1").first.inner_text() == "Sidan finns inte"
    assert page.title().startswith("Sidan finns inte")
    assert _styled(page)
    page.get_by_role("link", name="Alla utmaningar").click()
    page.wait_for_url(f"{host}{PREFIX}utmaningar/")
    assert page.locator("h1").first.inner_text() == "Utmaningar"


@pytest.mark.browser
def test_the_404_search_form_opens_the_catalogue_filtered_by_the_words(page, host: str) -> None:
    page.goto(f"{host}{PREFIX}finns-inte/")
    page.get_by_label("Sök på webbplatsen", exact=True).last.fill("vattenläckor")
    page.locator("form.uk-notfound-search").get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_url(f"{host}{PREFIX}utmaningar/?q=vattenl%C3%A4ckor")
    page.wait_for_selector("form.uk-filters[data-state=ready]")
    assert page.locator("#uk-q").input_value() == "vattenläckor"
    shown = page.eval_on_selector_all(".uk-cards [data-slug]", "els => els.filter(e => e.checkVisibility())"
                                                                ".map(e => e.dataset.slug)")
    assert shown == ["vattenlackor-i-ledningsnatet"]


@pytest.mark.browser
def test_the_404_page_has_no_wcag_aa_violations(page, host: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{host}{PREFIX}finns-inte/")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_the_catalogue_filters_work_under_the_sub_path(page, host: str) -> None:
    catalogue = load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))
    in_dialogue = {c.slug for c in catalogue.in_status(Status.DIALOGUE)}
    assert 0 < len(in_dialogue) < len(catalogue.published)
    page.goto(f"{host}{PREFIX}utmaningar/")
    page.select_option("#uk-status", "dialogue")
    page.wait_for_url(re.compile(re.escape(f"{host}{PREFIX}utmaningar/") + r"\?.*status=dialogue"))
    shown = page.eval_on_selector_all(".uk-cards [data-slug]", "els => els.filter(e => e.checkVisibility())"
                                                                ".map(e => e.dataset.slug)")
    assert set(shown) == in_dialogue


@pytest.mark.browser
def test_a_feed_opened_in_the_browser_reads_as_a_swedish_page_on_how_to_subscribe(page, host: str,
                                                                                 subpath_site: Build) -> None:
    """The feed's stylesheet (XSLT) turns it into a page under the site's own policy and sub-path."""
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    catalogue = load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))
    ystad = catalogue.in_municipality("ystad")
    response = page.goto(f"{host}{PREFIX}kommuner/ystad/feed.xml")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert page.locator("h1").inner_text() == "Utmaningskatalogen: Ystads kommun"
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.locator(".feed-how").inner_text().startswith("Det här är ett nyhetsflöde. Prenumerera genom att "
                                                             "kopiera adressen nedan")
    assert page.locator(".feed-address").inner_text() == f"{SITE_URL}kommuner/ystad/feed.xml"
    titles = page.locator(".feed-entries h3").all_inner_texts()
    assert sorted(titles) == sorted(c.marked(c.title) for c in ystad)
    assert re.fullmatch(r"Ändrad \d{1,2} [a-z]+ 20\d\d · [A-ZÅÄÖ][a-zåäö]+", page.locator(".feed-updated").first.inner_text())
    # Its stylesheet came from the site: the notice has its border.
    assert page.evaluate("getComputedStyle(document.querySelector('.feed-how')).borderLeftWidth") == "4px"
    assert not missing, missing
