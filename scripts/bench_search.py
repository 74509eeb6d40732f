"""How soon a search answers in a browser: part of `make bench`.

For each search box – the one in the header of every page and the catalogue's text filter,
and, on the anchor site, Material's own search – Chromium opens a page with an empty cache (a
new browser context each time), focuses the box and types a word key by key, as a person
would. It reports the time from the last keystroke to the first result shown for the whole
word, and the bytes of everything the search fetched from opening the page to that result
(search scripts, Pagefind's WebAssembly, the index or the parts of it a query needs, the
results' fragments; headers included, as served, uncompressed). The median of a few runs counts.

Our boxes say when they show the results for what was typed (data-state="ready", see search.js
and katalog.js). Material's says nothing: its time is that of the last change to its result
list once the list has been still for a second.
Run alone: `python -m scripts.bench_search SITE_DIR [ANCHOR_SITE_DIR]`.
"""

from __future__ import annotations

import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from utmaningskatalogen.siteverify.browser import CHROMIUM

TARGETS = {"first_result_ms": 300, "first_query_kb": 300}
QUERY = "sensorer"  # a word of the synthetic challenges' vocabulary (bench.py)
KEY_DELAY_MS = 150  # between keystrokes: a quick typist
RUNS = 3
SETTLED_MS = 1000  # Material's list: still for this long means done


@dataclass(frozen=True)
class Box:
    name: str
    page: str
    input: str
    watched: str  # the element whose changes tell that results show
    # How the watched element says it shows the results for the typed query: its data-query is
    # the query ("query"), or the box holds the query ("value"); None: it does not say.
    ready: str | None
    fetches: re.Pattern[str]  # addresses that belong to the search


_OURS = re.compile(r"/pagefind/|/assets/search[^/]*\.js$")
HEADER = Box("sidhuvudet", "", "#uk-search-input", "[data-uk-search]",
             "query", _OURS)
CATALOGUE = Box("katalogen", "utmaningar/", "#uk-q", "form.uk-filters",
                "value", _OURS)
MATERIAL = Box("Materials sökruta", "", "input.md-search__input", ".md-search-result__list", None,
               re.compile(r"/search/|/workers/search\."))

# Installed before typing: the time of the last keystroke, and of the result for the whole query.
_WATCH = """([input, watchedSelector, query, ready]) => {
  const box = document.querySelector(input), watched = document.querySelector(watchedSelector);
  const holds = () => watched.dataset.state === "ready" &&
    (ready === "query" ? watched.dataset.query === query : box.value === query);
  const watch = window.__ukBench = {typed: null, shown: null, changed: null};
  box.addEventListener("input", () => { watch.typed = performance.now(); watch.shown = null; });
  new MutationObserver(() => {
    if (watch.typed === null || box.value !== query) return;
    watch.changed = performance.now();
    if (ready && watch.shown === null && holds()) watch.shown = watch.changed;
  }).observe(watched, {attributes: true, childList: true, subtree: !ready});
}"""
_SETTLED = """([ready, settled]) => { const w = window.__ukBench;
  return ready ? w.shown !== null : w.changed !== null && performance.now() - w.changed > settled; }"""


@dataclass(frozen=True)
class SearchBench:
    query: str
    # box name → (median ms from the last keystroke to the first result, median KB fetched)
    boxes: dict[str, tuple[float, float]]

    def lines(self) -> list[str]:
        if not self.boxes:
            return [f"Sökning i Chromium: ej mätt, {CHROMIUM} saknas"]
        return [f"Första träffen i {name} för ”{self.query}”: {ms:.0f} ms efter sista tangenten "
                f"(mål ≤ {TARGETS['first_result_ms']} ms), {kb:.0f} KB hämtat (mål ≤ {TARGETS['first_query_kb']} KB)"
                for name, (ms, kb) in self.boxes.items()]


def measure_search(site: Path, boxes: tuple[Box, ...] = (HEADER, CATALOGUE), runs: int = RUNS) -> SearchBench:
    if not CHROMIUM.exists():
        return SearchBench(QUERY, {})

    from playwright.sync_api import sync_playwright
    from utmaningskatalogen.siteverify.browser import CHROMIUM_ARGS, serve

    url, server = serve(site)
    measured: dict[str, tuple[float, float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for box in boxes:
                results = [_first_result(browser, url, box) for _ in range(runs)]
                measured[box.name] = (statistics.median(r[0] for r in results),
                                      statistics.median(r[1] for r in results))
            browser.close()
    finally:
        server.shutdown()
    return SearchBench(QUERY, measured)


def _first_result(browser: Any, url: str, box: Box) -> tuple[float, float]:
    """(ms from the last keystroke to the result, KB the search fetched) in a fresh context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # an empty cache
    tab = context.new_page()
    fetched: list[int] = []
    tab.on("requestfinished", lambda request: fetched.append(_size(request)) if box.fetches.search(request.url)
           else None)
    tab.goto(url + box.page, wait_until="load")
    tab.evaluate(_WATCH, [box.input, box.watched, QUERY, box.ready])
    tab.focus(box.input)
    tab.keyboard.type(QUERY, delay=KEY_DELAY_MS)
    tab.wait_for_function(_SETTLED, arg=[box.ready, SETTLED_MS], timeout=60_000)
    watch = tab.evaluate("() => window.__ukBench")
    context.close()
    return (watch["shown"] if box.ready else watch["changed"]) - watch["typed"], sum(fetched) / 1024


def _size(request: Any) -> int:
    """Bytes of a finished response, headers and body, as they came over the wire."""
    sizes = request.sizes()
    return int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])


if __name__ == "__main__":
    print("\n".join(measure_search(Path(sys.argv[1])).lines()))
    if len(sys.argv) > 2:
        print("\n".join(measure_search(Path(sys.argv[2]), (MATERIAL,)).lines()))
