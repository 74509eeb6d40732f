"""The checkers auditors use, beyond axe: pa11y (HTML_CodeSniffer, WCAG2AA) finds no error on any
kind of page, and Lighthouse gives accessibility, best practices and SEO 100 on the pages people
come to first. Each runs once, in one Debian Chromium for all its pages, through tests/checkers.mjs."""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any

import pytest
from support import PAGE_KINDS, ROOT
from utmaningskatalogen.siteverify.browser import CHROMIUM_ARGS

pytestmark = pytest.mark.browser

PA11Y_PAGES = {**PAGE_KINDS, "katalogen med filter valda": "utmaningar/?open=1&municipality=ystad&area=vatten-och-avlopp"}
LIGHTHOUSE_PAGES = {name: PA11Y_PAGES[name] for name in
                    ("startsidan", "katalogen", "en utmaning", "en sida i vägledningen", "För företag")}
CATEGORIES = ["accessibility", "best-practices", "seo"]
# Known exceptions, each with its reason: pa11y's message code or Lighthouse's audit id. None today.
EXCEPTIONS: dict[str, str] = {}


def run_checkers(site_url: str, chromium: str, *, pa11y: dict[str, str] | None = None,
                 lighthouse: dict[str, str] | None = None) -> dict[str, Any]:
    """tests/checkers.mjs on these pages of the served site; one Chromium for all of them."""
    request = {"args": CHROMIUM_ARGS, "categories": CATEGORIES,
               "pa11y": [site_url + path for path in (pa11y or {}).values()],
               "lighthouse": [site_url + path for path in (lighthouse or {}).values()]}
    run = subprocess.run(["node", str(ROOT / "tests" / "checkers.mjs")], input=json.dumps(request), cwd=ROOT,
                         env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


# One test per checker, not per page: the checker then starts once (and the two run side by side
# under pytest-xdist); each failure names its page.
def test_pa11y_finds_no_error_on_any_kind_of_page(site_url: str, chromium: str) -> None:
    found = run_checkers(site_url, chromium, pa11y=PA11Y_PAGES)["pa11y"]
    errors = [f"{name}: {issue['code']} {issue['selector']}: {issue['message']}"
              for name, path in PA11Y_PAGES.items() for issue in found[site_url + path]
              if issue["code"] not in EXCEPTIONS]
    assert len(found) == len(PA11Y_PAGES)
    assert not errors, "\n".join(errors)


def test_lighthouse_scores_100_for_accessibility_best_practices_and_seo(site_url: str, chromium: str) -> None:
    found = run_checkers(site_url, chromium, lighthouse=LIGHTHOUSE_PAGES)["lighthouse"]
    failing = []
    for name, path in LIGHTHOUSE_PAGES.items():
        report = found[site_url + path]
        assert set(report["scores"]) == set(CATEGORIES), name
        failing += [f"{name} ({report['scores']}): {a['category']}: {a['id']} – {a['title']} "
                    f"{json.dumps(a['items'], ensure_ascii=False)[:300]}"
                    for a in report["failing"] if a["id"] not in EXCEPTIONS]
    assert not failing, "\n".join(failing)
