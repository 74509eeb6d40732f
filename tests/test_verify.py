"""`make verify`: passes on the shipped site, and each check fails on a site broken on purpose.

Broken sites are copies of the shipped build with one file changed: no extra builds.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from datetime import date
from pathlib import Path

import material
import pytest
from support import ROOT, TEST_TODAY, Build, challenge_text, new_challenges_dir, run_verify
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.siteverify import BuiltSite, canonical_site_url, held_back_of
from utmaningskatalogen.siteverify.links import check_links, check_privacy
from utmaningskatalogen.siteverify.nu import check_nu
from utmaningskatalogen.siteverify.pages import CHALLENGE_PAGE_BYTES, check_page_basics, check_weight
from utmaningskatalogen.siteverify.publication import check_held_back, check_sitemap
from utmaningskatalogen.siteverify.validator import check_html

DRAFT_SLUG = "kallsortering-i-flerbostadshus"
CHALLENGE = "utmaningar/vattenlackor-i-ledningsnatet/index.html"
GUIDE_PAGE = "arbetsmodell/marknadsdialog/index.html"
THEME = Path(material.__file__).parent / "templates"  # Material's own files, as verify.py passes them


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "challenges", date.fromisoformat(TEST_TODAY))


@pytest.fixture
def copy(shipped_site: Build, tmp_path: Path) -> Path:
    """A private copy of the shipped site to break."""
    return Path(shutil.copytree(shipped_site.site, tmp_path / "site"))


def read(site: Path) -> BuiltSite:
    return BuiltSite(site, canonical_site_url(site) or "")


def edit(site: Path, relative: str, old: str, new: str) -> None:
    path = site / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} saknas i {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(result) -> str:
    return "\n".join(str(finding) for finding in result.findings)


def test_verify_passes_on_the_shipped_site(shipped_site: Build) -> None:
    run = run_verify(shipped_site.site)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Allt i ordning" in run.stdout
    for check in ("Länkar och resurser", "Inget hämtas", "Webbplatskartan", "Utkast och embargo", "Giltig HTML",
                  "Varje sida", "Sidvikt"):
        assert f"ok   {check}" in run.stdout, run.stdout
    assert "största sidor:" in run.stdout


def test_verify_exits_1_with_the_file_and_a_github_annotation_on_the_challenge_source(copy: Path) -> None:
    edit(copy, CHALLENGE, "</article>", '<a href="../saknad-utmaning/">trasig</a></article>')
    run = run_verify(copy, "--github", "--utan-html-kontroll")
    assert run.returncode == 1
    assert "FEL  Länkar och resurser – 1 fel" in run.stdout
    assert f"{CHALLENGE}:" in run.stdout and "saknad-utmaning" in run.stdout
    annotation = "::error file=challenges/vattenlackor-i-ledningsnatet.md,title=make verify – Länkar och resurser::"
    assert annotation in run.stdout
    assert "publicera inte" in run.stdout


@pytest.mark.parametrize("old, new, expected", [
    ("</article>", '<a href="../../finns-inte/">x</a></article>', "finns-inte/ som inte finns"),
    ("</article>", '<a href="#inget-sadant-ankare">x</a></article>', "ankaret #inget-sadant-ankare finns inte"),
    ("</article>", '<a href="../../utmaningar/#saknas">x</a></article>', "ankaret #saknas finns inte på utmaningar/index.html"),
    ("</article>", '<img alt="" src="../../assets/saknad.png"></article>', "assets/saknad.png som inte finns"),
    ("</article>", '<img alt="" srcset="../../assets/images/favicon.png 1x, ../../assets/stor.png 2x"></article>',
     "assets/stor.png som inte finns"),
    ("</article>", '<a href="/utmaningar/">rotlänk</a></article>', ""),  # fine at the root: resolves
    ("</article>", '<a href="../../../../../utanfor/">x</a></article>', "utanfor/ som inte finns"),
    ("</article>", '<a href="https://utmaningskatalogen.example.org/borta/">x</a></article>', "borta/ som inte finns"),
])
def test_a_dead_link_resource_or_anchor_fails_the_link_check(copy: Path, old: str, new: str, expected: str) -> None:
    edit(copy, GUIDE_PAGE, old, new)
    result = check_links(read(copy))
    if expected:
        assert expected in messages(result), messages(result)
        assert all(f.path == GUIDE_PAGE for f in result.findings)
    else:
        assert result.passed, messages(result)


def test_a_root_relative_link_breaks_under_a_sub_path_and_fails(copy: Path) -> None:
    # A full address elsewhere on the same host is a link out, e.g. to the municipality's notice.
    def on_the_page() -> str:  # the copy was built for the root, so only this page counts here
        return "\n".join(str(f) for f in check_links(BuiltSite(copy, "https://example.org/katalog/")).findings
                         if f.path == GUIDE_PAGE)

    edit(copy, GUIDE_PAGE, "</article>", '<a href="https://example.org/annons/1">annons</a></article>')
    assert on_the_page() == ""
    edit(copy, GUIDE_PAGE, "</article>", '<a href="/utmaningar/">rotlänk</a></article>')
    assert ("'/utmaningar/' leder till https://example.org/utmaningar/, utanför webbplatsens adress "
            "https://example.org/katalog/; länkar inom webbplatsen ska vara relativa") in on_the_page()


def test_a_missing_css_url_fails_the_link_check(copy: Path) -> None:
    with (copy / "assets" / "katalog.css").open("a", encoding="utf-8") as css:
        css.write('\n.x { background: url("bilder/saknad.svg"); }\n')
    result = check_links(read(copy))
    assert "assets/katalog.css:" in messages(result) and "bilder/saknad.svg" in messages(result)


def test_a_relative_link_on_the_404_page_fails(copy: Path) -> None:
    edit(copy, "404.html", "</article>", '<a href="utmaningar/">relativ</a></article>')
    assert "404-sidan visas på alla adresser" in messages(check_links(read(copy)))


@pytest.mark.parametrize("old, new, expected", [
    ("</head>", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head>',
     "<link> hämtar https://fonts.googleapis.com/css?family=Roboto från en annan webbplats"),
    ("</head>", '<link rel="preconnect" href="https://fonts.gstatic.com"></head>', "fonts.gstatic.com"),
    ("</body>", '<script src="https://cdn.example.net/lib.js"></script></body>', "<script> hämtar https://cdn.example.net/lib.js"),
    ("</article>", '<img alt="" src="//bilder.example.net/x.png"></article>', "<img> hämtar https://bilder.example.net/x.png"),
    ("</article>", "<p>Vi använder www.google-analytics.com.</p></article>", "nämner google-analytics.com"),
])
def test_anything_from_another_origin_or_naming_trackers_fails_the_privacy_check(copy: Path, old: str, new: str,
                                                                                  expected: str) -> None:
    edit(copy, GUIDE_PAGE, old, new)
    result = check_privacy(read(copy), theme_assets=THEME)
    assert expected in messages(result), messages(result)


def test_links_to_other_sites_are_fine_but_an_external_font_in_css_is_not(copy: Path) -> None:
    edit(copy, GUIDE_PAGE, "</article>", '<a href="https://www.upphandlingsmyndigheten.se/">UHM</a></article>')
    assert check_privacy(read(copy), theme_assets=THEME).passed
    with (copy / "assets" / "katalog.css").open("a", encoding="utf-8") as css:
        css.write('\n@font-face { font-family: X; src: url(https://fonts.gstatic.com/s/x.woff2); }\n')
    result = check_privacy(read(copy), theme_assets=THEME)
    assert "assets/katalog.css:" in messages(result) and "fonts.gstatic.com" in messages(result)


def test_materials_own_bundle_may_name_githubs_api_but_a_changed_copy_may_not(copy: Path) -> None:
    bundle = next((copy / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert "api.github.com" in bundle.read_text(encoding="utf-8")
    assert check_privacy(read(copy), THEME).passed
    bundle.write_text(bundle.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    assert "nämner api.github.com" in messages(check_privacy(read(copy), THEME))


def test_the_sitemap_must_list_exactly_the_pages(copy: Path, catalogue) -> None:
    slugs = [c.slug for c in catalogue.published]
    assert check_sitemap(read(copy), slugs).passed
    sitemap = (copy / "sitemap.xml").read_text(encoding="utf-8")
    url = "https://utmaningskatalogen.example.org/utmaningar/vattenlackor-i-ledningsnatet/"
    assert f"<loc>{url}</loc>" in sitemap
    gone = "https://utmaningskatalogen.example.org/borta/"
    (copy / "sitemap.xml").write_text(sitemap.replace(f"<loc>{url}</loc>", f"<loc>{gone}</loc>"), encoding="utf-8")
    found = messages(check_sitemap(read(copy), slugs))
    assert f"saknar sidan {url}" in found
    assert f"listar {gone}, som inte är en sida" in found
    assert f"saknar den publicerade utmaningen {url}" in found
    assert "sitemap.xml.gz: listar inte samma adresser" in found


def test_a_published_challenge_without_a_page_fails_the_sitemap_check(copy: Path, catalogue) -> None:
    slugs = [c.slug for c in catalogue.published] + ["en-som-fattas"]
    assert "saknar den publicerade utmaningen https://utmaningskatalogen.example.org/utmaningar/en-som-fattas/" \
        in messages(check_sitemap(read(copy), slugs))


def _leak_page(site: Path, title: str) -> None:
    shutil.copytree(site / "utmaningar" / "vattenlackor-i-ledningsnatet", site / "utmaningar" / DRAFT_SLUG)


def _leak_search_index(site: Path, title: str) -> None:
    # A result of the search index, as Pagefind writes one: gzip, a signature, then JSON.
    fragment = {"url": "/x/", "content": title, "word_count": 3, "filters": {}, "meta": {"title": title}}
    data = b"pagefind_dcd" + json.dumps(fragment, ensure_ascii=True).encode()  # \u00e4: found all the same
    (site / "pagefind" / "fragment" / "sv_0000000.pf_fragment").write_bytes(gzip.compress(data))


def _leak_export(site: Path, title: str) -> None:
    (site / "challenges.csv").write_text(f"slug,title\n{DRAFT_SLUG},Något\n", encoding="utf-8")


def _leak_gzip(site: Path, title: str) -> None:
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(f"<loc>/utmaningar/{DRAFT_SLUG}/</loc>".encode()))


def _leak_html_escaped_title(site: Path, title: str) -> None:
    edit(site, GUIDE_PAGE, "</article>", f"<p>{title.replace('ä', '&auml;')}</p></article>")


@pytest.mark.parametrize("leak", [_leak_page, _leak_search_index, _leak_export, _leak_gzip, _leak_html_escaped_title])
def test_a_leaked_draft_fails_wherever_it_is(copy: Path, catalogue, leak) -> None:
    held_back = held_back_of(catalogue)
    assert [h.slug for h in held_back] == [DRAFT_SLUG]
    assert check_held_back(read(copy), held_back).passed
    leak(copy, held_back[0].texts[0])
    result = check_held_back(read(copy), held_back)
    assert not result.passed and f"{DRAFT_SLUG} (utkast)" in messages(result)


def test_an_embargoed_challenge_is_held_back_and_checked_like_a_draft(copy: Path, tmp_path: Path) -> None:
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "hemlig-plan.md").write_text(challenge_text(title="Den hemliga planen", published="2027-01-10"),
                                           encoding="utf-8")
    held_back = held_back_of(load_catalogue(folder, date.fromisoformat(TEST_TODAY)))
    assert [(h.slug, h.reason) for h in held_back] == [("hemlig-plan", "embargo till 2027-01-10")]
    edit(copy, "index.html", "</article>", "<p>Snart: Den hemliga planen</p></article>")
    assert "hemlig-plan (embargo till 2027-01-10): 'Den hemliga planen'" in messages(check_held_back(read(copy), held_back))


@pytest.mark.parametrize("old, new, expected", [
    ("</article>", '<p id="dubbel">a</p><p id="dubbel">b</p></article>', "[no-dup-id]"),
    ("</article>", "<div><span>fel ordning</div></span></article>", "[close-order]"),
])
def test_invalid_html_fails_the_validator(shipped_site: Build, tmp_path: Path, old: str, new: str, expected: str) -> None:
    one_page = tmp_path / "site"  # the validator runs on a folder: give it just the broken page
    (one_page / GUIDE_PAGE).parent.mkdir(parents=True)
    shutil.copy(shipped_site.site / GUIDE_PAGE, one_page / GUIDE_PAGE)
    assert check_html(one_page).passed
    edit(one_page, GUIDE_PAGE, old, new)
    result = check_html(one_page)
    assert expected in messages(result) and all(f.path == GUIDE_PAGE for f in result.findings), messages(result)


def test_the_nu_checker_finds_what_html_validate_lets_through(shipped_site: Build, tmp_path: Path) -> None:
    one_page = tmp_path / "site"
    (one_page / GUIDE_PAGE).parent.mkdir(parents=True)
    shutil.copy(shipped_site.site / GUIDE_PAGE, one_page / GUIDE_PAGE)
    # The page as built passes (test_verify_passes_on_the_shipped_site runs the checker on every page).
    # A heading level skipped, and a label for no control: both only the Nu checker reports.
    edit(one_page, GUIDE_PAGE, "</article>", '<h4>Hopp</h4><label for="ingenting">x</label></article>')
    result = check_nu(one_page)
    assert [f.path for f in result.findings] == [GUIDE_PAGE, GUIDE_PAGE]
    assert "follows the heading" in messages(result)
    assert "must be the ID of a non-hidden form control" in messages(result)


def test_material_toggles_lose_their_invalid_autocomplete_and_each_has_a_name(shipped_site: Build) -> None:
    home = shipped_site.read("index.html")
    assert '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' in home
    assert '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" aria-label="Sök">' in home
    # The table of contents' toggle only where a label opens it (a page in the nav with headings).
    toc = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    catalogue, guide = shipped_site.read("utmaningar/index.html"), shipped_site.read("arbetsmodell/marknadsdialog/index.html")
    assert 'for="__toc"' not in catalogue and toc not in catalogue
    assert 'for="__toc"' in guide and toc in guide


def test_our_toc_partial_is_materials_but_for_the_label_without_a_control() -> None:
    """After a Material upgrade this fails until theme/partials/toc.html follows it."""
    theirs = (THEME / "partials" / "toc.html").read_text(encoding="utf-8")
    ours = (ROOT / "hooks" / "utmaningskatalogen" / "theme" / "partials" / "toc.html").read_text(encoding="utf-8")
    ours = re.sub(r"    \{% if page in nav.pages %\}\n(.*?)    \{% else %\}\n.*?    \{% endif %\}\n", r"\1", ours,
                  flags=re.S)
    assert ours.split("-#}\n", 1)[1] == theirs.split("-#}\n", 1)[1]


@pytest.mark.parametrize("pattern, replacement, expected", [
    (r'<html lang="sv"', '<html lang="en"', "lang=\"sv\" på <html> (har 'en')"),
    (r"<title>[^<]*</title>", "<title> </title>", "en <title>"),
    (r'<meta name="description" content="[^"]*"', '<meta name="description" content=""', '<meta name="description"> med innehåll'),
    (r'<meta http-equiv="Content-Security-Policy"', '<meta name="x-csp"', "Content-Security-Policy"),
    (r'tillganglighet/"', 'om-katalogen/"', "länk i sidfoten till tillgänglighetsredogörelsen"),
])
def test_a_page_without_its_basics_fails(copy: Path, pattern: str, replacement: str, expected: str) -> None:
    page = copy / GUIDE_PAGE
    text, count = re.subn(pattern, replacement, page.read_text(encoding="utf-8"))
    assert count, pattern
    page.write_text(text, encoding="utf-8")
    result = check_page_basics(read(copy))
    assert [f.path for f in result.findings] == [GUIDE_PAGE] and expected in messages(result), messages(result)


def test_a_challenge_page_over_its_budget_fails_and_the_largest_pages_are_reported(copy: Path, catalogue) -> None:
    published = len(catalogue.published)
    result = check_weight(read(copy), published)
    assert result.passed and "största sidor:" in result.notes[0] and "per publicerad utmaning" in result.summary
    edit(copy, CHALLENGE, "</article>", "<p>" + "x" * CHALLENGE_PAGE_BYTES + "</p></article>")
    result = check_weight(read(copy), published)
    assert [f.path for f in result.findings] == [CHALLENGE] and "över budgeten 60.0 kB" in messages(result)
    assert result.notes[0].startswith(f"största sidor: {CHALLENGE}")


def test_the_whole_site_over_its_budget_fails(copy: Path) -> None:
    (copy / "assets" / "stor.bin").write_bytes(b"\0" * 11_000_000)
    assert "hela webbplatsen är" in messages(check_weight(read(copy), 10))


def test_an_inline_script_the_policy_does_not_allow_fails(copy: Path) -> None:
    edit(copy, CHALLENGE, "</article>", "<script>document.title = 'x'</script></article>")
    result = check_page_basics(read(copy))
    assert [f.path for f in result.findings] == [CHALLENGE]
    assert "inline-skriptet 'document.title = 'x'' stoppas av CSP" in messages(result)
