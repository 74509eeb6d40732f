"""Full builds: the shipped catalogue, and fixtures that must fail, hide or escape."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import material
import pytest
from support import ROOT, TEST_TODAY, Build, build_fixture, challenge_text
from utmaningskatalogen import paths
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.model import Challenge
from utmaningskatalogen.pages import RECENT_LIMIT
from utmaningskatalogen.siteverify import BuiltSite, Result, canonical_site_url, held_back_of
from utmaningskatalogen.siteverify.links import check_links, check_privacy
from utmaningskatalogen.siteverify.pages import check_page_basics
from utmaningskatalogen.siteverify.publication import check_held_back, check_sitemap

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"

DRAFT_SLUG = "kallsortering-i-flerbostadshus"


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


def verified(result: Build, *checks: Callable[[BuiltSite], Result]) -> None:
    """The site passes these `make verify` checks."""
    site = BuiltSite(result.site, canonical_site_url(result.site) or "")
    for check in checks:
        outcome = check(site)
        assert outcome.passed, (outcome.name, outcome.findings[:5])


def test_counts_agree_between_files_pages_lists_sitemap_and_search(shipped: Build, published_slugs: set[str]) -> None:
    pages = {p.parent.name for p in (shipped.site / "utmaningar").glob("*/index.html")}
    listed = set(re.findall(r'data-slug="([^"]+)"', shipped.read("utmaningar/index.html")))
    fragments = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for path in (shipped.site / "pagefind" / "fragment").glob("*.pf_fragment")]
    searchable = {m.group(1) for fragment in fragments if (m := re.fullmatch(r"/utmaningar/([^/]+)/", fragment["url"]))}
    assert pages == listed == searchable == published_slugs
    verified(shipped, lambda site: check_sitemap(site, sorted(published_slugs)))


def test_each_challenge_is_found_by_the_words_of_its_body(shipped: Build) -> None:
    # The index starts before the challenge pages are rendered: the bodies come from validation.
    fragments = {f["url"]: f["content"] for path in (shipped.site / "pagefind" / "fragment").glob("*.pf_fragment")
                 if (f := json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")))}
    checked = 0
    for challenge in load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY)).published:
        plain = [line for line in challenge.body.splitlines() if re.fullmatch(r"[A-ZÅÄÖ][\wåäöÅÄÖ ,.;:%-]{40,}", line)]
        if plain:
            words = " ".join(plain[0].split()[:6])
            assert words in " ".join(fragments[f"/utmaningar/{challenge.slug}/"].split()), challenge.slug
            checked += 1
    assert checked >= 3


def expected_on_group_page(challenges: tuple[Challenge, ...], today: date) -> list[str]:
    """Open for responses, nearest deadline first; then the rest, most recently published first."""
    open_now = [c.slug for c in challenges if c.is_open(today)]
    rest = sorted((c for c in challenges if not c.is_open(today)), key=lambda c: (-c.published.toordinal(), c.title))
    return open_now[:RECENT_LIMIT] + [c.slug for c in rest][:RECENT_LIMIT]


def test_municipality_and_area_pages_list_what_is_open_then_what_is_recent(shipped: Build) -> None:
    catalogue = load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))
    for key in catalogue.vocabularies.municipalities:
        page = shipped.read(f"{paths.municipality(key)}index.html")
        assert re.findall(r'data-slug="([^"]+)"', page) == expected_on_group_page(catalogue.in_municipality(key),
                                                                                   catalogue.today)
        assert f'href="../../utmaningar/?municipality={key}"' in page
    for key in catalogue.vocabularies.areas:
        page = shipped.read(f"{paths.area(key)}index.html")
        assert re.findall(r'data-slug="([^"]+)"', page) == expected_on_group_page(catalogue.in_area(key),
                                                                                   catalogue.today)


def test_a_municipality_page_stays_light_at_any_size(tmp_path: Path) -> None:
    files = {f"utmaning-{n:02d}.md": challenge_text(title=f"Utmaning {n}", published=f"2026-10-{n + 1:02d}",
                                                    status="dialogue" if n % 2 else "need",
                                                    deadline="2027-01-31" if n % 2 else None)
             for n in range(30)}
    result = build_fixture(tmp_path, files)
    page = result.read(f"{paths.municipality('ystad')}index.html")
    assert len(re.findall(r'data-slug="', page)) == 2 * RECENT_LIMIT
    assert "30 publicerade utmaningar, varav 15 öppna för svar." in page
    assert 'href="../../utmaningar/?municipality=ystad&amp;open=1">Se alla 15 som är öppna för svar</a>' in page
    assert 'href="../../utmaningar/?municipality=ystad">Se alla 30 utmaningar i katalogen</a>' in page


def test_the_shipped_draft_leaves_no_trace(shipped: Build) -> None:
    catalogue = load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))
    assert [c.slug for c in catalogue.drafts] == [DRAFT_SLUG]
    verified(shipped, lambda site: check_held_back(site, held_back_of(catalogue)))


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
    verified(shipped, check_page_basics, lambda site: check_privacy(site, MATERIAL_TEMPLATES))
    # The content editor at /admin/ talks to GitHub's API by design (README, "Redigeraren").
    pages = "\n".join(page.read_text(encoding="utf-8") for page in shipped.site.rglob("*.html")
                      if page.relative_to(shipped.site).parts[0] != "admin")
    assert "fonts.googleapis" not in pages and "api.github.com" not in pages


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
    # No on…= attribute and no <img src=x> anywhere: both would be markup made from a value.
    verified(result, check_page_basics, check_links)
    html = result.read("utmaningar/attack/index.html")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # CSV and iCalendar are plain text that no reader interprets as markup: they carry values
    # verbatim (their own escaping is tested in test_exports*.py). Every other format is escaped.
    marked_up = [p.read_text(encoding="utf-8") for p in result.site.rglob("*")
                 if p.suffix in {".html", ".json", ".xml", ".txt", ".js"}]
    assert "<script>alert(2)" not in "\n".join(marked_up)


def test_the_cached_nav_block_is_materials_own(shipped: Build) -> None:
    """theme/main.html copies Material's site_nav block around its nav cache: after a Material
    upgrade this fails until the copy is brought up to date."""
    def normalised(text: str) -> str:
        return re.sub(r"[\s-]+", " ", re.sub(r"\{%-?|-?%\}", "", text))

    material_block = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    ours = (ROOT / "hooks" / "utmaningskatalogen" / "theme" / "main.html").read_text(encoding="utf-8")
    for part in ('<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation" '
                 '{{ hidden }}>', '{% include "partials/nav.html" %}', '{% include "partials/toc.html" %}',
                 '<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" data-md-type="toc" '
                 '{{ hidden }}>', '{% if "toc.integrate" not in features %}'):
        assert normalised(part) in normalised(material_block) and normalised(part) in normalised(ours), part
    # Two challenges share the nav, and it is the nav of the site, not of one page.
    first, second = (shipped.read(f"{paths.challenge(slug)}index.html") for slug in
                     ("vattenlackor-i-ledningsnatet", "ensamhet-bland-aldre"))
    nav = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', re.S)
    assert nav.search(first).group(0) == nav.search(second).group(0)
    assert "md-nav__link--active" not in nav.search(first).group(0)


def test_blocks_rendered_once_per_depth_point_each_page_at_its_own_root(shipped: Build) -> None:
    """theme/main.html reuses Material's styles, scripts and config blocks for pages as deep."""
    for path, root in (("index.html", "."), (f"{paths.CATALOGUE}index.html", ".."),
                       (f"{paths.municipality('ystad')}index.html", "../.."),
                       (f"{paths.challenge('vattenlackor-i-ledningsnatet')}index.html", "../..")):
        page = shipped.read(path)
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)
        assert config and json.loads(config.group(1))["base"] == root, path
        prefix = "" if root == "." else f"{root}/"
        assert f'<link rel="stylesheet" href="{prefix}assets/stylesheets/main.' in page, path
        assert f'<script src="{prefix}assets/katalog.js"></script>' in page, path


