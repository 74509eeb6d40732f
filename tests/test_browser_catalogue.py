"""The catalogue's filters in Chromium: the same challenges as the core, the URL as the state.

Most tests run on a synthetic catalogue of 60 challenges (tests/synthetic.py) with every
status, deadline window and facet; the results are compared with `finder.find` and
`finder.facet_counts` on the same files and the same today as the build. The text filter (q) is
answered by the site's search engine (the header's too): the core combines the challenges the
engine finds with the other filters, so the expectation asks the engine in the same page.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

import pytest
from playwright.sync_api import expect
from support import ARTIFACTS, CPV_CODES, TEST_TODAY, Build, build_fixture, synthetic_challenges
from utmaningskatalogen.catalogue import Catalogue, load_catalogue
from utmaningskatalogen.finder import DEADLINE_WINDOWS, STATUS_CHOICES, Filters, Sort, facet_counts, find
from utmaningskatalogen.siteverify.browser import serve

pytestmark = pytest.mark.browser

_SHOWN = "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.slug)"
_COUNTS = """form => {
  const number = text => Number(/\\((\\d+)\\)\\s*$/.exec(text)[1]);
  const options = name => Object.fromEntries([...form.elements[name].options].map(o => [o.value, number(o.text)]));
  const boxes = name => Object.fromEntries([...form.querySelectorAll(`input[name=${name}]`)]
    .map(i => [i.value, number(i.labels[0].textContent)]));
  return {status: options("status"), deadline: options("deadline"), open: number(form.elements.open.labels[0].textContent),
          municipalities: boxes("municipality"), areas: boxes("area")};
}"""
_CONTROLS = """form => ({
  q: form.elements.q.value, status: form.elements.status.value, open: form.elements.open.checked,
  municipality: [...form.querySelectorAll("input[name=municipality]:checked")].map(i => i.value).sort(),
  area: [...form.querySelectorAll("input[name=area]:checked")].map(i => i.value).sort(),
  deadline: form.elements.deadline.value, sort: form.elements.sort.value})"""


@dataclass
class Site:
    build: Build
    catalogue: Catalogue
    url: str

    def expected(self, filters: Filters, found: set[str] | None = None) -> list[str]:
        return [c.slug for c in find(self.catalogue.published, filters, self.catalogue.today,
                                     self.catalogue.vocabularies, found=found)]


def engine_finds(page, site: Site, q: str) -> set[str] | None:
    """The slugs the site's search engine finds for q, asked in the page; None without q."""
    if not q.strip():
        return None
    return set(page.evaluate("async ([url, q]) => [...await (await import(url)).challengeSlugs(q)]",
                             [site.url + "assets/search-engine.js", q]))


def expected_in(page, site: Site, filters: Filters) -> list[str]:
    return site.expected(filters, engine_finds(page, site, filters.q))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("synthetic-catalogue")
    result = build_fixture(folder, synthetic_challenges())
    assert result.returncode == 0, result.log
    catalogue = load_catalogue(folder / "challenges", date.fromisoformat(TEST_TODAY))
    url, server = serve(result.site)
    yield Site(result, catalogue, url)
    server.shutdown()


def shown(page) -> list[str]:
    return page.eval_on_selector_all(".uk-cards [data-slug]", _SHOWN)


def announced(n: int) -> str:
    return f"{n} utmaning" if n == 1 else f"{n} utmaningar"


def assert_page_shows(page, site: Site, filters: Filters) -> None:
    """List, order, count, facet counts and controls all agree with the core for this state."""
    page.wait_for_selector("form.uk-filters[data-state=ready]")
    found = engine_finds(page, site, filters.q)
    expected = site.expected(filters, found)
    assert shown(page) == expected
    assert page.locator("#uk-count").inner_text() == announced(len(expected))
    assert page.locator("#uk-no-match").is_visible() == (not expected)
    counts = facet_counts(site.catalogue.published, filters, site.catalogue.today, site.catalogue.vocabularies,
                          found=found)
    assert page.eval_on_selector("form.uk-filters", _COUNTS) == {
        "status": counts.status, "deadline": counts.deadline, "open": counts.open,
        "municipalities": counts.municipalities, "areas": counts.areas}
    assert page.eval_on_selector("form.uk-filters", _CONTROLS) == {
        "q": filters.q, "status": filters.status.value if filters.status else "", "open": filters.open,
        "municipality": sorted(filters.municipalities), "area": sorted(filters.areas),
        "deadline": str(filters.deadline or ""), "sort": filters.sort.value}


