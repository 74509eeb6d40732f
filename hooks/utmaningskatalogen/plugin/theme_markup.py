"""Material's markup made valid where its templates offer no block to override.

Material's two hidden toggles in base.html (outside any block) carry autocomplete="off", which
HTML allows only on text-like inputs (the Nu HTML Checker and html-validate report it on every
page). Material added it so that Firefox does not reopen the menu or search after "back"; the
cost of that is small next to an error on every page, so the attribute goes.
"""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off">')


def valid_material_markup(page: str) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", page, count=2)
