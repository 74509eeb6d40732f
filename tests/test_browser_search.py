"""Swedish search in Chromium: inflected forms, exact titles, names, and nothing lost.

Most checks talk to the search worker the site itself configures (the `search` path in
Material's `__config`), with the site's own search index, exactly as Material's search box
does; one goes through the search box on a page.
"""

from __future__ import annotations

import json
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from support import ROOT, TEST_TODAY, Build
from utmaningskatalogen.catalogue import Catalogue, load_catalogue

pytestmark = pytest.mark.browser

# Run queries through a search worker; returns, per query, the pages found (best first).
_SEARCH = """
async ([workerUrl, queries]) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(workerUrl || config.search, location.href));
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  const found = {};
  for (const query of queries) {
    const result = await ask({type: 2, data: query});
    found[query] = result.data.items.map(group => group[0].parent ? group[0].parent.location : group[0].location);
  }
  worker.terminate();
  return found;
}
"""


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))


def search(page, site_url: str, queries: list[str], worker: str | None = None) -> dict[str, list[str]]:
    if not page.url.startswith(site_url):
        page.goto(site_url)
    return page.evaluate(_SEARCH, [worker, queries])


def material_worker(page) -> str:
    """Material's own worker, which the site's wraps: the baseline to compare with."""
    configured = json.loads(page.locator("#__config").text_content())["search"]
    path, query = urlsplit(configured).path, parse_qs(urlsplit(configured).query)
    return path.rsplit("/", 1)[0] + "/" + query["material"][0]


def test_an_inflected_form_in_the_search_box_finds_the_base_form_first(page, site_url: str) -> None:
    page.goto(site_url + "?q=vattenläckorna")  # Material's own deep link into its search box
    first = page.locator(".md-search-result__item > a").first
    first.wait_for()
    assert urlsplit(first.get_attribute("href")).path.endswith("/utmaningar/vattenlackor-i-ledningsnatet/")
    # Material alone does not: the stemming is ours.
    assert "utmaningar/vattenlackor-i-ledningsnatet/" not in search(page, site_url, ["vattenläckorna"],
                                                                      worker=material_worker(page))["vattenläckorna"]


@pytest.mark.parametrize("query, slug", [
    ("vattenläckorna", "vattenlackor-i-ledningsnatet"),
    ("vattenläcka", "vattenlackor-i-ledningsnatet"),
    ("ledningsnätets", "vattenlackor-i-ledningsnatet"),
    ("skolmåltiderna", "mindre-matsvinn-i-skolmaltiden"),
    ("gatubelysningen", "gatubelysning-efter-behov"),
])
def test_inflected_forms_find_the_challenge_about_the_base_form(page, site_url: str, query: str, slug: str) -> None:
    assert search(page, site_url, [query])[query][0] == f"utmaningar/{slug}/"


def test_a_challenges_exact_title_puts_it_first(page, site_url: str, catalogue: Catalogue) -> None:
    titles = {c.title: c.slug for c in catalogue.published}
    found = search(page, site_url, list(titles))
    assert {title: found[title][0] for title in titles} == {title: f"utmaningar/{slug}/" for title, slug in titles.items()}


def test_municipality_and_area_names_find_every_challenge_they_are_on(page, site_url: str,
                                                                      catalogue: Catalogue) -> None:
    vocab = catalogue.vocabularies
    names = {m.name: [c for c in catalogue.published if m.key in c.municipalities]
             for m in vocab.municipalities.values()}
    names |= {a.name: [c for c in catalogue.published if a.key in c.areas] for a in vocab.areas.values()}
    found = search(page, site_url, list(names))
    for name, challenges in names.items():
        missing = [c.slug for c in challenges if f"utmaningar/{c.slug}/" not in found[name]]
        assert not missing, f"'{name}' hittar inte {missing}"


def test_no_word_on_any_page_becomes_unfindable(page, site_url: str, shipped_site: Build) -> None:
    """Every word of the index, as Material splits it, finds at least the pages Material's own worker finds."""
    index = json.loads(shipped_site.read("search/search_index.json"))
    separator = re.compile(index["config"]["separator"])
    words = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")
        words |= {w.lower() for w in separator.split(text) if w and not re.search(r"[+~^*:]", w)}
    words_list = sorted(words)
    page.goto(site_url)
    ours = search(page, site_url, words_list)
    material = search(page, site_url, words_list, worker=material_worker(page))
    lost = {w: sorted(set(material[w]) - set(ours[w])) for w in words_list if set(material[w]) - set(ours[w])}
    assert not lost
    assert sum(1 for w in words_list if material[w]) > 1000  # the comparison covers a real vocabulary


def test_drafts_are_not_found(page, site_url: str, catalogue: Catalogue) -> None:
    draft = catalogue.drafts[0]
    found = search(page, site_url, [draft.title])[draft.title]
    assert not [location for location in found if draft.slug in location]
