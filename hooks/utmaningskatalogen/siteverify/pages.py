"""What every page must carry, and how heavy pages and the whole site may be."""

from __future__ import annotations

from urllib.parse import urljoin

from .. import paths
from ..security import source_hash
from .findings import Finding, Result
from .site import BuiltSite

ACCESSIBILITY_STATEMENT = paths.ACCESSIBILITY_STATEMENT
# Budgets. A challenge page must not grow with the catalogue; a listing page grows by one card
# per challenge it lists; the whole site by what each challenge adds (page, cards, search
# entry, exports) on top of a fixed part (theme, guide).
CHALLENGE_PAGE_BYTES = 60_000
PAGE_BYTES = 100_000
CARD_BYTES = 2_000
SITE_FIXED_BYTES = 10_000_000
SITE_BYTES_PER_CHALLENGE = 50_000
LARGEST_SHOWN = 5


def check_page_basics(site: BuiltSite) -> Result:
    result = Result('Varje sida: titel, lang="sv", beskrivning, CSP för sidans skript, inga on…-attribut, '
                    "tillgänglighetslänk")
    for path, page in site.pages.items():
        missing = []
        if not page.title.strip():
            missing.append("en <title>")
        if page.lang != "sv":
            missing.append(f'lang="sv" på <html> (har {page.lang!r})')
        if not (page.description or "").strip():
            missing.append('<meta name="description"> med innehåll')
        if page.policy_scripts is None:
            missing.append('<meta http-equiv="Content-Security-Policy"> med script-src')
        if not any(urljoin(site.url_of(path), href).split("#")[0].endswith(ACCESSIBILITY_STATEMENT)
                   for href in page.footer_links):
            missing.append(f"en länk i sidfoten till tillgänglighetsredogörelsen (…/{ACCESSIBILITY_STATEMENT})")
        if missing:
            result.findings.append(Finding(path, 0, "saknar " + ", ".join(missing)))
        for line, element, attribute in page.event_handlers:
            result.findings.append(Finding(path, line, f"<{element} {attribute}=…> är skript i ett attribut; CSP "
                                                       "stoppar det, och inget i katalogen ska skriva sådana"))
        for line, code in page.inline_scripts:
            if page.policy_scripts is not None and source_hash(code) not in page.policy_scripts:
                result.findings.append(Finding(path, line, f"inline-skriptet '{code.strip()[:50]}' stoppas av CSP: "
                                                           "lägg koden i en fil under docs/assets/"))
    result.summary = f"{len(site.pages)} sidor"
    return result


def check_weight(site: BuiltSite, published: int) -> Result:
    result = Result("Sidvikt")
    sizes = {path: site.files[path].stat().st_size for path in site.pages}
    for path, size in sizes.items():
        if _is_challenge_page(path):
            budget = CHALLENGE_PAGE_BYTES
        else:
            cards = site.files[path].read_text(encoding="utf-8", errors="replace").count('data-slug="')
            budget = PAGE_BYTES + CARD_BYTES * cards
        if size > budget:
            result.findings.append(Finding(path, 0, f"{_kb(size)} HTML, över budgeten {_kb(budget)}"))
    total = sum(file.stat().st_size for file in site.files.values())
    site_budget = SITE_FIXED_BYTES + SITE_BYTES_PER_CHALLENGE * published
    if total > site_budget:
        result.findings.append(Finding(".", 0, f"hela webbplatsen är {_mb(total)}, över budgeten "
                                               f"{_mb(site_budget)} ({_mb(SITE_FIXED_BYTES)} + "
                                               f"{_kb(SITE_BYTES_PER_CHALLENGE)} per utmaning)"))
    challenge_sizes = [size for path, size in sizes.items() if _is_challenge_page(path)]
    per_challenge = f", {_kb(total // published)} per publicerad utmaning" if published else ""
    largest_challenge = f"; största utmaningssida {_kb(max(challenge_sizes))}" if challenge_sizes else ""
    result.summary = f"{_mb(total)} i {len(site.files)} filer{per_challenge}{largest_challenge}"
    largest = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[:LARGEST_SHOWN]
    result.notes.append("största sidor: " + ", ".join(f"{path} {_kb(size)}" for path, size in largest))
    return result


def _is_challenge_page(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 3 and f"{parts[0]}/" == paths.CATALOGUE and parts[2] == "index.html"


def _kb(size: int) -> str:
    return f"{size / 1000:.1f} kB"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"
