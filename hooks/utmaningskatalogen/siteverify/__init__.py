"""Checks of a built site before it is published (`make verify`, scripts/verify.py).

Each check is a function from the built site (read once, `BuiltSite`) to a `Result`; this
module runs them all. What is published and what is held back comes from the catalogue core.
"""

from __future__ import annotations

from pathlib import Path

from .findings import Finding, Result
from .links import check_links, check_privacy
from .nu import check_nu
from .pages import check_page_basics, check_weight
from .publication import HeldBack, check_held_back, check_sitemap, held_back_of
from .site import BuiltSite, canonical_site_url
from .validator import check_html

__all__ = ["BuiltSite", "Finding", "HeldBack", "Result", "canonical_site_url", "held_back_of", "verify_site"]


def verify_site(site: BuiltSite, published_slugs: list[str], held_back: list[HeldBack], *,
                theme_assets: Path | None = None, validate_html: bool = True) -> list[Result]:
    """Run every check on a built site; the order is the order of the report."""
    results = [
        check_links(site),
        check_privacy(site, theme_assets),
        check_sitemap(site, published_slugs),
        check_held_back(site, held_back),
        check_page_basics(site),
        check_weight(site, len(published_slugs)),
    ]
    if validate_html:
        results[4:4] = [check_html(site.root), check_nu(site.root)]
    return results
