"""Rules across fields and over the whole text: what the pages promise about a challenge.

`check_rules` gives errors; for a draft, the rules about unfinished writing (the scaffolder's
default summary, a heading with nothing under it) give notices for the build log instead, so
that a draft can be saved half-written but never published that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from .frontmatter import SourceFile
from .problems import Problem
from .statuses import Status

# The scaffolder's first summary (scripts/new_challenge.py) is built around this phrase.
DEFAULT_SUMMARY_PHRASE = "söker lösningar på utmaningen:"
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def default_summary(names: list[str], title: str) -> str:
    """The summary the scaffolder writes when it knows the municipalities; staff must rewrite it."""
    return f"{' och '.join(names)} {DEFAULT_SUMMARY_PHRASE} {title.rstrip('.!?')}."


@dataclass
class RuleResult:
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)


def check_rules(values: dict[str, Any], source: SourceFile, slug: str, shown_as: str, html: str) -> RuleResult:
    """Rules that relate fields to each other and to the text (`html`: the body as rendered)."""
    result = RuleResult()

    def report(path: str, message: str, line: int | None = None) -> None:
        result.problems.append(Problem(shown_as, line or source.line(path), path, message))

    published, deadline = values.get("published"), values.get("deadline")
    if published and deadline and deadline < published:
        report("deadline", f"sista svarsdag {deadline} ligger före publiceringsdagen {published}; "
                           "rätta något av datumen")
    if values.get("example_source") and not values.get("example"):
        report("example_source", "gäller bara exempel; lägg till example: true eller ta bort fältet")
    if slug in values.get("related", ()):
        report("related", "en utmaning kan inte vara relaterad till sig själv")
    meeting_ids: dict[str, int] = {}
    for index, event in enumerate(values.get("events", []), start=1):
        if event.get("id") in meeting_ids:
            report(f"events[{index}].id", f"'{event['id']}' är redan id för möte {meeting_ids[event['id']]}; "
                                          "ge varje möte ett eget id")
        elif event.get("id"):
            meeting_ids[event["id"]] = index
        if event.get("end_time") and not event.get("time"):
            report(f"events[{index}].end_time", "sluttid kräver att starttid (time) också anges")
        elif event.get("end_time") and event["end_time"] <= event.get("time", ""):
            report(f"events[{index}].end_time", "sluttiden ska vara senare än starttiden")
    if not source.body.strip():
        report("brödtext", "texten saknas; skriv under front matter vad utmaningen handlar om, till exempel "
                           "under rubrikerna Bakgrund och Utmaningen", source.body_line)

    unfinished: list[Problem] = []
    summary = values.get("summary")
    if isinstance(summary, str) and DEFAULT_SUMMARY_PHRASE in summary:
        unfinished.append(Problem(shown_as, source.line("summary"), "summary",
                                  "är fortfarande mallens förslag; skriv en egen sammanfattning med en eller "
                                  "två meningar om behovet"))
    unfinished += empty_headings(source.body, source.body_line, shown_as, html)
    if values.get("status") is Status.DRAFT:
        result.notices += unfinished
    else:
        result.problems += unfinished
    return result


class _Outline(HTMLParser):
    """Headings of rendered HTML: (level, text, whether anything follows before the next one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[list[Any]] = []  # [level, text, has content]
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append([int(tag[1]), "", False])
            self._in_heading = True
        elif tag in ("img", "hr", "table") and self.headings and not self._in_heading:
            self._content()

    def handle_endtag(self, tag: str) -> None:
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.headings[-1][1] += data
        elif data.strip() and self.headings:
            self._content()

    def _content(self) -> None:
        # Text counts for the last heading and for every higher one it sits under.
        level = self.headings[-1][0] + 1
        for heading in reversed(self.headings):
            if heading[0] < level:
                heading[2] = True
                level = heading[0]


def empty_headings(body: str, first_line: int, shown_as: str, html: str) -> list[Problem]:
    """Headings without text, and headings with nothing under them before the next heading."""
    outline = _Outline()
    outline.feed(html)
    outline.close()
    lines = _heading_lines(body)
    if len(lines) != len(outline.headings):
        lines = [0] * len(outline.headings)
    problems = []
    for (_level, text, has_content), line in zip(outline.headings, lines, strict=True):
        text = " ".join(text.split())
        if not text:
            problems.append(Problem(shown_as, first_line + line, "brödtext",
                                    "rubriken saknar text; skriv en rubrik efter #-tecknen eller ta bort raden"))
        elif not has_content:
            problems.append(Problem(shown_as, first_line + line, "brödtext",
                                    f"rubriken '{text}' har ingen text under sig; skriv vad som hör dit eller "
                                    "ta bort rubriken"))
    return problems


def _heading_lines(body: str) -> list[int]:
    """0-based lines of the ATX headings (`## Rubrik`) outside fenced code."""
    result, fence = [], ""
    for number, line in enumerate(body.split("\n")):
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)[:3]
        elif _ATX_HEADING.match(line):
            result.append(number)
    return result
