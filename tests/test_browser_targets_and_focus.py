"""What keyboard and touch users need, measured in Chromium: every target at least 24 × 24 CSS
pixels or spaced as WCAG 2.2 (2.5.8) asks, focus that shows on every Tab stop, and a skip link
to the page's heading on every page."""

from __future__ import annotations

import pytest
from support import PAGE_KINDS

pytestmark = pytest.mark.browser

# A page of each template (an area's page is a municipality's; För företag is a guide page).
PAGES = {name: PAGE_KINDS[name] for name in (
    "startsidan", "katalogen", "en utmaning", "en kommun", "en fas med sin lista av utmaningar",
    "Bevaka utmaningar", "fältreferensen", "404")}
WIDTHS = [1280, 390]

# The element a pointer reaches at the middle of an element: it is not covered, clipped or off the screen.
_REACHABLE = """el => {
  const r = el.getBoundingClientRect();
  if (!(r.width > 0 && r.height > 0)) return false;
  const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
  return hit !== null && (el.contains(hit) || hit.contains(el) || [...(el.labels || [])].some(l => l.contains(hit)));
}"""

# Targets per WCAG 2.2 2.5.8: a control and its label are one target; a link inside a sentence
# is exempt; a target under 24 × 24 passes when a 24 px circle on its centre meets no other
# target and no other small target's circle.
_SMALL_TARGETS = """([reachable, within]) => {
  reachable = eval(reachable);
  const scope = within ? document.querySelector(within) : document;
  const shown = el => getComputedStyle(el).visibility === "visible" && !el.closest("[hidden]") && reachable(el);
  function inSentence(el) {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    return block.textContent.trim().length > el.textContent.trim().length + 1;
  }
  const name = el => (el.id ? "#" + el.id : el.tagName.toLowerCase() + "." + el.className.split(" ")[0]) +
    " ”" + el.textContent.trim().slice(0, 30) + "”";
  const targets = [], seen = new Set();
  for (const el of scope.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]")) {
    if (seen.has(el) || !shown(el)) continue;
    const control = el.tagName === "LABEL" ? el.control : el;
    const parts = control && shown(control) ? [control, ...(control.labels || [])].filter(shown) : [el];
    parts.forEach(p => seen.add(p));
    const rects = parts.map(p => p.getBoundingClientRect());
    const box = {left: Math.min(...rects.map(r => r.left)), top: Math.min(...rects.map(r => r.top)),
                 right: Math.max(...rects.map(r => r.right)), bottom: Math.max(...rects.map(r => r.bottom))};
    targets.push({box, exempt: inSentence(el), name: name(el),
                  small: box.right - box.left < 23.5 || box.bottom - box.top < 23.5});
  }
  const centre = t => [(t.box.left + t.box.right) / 2, (t.box.top + t.box.bottom) / 2];
  const gap = ([x, y], b) => Math.hypot(Math.max(b.left - x, 0, x - b.right), Math.max(b.top - y, 0, y - b.bottom));
  return targets.filter(t => t.small && !t.exempt).flatMap(t => {
    const [x, y] = centre(t);
    const near = targets.filter(o => o !== t && (gap([x, y], o.box) < 12 ||
      (o.small && !o.exempt && Math.hypot(x - centre(o)[0], y - centre(o)[1]) < 24)));
    return near.length ? [`${t.name} ${Math.round(t.box.right - t.box.left)}×${Math.round(t.box.bottom - t.box.top)} px, ` +
                          `för nära ${near.map(o => o.name).join(", ")}`] : [];
  });
}"""

# The focused element's focus indicator: an outline of at least 2 px with at least 3:1 against
# what is around it, on an element a person can see (after the page scrolled it into view).
_FOCUS = """reachable => {
  reachable = eval(reachable);
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rgb = c => { const p = c.match(/[\\d.]+/g).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = ({r, g, b}) => [r, g, b].map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  let around = {r: 255, g: 255, b: 255, a: 1};
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.a === 1) { around = c; break; }
  }
  const drawn = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return {
    name: (el.id ? "#" + el.id : el.tagName.toLowerCase() + "." + el.className.split(" ")[0]) + " ”" +
          (el.textContent || "").trim().slice(0, 30) + "”",
    body: el === document.body,
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    contrast: drawn ? Math.round(contrast(rgb(style.outlineColor), around) * 10) / 10 : 0,
    seen: reachable(el),
  };
}"""
_SETTLED = "() => Promise.all(document.getAnimations().map(a => a.finished)).then(() => true)"


