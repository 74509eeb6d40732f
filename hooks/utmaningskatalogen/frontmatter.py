"""Read a Markdown file with YAML front matter, keeping the line of every key.

MkDocs silently drops front matter it cannot parse, so the catalogue reads every file itself
(challenges, the vocabularies, guide pages) through this one reader. Only plain scalars, lists
and mappings are accepted (`plainyaml.py`); invisible control characters, oversized parts and
files that are not regular files are problems with file, line and field, never a traceback.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .characters import FORBIDDEN, character_message
from .plainyaml import compose
from .problems import Problem
from .sources import BROKEN_LINK, LOOPING_LINK, kind_of

# Bounds on what staff write: far above any real challenge, far below what slows a build.
FRONT_MATTER_MAX = 64 * 1024
BODY_MAX = 200 * 1024
FILE_MAX = FRONT_MATTER_MAX + BODY_MAX + 4096
# Characters reported per file: the first few say enough.
_CHARACTER_REPORTS = 20

_FENCE = re.compile(r"^---[ \t]*\r?\n?$")
_LAST_STEP = re.compile(r"(?:\.[^.\[]+|\[\d+\])$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?\n?$")

# Known YAML parser problems, explained for people who do not know YAML.
_YAML_HINTS = (
    ("mapping values are not allowed", "ett kolon står där det inte får stå; sätt citattecken runt texten"),
    ("cannot start any token", "tabbtecken eller ett specialtecken står först; använd mellanslag och citattecken"),
    ("could not find expected ':'", "en rad saknar kolon efter fältnamnet, eller så saknas ett citattecken"),
    ("did not find expected key", "indraget stämmer inte; fält på samma nivå ska ha lika många mellanslag först"),
    ("did not find expected '-' indicator",
     "indraget i en lista stämmer inte; varje punkt börjar med '- ' på samma nivå"),
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
    # Field paths the reader already reported (a tag, a bad character …): validation skips them.
    flagged: set[str] = field(default_factory=set)

    def line(self, path: str) -> int:
        """The line of `path` (`contact.email`, `events[2].date`) or of its nearest parent."""
        while path and path not in self.lines:
            parent = _LAST_STEP.sub("", path)
            path = parent if parent != path else ""
        return self.lines.get(path, 1)

    def is_flagged(self, path: str) -> bool:
        """Whether the reader already reported this field or something inside it."""
        return any(f == path or f.startswith((f"{path}.", f"{path}[")) for f in self.flagged)

    def field_at(self, line: int) -> str | None:
        """The deepest field whose value starts on or before `line`: where a character on that line sits."""
        before = [(at, len(path), path) for path, at in self.lines.items() if at <= line]
        return max(before)[2] if before else None


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying why it cannot be read (not a file, too big, not UTF-8)."""
    def problem(message: str, line: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, line, "fil", message)]

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return problem(BROKEN_LINK)
    except OSError:
        return problem(LOOPING_LINK)
    if not stat.S_ISREG(mode):
        return problem(f"är {kind_of(mode)}, inte en vanlig fil; ta bort den och lägg en vanlig textfil här")
    with open(path, "rb") as file:
        raw = file.read(FILE_MAX + 1)
    if len(raw) > FILE_MAX:
        return problem(f"filen är större än {FILE_MAX // 1024} kB; en sida får ha högst "
                       f"{FRONT_MATTER_MAX // 1024} kB front matter och {BODY_MAX // 1024} kB text")
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

    def problem(line: int, message: str, field: str = "front matter") -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, line, field, message)]

    if not text.strip():
        return problem(1, "filen är tom; den ska börja med front matter mellan två rader med ---")
    # Lines end at \n only: Python's splitlines() would also split at U+2028 and friends.
    lines = text.split("\n")
    if not _FENCE.match(lines[0]):
        return problem(
            1,
            "filen saknar front matter; första raden ska vara --- och fälten (title, summary, "
            "status …) ska stå före en ny rad med ---",
        )
    end = next((i for i in range(1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        return problem(1, "front matter avslutas aldrig; lägg till en rad med --- efter fälten")
    body = "\n".join(lines[end + 1 :])
    body_line = end + 2
    if len(body.encode("utf-8")) > BODY_MAX:
        return problem(body_line, f"texten är {len(body.encode('utf-8')) // 1024} kB; högst {BODY_MAX // 1024} kB "
                                  "får plats. Korta texten, eller länka till långa bilagor under documents",
                       "brödtext")

    source, problems = parse_yaml("\n".join(lines[1:end]) + "\n", shown_as, first_line=2)
    if source is None:
        return None, problems
    source.body = body
    source.body_line = body_line
    problems += [Problem(shown_as, body_line + body.count("\n", 0, match.start()), "brödtext",
                         character_message(match.group()))
                 for match in _first(FORBIDDEN.finditer(body))]
    return source, problems


def parse_yaml(text: str, shown_as: str, first_line: int = 1) -> tuple[SourceFile | None, list[Problem]]:
    """Parse a YAML mapping whose first line is line `first_line` of the file."""
    default_field = "front matter" if first_line > 1 else "yaml"

    def problem(line: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown_as, line, default_field, message)]

    size = len(text.encode("utf-8"))
    if size > FRONT_MATTER_MAX:
        return problem(first_line, f"fälten är {size // 1024} kB; högst {FRONT_MATTER_MAX // 1024} kB får plats. "
                                   "Korta texterna, eller flytta långa texter till brödtexten")
    # Forbidden characters are reported by line, then blanked so that the rest can be read.
    bad_lines = [(text.count("\n", 0, m.start()), m.group()) for m in _first(FORBIDDEN.finditer(text))]
    if bad_lines:
        text = FORBIDDEN.sub("\ufffd", text)
    found: list[tuple[int, str, str]] = []

    def report(line: int, path: str, message: str) -> None:
        found.append((line + first_line, default_field if path == "yaml" else path, message))

    try:
        data, lines, present = compose(text, report)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        reason = str(error.problem or error.context or "okänt fel")
        hint = next((h for key, h in _YAML_HINTS if key in reason), None)
        # The parser's own English words only when there is no Swedish explanation for them.
        return problem(line, f"YAML-fel: {hint}" if hint else
                       f"YAML-fel: kontrollera indrag, kolon och citattecken (tolkens besked på engelska: {reason})")
    except yaml.YAMLError as error:
        return problem(first_line, f"YAML-fel: {error}")

    if not present or (data is None and not found):
        return problem(max(first_line - 1, 1), "inga fält; fyll i fälten på formen 'namn: värde'")
    source = SourceFile(data=data if isinstance(data, dict) else {},
                        lines={path: line + first_line for path, line in lines.items()})
    problems = [Problem(shown_as, line, path, message) for line, path, message in found]
    problems += [Problem(shown_as, line + first_line, source.field_at(line + first_line) or default_field,
                         character_message(char)) for line, char in bad_lines]
    source.flagged = {problem.field for problem in problems}
    if not isinstance(data, dict):
        if not problems:
            return problem(first_line, "innehållet ska bestå av fält på formen 'namn: värde', ett per rad")
        return None, problems
    return source, problems


def _first(matches: Any) -> list[Any]:
    """The first few matches of an iterator, so a file full of bad characters gives a short report."""
    result = []
    for match in matches:
        result.append(match)
        if len(result) == _CHARACTER_REPORTS:
            break
    return result
