"""A problem found in content, reported as `path:line: field: message`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import ITEM_NAMES

_ORDINALS = ("första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde",
             "elfte", "tolfte")
# A list entry in a field path: `events[2].end_time` is ("events", 2, "end_time").
_LIST_ENTRY = re.compile(r"^(?P<list>[^\[\]]+)\[(?P<number>[0-9]+)\](?:\.(?P<rest>.+))?$")


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file. `line` is 1-based; `field` names what is wrong."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {shown_field(self.field)}: {self.message}"

    def as_github_annotation(self) -> str:
        """GitHub Actions' workflow command, shown on the changed line of a pull request."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        title = shown_field(self.field).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={self.path},line={self.line},title={title}::{message}"


def shown_field(path: str) -> str:
    """A field path as staff read it: `municipalities[2]` is "den andra kommunen i listan
    (municipalities)", `events[1].end_time` is "end_time i det första mötet i listan (events)".
    Paths without a list entry (`contact.email`) are shown as they are written in the file."""
    match = _LIST_ENTRY.match(path)
    if not match:
        return path
    article, noun = ITEM_NAMES.get(match["list"].rpartition(".")[2], ("den", "punkten"))
    entry = f"{article} {ordinal(int(match['number']))} {noun} i listan ({match['list']})"
    return f"{shown_field(match['rest'])} i {entry}" if match["rest"] else entry


def ordinal(number: int) -> str:
    """1 → "första", 12 → "tolfte", 21 → "21:a", 13 → "13:e"."""
    if 1 <= number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    return f"{number}:a" if number % 10 in (1, 2) and number % 100 not in (11, 12) else f"{number}:e"


class ContentError(Exception):
    """Raised when content has problems; carries every problem found in the run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(
            f"{len(self.problems)} fel i innehållet; bygget avbryts så att inget publiceras fel."
        )
