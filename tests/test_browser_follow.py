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


# Where each address on the page wraps: the characters on both sides of every line break.
_BREAKS = """codes => codes.map(code => {
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  const chars = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      chars.push([node.data[i], range.getClientRects()[0].top]);
    }
  }
  const breaks = chars.flatMap(([c, top], i) => i > 0 && top > chars[i - 1][1] + 1 ? [chars[i - 1][0] + c] : []);
  return {text: chars.map(([c]) => c).join(""), breaks, overflows: code.scrollWidth > code.parentElement.clientWidth + 1};
})"""


@pytest.mark.parametrize("width", [390, 320])
def test_on_a_phone_addresses_wrap_after_a_slash_or_before_a_dot_never_inside_a_word(page, site_url: str,
                                                                                     width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "bevaka/")
    addresses = page.eval_on_selector_all(".uk-follow-links code", _BREAKS)
    # A feed and a calendar for all, for each municipality and each area; six files of open data.
    entries = page.locator(".uk-follow-links--grid > li").count()
    assert entries >= 1 + 6 + 1 and len(addresses) == 2 * entries + 6
    for address in addresses:
        assert address["text"].startswith("https://") and not address["overflows"], address
        assert all(pair[0] == "/" or pair[1] == "." for pair in address["breaks"]), address
    assert any(address["breaks"] for address in addresses)  # they do wrap here
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # Copied, an address has no trace of its break points.
    link = page.locator(".uk-follow-links a").first
    assert link.inner_text() == link.get_attribute("href")


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
