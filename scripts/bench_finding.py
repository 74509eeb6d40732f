"""How fast and light the catalogue page is in a browser: part of `make bench`.

Given a built site, it reports the catalogue page's size gzipped (what a visitor downloads
the first time, with the catalogue's own script and styles) and how long a filter change
takes in Chromium: from the control's event to the list updated and laid out, and to the
next frame painted. Each change is made in several rounds; the worst is the change whose
median over the rounds is highest (the slowest kind of change, not the unluckiest run).
Run alone: `python -m scripts.bench_finding SITE_DIR`.
"""

from __future__ import annotations

import gzip
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from utmaningskatalogen.siteverify.browser import CHROMIUM

TARGETS = {"latency_ms": 50, "page_kb": 250}
PAGE = "utmaningar/index.html"
OWN_ASSETS = ("assets/katalog.js", "assets/katalog.css")

# Each change, as a visitor makes it; every step is measured, then undone and measured again.
_CHANGES = """async (rounds) => {
  const form = document.querySelector("form.uk-filters");
  const afterPaint = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  const steps = [  // [control, value when on, value when off]; checkboxes just toggle
    ["#uk-sort", "published", "deadline"],  // every card shown: all of them move
    ["#uk-open"], ["#uk-municipality-ystad"], ["#uk-area-vatten-och-avlopp"], ["#uk-status", "dialogue", ""],
    ["#uk-deadline", "90", ""], ["#uk-sort", "published", "deadline"], ["#uk-q", "sensorer", ""],
    ["#uk-municipality-sjobo"],
  ];
  const layout = [], painted = [];
  for (let round = 0; round < rounds; round++) {
    for (const [selector, on, off] of [...steps, ...steps.slice().reverse()]) {
      await afterPaint();
      const control = form.querySelector(selector);
      const start = performance.now();
      if (control.type === "checkbox") control.checked = !control.checked;
      else control.value = control.value === on ? off : on;
      control.dispatchEvent(new Event(control.type === "search" ? "input" : "change", {bubbles: true}));
      document.body.getBoundingClientRect();  // style and layout, now
      layout.push(performance.now() - start);
      await afterPaint();
      painted.push(performance.now() - start);
    }
  }
  return {layout, painted, cards: form.ownerDocument.querySelectorAll(".uk-cards [data-slug]").length};
}"""


@dataclass(frozen=True)
class FindingBench:
    cards: int
    page_kb: float  # the HTML, gzipped
    with_assets_kb: float  # plus katalog.js and katalog.css, gzipped
    layout_ms: tuple[float, float] | None  # median, worst change: event to list updated and laid out
    painted_ms: tuple[float, float] | None  # median, worst change: event to the next frame painted

    def lines(self) -> list[str]:
        target = TARGETS["latency_ms"]
        lines = [f"Katalogsidan med {self.cards} utmaningar: {self.page_kb:.0f} KB gzip "
                 f"({self.with_assets_kb:.0f} KB med katalog.js och katalog.css; mål < {TARGETS['page_kb']} KB)"]
        if self.layout_ms and self.painted_ms:
            lines.append(f"Filterändring i Chromium: median {self.layout_ms[0]:.1f} ms, som mest "
                         f"{self.layout_ms[1]:.1f} ms till uppdaterad och utlagd lista (mål ≤ {target} ms); "
                         f"median {self.painted_ms[0]:.1f} ms till nästa målade bildruta")
        else:
            lines.append(f"Filterändring i Chromium: ej mätt, {CHROMIUM} saknas")
        return lines


def gzipped_kb(*paths: Path) -> float:
    return sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in paths) / 1024


def measure_finding(site: Path, rounds: int = 5) -> FindingBench:
    page = site / PAGE
    page_kb = gzipped_kb(page)
    with_assets_kb = gzipped_kb(page, *(site / asset for asset in OWN_ASSETS))
    cards = page.read_text(encoding="utf-8").count("data-slug=")
    if not CHROMIUM.exists():
        return FindingBench(cards, page_kb, with_assets_kb, None, None)

    from playwright.sync_api import sync_playwright
    from utmaningskatalogen.siteverify.browser import CHROMIUM_ARGS, serve

    url, server = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(url + "utmaningar/")
            result = tab.evaluate(_CHANGES, rounds)
            browser.close()
    finally:
        server.shutdown()
    assert result["cards"] == cards

    def summary(times: list[float]) -> tuple[float, float]:
        """The median change, and the worst kind of change: each change's median over the rounds,
        so that one run slowed by other work on the machine does not count as the worst case."""
        steps = len(times) // rounds
        per_change = [statistics.median(times[step::steps]) for step in range(steps)]
        return statistics.median(times), max(per_change)

    return FindingBench(cards, page_kb, with_assets_kb, summary(result["layout"]), summary(result["painted"]))


if __name__ == "__main__":
    print("\n".join(measure_finding(Path(sys.argv[1])).lines()))