def open_every_disclosure(page) -> None:
    for details in page.locator("details").all():
        if details.is_visible():
            details.evaluate("d => d.open = true")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_control_in_the_catalogue_filters_is_at_least_24_by_24_pixels(page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "utmaningar/")
    open_every_disclosure(page)
    open_every_disclosure(page)  # the facets inside the disclosure around the filters
    sizes = page.eval_on_selector_all(
        "form.uk-filters :is(input:not([type=hidden]), select, button, summary)",
        "els => els.filter(e => e.checkVisibility()).map(e => { const r = e.getBoundingClientRect();"
        " return [e.id || e.name || e.tagName.toLowerCase() + ' ' + e.textContent.trim(), r.width, r.height]; })")
    assert len(sizes) >= 25  # every checkbox of both facets, the selects, summaries and buttons
    small = [f"{name}: {w:.1f}×{h:.1f}" for name, w, h in sizes if w < 24 or h < 24]
    assert not small, small
    assert not page.evaluate(_SMALL_TARGETS, [_REACHABLE, "form.uk-filters"])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_targets_are_large_or_spaced_enough(page, site_url: str, name: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + PAGES[name])
    open_every_disclosure(page)
    # The whole page in the window, so that the pointer check reaches every target.
    page.set_viewport_size({"width": width, "height": min(page.evaluate("document.documentElement.scrollHeight"), 16000)})
    found = page.evaluate(_SMALL_TARGETS, [_REACHABLE, None])
    assert not found, "\n".join(found)


# On phones, the pages whose drawer shows the top level and a section's panel.
@pytest.mark.parametrize("name, width", [("startsidan", 1280), ("katalogen", 1280), ("en utmaning", 1280),
                                         ("404", 1280), ("katalogen", 390), ("en fas med sin lista av utmaningar", 390)])
def test_focus_shows_on_every_tab_stop(page, site_url: str, name: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(site_url + PAGES[name])
    seen: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        page.evaluate(_SETTLED)  # Material's drawer slides in when focus enters it
        focus = page.evaluate(_FOCUS, _REACHABLE)
        if focus["body"] or focus["name"] in seen[:1]:
            break
        seen.append(focus["name"])
        assert focus["seen"], f"Tab stop {len(seen)} syns inte: {focus['name']}"
        assert focus["contrast"] >= 3, f"Tab stop {len(seen)} ({focus['name']}) har fokusmarkering {focus['outline']}" \
                                       f" med kontrast {focus['contrast']}:1"
    assert len(seen) >= 10


def test_the_header_search_box_shows_focus_against_the_header_and_inside_the_field(page, site_url: str) -> None:
    page.goto(site_url + "utmaningar/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "uk-search-input":
            break
    else:
        raise AssertionError("Tab når aldrig sökrutan i sidhuvudet")
    focus = page.evaluate(_FOCUS, _REACHABLE)
    assert focus["outline"] == "solid 3px rgb(255, 255, 255)" and focus["contrast"] >= 3, focus
    # Inside the white field, a dark ring: the field's edge changes too, not only the space around it.
    assert page.evaluate("getComputedStyle(document.activeElement).boxShadow") == "rgb(31, 31, 31) 0px 0px 0px 3px inset"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Sök"
    assert page.evaluate(_FOCUS, _REACHABLE)["contrast"] >= 3


@pytest.mark.parametrize("name", PAGES)
def test_the_first_tab_stop_is_a_visible_skip_link_to_the_heading(page, site_url: str, name: str) -> None:
    page.goto(site_url + PAGES[name])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Gå till innehållet"
    assert skip.is_visible() and page.evaluate(_REACHABLE, skip.element_handle())
    heading = page.locator("h1").first
    href = skip.get_attribute("href")
    assert href == "#" + heading.get_attribute("id")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == href
    assert heading.bounding_box()["y"] < 200
