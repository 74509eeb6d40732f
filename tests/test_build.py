"""Full builds: the shipped catalogue, and fixtures that must fail, hide or escape."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import ROOT, TEST_TODAY, Build, build_fixture, challenge_text
from utmaningskatalogen.catalogue import load_catalogue

DRAFT_SLUG = "kallsortering-i-flerbostadshus"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def shipped(shipped_site: Build) -> Build:
    return shipped_site


@pytest.fixture(scope="module")
def published_slugs() -> set[str]:
    catalogue = load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))
    return {c.slug for c in catalogue.published}


def test_shipped_site_builds_strict_and_logs_its_counts(shipped: Build) -> None:
    assert "10 utmaningar publicerade, 1 utkast (i dag = 2026-12-01)" in shipped.log
    assert "WARNING" not in shipped.log


def test_counts_agree_between_files_pages_lists_sitemap_and_search(shipped: Build, published_slugs: set[str]) -> None:
    pages = {p.parent.name for p in (shipped.site / "utmaningar").glob("*/index.html")}
    listed = set(re.findall(r'data-slug="([^"]+)"', shipped.read("utmaningar/index.html")))
    sitemap = set(re.findall(r"/utmaningar/([^/<]+)/</loc>", shipped.read("sitemap.xml")))
    index = json.loads(shipped.read("search/search_index.json"))
    searchable = {m.group(1) for doc in index["docs"] if (m := re.match(r"utmaningar/([^/#]+)/", doc["location"]))}
    assert pages == listed == sitemap == searchable == published_slugs


def test_municipality_and_area_pages_list_exactly_their_challenges(shipped: Build) -> None:
    catalogue = load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))
    for key in catalogue.vocabularies.municipalities:
        listed = re.findall(r'data-slug="([^"]+)"', shipped.read(f"kommuner/{key}/index.html"))
        assert listed == [c.slug for c in catalogue.in_municipality(key)]
    for key in catalogue.vocabularies.areas:
        listed = re.findall(r'data-slug="([^"]+)"', shipped.read(f"omraden/{key}/index.html"))
        assert listed == [c.slug for c in catalogue.in_area(key)]


def test_the_shipped_draft_leaves_no_trace(shipped: Build) -> None:
    text = shipped.all_text()
    assert DRAFT_SLUG not in text
    assert "Källsortering" not in text and "källsortering i flerbostadshus" not in text.lower()


def test_home_page_lists_the_challenges_open_for_responses(shipped: Build) -> None:
    catalogue = load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))
    home = shipped.read("index.html")
    assert re.findall(r'data-slug="([^"]+)"', home) == [c.slug for c in catalogue.open_for_responses()]
    assert 'href="utmaningar/"' in home and 'href="arbetsmodell/"' in home


def test_challenge_pages_are_not_in_the_nav(shipped: Build) -> None:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', shipped.read("om-katalogen/index.html"), re.S)
    assert nav and "vattenlackor-i-ledningsnatet" not in nav.group(0)
    assert "Utmaningar" in nav.group(0) and "Arbetsmodellen" in nav.group(0)


def test_pages_are_swedish_and_load_nothing_from_other_origins(shipped: Build) -> None:
    loading_links = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
    for page in shipped.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="sv"' in html, page
        if page.relative_to(shipped.site).parts[0] == "admin":
            continue  # the content editor talks to GitHub's API by design (README, "Redigeraren")
        parser = _Elements()
        parser.feed(html)
        for tag, attrs in parser.found:
            loads = attrs.get("src") or (attrs.get("href") if tag == "link" and
                                         set((attrs.get("rel") or "").split()) & loading_links else None)
            assert not (loads and re.match(r"(https?:)?//", loads)), (page, tag, loads)
        assert "fonts.googleapis" not in html and "api.github.com" not in html


def test_challenge_page_shows_status_openness_places_dates_contact_and_notice(shipped: Build) -> None:
    html = shipped.read("utmaningar/trygga-natter-i-hemtjansten/index.html")
    for expected in ("Upphandling", "Öppen för svar till och med 29 januari 2027", "59 dagar kvar",
                     'href="../../kommuner/ystad/"', 'href="../../omraden/vard-och-omsorg/"', "Viktiga datum",
                     "Kontakt", "mailto:karin.holm@example.org", "Läs annonsen i annonsdatabasen",
                     'lang="en"', "In English", "Exempel"):
        assert expected in html, expected


def test_after_the_deadline_the_page_says_it_is_closed(tmp_path: Path) -> None:
    result = build_fixture(tmp_path, {"dialog.md": challenge_text(status="dialogue", deadline="2026-11-30")})
    html = result.read("utmaningar/dialog/index.html")
    assert "Stängd för svar sedan 30 november 2026" in html and "Öppen för svar" not in html


def test_drafts_and_embargoed_challenges_leave_no_trace_in_the_site(tmp_path: Path) -> None:
    result = build_fixture(tmp_path, {
        "synlig.md": challenge_text(title="Synlig utmaning", related=["hemlig-embargo"]),
        "hemligt-utkast.md": challenge_text(title="Zebrautkastet", status="draft"),
        "hemlig-embargo.md": challenge_text(title="Giraffembargot", published="2027-01-10"),
    })
    assert result.returncode == 0, result.log
    assert "1 utmaning publicerad, 1 utkast, 1 under embargo till 2027-01-10 (hemlig-embargo)" in result.log
    text = result.all_text()
    for secret in ("hemligt-utkast", "Zebrautkastet", "hemlig-embargo", "Giraffembargot"):
        assert secret not in text, secret
    assert "Synlig utmaning" in text


@pytest.mark.parametrize("strict", [True, False])
def test_a_content_error_fails_the_build_with_or_without_strict(tmp_path: Path, strict: bool) -> None:
    result = build_fixture(tmp_path, {"trasig.md": challenge_text(status="öppen")}, strict=strict)
    assert result.returncode != 0
    assert "challenges/trasig.md:4: status: 'öppen' är ingen känd status" in result.log
    assert not (result.site / "utmaningar" / "trasig").exists()


def test_front_matter_values_are_escaped_everywhere(tmp_path: Path) -> None:
    attack = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'
    result = build_fixture(tmp_path, {"attack.md": challenge_text(
        title=attack[:90], summary=attack, title_en=attack[:90], summary_en=attack, outcome=attack,
        contact={"name": attack, "email": "a@example.org", "role": attack},
        events=[{"title": attack, "date": "2027-01-10", "location": attack}],
        faq=[{"question": attack, "answer": attack}],
        documents=[{"title": attack, "url": "https://example.org/x"}],
        procurement={"procedure": attack[:90], "reference": attack[:90]},
    )})
    assert result.returncode == 0, result.log
    for page in result.site.rglob("*.html"):
        parser = _Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in parser.found:
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), page
    html = result.read("utmaningar/attack/index.html")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # CSV and iCalendar are plain text that no reader interprets as markup: they carry values
    # verbatim (their own escaping is tested in test_exports*.py). Every other format is escaped.
    marked_up = [p.read_text(encoding="utf-8") for p in result.site.rglob("*")
                 if p.suffix in {".html", ".json", ".xml", ".txt", ".js"}]
    assert "<script>alert(2)" not in "\n".join(marked_up)
