"""Values as people read and use them in Sweden: amounts in kronor, lists in words, telephone links
and organisation numbers."""

from __future__ import annotations

import re

_NOT_DIALLED = re.compile(r"[^0-9+]")
# An organisation number as Bolagsverket writes it: NNNNNN-NNNN, the last digit a check digit.
ORG_NUMBER = re.compile(r"\d{6}-\d{4}")


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
