"""The built catalogue in a real browser: pages render, nothing loads from elsewhere."""

from __future__ import annotations

import pytest
from support import ARTIFACTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path, heading", [
    ("", "Kommunernas utmaningar – för dig som kan lösa dem"),
    ("utmaningar/", "Utmaningar"),
    ("utmaningar/vattenlackor-i-ledningsnatet/", "Hitta vattenläckor i ledningsnätet innan de blir stora"),
    ("kommuner/ystad/", "Ystads kommun"),
    ("omraden/vatten-och-avlopp/", "Vatten och avlopp"),
])
def test_page_renders_its_heading_without_outside_requests(page, site_url: str, path: str, heading: str) -> None:
    page.goto(site_url + path)
    assert page.locator("h1").first.inner_text() == heading
    assert page.evaluate("document.documentElement.lang") == "sv"


def test_screenshots_of_catalogue_and_challenge_for_review(page, site_url: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in (("katalog", "utmaningar/"), ("utmaning", "utmaningar/vattenlackor-i-ledningsnatet/")):
        page.goto(site_url + path)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000
