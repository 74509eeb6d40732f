"""The checkers auditors use, beyond axe: pa11y (HTML_CodeSniffer, WCAG2AA) finds no error on any
kind of page, and Lighthouse gives accessibility, best practices and SEO 100 on the pages people
come to first. Both run once, in one Debian Chromium, through tests/checkers.mjs."""

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


@pytest.fixture(scope="module")
def checked(site_url: str, chromium: str) -> dict[str, Any]:
    request = {"args": CHROMIUM_ARGS, "categories": CATEGORIES,
               "pa11y": [site_url + path for path in PA11Y_PAGES.values()],
               "lighthouse": [site_url + path for path in LIGHTHOUSE_PAGES.values()]}
    run = subprocess.run(["node", str(ROOT / "tests" / "checkers.mjs")], input=json.dumps(request), cwd=ROOT,
                         env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


@pytest.mark.parametrize("name", PA11Y_PAGES)
def test_pa11y_finds_no_error(checked: dict[str, Any], site_url: str, name: str) -> None:
    issues = [issue for issue in checked["pa11y"][site_url + PA11Y_PAGES[name]] if issue["code"] not in EXCEPTIONS]
    assert not issues, "\n".join(f"{i['code']} {i['selector']}: {i['message']}" for i in issues)


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_lighthouse_scores_100_for_accessibility_best_practices_and_seo(checked: dict[str, Any], site_url: str,
                                                                        name: str) -> None:
    report = checked["lighthouse"][site_url + LIGHTHOUSE_PAGES[name]]
    failing = [audit for audit in report["failing"] if audit["id"] not in EXCEPTIONS]
    assert report["scores"] == dict.fromkeys(CATEGORIES, 100) or not failing, "\n".join(
        f"{a['category']}: {a['id']} – {a['title']} {json.dumps(a['items'], ensure_ascii=False)[:300]}"
        for a in failing)
    assert set(report["scores"]) == set(CATEGORIES)
