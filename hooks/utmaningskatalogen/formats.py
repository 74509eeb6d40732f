"""Values as people read and use them in Sweden: amounts in kronor, lists in words, telephone links,
organisation numbers and long addresses."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_NOT_DIALLED = re.compile(r"[^0-9+]")
# An organisation number as Bolagsverket writes it: NNNNNN-NNNN, the last digit a check digit.
ORG_NUMBER = re.compile(r"\d{6}-\d{4}")
# After each slash that ends a run of slashes, and before each dot.
_URL_BREAK = re.compile(r"(?<=/)(?=[^/])|(?=\.)")


def kronor(amount: int) -> str:
    """12 000 000 kronor: thousands grouped with spaces, as Swedish writes them."""
    return f"{amount:,} kronor".replace(",", " ")


def tel_uri(phone: str) -> str:
    """A tel: link for a number as staff wrote it: only digits and a leading + are dialled."""
    return "tel:" + _NOT_DIALLED.sub("", phone)


def org_number_checks(value: str) -> bool:
    """Whether an NNNNNN-NNNN organisation number's check digit is right (the Luhn algorithm)."""
    digits = [int(d) for d in value if d.isdigit()]
    doubled = [d * 2 if i % 2 == 0 else d for i, d in enumerate(digits)]
    return len(digits) == 10 and sum(d // 10 + d % 10 for d in doubled) % 10 == 0


def in_words(items: list[str]) -> str:
    """'svenska, engelska och danska': a list as a sentence says it."""
    return " och ".join(item for item in (", ".join(items[:-1]), items[-1] if items else "") if item)
def breakable_url(url: str) -> Markup:
    """An address shown as text that may wrap only after a slash or before a dot (<wbr>), never
    inside a word, on a narrow screen; copied, it has no trace of the break points. A part with a
    hyphen keeps together (class uk-nowrap): a break after the hyphen of `fastigheter-och-lokaler`
    would read as a word hyphenated at the end of the line."""
    nowrap = Markup('<span class="uk-nowrap">{}</span>')
    return Markup("<wbr>").join(nowrap.format(part) if "-" in part else escape(part)
                                for part in _URL_BREAK.split(url))