def query_of(page) -> str:
    return page.evaluate("location.search").removeprefix("?")


def single_filters(catalogue: Catalogue) -> list[Filters]:
    """One state per filter value, plus free-text cases over each field the filter reads."""
    vocab = catalogue.vocabularies
    first = catalogue.published[0]
    return [
        *(Filters(status=status) for status in STATUS_CHOICES),
        Filters(open=True),
        *(Filters(municipalities=frozenset({key})) for key in vocab.municipalities),
        *(Filters(areas=frozenset({key})) for key in vocab.areas),
        *(Filters(deadline=days) for days in DEADLINE_WINDOWS),
        Filters(sort=Sort.PUBLISHED),
        Filters(q=first.title), Filters(q=first.title.split()[0].upper()), Filters(q="lösningar för"),
        Filters(q="Ystads kommun"), Filters(q="avlopp"), Filters(q=CPV_CODES[2][:5]), Filters(q="ingenting-alls"),
    ]


def combined_filters(catalogue: Catalogue, count: int = 30) -> list[Filters]:
    rng = random.Random(7)
    municipalities, areas = list(catalogue.vocabularies.municipalities), list(catalogue.vocabularies.areas)
    states = []
    for _ in range(count):
        states.append(Filters(
            q=rng.choice(["", "", "", "nummer 1", "energi", "sensorer data", "kommun"]),
            status=rng.choice([None, None, None, None, *STATUS_CHOICES]),
            open=rng.random() < 0.3,
            municipalities=frozenset(rng.sample(municipalities, rng.choice([0, 0, 1, 2]))),
            areas=frozenset(rng.sample(areas, rng.choice([0, 0, 1, 3]))),
            deadline=rng.choice([None, None, None, *DEADLINE_WINDOWS]),
            sort=rng.choice(list(Sort)),
        ))
    return states


def test_each_filter_alone_shows_what_the_core_finds_in_the_challenge_files(page, synthetic: Site) -> None:
    for filters in single_filters(synthetic.catalogue):
        page.goto(synthetic.url + "utmaningar/?" + filters.query_string())
        assert_page_shows(page, synthetic, filters)
    # The synthetic catalogue really exercises every filter.
    assert all(expected_in(page, synthetic, f) for f in single_filters(synthetic.catalogue)[:-1])


def test_combined_filters_from_the_url_show_what_the_core_finds(page, synthetic: Site) -> None:
    states = combined_filters(synthetic.catalogue)
    for filters in states:
        page.goto(synthetic.url + "utmaningar/?" + filters.query_string())
        assert_page_shows(page, synthetic, filters)
    assert sum(1 for f in states if expected_in(page, synthetic, f)) >= len(states) // 3


def test_changing_the_controls_filters_the_list_and_writes_the_state_into_the_url(page, synthetic: Site) -> None:
    page.goto(synthetic.url + "utmaningar/")
    assert_page_shows(page, synthetic, Filters())
    steps = [
        (lambda: page.locator("summary", has_text="Kommuner").click(), Filters()),
        (lambda: page.check("#uk-municipality-ystad"), Filters(municipalities=frozenset({"ystad"}))),
        (lambda: page.check("#uk-municipality-sjobo"), Filters(municipalities=frozenset({"ystad", "sjobo"}))),
        (lambda: page.check("#uk-open"), Filters(open=True, municipalities=frozenset({"ystad", "sjobo"}))),
        (lambda: page.select_option("#uk-deadline", "90"),
         Filters(open=True, municipalities=frozenset({"ystad", "sjobo"}), deadline=90)),
        (lambda: page.uncheck("#uk-open"), Filters(municipalities=frozenset({"ystad", "sjobo"}), deadline=90)),
        (lambda: page.select_option("#uk-sort", "published"),
         Filters(municipalities=frozenset({"ystad", "sjobo"}), deadline=90, sort=Sort.PUBLISHED)),
        (lambda: page.fill("#uk-q", "nummer"),
         Filters(q="nummer", municipalities=frozenset({"ystad", "sjobo"}), deadline=90, sort=Sort.PUBLISHED)),
        (lambda: page.select_option("#uk-status", "tender"),
         Filters(q="nummer", status=STATUS_CHOICES[2], municipalities=frozenset({"ystad", "sjobo"}), deadline=90,
                 sort=Sort.PUBLISHED)),
    ]
    for act, filters in steps:
        act()
        assert query_of(page) == filters.query_string()
        assert_page_shows(page, synthetic, filters)
    assert page.locator("summary", has_text="Kommuner").inner_text() == "Kommuner – 2 valda"


