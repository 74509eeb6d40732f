"""Rules across fields and over the whole text: what the pages promise about a challenge.

`check_rules` gives errors; for a draft, the rules about unfinished writing (the scaffolder's
default summary, a heading with nothing under it) give notices for the build log instead, so
that a draft can be saved half-written but never published that way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from .frontmatter import SourceFile
from .problems import Problem, ordinal
from .statuses import FINISHED_STATUSES, Status

Report = Callable[[str, str], None]

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


def check_rules(values: dict[str, Any], source: SourceFile, slug: str, shown_as: str, html: str,
                rejected: Sequence[Problem] = ()) -> RuleResult:
    """Rules that relate fields to each other and to the text (`html`: the body as rendered).
    `values` are the valid ones; `rejected` what the schema walk reported about the others."""
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
            first = ordinal(meeting_ids[event["id"]])
            report(f"events[{index}].id", f"'{event['id']}' är redan id för det {first} mötet; "
                                          "ge varje möte ett eget id")
        elif event.get("id"):
            meeting_ids[event["id"]] = index
        if event.get("end_time") and not event.get("time"):
            report(f"events[{index}].end_time", "sluttid kräver att starttid (time) också anges")
        elif event.get("end_time") and event["end_time"] <= event.get("time", ""):
            report(f"events[{index}].end_time", "sluttiden ska vara senare än starttiden")
    _timing_rules(values, report, {problem.field for problem in rejected})
    _joint_rules(values, report)
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


def _timing_rules(values: dict[str, Any], report: Report, flagged: set[str]) -> None:
    """The deadline's time, a dialogue open until further notice, and the timeline's dates.
    `flagged`: fields given with a wrong value, already reported."""
    status, deadline = values.get("status"), values.get("deadline")
    if values.get("deadline_time") and not deadline:
        report("deadline_time", "klockslaget gäller sista svarsdagen, som saknas; lägg till deadline eller ta bort "
                                "deadline_time")
    if values.get("open_until_further_notice"):
        if isinstance(status, Status) and status is not Status.DIALOGUE:
            report("open_until_further_notice", f"gäller bara status dialogue (Marknadsdialog), inte {status.value} "
                                                f"({status.label}); ta bort fältet"
                                                + (" och skriv sista svarsdag i deadline"
                                                   if status is Status.TENDER and not deadline else ""))
        elif deadline:
            report("open_until_further_notice", "en dialog som pågår tills vidare har ingen sista svarsdag; ta bort "
                                                "deadline eller open_until_further_notice")
    for index, phase in enumerate(values.get("phases", []), start=1):
        path = f"phases[{index}]"
        # What was written, valid or not: a date with a mistake of its own is not also missing.
        written = {key for key in ("date", "start", "end") if phase.get(key) is not None or f"{path}.{key}" in flagged}
        start, end = phase.get("start"), phase.get("end")
        if "date" in written and written & {"start", "end"}:
            report(path, "ange antingen date (en dag) eller start och end (en period), inte båda")
        elif not written:
            report(path, "steget saknar datum; skriv date för en enda dag eller start och end för en period")
        elif "date" not in written and len(written) == 1:
            given, missing = ("start", "end") if "start" in written else ("end", "start")
            report(f"{path}.{given}", f"en period behöver både start och end; lägg till {missing} eller skriv date "
                                      "för en enda dag")
        elif start and end and end < start:
            report(f"{path}.end", f"slutdagen {end} ligger före startdagen {start}; rätta något av datumen")


def _joint_rules(values: dict[str, Any], report: Report) -> None:
    """The leading municipality, and the figures of a finished challenge."""
    lead, municipalities = values.get("lead_municipality"), values.get("municipalities")
    if lead and municipalities and lead not in municipalities:
        report("lead_municipality", f"'{lead}' står inte i municipalities; den samordnande kommunen ska också stå "
                                    f"i listan municipalities")
    status = values.get("status")
    for name in ("responses_received", "suppliers_chosen"):
        if values.get(name) is not None and isinstance(status, Status) and status not in FINISHED_STATUSES:
            report(name, f"gäller bara en avslutad eller avbruten utmaning (completed eller cancelled), inte "
                         f"{status.value} ({status.label}); ta bort fältet tills utmaningen är avslutad")
    received, chosen = values.get("responses_received"), values.get("suppliers_chosen")
    if received is not None and chosen is not None and chosen > received:
        report("suppliers_chosen", f"{chosen} valda leverantörer är fler än de {received} svar som kom in "
                                   "(responses_received); rätta något av talen")


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
