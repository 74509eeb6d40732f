"""Characters that may not stand in anything staff write: invisible controls and odd line breaks.

C0 controls other than tab, newline and carriage return, DEL, the C1 controls, the Unicode
line and paragraph separators and lone surrogates either break a parser somewhere between
the file and the browser (MkDocs' YAML reader, a feed reader, a JSON consumer) or hide text
from the reviewer of a change. They are errors, never silently removed.
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

_NAMES = {
    "\u2028": "en osynlig radbrytning (U+2028 LINE SEPARATOR)",
    "\u2029": "en osynlig styckebrytning (U+2029 PARAGRAPH SEPARATOR)",
    "\x7f": "ett osynligt styrtecken (U+007F DELETE)",
}


def describe(char: str) -> str:
    """The character in words staff can act on, with its code point for searching."""
    if char in _NAMES:
        return _NAMES[char]
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"ett trasigt tecken (U+{code:04X}, en ensam surrogathalva)"
    name = unicodedata.name(char, "")
    return f"ett osynligt styrtecken (U+{code:04X}{' ' + name if name else ''})"


def character_message(char: str) -> str:
    return (f"texten innehåller {describe(char)}, som inte får stå i filen; ta bort tecknet "
            "(det följer ofta med när text klistras in från ett annat program)")