def test_back_and_forward_restore_each_earlier_state(page, synthetic: Site) -> None:
    page.goto(synthetic.url + "utmaningar/")
    page.check("#uk-open")
    page.select_option("#uk-status", "dialogue")
    for letter in "energi":  # typing is one history entry, not one per key
        page.press("#uk-q", letter)
    page.select_option("#uk-deadline", "30")
    states = [Filters(), Filters(open=True), Filters(open=True, status=STATUS_CHOICES[1]),
              Filters(open=True, status=STATUS_CHOICES[1], q="energi"),
              Filters(open=True, status=STATUS_CHOICES[1], q="energi", deadline=30)]
    for filters in reversed(states[:-1]):
        page.go_back()
        assert query_of(page) == filters.query_string()
        assert_page_shows(page, synthetic, filters)
    page.go_forward()
    assert_page_shows(page, synthetic, states[1])


def test_rensa_filter_shows_every_challenge_again_and_clears_the_url(page, synthetic: Site) -> None:
    filters = Filters(q="energi", open=True, areas=frozenset({"maltider", "vard-och-omsorg"}), sort=Sort.PUBLISHED)
    page.goto(synthetic.url + "utmaningar/?" + filters.query_string())
    assert page.locator("details[data-facet=area]").get_attribute("open") is not None  # a chosen area shows
    page.get_by_role("button", name="Rensa filter").click()
    assert page.evaluate("location.search") == ""
    assert_page_shows(page, synthetic, Filters())
    page.go_back()
    assert_page_shows(page, synthetic, filters)


def test_the_live_region_says_how_many_challenges_show(page, synthetic: Site) -> None:
    page.goto(synthetic.url + "utmaningar/")
    region = page.locator("#uk-count")
    assert region.get_attribute("role") == "status"
    one = next(c for c in synthetic.catalogue.published if c.cpv)
    page.fill("#uk-q", one.title)
    expect(region).to_have_text("1 utmaning")
    page.fill("#uk-q", "finns-inte")
    expect(region).to_have_text("0 utmaningar")
    assert page.locator("#uk-no-match").is_visible()


def test_free_text_in_the_url_filters_the_list_and_stays_in_the_url(page, synthetic: Site) -> None:
    page.goto(synthetic.url + "utmaningar/?q=energi&open=1")
    page.wait_for_load_state("load")
    assert query_of(page) == "q=energi&open=1"
    assert_page_shows(page, synthetic, Filters(q="energi", open=True))


def test_values_the_page_does_not_offer_are_ignored(page, synthetic: Site) -> None:
    page.goto(synthetic.url + "utmaningar/?status=oppen&municipality=malmo&deadline=5&sort=random&open=ja")
    assert_page_shows(page, synthetic, Filters())


def test_drafts_and_embargoed_challenges_are_neither_listed_nor_counted(page, synthetic: Site) -> None:
    page.goto(synthetic.url + "utmaningar/?q=Hemlig")
    page.wait_for_selector("form.uk-filters[data-state=ready]")
    # The engine answers words it lacks with near ones (hemtjänst), but never with the held-back two.
    assert not {"hemligt-utkast", "hemlig-embargo"} & set(shown(page))
    assert not {"hemligt-utkast", "hemlig-embargo"} & engine_finds(page, synthetic, "Hemligt utkast om vattenläckor")
    page.goto(synthetic.url + "utmaningar/")
    assert page.locator("#uk-status option").first.inner_text() == f"Alla statusar ({len(synthetic.catalogue.published)})"
    assert page.locator(".uk-cards [data-slug]").count() == len(synthetic.catalogue.published) == 60


