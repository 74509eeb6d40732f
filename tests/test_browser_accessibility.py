"""axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) on every kind of page, and status never told by colour alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from support import PAGE_KINDS

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Known exceptions, each with its reason. None today.
EXCEPTIONS: dict[str, str] = {}

PAGES = PAGE_KINDS


def violations(page) -> list[dict]:
    # Cards out of view are not rendered (content-visibility: auto), so axe could not check
    # their colours: make the viewport as tall as the page first.
    for _ in range(3):
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": 1280, "height": min(height, 16000)})
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    found = results.response["violations"]
    return [v for v in found if v["id"] not in EXCEPTIONS]


def report(found: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}"
                     for v in found)


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(page, site_url: str, name: str) -> None:
    page.goto(site_url + PAGES[name])
    found = violations(page)
    assert not found, report(found)


def test_catalogue_with_filters_open_and_applied_has_no_axe_violations(page, site_url: str) -> None:
    page.goto(site_url + "utmaningar/?q=a&open=1&municipality=ystad&area=vatten-och-avlopp&deadline=90&sort=published")
    for summary in page.locator(".uk-facet summary").all():
        if summary.locator("xpath=..").get_attribute("open") is None:
            summary.click()
    assert page.locator("details.uk-facet[open]").count() == 2
    page.locator("#uk-q").focus()
    found = violations(page)
    assert not found, report(found)
    # No match at all: the empty message shows.
    page.fill("#uk-q", "qwxzyqwxzy")
    page.wait_for_selector("form.uk-filters[data-state=ready]")
    assert page.locator("#uk-no-match").is_visible()
    found = violations(page)
    assert not found, report(found)


def test_site_search_open_with_results_has_no_axe_violations(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("#uk-search-input").press_sequentially("läckor")
    page.locator("#uk-search-results li").first.wait_for()
    assert page.locator("#uk-search-results mark").count() > 0
    found = violations(page)
    assert not found, report(found)


def test_status_and_open_state_are_written_out_not_only_coloured(page, site_url: str) -> None:
    page.goto(site_url + "utmaningar/")
    cards = page.locator(".uk-cards [data-slug]")
    assert cards.count() > 0
    for card in cards.all():
        assert card.locator(".uk-status").text_content().strip() != ""
        if card.get_attribute("data-open") == "1":
            assert "Öppen för svar" in card.text_content()
