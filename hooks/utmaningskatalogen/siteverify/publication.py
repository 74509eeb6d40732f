"""The sitemap lists exactly the published pages, and held-back challenges are nowhere."""

from __future__ import annotations

import contextlib
import html
import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass

from .. import paths
from ..catalogue import Catalogue
from ..statuses import Status
from .findings import Finding, Result
from .site import BuiltSite, is_directory_page

_PAGEFIND_SIGNATURE = "pagefind_dcd"
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class HeldBack:
    """A challenge that must not be in the site: its slug and the texts that would betray it."""

    slug: str
    reason: str  # "utkast" or "embargo till 2027-01-10"
    texts: tuple[str, ...]


def held_back_of(catalogue: Catalogue) -> list[HeldBack]:
    """Every draft and embargoed challenge of the catalogue, with its title and summary."""
    return [HeldBack(c.slug, "utkast" if c.status is Status.DRAFT else f"embargo till {c.published.isoformat()}",
                     (c.title, c.summary)) for c in catalogue.held_back]


def check_sitemap(site: BuiltSite, published_slugs: Iterable[str]) -> Result:
    result = Result("Webbplatskartan")
    listed = _sitemap_urls(site, "sitemap.xml", result)
    if listed is None:
        return result
    packed = _sitemap_urls(site, "sitemap.xml.gz", result)
    if packed is not None and packed != listed:
        result.findings.append(Finding("sitemap.xml.gz", 0, "listar inte samma adresser som sitemap.xml"))
    pages = {site.url_of(path) for path in site.pages if is_directory_page(path)}
    for url in sorted(pages - listed):
        result.findings.append(Finding("sitemap.xml", 0, f"saknar sidan {url}"))
    for url in sorted(listed - pages):
        result.findings.append(Finding("sitemap.xml", 0, f"listar {url}, som inte är en sida på webbplatsen"))
    expected = {f"{site.site_url}{paths.challenge(slug)}" for slug in published_slugs}
    challenge_page = re.compile(re.escape(f"{site.site_url}{paths.CATALOGUE}") + r"[^/]+/")
    challenge_urls = {url for url in listed if challenge_page.fullmatch(url)}
    for url in sorted(expected - challenge_urls):
        result.findings.append(Finding("sitemap.xml", 0, f"saknar den publicerade utmaningen {url}"))
    for url in sorted(challenge_urls - expected):
        result.findings.append(Finding("sitemap.xml", 0, f"listar {url}, som inte är en publicerad utmaning"))
    result.summary = f"{len(listed)} adresser, varav {len(challenge_urls)} utmaningar"
    return result


def check_held_back(site: BuiltSite, held_back: Iterable[HeldBack]) -> Result:
    """Drafts and embargoed challenges: no file, and no mention in any file of any type, the
    search index's compressed files included (BuiltSite.text unpacks them)."""
    held_back = list(held_back)
    result = Result("Utkast och embargo syns ingenstans")
    patterns = [(challenge, _pattern(challenge)) for challenge in held_back]
    for path in site.files:
        for challenge, _ in patterns:
            if paths.challenge(challenge.slug) in path:
                result.findings.append(Finding(path, 0, f"filen hör till {challenge.slug} ({challenge.reason})"))
        text = site.text(path) if patterns else None
        if text is None:
            continue
        for readable in _readable_forms(path, text):
            found = [(c, m) for c, pattern in patterns if (m := pattern.search(readable))]
            for challenge, match in found:
                line = readable.count("\n", 0, match.start()) + 1 if readable is text else 0
                result.findings.append(Finding(path, line, f"nämner {challenge.slug} ({challenge.reason}): "
                                                           f"'{match.group(0)[:60]}'"))
            if found:
                break  # one form is enough to tell
    result.summary = (f"{len(held_back)} hållna tillbaka, {len(site.files)} filer genomsökta"
                      if held_back else "inga utkast eller embargon i dag")
    return result


def _pattern(challenge: HeldBack) -> re.Pattern[str]:
    # The slug as a whole word (it is ASCII with dashes); titles and summaries as written.
    parts = [rf"(?<![a-z0-9-]){re.escape(challenge.slug)}(?![a-z0-9-])"]
    parts += [re.escape(text) for text in challenge.texts if len(text) >= 8]
    return re.compile("|".join(parts))


def _readable_forms(path: str, text: str) -> list[str]:
    """The text as stored, and as a reader would see it: HTML entities and JSON escapes undone."""
    forms = [text, html.unescape(text)]
    # A search result in Pagefind's index is JSON after a signature (site.text has unpacked it).
    data = text.removeprefix(_PAGEFIND_SIGNATURE) if path.endswith(".pf_fragment") else text
    if path.endswith((".json", ".pf_fragment")):
        with contextlib.suppress(ValueError):  # a broken JSON file is still searched as text
            forms.append(json.dumps(json.loads(data), ensure_ascii=False))
    return forms


def _sitemap_urls(site: BuiltSite, path: str, result: Result) -> set[str] | None:
    if path not in site.files:
        result.findings.append(Finding(path, 0, "saknas"))
        return None
    try:
        root = ElementTree.fromstring(site.text(path) or "")
    except ElementTree.ParseError as error:
        result.findings.append(Finding(path, 0, f"är ingen giltig XML: {error}"))
        return None
    urls = set()
    for loc in root.iter(f"{_SITEMAP_NS}loc"):
        url = (loc.text or "").strip()
        if not url.startswith(site.site_url):
            result.findings.append(Finding(path, 0, f"{url} ligger inte under webbplatsens adress {site.site_url}"))
        urls.add(url)
    return urls
