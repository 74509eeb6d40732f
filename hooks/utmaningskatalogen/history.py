"""The change history of files, read from git at build time.

One `git log` call covers a whole folder, however many files it holds; the challenges' old
versions come from one `git cat-file --batch` process besides it, never a process per file. A
tree without git history (a downloaded archive), a folder outside any repository and a machine
without git all give an empty history: the site then simply shows no change history, and no
error. What of it is public is decided in `changelog.py`.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

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


History = Mapping[str, Sequence["Revision"]]


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


@dataclass(frozen=True)
class Revision:
    """One commit's version of one challenge file."""

    commit: str
    when: datetime  # the commit time, with its offset
    subject: str  # the commit message's first line, as written
    text: str | None  # the file after the commit; None when the commit deleted it
    touched: frozenset[str]  # the slugs of every challenge file the commit touched, this one too
    # The oldest commit of a shallow clone: it seems to add every file, so it says what the file
    # was then, not what changed.
    boundary: bool = False

    @property
    def day(self) -> date:
        return self.when.astimezone(STOCKHOLM).date()


def challenge_history(challenges_dir: Path) -> dict[str, list[Revision]]:
    """Every version of every challenge file, keyed by slug, newest first: one `git log` with
    the blob ids of each change, and one `git cat-file --batch` for the blobs."""
    command = [*_GIT, "-C", str(challenges_dir), "log", "-z", "--no-merges", "--no-renames", "--relative",
               "--raw", "--no-abbrev", f"--format={_RECORD}%H{_FIELD}%cI{_FIELD}%P{_FIELD}%s", "--", "."]
    output = _git(command)
    if not output:
        return {}
    shallow = _git([*_GIT, "-C", str(challenges_dir), "rev-parse", "--is-shallow-repository"]) == "true\n"
    commits = parse_raw_log(output, shallow=shallow)
    blobs = _blobs(challenges_dir, {blob for _, _, _, files, _ in commits for blob in files.values() if blob})
    history: dict[str, list[Revision]] = {}
    for commit, when, subject, files, boundary in commits:
        touched = frozenset(files)
        for slug, blob in files.items():
            text = blobs.get(blob) if blob else None
            history.setdefault(slug, []).append(Revision(commit, when, subject, text, touched, boundary))
    for revisions in history.values():
        revisions.sort(key=lambda revision: revision.when, reverse=True)
    return history


# Commit, time, subject, slug → its new blob (None: deleted), and whether it is a shallow boundary.
RawCommit = tuple[str, datetime, str, dict[str, str | None], bool]


def parse_raw_log(output: str, *, shallow: bool = False) -> list[RawCommit]:
    """Parse `git log -z --raw`: each commit and the new blob of each challenge file it touched
    (None when it deleted the file). Only files directly in the folder, named *.md, count.
    In a shallow clone the commits without parents are boundaries, kept only as a baseline."""
    commits: list[RawCommit] = []
    for record in output.split(_RECORD)[1:]:
        header, _, raw = record.partition("\0")
        commit, when, parents, subject = header.split(_FIELD, 3)
        files: dict[str, str | None] = {}
        tokens = raw.split("\0")
        for meta, name in zip(tokens[::2], tokens[1::2], strict=False):  # a last lone token is padding
            parts = meta.strip().split()
            if len(parts) < 5 or not name.endswith(".md") or "/" in name or name.startswith(("_", ".")):
                continue
            if name == "README.md":
                continue
            new_blob = parts[3]
            files[name.removesuffix(".md")] = None if parts[4].startswith("D") or not new_blob.strip("0") \
                else new_blob
        if files:
            commits.append((commit, datetime.fromisoformat(when), subject.strip(), files, shallow and not parents))
    return commits


def _blobs(root: Path, wanted: set[str]) -> dict[str, str]:
    """The text of each blob, all read by one `git cat-file --batch` process."""
    if not wanted:
        return {}
    ordered = sorted(wanted)
    try:
        result = subprocess.run([*_GIT, "-C", str(root), "cat-file", "--batch"], check=False, capture_output=True,
                                input="".join(f"{blob}\n" for blob in ordered).encode("ascii"))
    except OSError:
        return {}
    if result.returncode != 0:
        return {}
    data, position, found = result.stdout, 0, {}
    for blob in ordered:
        end = data.index(b"\n", position)
        header = data[position:end].split()
        position = end + 1
        if len(header) != 3:  # '<blob> missing'
            continue
        size = int(header[2])
        found[blob] = data[position:position + size].decode("utf-8", errors="replace")
        position += size + 1
    return found


class Dated(Protocol):
    @property
    def day(self) -> date: ...


def last_update(challenge: Challenge, changes: Sequence[Dated]) -> date | None:
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
