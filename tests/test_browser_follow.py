"""Following without an account, in a real browser: the suppliers' page, the calendar link and
the announced feeds work, and pass axe."""

from __future__ import annotations

import pytest
from support import ARTIFACTS
from test_browser_accessibility import report, violations

pytestmark = pytest.mark.browser

CHALLENGE = "utmaningar/vattenlackor-i-ledningsnatet/"


def test_the_suppliers_page_has_no_axe_violations_and_no_sideways_scrolling_on_a_phone(page, site_url: str) -> None:
    page.goto(site_url + "bevaka/")
    assert page.locator("h1").first.inner_text() == "Bevaka utmaningar"
    found = violations(page)
    assert not found, report(found)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "bevaka.png"), full_page=True)
    # 320 CSS pixels (WCAG 1.4.10, reflow): the long addresses wrap instead of widening the page.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site_url + "bevaka/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_add_to_calendar_gives_an_icalendar_file(page, site_url: str) -> None:
    page.goto(site_url + CHALLENGE)
    link = page.get_by_role("link", name="Lägg till i kalender")
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    assert response.body().startswith(b"BEGIN:VCALENDAR\r\n")


def test_announced_feeds_are_reachable_from_the_page(page, site_url: str) -> None:
    page.goto(site_url + "kommuner/ystad/")
    hrefs = page.eval_on_selector_all('link[rel="alternate"][type="application/atom+xml"]', "ls => ls.map(l => l.href)")
    assert hrefs == [site_url + "feed.xml", site_url + "kommuner/ystad/feed.xml"]
    for href in hrefs:
        response = page.request.get(href)
        assert response.ok and b"<feed xmlns=\"http://www.w3.org/2005/Atom\"" in response.body()


def test_change_history_is_a_section_in_the_page_outline(page, site_url: str) -> None:
    page.goto(site_url + CHALLENGE)
    history = page.locator("h2#andringshistorik")
    if history.count() == 0:
        pytest.skip("bygget hade ingen git-historik")
    assert history.inner_text() == "Ändringshistorik"
    assert page.locator("ul.uk-history li time").count() >= 1
