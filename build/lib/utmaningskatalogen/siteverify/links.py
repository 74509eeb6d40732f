"""Every internal link and resource leads to a file, and nothing comes from another origin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .findings import Finding, Result
from .site import BuiltSite, Reference

# Services a public body's site must not name: each would track visitors or call out (GDPR).
FORBIDDEN_HOSTS = (
    "fonts.googleapis.com", "fonts.gstatic.com", "google-analytics.com", "googletagmanager.com",
    "analytics.google.com", "doubleclick.net", "api.github.com", "connect.facebook.net",
    "static.hotjar.com", "plausible.io", "matomo.cloud", "siteimproveanalytics.com",
)
_SCANNED_SUFFIXES = (".html", ".css", ".js")
ERROR_PAGE = "404.html"


def references(site: BuiltSite) -> Iterator[Reference]:
    for page in site.pages.values():
        yield from page.references
    yield from site.stylesheet_references


def check_links(site: BuiltSite) -> Result:
    result = Result("Länkar och resurser")
    checked = 0
    for reference in references(site):
        scheme = urlsplit(reference.url).scheme.lower()
        if scheme in ("mailto", "tel", "data"):
            continue
        if scheme == "javascript":
            result.findings.append(_at(reference, "javascript:-länkar körs inte (och är förbjudna av CSP)"))
            continue
        url = site.resolve(reference)
        if not url.startswith(site.site_url):
            parts = urlsplit(reference.url)
            if not parts.scheme and not parts.netloc:  # written relative, yet it leaves the site
                result.findings.append(_at(reference, f"'{reference.url}' leder till {url}, utanför "
                                                      f"webbplatsens adress {site.site_url}; länkar inom "
                                                      "webbplatsen ska vara relativa"))
            continue  # a full address elsewhere is a link out; the privacy check judges resources
        checked += 1
        if reference.path == ERROR_PAGE and not scheme and not reference.url.startswith(("/", "#")):
            result.findings.append(_at(reference, f"'{reference.url}' är relativ, men 404-sidan visas på alla "
                                                  "adresser; länken måste utgå från webbplatsens sökväg"))
            continue
        target = site.file_for(url)
        if target is None:
            result.findings.append(_at(reference, f"'{reference.url}' leder till {url} som inte finns"))
            continue
        fragment = unquote(urlsplit(url).fragment)
        if fragment and target in site.pages and fragment not in site.pages[target].ids:
            result.findings.append(_at(reference, f"'{reference.url}': ankaret #{fragment} finns inte på {target}"))
    result.summary = f"{checked} interna länkar och resurser i {len(site.pages)} sidor och CSS-filer"
    return result


def check_privacy(site: BuiltSite, theme_assets: Path | None) -> Result:
    result = Result("Inget hämtas från andra webbplatser")
    for reference in references(site):
        if not reference.is_resource or urlsplit(reference.url).scheme.lower() in ("data", "mailto", "tel"):
            continue
        url = site.resolve(reference)
        if not site.is_internal(url):
            what = "CSS-filen" if reference.element == "css" else f"<{reference.element}>"
            result.findings.append(_at(reference, f"{what} hämtar {url} från en annan webbplats"))
    scanned = 0
    for path, file in site.files.items():
        if not path.endswith(_SCANNED_SUFFIXES) or _is_theme_asset(path, file, theme_assets):
            continue
        scanned += 1
        text = file.read_text(encoding="utf-8", errors="replace")
        lowered = text.lower()
        for host in FORBIDDEN_HOSTS:
            at = lowered.find(host)
            if at >= 0:
                line = text.count("\n", 0, at) + 1
                result.findings.append(Finding(path, line, f"nämner {host}: sådant spårar besökare "
                                                           "eller hämtar utifrån"))
    result.summary = f"{scanned} HTML-, CSS- och JS-filer genomsökta"
    return result


def _is_theme_asset(path: str, file: Path, theme_assets: Path | None) -> bool:
    """Material's own scripts, byte for byte: its bundle names GitHub's API for `repo_url`,
    which this site does not set, so that code never runs."""
    if theme_assets is None:
        return False
    original = theme_assets / path
    return original.is_file() and original.stat().st_size == file.stat().st_size \
        and original.read_bytes() == file.read_bytes()


def _at(reference: Reference, message: str) -> Finding:
    return Finding(reference.path, reference.line, message)
