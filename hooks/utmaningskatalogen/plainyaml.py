"""A strict YAML reader: plain scalars, lists and mappings only, read from the parser's events.

Front matter, the vocabularies and guide pages are all read through `compose`. It never builds
YAML's own object graph, so a tag (`!!python/object`, `!!set`, `!!str`), an anchor, an alias or
a merge key is reported where it stands instead of being resolved, and an alias bomb costs
nothing. Plain scalars are resolved the YAML 1.2 way (only `true`/`false` are booleans; dates
stay text until validation parses them). Nesting is bounded, and so is the size of numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import yaml

from .characters import FORBIDDEN, character_message

# No schema nests deeper than a list of groups inside a mapping; leave room for one more level.
MAX_DEPTH = 5
# Digits a number may have: more than any amount in kronor, far below Python's own limit.
MAX_DIGITS = 15

# libyaml's parser when PyYAML was built with it, else PyYAML's own: the same events either way.
_BaseParser: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")

# Report(line (0-based, in the parsed text), field path, message).
Report = Callable[[int, str, str], None]


def shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Composer:
    def __init__(self, text: str, report: Report) -> None:
        self.parser: Any = _BaseParser(text)
        self.report = report
        self.lines: dict[str, int] = {}

    def close(self) -> None:
        self.parser.dispose()

    def document(self) -> tuple[Any, bool]:
        """(value, present): the single document's value; `present` is False for an empty text."""
        parser = self.parser
        parser.get_event()  # StreamStart
        if parser.check_event(yaml.StreamEndEvent):
            return None, False
        parser.get_event()  # DocumentStart
        value = self.node("", 1)
        parser.get_event()  # DocumentEnd
        if not parser.check_event(yaml.StreamEndEvent):
            event: Any = parser.peek_event()
            self.report(event.start_mark.line, "yaml",
                        "filen innehåller flera YAML-dokument (en rad med --- mitt i); ta bort raden")
        return value, True

    def node(self, path: str, depth: int) -> Any:
        event: Any = self.parser.get_event()
        line = event.start_mark.line
        if path:
            self.lines.setdefault(path, line)
        field = path or "yaml"
        if isinstance(event, yaml.AliasEvent):
            self.report(line, field, f"*{event.anchor} är en YAML-hänvisning, och sådana är inte tillåtna; "
                                     "skriv ut värdet, och sätt citattecken runt texten om den börjar med *")
            return None
        if event.anchor is not None:
            self.report(line, field, f"&{event.anchor} är ett YAML-ankare, och sådana är inte tillåtna; ta bort "
                                     "det, och sätt citattecken runt texten om den börjar med &")
            self._skip(event)
            return None
        if event.tag is not None:
            self.report(line, field, f"YAML-taggen {shown_tag(event.tag)} är inte tillåten; ta bort taggen "
                                     "och skriv värdet som vanlig text, ett tal, true/false eller en lista")
            self._skip(event)
            return None
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and depth > MAX_DEPTH:
            self.report(line, field, f"fälten är inkapslade i fler än {MAX_DEPTH} nivåer; så djupt går inget "
                                     "fält, kontrollera indraget")
            self._skip(event)
            return None
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not self.parser.check_event(yaml.SequenceEndEvent):
                items.append(self.node(f"{path}[{len(items) + 1}]", depth + 1))
            self.parser.get_event()
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(path, depth)
        return self._scalar(event, field)

    def _mapping(self, path: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not self.parser.check_event(yaml.MappingEndEvent):
            key_event: Any = self.parser.peek_event()
            key_line = key_event.start_mark.line
            key = self._key(path)
            if key is None:
                self._skip(self.parser.get_event())
                continue
            child = f"{path}.{key}" if path else key
            if key in result:
                self.report(key_line, child, "fältet står två gånger; ta bort det ena så att inget värde "
                                             "tappas bort")
                self._skip(self.parser.get_event())
                continue
            self.lines[child] = key_line
            result[key] = self.node(child, depth + 1)
        self.parser.get_event()
        return result

    def _key(self, path: str) -> str | None:
        event: Any = self.parser.get_event()
        field = path or "yaml"
        line = event.start_mark.line
        if not isinstance(event, yaml.ScalarEvent) or event.anchor is not None or event.tag is not None:
            self.report(line, field, "ett fältnamn ska vara ett vanligt ord följt av kolon, utan taggar, "
                                     "ankare, hänvisningar eller listor")
            self._skip(event)
            return None
        if event.value == "<<" and not event.style:
            self.report(line, field, "sammanfogning med << är inte tillåten; skriv ut fälten ett och ett")
            return None
        if found := FORBIDDEN.search(event.value):
            self.report(line, field, character_message(found.group()))
            return None
        return str(event.value)

    def _scalar(self, event: Any, field: str) -> Any:
        value: str = event.value
        line = event.start_mark.line
        if found := FORBIDDEN.search(value):
            self.report(line, field, character_message(found.group()))
            return None
        if event.style:  # quoted, literal or folded: always text
            return value
        if _NULL.match(value):
            return None
        if _BOOL.match(value):
            return value.lower() == "true"
        if _INT.match(value):
            digits = len(value.lstrip("+-"))
            if digits > MAX_DIGITS:
                self.report(line, field, f"talet har {digits} siffror; högst {MAX_DIGITS} siffror går att "
                                         "läsa. Sätt citattecken runt värdet om det är en text")
                return None
            return int(value)
        if _FLOAT.match(value):
            number = float(value)
            if not math.isfinite(number) or len(value) > 2 * MAX_DIGITS:
                self.report(line, field, f"talet {value[:20]} är för stort eller för långt; skriv ett mindre "
                                         "tal, eller sätt citattecken runt värdet om det är en text")
                return None
            return number
        return value

    def _skip(self, event: Any) -> None:
        """Consume the rest of a node whose start `event` was already read."""
        depth = 1 if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) else 0
        while depth:
            following = self.parser.get_event()
            if isinstance(following, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
            elif isinstance(following, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1


def compose(text: str, report: Report) -> tuple[Any, dict[str, int], bool]:
    """(value, 0-based line of each field path, whether there was any document) of a YAML text.

    Raises `yaml.YAMLError` for text that is not YAML at all; everything the contract forbids
    goes to `report` instead.
    """
    composer = _Composer(text, report)
    try:
        value, present = composer.document()
    finally:
        composer.close()
    return value, composer.lines, present
