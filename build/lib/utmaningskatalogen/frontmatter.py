"""Read a Markdown file with YAML front matter, keeping the line of every key.

MkDocs silently drops front matter it cannot parse, so the catalogue reads files itself.
The YAML is resolved the YAML 1.2 way: only `true`/`false` are booleans and dates stay
text until validation parses them, so `2026-02-30` or `10:30` get a clear message instead
of a crash or a silent number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    yaml_implicit_resolvers: dict = {}


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))

_FENCE = re.compile(r"^---[ \t]*\r?\n?$")
_LAST_STEP = re.compile(r"(?:\.[^.\[]+|\[\d+\])$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?\n?$")

# Known YAML parser problems, explained for people who do not know YAML.
_YAML_HINTS = (
    ("mapping values are not allowed", "ett kolon står där det inte får stå; sätt citattecken runt texten"),
    ("cannot start any token", "tabbtecken eller ett specialtecken står först; använd mellanslag och citattecken"),
    ("could not find expected ':'", "en rad saknar kolon efter fältnamnet, eller så saknas ett citattecken"),
    ("did not find expected key", "indraget stämmer inte; fält på samma nivå ska ha lika många mellanslag först"),
    ("did not find expected '-' indicator", "indraget i en lista stämmer inte; varje punkt börjar med '- ' på samma nivå"),
    ("found unexpected end of stream", "ett citattecken eller en hakparentes stängs aldrig"),
    ("found undefined alias", "tecknet * får inte stå först i en text; sätt citattecken runt texten"),
    ("expected <block end>", "indraget stämmer inte; kontrollera mellanslagen i början av raden"),
)


@dataclass
class SourceFile:
    """A file's front matter as plain Python values, with the line of each field path."""

    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line(self, path: str) -> int:
        """The line of `path` (`contact.email`, `events[2].date`) or of its nearest parent."""
        while path and path not in self.lines:
            parent = _LAST_STEP.sub("", path)
            path = parent if parent != path else ""
        return self.lines.get(path, 1)


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying where it is not UTF-8."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [
            Problem(
                shown_as,
                line,
                "kodning",
                "filen är inte sparad som UTF-8: ett tecken på raden kan inte läsas "
                "(troligen å, ä eller ö sparat som Windows-1252 eller Latin-1); "
                "spara om filen med teckenkodningen UTF-8",
            )
        ]


def read_front_matter(path: Path, shown_as: str) -> tuple[SourceFile | None, list[Problem]]:
    """Read a Markdown file and parse its front matter; problems say what stopped either."""
    text, problems = read_text(path, shown_as)
    if text is None:
        return None, problems
    return parse_front_matter(text, shown_as)


def parse_front_matter(text: str, shown_as: str) -> tuple[SourceFile | None, list[Problem]]:
    """Split off and parse the front matter; problems point at the file's own lines."""

    def problem(line: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, line, "front matter", message)]

    if not text.strip():
        return problem(1, "filen är tom; den ska börja med front matter mellan två rader med ---")
    lines = text.splitlines(keepends=True)
    if not _FENCE.match(lines[0]):
        return problem(
            1,
            "filen saknar front matter; första raden ska vara --- och fälten (title, summary, "
            "status …) ska stå före en ny rad med ---",
        )
    end = next((i for i in range(1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        return problem(1, "front matter avslutas aldrig; lägg till en rad med --- efter fälten")

    source, problems = parse_yaml("".join(lines[1:end]), shown_as, first_line=2)
    if source is None:
        return None, problems
    source.body = "".join(lines[end + 1 :])
    source.body_line = end + 2
    return source, problems


def parse_yaml(text: str, shown_as: str, first_line: int = 1) -> tuple[SourceFile | None, list[Problem]]:
    """Parse a YAML mapping whose first line is line `first_line` of the file."""

    def problem(line: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, line, "front matter" if first_line > 1 else "yaml", message)]

    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        reason = str(error.problem or error.context or "okänt fel")
        hint = next((h for key, h in _YAML_HINTS if key in reason), "kontrollera indrag, kolon och citattecken")
        return problem(line, f"YAML-fel: {hint} (tolkens besked: {reason})")
    except yaml.YAMLError as error:
        return problem(first_line, f"YAML-fel: {error}")

    if node is None:
        return problem(max(first_line - 1, 1), "inga fält; fyll i fälten på formen 'namn: värde'")
    if not isinstance(node, yaml.MappingNode):
        return problem(first_line, "innehållet ska bestå av fält på formen 'namn: värde', ett per rad")

    source = SourceFile(data={})
    problems: list[Problem] = []
    source.data = _value(node, "", source, problems, shown_as, first_line)
    return source, problems


def _value(
    node: yaml.Node, path: str, source: SourceFile, problems: list[Problem], shown_as: str, first_line: int
) -> Any:
    """Convert a YAML node to plain values, recording lines and reporting duplicate keys."""
    line = node.start_mark.line + first_line
    if path:
        source.lines.setdefault(path, line)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_line = key_node.start_mark.line + first_line
            child = f"{path}.{key}" if path else key
            if key in result:
                problems.append(
                    Problem(shown_as, key_line, child, "fältet står två gånger; ta bort det ena så att inget värde tappas bort")
                )
                continue
            source.lines[child] = key_line
            result[key] = _value(value_node, child, source, problems, shown_as, first_line)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _value(item, f"{path}[{index}]", source, problems, shown_as, first_line)
            for index, item in enumerate(node.value, start=1)
        ]
    tag = node.tag.rsplit(":", 1)[-1]
    value = node.value
    if tag == "null":
        return None
    if tag == "bool":
        return value.lower() == "true"
    if tag == "int":
        return int(value)
    if tag == "float":
        return float(value)
    if tag != "str":
        problems.append(Problem(shown_as, line, path, f"YAML-taggen {node.tag} är inte tillåten; skriv värdet som vanlig text"))
    return value
