"""Material's markup made valid and named where its templates offer no block to override.

Material's two hidden toggles in base.html (outside any block) carry autocomplete="off", which
HTML allows only on text-like inputs (the Nu HTML Checker and html-validate report it on every
page). Material added it so that Firefox does not reopen the menu or search after "back"; the
cost of that is small next to an error on every page, so the attribute goes.

Two of Material's hidden checkboxes have no label, which HTML_CodeSniffer (pa11y) reports as a
control without a name: the search toggle, whose label sits in Material's search box (the
catalogue has its own), gets a name; the table of contents' toggle, which Material writes into
the nav even when a page has no table of contents (then no label opens it), goes.
"""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off">')
_SEARCH_TOGGLE = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def valid_material_markup(page: str) -> str:
    page = _TOGGLE_AUTOCOMPLETE.sub(r"\1>", page, count=2)
    page = page.replace(_SEARCH_TOGGLE, _SEARCH_TOGGLE.replace(">", ' aria-label="Sök">'), 1)
    if 'for="__toc"' not in page:
        page = page.replace(_TOC_TOGGLE, "", 1)
    return page