def test_without_javascript_the_whole_list_shows_and_the_form_submits_as_get(browser, synthetic: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(synthetic.url + "utmaningar/?municipality=ystad&open=1")
        everything = [c.slug for c in synthetic.catalogue.published]
        assert shown(page) == everything
        assert page.locator("noscript").count() == 1
        page.fill("#uk-q", "energi")
        page.locator("summary", has_text="Filter och ordning").click()
        page.locator("summary", has_text="Kommuner").click()
        page.check("#uk-municipality-skurup")
        page.get_by_role("button", name="Visa utmaningar").click()
        page.wait_for_load_state()
        assert query_of(page) == "q=energi&status=&deadline=&sort=deadline&municipality=skurup"
        assert shown(page) == everything
    finally:
        context.close()


def first_card_in_view(page) -> bool:
    """The first challenge's title shows in the window without scrolling."""
    box = page.locator(".uk-cards [data-slug] .uk-card__title:visible").first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_on_a_phone_the_filters_wait_closed_and_say_how_many_are_chosen(page, synthetic: Site) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(synthetic.url + "utmaningar/")
    more = page.locator("details.uk-filters__more")
    assert more.get_attribute("open") is None and page.locator("#uk-status").is_hidden()
    assert first_card_in_view(page)
    assert more.locator("> summary").inner_text() == "Filter och ordning"
    page.goto(synthetic.url + "utmaningar/?status=dialogue&municipality=ystad&municipality=sjobo&sort=published")
    page.wait_for_selector("form.uk-filters[data-state=ready]")
    assert more.get_attribute("open") is None and first_card_in_view(page)
    assert more.locator("> summary").inner_text() == "Filter och ordning – 3 valda"  # the order is no filter
    more.locator("> summary").click()
    assert page.locator("#uk-municipality-ystad").is_checked() and page.locator("#uk-status").is_visible()
    page.locator("#uk-municipality-ystad").uncheck()
    page.locator("#uk-municipality-sjobo").uncheck()
    assert more.locator("> summary").inner_text() == "Filter och ordning – 1 valt"
    # On a wide screen the filters are open from the start.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(synthetic.url + "utmaningar/")
    assert more.get_attribute("open") == "" and page.locator("#uk-status").is_visible()
    assert first_card_in_view(page)


def test_on_a_phone_without_javascript_the_list_comes_first_and_the_filters_still_open(browser, synthetic: Site) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(synthetic.url + "utmaningar/")
        assert first_card_in_view(page)
        assert len(shown(page)) == len(synthetic.catalogue.published)
        page.locator("summary", has_text="Filter och ordning").click()
        assert page.locator("#uk-status").is_visible() and page.locator("noscript").count() == 1
    finally:
        context.close()


def test_filters_work_with_the_keyboard_alone_and_focus_is_always_visible(page, synthetic: Site) -> None:
    page.goto(synthetic.url + "utmaningar/")

    def tab_to(selector: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                                              return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
                assert outline[0] != "none" and outline[1] >= 2, (selector, outline)
                return
        raise AssertionError(f"Tab når aldrig {selector}")

    tab_to("#uk-q")
    page.keyboard.type("nummer")
    tab_to("#uk-status")
    page.keyboard.press("ArrowDown")  # Behov → need
    tab_to("#uk-open")
    page.keyboard.press("Space")
    filters = Filters(q="nummer", status=STATUS_CHOICES[0], open=True)
    assert_page_shows(page, synthetic, filters)
    page.keyboard.press("Space")
    filters = replace(filters, open=False)
    tab_to("details[data-facet=municipality] summary")
    page.keyboard.press("Enter")
    tab_to("#uk-municipality-skurup")
    page.keyboard.press("Space")
    filters = replace(filters, municipalities=frozenset({"skurup"}))
    assert_page_shows(page, synthetic, filters)
    assert query_of(page) == filters.query_string()
    tab_to("button[type=reset]")
    page.keyboard.press("Enter")
    assert_page_shows(page, synthetic, Filters())
    tab_to(".uk-card__title a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/utmaningar/*/")
    assert page.locator("h1").first.inner_text() == synthetic.catalogue.published[0].title


def test_closing_soon_shows_on_cards_and_pages_and_comes_first_on_the_home_page(page, synthetic: Site) -> None:
    today = synthetic.catalogue.today
    closing = [c.slug for c in synthetic.catalogue.published if c.is_closing_soon(today)]
    assert len(closing) >= 2
    page.goto(synthetic.url + "utmaningar/")
    for card in page.locator(".uk-cards [data-slug]").all():
        assert ("Stänger snart" in card.text_content()) == (card.get_attribute("data-slug") in closing)
    page.goto(synthetic.url)
    home = page.eval_on_selector_all(".uk-cards [data-slug]", _SHOWN)
    assert home[:len(closing)] == closing
    assert all(s in [c.slug for c in synthetic.catalogue.open_for_responses()] for s in home)
    page.goto(synthetic.url + f"utmaningar/{closing[0]}/")
    assert page.locator(".uk-state .uk-soon").inner_text() == "Stänger snart"


def test_screenshots_of_the_filtered_catalogue_for_review(page, synthetic: Site) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(synthetic.url + "utmaningar/?open=1&municipality=ystad&area=vatten-och-avlopp&area=energi-och-klimat")
    path = ARTIFACTS / "katalog-filtrerad.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    page.set_viewport_size({"width": 390, "height": 844})
    path = ARTIFACTS / "katalog-mobil.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000
