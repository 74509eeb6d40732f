"""Swedish search in Chromium: the header's search box and the catalogue's text filter, one engine.

Both use the site's Pagefind index (search_index.py) through theme/assets/search-engine.js. The
checks type into the boxes as a person would; `engine_*` ask the engine directly, in the page,
through the same module the boxes use. Every test also fails on a request to another site or a
CSP violation (the `page` fixture).
"""

from __future__ import annotations

import gzip
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from support import ROOT, TEST_TODAY, Build
from utmaningskatalogen.catalogue import Catalogue, load_catalogue
from utmaningskatalogen.statuses import Status

pytestmark = pytest.mark.browser

WATER = "vattenlackor-i-ledningsnatet"
_SHOWN = "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.slug)"
_ENGINE = "assets/search-engine.js"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))


def header_search(page, query: str) -> list[str]:
    """Type into the header's box; the paths of the results shown (first page), best first."""
    box = page.locator("#uk-search-input")
    box.fill("")
    box.focus()
    box.press_sequentially(query)
    page.wait_for_function("q => { const box = document.querySelector('[data-uk-search]');"
                           " return box.dataset.state === 'ready' && box.dataset.query === q; }", arg=query.strip())
    return [urlsplit(href).path for href in page.eval_on_selector_all(
        "#uk-search-results a", "links => links.map(a => a.href)")]


def engine_challenges(page, site_url: str, query: str) -> set[str]:
    """The slugs the engine finds for a query: what the catalogue's filter shows."""
    return set(page.evaluate("async ([url, q]) => [...await (await import(url)).challengeSlugs(q)]",
                             [site_url + _ENGINE, query]))


def engine_search(page, site_url: str, query: str, filters: dict[str, str] | None = None) -> list[dict]:
    """Every result's data for a query, best first."""
    return page.evaluate("""async ([url, q, filters]) => {
      const engine = await import(url);
      const response = await engine.search(q, filters);
      return Promise.all(response.results.map(r => r.data().then(d => ({url: d.url, meta: d.meta}))));
    }""", [site_url + _ENGINE, query, filters or {}])


def catalogue_search(page, site_url: str, query: str) -> set[str]:
    """Type into the catalogue's text filter; the slugs of the cards shown."""
    if not urlsplit(page.url).path.endswith("/utmaningar/"):
        page.goto(site_url + "utmaningar/")
    page.fill("#uk-q", query)
    page.wait_for_selector("form.uk-filters[data-state=ready]")
    return set(page.eval_on_selector_all(".uk-cards [data-slug]", _SHOWN))


def test_an_inflected_form_finds_the_challenge_in_both_boxes(page, site_url: str) -> None:
    page.goto(site_url + "utmaningar/")
    assert header_search(page, "läckorna")[0].endswith(f"/utmaningar/{WATER}/")
    assert catalogue_search(page, site_url, "läckorna") == {WATER}
    # The result shows what a supplier needs first: kind, status and deadline, and the words marked.
    first = page.locator("#uk-search-results li").first
    assert first.locator(".uk-search__facts").inner_text().startswith("Utmaning · Marknadsdialog · Öppen för svar · "
                                                                     "Sista svarsdag ")
    assert first.locator(".uk-search__excerpt mark").count() > 0


@pytest.mark.parametrize("query, slug", [
    ("vattenläckorna", WATER),
    ("vattenläcka", WATER),
    ("ledningsnätets", WATER),
    ("skolmåltiderna", "mindre-matsvinn-i-skolmaltiden"),
    ("gatubelysningen", "gatubelysning-efter-behov"),
])
def test_inflected_forms_find_the_challenge_about_the_base_form_first(page, site_url: str, query: str,
                                                                      slug: str) -> None:
    page.goto(site_url)
    assert header_search(page, query)[0].endswith(f"/utmaningar/{slug}/")


def test_every_cpv_code_finds_its_challenges_the_first_one_too(page, site_url: str, catalogue: Catalogue) -> None:
    page.goto(site_url)
    codes = {code for c in catalogue.published for code in c.cpv}
    assert codes
    for code in sorted(codes):
        having = {c.slug for c in catalogue.published if code in c.cpv}
        assert having <= engine_challenges(page, site_url, code), code
    first = next(c for c in catalogue.published if c.cpv)
    assert any(path.endswith(f"/utmaningar/{first.slug}/") for path in header_search(page, first.cpv[0]))


def test_a_procurement_reference_finds_its_challenge_first(page, site_url: str, catalogue: Catalogue) -> None:
    page.goto(site_url)
    with_reference = [c for c in catalogue.published if c.procurement and c.procurement.reference]
    assert with_reference
    for challenge in with_reference:
        reference = challenge.procurement.reference
        assert header_search(page, reference)[0].endswith(f"/utmaningar/{challenge.slug}/"), reference


def test_municipality_and_area_names_find_every_challenge_they_are_on(page, site_url: str,
                                                                      catalogue: Catalogue) -> None:
    page.goto(site_url)
    vocab = catalogue.vocabularies
    names = {m.name: {c.slug for c in catalogue.published if m.key in c.municipalities}
             for m in vocab.municipalities.values()}
    names |= {a.name: {c.slug for c in catalogue.published if a.key in c.areas} for a in vocab.areas.values()}
    for name, slugs in names.items():
        assert slugs <= engine_challenges(page, site_url, name), name


def test_a_challenges_exact_title_puts_it_first(page, site_url: str, catalogue: Catalogue) -> None:
    page.goto(site_url)
    for challenge in catalogue.published:
        assert header_search(page, challenge.title)[0].endswith(f"/utmaningar/{challenge.slug}/"), challenge.title


