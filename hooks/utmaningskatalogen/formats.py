"""Values as people read and use them in Sweden: amounts in kronor, lists in words and telephone links."""

from __future__ import annotations

import re

_NOT_DIALLED = re.compile(r"[^0-9+]")


def kronor(amount: int) -> str:
    """12 000 000 kronor: thousands grouped with spaces, as Swedish writes them."""
    return f"{amount:,} kronor".replace(",", " ")


def tel_uri(phone: str) -> str:
    """A tel: link for a number as staff wrote it: only digits and a leading + are dialled."""
    return "tel:" + _NOT_DIALLED.sub("", phone)


def in_words(items: list[str]) -> str:
    """'svenska, engelska och danska': a list as a sentence says it."""
    return " och ".join(item for item in (", ".join(items[:-1]), items[-1] if items else "") if item)
