"""JSON that is safe to embed anywhere in HTML: '<', '>' and '&' written as \\u escapes.

Any JSON parser reads the same values back. In a <script> element no value can then end the
element early, and a reuser who pastes our JSON into a page cannot be surprised either.
"""

from __future__ import annotations

import json
from typing import Any

# Outside strings JSON has none of these characters, so replacing them all is safe.
_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def dumps(data: Any, *, indent: int | None = None) -> str:
    # Without indent, json uses its C encoder: several times faster on a large catalogue.
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
    for character, escape in _UNSAFE:  # str.replace per character beats str.translate tenfold here
        text = text.replace(character, escape)
    return text


def file_bytes(data: Any, *, indent: int | None = None) -> bytes:
    """A JSON file in UTF-8, ending in a newline; compact unless it is meant for reading."""
    return (dumps(data, indent=indent) + "\n").encode("utf-8")
