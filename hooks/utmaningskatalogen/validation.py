"""Check one challenge file and build a `Challenge` from it.

Every problem is collected, none raised, so staff see all their mistakes in one run. Three
concerns, each in its own module: the schema walk (`schemawalk.py`), the rules across fields
and over the text (`rules.py`) and the safety of Markdown text (`bodysafety.py`).
"""

from __future__ import annotations

from typing import Any

from .bodysafety import body_problems, findings, render, too_heavy
from .frontmatter import SourceFile
from .model import Challenge, CoFunding, Contact, Document, Event, Phase, Procurement, Question
from .problems import Problem
from .rules import check_rules
from .schema import CHALLENGE_FIELDS
from .schemawalk import PLACEHOLDER, SchemaWalk, suggest
from .statuses import Status
from .vocabulary import Vocabularies

__all__ = ["PLACEHOLDER", "body_problems", "check_challenge", "suggest", "validate_challenge"]


def validate_challenge(
    source: SourceFile, slug: str, shown_as: str, vocabularies: Vocabularies, slugs: set[str]
) -> tuple[Challenge | None, list[Problem]]:
    """Check everything in one file; a `Challenge` comes back only when nothing is wrong."""
    challenge, problems, _ = check_challenge(source, slug, shown_as, vocabularies, slugs)
    return challenge, problems


def check_challenge(
    source: SourceFile, slug: str, shown_as: str, vocabularies: Vocabularies, slugs: set[str]
) -> tuple[Challenge | None, list[Problem], list[Problem]]:
    """(challenge or None, problems, notices): notices are for the build log, such as what a draft
    still lacks before it may be published."""
    walk = SchemaWalk(source, shown_as, vocabularies, slugs)
    raw_status = source.data.get("status")
    status = Status(raw_status) if isinstance(raw_status, str) and raw_status in {s.value for s in Status} else None
    values = walk.mapping(source.data, CHALLENGE_FIELDS, "", status)
    if heavy := too_heavy(source.body, source.body_line, shown_as):  # rendering it would hang the check
        return None, walk.problems + heavy, []
    html = render(source.body)
    rules = check_rules(values, source, slug, shown_as, html, walk.problems)
    problems = walk.problems + rules.problems + _located(findings(html), source, shown_as)
    if problems or source.flagged:  # the reader's own problems are reported by the caller
        return None, problems, rules.notices
    return _build(values, slug, shown_as, source.body, html), [], rules.notices


def _located(found: list[Any], source: SourceFile, shown_as: str) -> list[Problem]:
    # Rendering once serves both the rules and the safety check; lines are found only on error.
    return body_problems(source.body, source.body_line, shown_as) if found else []


def _build(values: dict[str, Any], slug: str, shown_as: str, body: str, body_html: str) -> Challenge:
    def many(key: str, kind: type) -> tuple[Any, ...]:
        return tuple(kind(**item) for item in values.get(key, []))

    procurement = values.get("procurement")
    return Challenge(
        slug=slug,
        source_path=shown_as,
        body=body,
        body_html=body_html,
        contact=Contact(**values["contact"]),
        procurement=Procurement(**procurement) if procurement else None,
        events=tuple(sorted(many("events", Event), key=lambda e: (e.date, e.time or ""))),
        documents=many("documents", Document),
        faq=many("faq", Question),
        other_contacts=many("other_contacts", Contact),
        phases=many("phases", Phase),
        co_funding=many("co_funding", CoFunding),
        **{k: v for k, v in values.items() if k not in _BUILT},
    )


# Groups and lists of groups, made into their own objects above.
_BUILT = frozenset({"contact", "procurement", "events", "documents", "faq", "other_contacts", "phases", "co_funding"})