def test_filters_narrow_by_status_and_by_open_for_responses(page, site_url: str, catalogue: Catalogue) -> None:
    page.goto(site_url)
    dialogue = {c.slug for c in catalogue.in_status(Status.DIALOGUE)}
    found = engine_search(page, site_url, "kommun", {"status": "Marknadsdialog"})
    assert found and {r["url"].rstrip("/").rsplit("/", 1)[-1] for r in found} <= dialogue
    assert {r["meta"]["status"] for r in found} == {"Marknadsdialog"}
    open_now = {c.slug for c in catalogue.open_for_responses()}
    found = engine_search(page, site_url, "kommun", {"svar": "Öppen för svar"})
    assert found and {r["url"].rstrip("/").rsplit("/", 1)[-1] for r in found} <= open_now
    # The catalogue combines its text filter with its other filters.
    page.goto(site_url + "utmaningar/?q=kommun&status=dialogue")
    page.wait_for_selector("form.uk-filters[data-state=ready]")
    assert set(page.eval_on_selector_all(".uk-cards [data-slug]", _SHOWN)) == \
        engine_challenges(page, site_url, "kommun") & dialogue


@pytest.mark.parametrize("query", ["läckorna", "vatten", "skola", "Ystads kommun", "energi", "sensorer",
                                   "kommun", "äldre", "belysning", "Simrishamn"])
def test_both_boxes_find_the_same_challenges(page, site_url: str, query: str) -> None:
    page.goto(site_url + "utmaningar/")
    in_header = {r["url"].rstrip("/").rsplit("/", 1)[-1] for r in engine_search(page, site_url, query)
                 if r["meta"].get("typ") == "Utmaning"}
    assert in_header, query
    assert catalogue_search(page, site_url, query) == in_header
    header_paths = header_search(page, query)
    shown_challenges = [p for p in header_paths if "/utmaningar/" in p and p.count("/") > 3]
    assert {p.rstrip("/").rsplit("/", 1)[-1] for p in shown_challenges} <= in_header


def test_pages_for_staff_come_after_challenges_and_pages_for_suppliers(page, site_url: str) -> None:
    page.goto(site_url)
    header_search(page, "läckor")
    kinds = [text.split(" · ")[0] for text in page.locator("#uk-search-results .uk-search__facts").all_inner_texts()]
    assert "Utmaning" in kinds and "För kommunernas medarbetare" in kinds
    first_staff = kinds.index("För kommunernas medarbetare")
    assert all(kind == "För kommunernas medarbetare" for kind in kinds[first_staff:])


def test_keyboard_only_type_move_to_a_result_and_follow_it(page, site_url: str) -> None:
    page.goto(site_url + "om-katalogen/")
    for _ in range(15):  # Tab from the top of the page to the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "uk-search-input":
            break
    assert page.evaluate("document.activeElement.id") == "uk-search-input"
    page.keyboard.type("vattenläckor")
    status = page.locator("#uk-search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text(re.compile(r"^\d+ träff"))
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#uk-search-results') !== null")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "uk-search-input"
    page.keyboard.press("Escape")
    assert page.locator("#uk-search-panel").is_hidden()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/utmaningar/{WATER}/")


def test_a_query_without_results_says_so(page, site_url: str) -> None:
    page.goto(site_url)
    assert header_search(page, "qwxzy") == []
    expect(page.locator("#uk-search-count")).to_have_text("Inga träffar för ”qwxzy”")
    expect(page.locator("#uk-search-status")).to_have_text("Inga träffar för ”qwxzy”")


def test_drafts_are_not_found_and_not_in_the_index(page, site_url: str, catalogue: Catalogue,
                                                   shipped_site: Build) -> None:
    page.goto(site_url)
    for draft in catalogue.held_back:
        assert not [r for r in engine_search(page, site_url, draft.title) if draft.slug in r["url"]]
        assert draft.slug not in engine_challenges(page, site_url, draft.title)
    index_files = sorted((shipped_site.site / "pagefind").rglob("*.pf_*"))
    assert len(index_files) > 10
    text = "\n".join(gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in index_files)
    assert catalogue.published[0].title in text  # the check reads what is really there
    for draft in catalogue.held_back:
        assert draft.title not in text and draft.slug not in text


def test_focusing_the_box_loads_the_engine_before_the_first_key(page, site_url: str) -> None:
    page.goto(site_url)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    with page.expect_request(lambda request: request.url.endswith("wasm.sv.pagefind")):
        page.locator("#uk-search-input").focus()
    assert any(path.endswith("/pagefind/pagefind.js") for path in fetched)


def test_without_javascript_the_header_form_opens_the_catalogue_with_the_words(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "om-katalogen/")
        page.fill("#uk-search-input", "vattenläckor")
        page.press("#uk-search-input", "Enter")
        page.wait_for_url(site_url + "utmaningar/?q=vattenl%C3%A4ckor")
        assert page.locator(".uk-cards [data-slug]").count() == 10  # everything, as without JavaScript
    finally:
        context.close()


def test_enter_follows_the_first_result_and_the_button_opens_the_catalogue_with_the_words(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("#uk-search-input").press_sequentially("vattenläckor")
    first = page.locator("#uk-search-results li a").first
    first.wait_for()
    target = first.evaluate("a => a.href")
    page.locator("#uk-search-input").press("Enter")
    page.wait_for_url(target)
    page.goto(site_url)
    page.locator("#uk-search-input").press_sequentially("vattenläckor")
    page.locator("#uk-search-results li a").first.wait_for()
    page.locator(".uk-search").get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_url(site_url + "utmaningar/?q=vattenl%C3%A4ckor")
