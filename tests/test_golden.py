"""Generated output that people read, pinned as golden files in tests/golden/.

A change to any of them shows up as a readable diff. When the change is intended, rewrite
them with `make golden` and review `git diff tests/golden/` before committing.
"""

from __future__ import annotations

import json
import re

import pytest
from support import ROOT, Build, assert_golden, build_fixture
from utmaningskatalogen import paths

SLUG = "vattenlackor-i-ledningsnatet"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The richest shipped challenge and the one it relates to, outside git (so no history)."""
    files = {f"{slug}.md": (ROOT / "challenges" / f"{slug}.md").read_text(encoding="utf-8")
             for slug in (SLUG, "strander-och-klimatanpassning")}
    result = build_fixture(tmp_path_factory.mktemp("golden"), files)
    assert result.returncode == 0, result.log
    return result


def test_golden_challenge_page_main_content(site: Build) -> None:
    html = site.read(f"{paths.challenge(SLUG)}index.html")
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert article
    assert_golden("challenge-page.html", article.group(1).strip() + "\n")


def test_golden_card(site: Build) -> None:
    card = re.search(rf'<li class="uk-card" data-slug="{SLUG}".*?</li>', site.read(f"{paths.CATALOGUE}index.html"), re.S)
    assert card
    assert_golden("card.html", card.group(0) + "\n")


def test_golden_feed_entry(site: Build) -> None:
    entry = re.search(rf"<entry>(?:(?!</entry>).)*?/{SLUG}/.*?</entry>", site.read(paths.feed()), re.S)
    assert entry
    assert_golden("feed-entry.xml", entry.group(0) + "\n")


def test_golden_calendar_events(site: Build) -> None:
    calendar = site.read(paths.calendar(paths.challenge(SLUG))).replace("\r\n", "\n")
    events = re.findall(r"BEGIN:VEVENT\n.*?END:VEVENT\n", calendar, re.S)
    assert events
    assert_golden("calendar-events.ics", "".join(events))


def test_golden_json_record(site: Build) -> None:
    record = next(c for c in json.loads(site.read(paths.JSON))["challenges"] if c["slug"] == SLUG)
    assert_golden("challenge-record.json", json.dumps(record, ensure_ascii=False, indent=2) + "\n")