def test_every_generated_page_has_a_skip_link_to_its_heading(shipped: Build) -> None:
    for path, anchor in ((paths.CATALOGUE, "utmaningar"), (paths.municipality("ystad"), "ystad"),
                         (paths.area("vatten-och-avlopp"), "vatten-och-avlopp"), (paths.MUNICIPALITIES, "kommuner"),
                         (paths.challenge("vattenlackor-i-ledningsnatet"), "vattenlackor-i-ledningsnatet")):
        page = shipped.read(f"{path}index.html")
        assert f'<a href="#{anchor}" class="md-skip">' in page and f'<h1 id="{anchor}">' in page, path


def test_every_page_has_one_skip_link_to_its_title_not_past_its_introduction(shipped: Build) -> None:
    """A hand-written page with its title only in front matter gets the title as <h1> with an id:
    Material's skip link would otherwise go to the first <h2>, past the page's introduction."""
    pages = [p for p in shipped.site.rglob("*.html") if p.parts[len(shipped.site.parts)] not in ("admin", "pagefind")]
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        skips = re.findall(r'<a href="#([^"]+)" class="md-skip">', text)
        assert len(skips) == 1 and re.search(rf'<h1 id="{skips[0]}">', text), page
    guide = shipped.read("arbetsmodell/marknadsdialog/index.html")
    assert '<a href="#marknadsdialog" class="md-skip">' in guide
    assert guide.count("<h1") == 1 and '<h1 id="marknadsdialog">Marknadsdialog</h1>' in guide


def test_the_header_override_is_materials_own_but_for_the_search_box() -> None:
    """theme/partials/header.html replaces only Material's search (its plugin is not used) with ours."""
    ours = (ROOT / "hooks" / "utmaningskatalogen" / "theme" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (MATERIAL_TEMPLATES / "partials" / "header.html").read_text(encoding="utf-8")
    search = re.compile(r'    \{% if "material/search" in config.plugins %\}.*?\n    \{% endif %\}\n', re.S)
    assert search.search(theirs), "Materials sidhuvud har ändrats: se över theme/partials/header.html"
    expected = search.sub('    {#- The catalogue\'s search (partials/search-box.html) instead of Material\'s. -#}\n'
                          '    {% include "partials/search-box.html" %}\n', theirs)
    strip = re.compile(r"^\{#-.*?-#\}\n", re.S)
    assert strip.sub("", ours) == strip.sub("", expected)


def test_every_page_has_the_search_box_and_no_material_search(shipped: Build) -> None:
    for path in ("index.html", "utmaningar/index.html", "utmaningar/vattenlackor-i-ledningsnatet/index.html",
                 "404.html"):
        page = shipped.read(path)
        assert 'id="uk-search-input"' in page and 'role="status"' in page, path
        assert "md-search__input" not in page and "search/search_index.json" not in page, path
    assert not (shipped.site / "search").exists()
    assert (shipped.site / "pagefind" / "pagefind.js").is_file()
    assert not (shipped.site / "pagefind" / "pagefind-ui.js").exists()  # only what the site uses
