"""The public change history of files, read from git at build time.

One `git log` call covers a whole folder, however many files it holds. A tree without git
history (a downloaded archive), a folder outside any repository and a machine without git all
give an empty history: the site then simply shows no change history, and no error.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .dates import STOCKHOLM
from .model import Challenge

# Between commits and between a commit's fields: bytes that never occur in a subject line.
_RECORD, _FIELD = "\x1e", "\x1f"
_GIT = ("git", "-c", "core.quotepath=off", "-c", "log.showSignature=false")


@dataclass(frozen=True)
class Change:
    """One commit that changed a file."""

    commit: str
    when: datetime  # the commit time, with its offset
    message: str  # the subject line

    @property
    def day(self) -> date:
        """The day of the change in Sweden."""
        return self.when.astimezone(STOCKHOLM).date()


History = Mapping[str, Sequence[Change]]


def last_changes(root: Path, paths: Sequence[str] = (".",)) -> dict[str, list[Change]]:
    """The commits that changed each file under `paths`, newest first, keyed by its path relative
    to `root` ('a/b.md'). Empty when there is no history to read."""
    command = [*_GIT, "-C", str(root), "log", "--no-merges", "--relative", "--name-only",
               f"--format={_RECORD}%H{_FIELD}%cI{_FIELD}%P{_FIELD}%s", "--", *paths]
    output = _git(command)
    if output is None:
        return {}
    # A shallow clone (CI checks out one commit by default) shows its oldest commit as adding
    # every file; that commit's list of files says nothing about the files' history.
    shallow = _git([*_GIT, "-C", str(root), "rev-parse", "--is-shallow-repository"]) == "true\n"
    return parse_log(output, shallow=shallow)


def parse_log(output: str, *, shallow: bool = False) -> dict[str, list[Change]]:
    """Parse the output of the `git log` call in `last_changes`."""
    changes: dict[str, list[Change]] = {}
    for record in output.split(_RECORD)[1:]:
        header, _, names = record.partition("\n")
        commit, when, parents, message = header.split(_FIELD, 3)
        if shallow and not parents:
            continue
        change = Change(commit, datetime.fromisoformat(when), message.strip())
        for name in names.splitlines():
            if name.strip():
                changes.setdefault(name, []).append(change)
    for found in changes.values():
        found.sort(key=lambda change: change.when, reverse=True)
    return changes


def challenge_history(challenges_dir: Path) -> dict[str, list[Change]]:
    """The changes of every challenge file, keyed by slug."""
    return {name.removesuffix(".md"): found for name, found in last_changes(challenges_dir).items()
            if name.endswith(".md") and "/" not in name}


def last_update(challenge: Challenge, changes: Sequence[Change]) -> date | None:
    """The date shown and exported as updated: the later of front matter `updated` and the last
    commit; None when there is neither."""
    candidates = [d for d in (challenge.updated, changes[0].day if changes else None) if d is not None]
    return max(candidates, default=None)


def _git(command: list[str]) -> str | None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                                check=False)
    except OSError:  # git is not installed
        return None
    return result.stdout if result.returncode == 0 else None
