"""The built catalogue in a real browser: pages render, nothing loads from elsewhere."""

from __future__ import annotations

import pytest
from support import ARTIFACTS, Build

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path, heading", [
    ("", "Kommunernas utmaningar – för dig som kan lösa dem"),
    ("utmaningar/", "Utmaningar"),
    ("utmaningar/vattenlackor-i-ledningsnatet/", "Hitta vattenläckor i ledningsnätet innan de blir stora"),
    ("kommuner/ystad/", "Ystads kommun"),
    ("omraden/vatten-och-avlopp/", "Vatten och avlopp"),
])
def test_page_renders_its_heading_without_outside_requests(page, site_url: str, path: str, heading: str) -> None:
    page.goto(site_url + path)
    assert page.locator("h1").first.inner_text() == heading
    assert page.evaluate("document.documentElement.lang") == "sv"


def in_first_viewport(page, selector: str) -> bool:
    """Whether a person sees the element without scrolling: visible, and inside the window."""
    element = page.locator(selector).first
    box = element.bounding_box()
    height = page.viewport_size["height"]
    return element.is_visible() and box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_a_challenge_shows_its_status_and_deadline_in_the_first_viewport(page, site_url: str, width: int,
                                                                         height: int) -> None:
    """Screenshots for review in tests/artifacts/, and what a supplier sees first on any screen."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url + "utmaningar/vattenlackor-i-ledningsnatet/")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"utmaning-{width}.png"))
    assert in_first_viewport(page, ".uk-state .uk-status")
    assert page.locator(".uk-state .uk-status").first.inner_text() == "Marknadsdialog"
    assert in_first_viewport(page, ".uk-state .uk-response--open")
    assert page.locator(".uk-state .uk-response--open").first.inner_text() == \
        "Öppen för svar till och med 26 februari 2027"


def test_the_catalogue_shows_the_first_challenge_with_its_status_in_the_first_viewport(page, site_url: str) -> None:
    page.goto(site_url + "utmaningar/")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "katalog.png"))
    assert in_first_viewport(page, ".uk-cards .uk-card__title")
    assert in_first_viewport(page, ".uk-cards .uk-card__state .uk-status")


def every_page(site: Build) -> list[str]:
    """Every HTML page of the built site by its address, the 404 page too; not the editor (/admin/),
    an application with its own tests."""
    found = []
    for html in sorted(site.site.rglob("*.html")):
        path = html.relative_to(site.site).as_posix()
        if not path.startswith("admin/"):
            found.append(path.removesuffix("index.html"))
    return found


def test_no_page_requests_anything_that_is_not_there(page, site_url: str, shipped_site: Build) -> None:
    """Every page loads every file it asks for: no 4xx or 5xx answer and no failed request, also
    from Material's scripts after the page has loaded (it once asked for kommuner/<key>/sitemap.xml)."""
    pending: set[object] = set()
    problems: list[str] = []
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    # A request the browser cancels itself (the next page is opened while the icon still loads)
    # is no failure of the site.
    page.on("requestfailed", lambda request: (pending.discard(request), None if request.failure == "net::ERR_ABORTED"
                                               else problems.append(f"{request.url}: {request.failure}")))
    page.on("response", lambda response: problems.append(f"{response.url}: {response.status}")
            if response.status >= 400 else None)
    pages = every_page(shipped_site)
    assert len(pages) > 50 and "kommuner/ystad/" in pages and "404.html" in pages
    for path in pages:
        page.goto(site_url + path)
        for _ in range(200):  # until the scripts' own requests are answered too
            if not pending:
                break
            page.wait_for_timeout(25)
        assert not pending, (path, [request.url for request in pending])
        assert not problems, (path, problems)
