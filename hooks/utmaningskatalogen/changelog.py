"""The change history suppliers read: what changed in each commit, field by field, in Swedish.

Built from the versions `history.challenge_history` reads from git. Only what was public is
ever shown:

- A version counts only when it was public at its commit: not a draft, and its `published`
  day had come (by the commit's day and by today). Commits to a draft or to an embargoed
  version are never listed; their edits simply become part of what was first published.
- Each listed commit says what changed since the last public version, field by field, with
  the labels of `schema.LABELS`, the status labels of `statuses.py` and the dates of `dates.py`.
- The oldest commit of a shallow clone is not listed either: it only says what the file was.
- A commit message is shown only when staff wrote it (not "Update x.md" or another default of
  GitHub, Decap CMS or git) **and** every challenge file the commit touched is published today
  and was public in that commit. A message of a commit that also touched a draft or an
  embargoed challenge could name it, so it is shown nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .dates import STOCKHOLM, sv_date
from .frontmatter import parse_front_matter
from .history import Revision
from .schema import CHALLENGE_FIELDS, LABELS, Field, Kind
from .statuses import Status

# Changes a supplier acts on: shown at the top of the page ("Senaste ändringar").
NOTABLE_FIELDS = frozenset({"deadline", "deadline_time", "open_until_further_notice", "status", "faq"})
BODY = "body"
PUBLISHED = "Utmaningen publicerades"
# Fields whose change is not news in itself: `updated` only dates another change.
_NOT_SHOWN = frozenset({"updated"})
# Values short enough to quote in "… ändrad från X till Y".
_QUOTED_KINDS = frozenset({Kind.DATE, Kind.STATUS, Kind.TIME, Kind.INTEGER, Kind.EMAIL, Kind.URL, Kind.KEY,
                           Kind.BOOLEAN})
_SHORT_TEXT = 100

# Subject lines that tools write on their own: GitHub's web editor and upload, merges, reverts,
# Decap CMS ('Update Challenges “slug”'), squash-merge suffixes like ' (#12)'.
_DEFAULT_MESSAGE = re.compile(
    r"""^(?:
        (?:create|update|updated|delete|deleted|add|added|edit|edited|upload|uploaded|remove|removed)\s+
            \S+\.(?:md|markdown|ya?ml)
      | rename\s+\S+\s+to\s+\S+
      | add\s+files\s+via\s+upload
      | (?:create|update|delete|publish|unpublish)\s+\w+\s+[“"'].*[”"']
      | merge\s+(?:pull\s+request|branch|remote-tracking\s+branch|tag)\b.*
      | revert\s+".*"
      | initial\s+commit
      | apply\s+suggestions?\s+from\s+code\s+review
      | (?:fixup|squash|amend)!.*
      | wip
    )(?:\s+\(\#\d+\))?$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class FieldChange:
    """One sentence of the history, without a final full stop: 'Status ändrad från Behov till …'."""

    field: str  # the front matter field, or 'body' for the text
    text: str

    @property
    def sentence(self) -> str:
        """The text as a sentence: with a full stop unless it ends in one, or in '?' or '!'."""
        return self.text if self.text.endswith((".", "?", "!")) else f"{self.text}."


@dataclass(frozen=True)
class HistoryEntry:
    """One commit as suppliers see it."""

    commit: str
    when: datetime
    changes: tuple[FieldChange, ...]
    message: str | None = None  # a staff-written message that is safe to show
    first: bool = False  # the first public version: "Utmaningen publicerades"
    status: Status | None = None  # the status the commit left the challenge in

    @property
    def day(self) -> date:
        """The day of the change in Sweden."""
        return self.when.astimezone(STOCKHOLM).date()

    @property
    def notable_changes(self) -> tuple[FieldChange, ...]:
        """Changes of deadline, status or answers after publication."""
        return () if self.first else tuple(c for c in self.changes if c.field in NOTABLE_FIELDS)


def is_default_message(subject: str) -> bool:
    """Whether a commit subject was written by a tool rather than by staff."""
    return not subject.strip() or bool(_DEFAULT_MESSAGE.match(subject.strip()))


def public_history(history: Mapping[str, Sequence[Revision]], published: frozenset[str],
                   today: date) -> dict[str, list[HistoryEntry]]:
    """The history of each published challenge, newest first."""
    parsed: dict[str | None, dict[str, Any] | None] = {}  # the same text in several commits is read once
    versions = {(slug, r.commit): parsed[r.text] if r.text in parsed else parsed.setdefault(r.text, _version(r))
                for slug, revisions in history.items() for r in revisions}
    public = {(slug, r.commit): _is_public(versions[(slug, r.commit)], r.day, today)
              for slug, revisions in history.items() for r in revisions}

    def message_shown(revision: Revision) -> bool:
        return not is_default_message(revision.subject) and all(
            slug in published and public.get((slug, revision.commit), False) for slug in revision.touched)

    entries: dict[str, list[HistoryEntry]] = {}
    for slug in published:
        found: list[HistoryEntry] = []
        previous: dict[str, Any] | None = None
        for revision in reversed(history.get(slug, ())):
            version = versions[(slug, revision.commit)]
            if version is None:
                continue
            if revision.boundary or not public[(slug, revision.commit)]:
                if _status(version) not in (None, Status.DRAFT):  # embargoed: part of what is first published
                    previous = version
                continue
            first = previous is None
            changes = (FieldChange("published", PUBLISHED),) if previous is None else field_changes(previous, version)
            previous = version
            if changes:
                message = revision.subject if message_shown(revision) else None
                found.append(HistoryEntry(revision.commit, revision.when, changes, message, first=first,
                                          status=_status(version)))
        entries[slug] = found[::-1]
    return entries


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    """What changed between two versions, in the order of the schema, the text last."""
    changes: list[FieldChange] = []
    for spec in CHALLENGE_FIELDS:
        before, after = old.get(spec.name), new.get(spec.name)
        if spec.name in _NOT_SHOWN or before == after:
            continue
        if spec.name == "faq":
            changes += _faq_changes(before, after)
        else:
            changes.append(FieldChange(spec.name, _sentence(spec, before, after)))
    if str(old.get(BODY, "")).strip() != str(new.get(BODY, "")).strip():
        changes.append(FieldChange(BODY, "Texten ändrad"))
    return tuple(changes)


def _sentence(spec: Field, before: Any, after: Any) -> str:
    label = LABELS.get(spec.name, spec.name)
    if spec.kind in _QUOTED_KINDS or (spec.kind is Kind.TEXT and (spec.max_length or 1000) <= _SHORT_TEXT):
        if before is None:
            return f"{label} tillagd: {_shown(spec, after)}"
        if after is None:
            return f"{label} borttagen (var {_shown(spec, before)})"
        return f"{label} ändrad från {_shown(spec, before)} till {_shown(spec, after)}"
    return f"Ändrat: {label}"


def _shown(spec: Field, value: Any) -> str:
    if spec.kind is Kind.DATE:
        try:
            return sv_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if spec.kind is Kind.STATUS:
        status = _as_status(value)
        return status.label if status else str(value)
    if spec.kind is Kind.TEXT:
        return f"”{value}”"
    if spec.kind is Kind.BOOLEAN:
        return "ja" if value is True else "nej" if value is False else str(value)
    return str(value)


def _faq_changes(before: Any, after: Any) -> list[FieldChange]:
    old, new = _answers(before), _answers(after)
    changes = [FieldChange("faq", f"Ny fråga besvarad: {q}") for q in new if q not in old]
    changes += [FieldChange("faq", f"Svaret ändrat på frågan: {q}") for q in new if q in old and old[q] != new[q]]
    changes += [FieldChange("faq", f"Fråga borttagen: {q}") for q in old if q not in new]
    return changes


def _answers(value: Any) -> dict[str, str]:
    items = value if isinstance(value, list) else []
    return {str(item.get("question", "")).strip(): str(item.get("answer", "")).strip()
            for item in items if isinstance(item, dict)}


def _version(revision: Revision) -> dict[str, Any] | None:
    """The front matter and body of a version; None when deleted or unreadable."""
    if revision.text is None:
        return None
    source, problems = parse_front_matter(revision.text, "history")
    if source is None or problems:
        return None
    return {**source.data, BODY: source.body}


def _is_public(version: dict[str, Any] | None, day: date, today: date) -> bool:
    if version is None or _status(version) in (None, Status.DRAFT):
        return False
    try:
        published = date.fromisoformat(str(version.get("published")))
    except ValueError:
        return False
    return published <= min(day, today)


def _status(version: dict[str, Any]) -> Status | None:
    return _as_status(version.get("status"))


def _as_status(value: Any) -> Status | None:
    return next((s for s in Status if s.value == value), None)
