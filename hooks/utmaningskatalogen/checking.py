"""`make check`: every file checked as the build checks it, unchanged files known from the last run.

Checking a challenge (reading its front matter, rendering its text and allowlisting the HTML)
takes a few milliseconds; a national catalogue has thousands. A file that passed is remembered
in `.cache/utmaningskatalogen/check.json` by the SHA-256 of its name and text, together with
everything else its result depends on: the vocabularies, the set of challenge names (for
`related`), this package's code and the versions of Python-Markdown and nh3. An unchanged file
is then not checked again; a changed one, or any change to those, checks it anew. Files with
problems are never remembered, so their messages are always fresh.

Only `make check` reads the cache, to answer quickly. The build never does: it checks every
text on what the browser gets, every time, so a stale or tampered cache can at worst make
`make check` say "Inga fel" for a file the build then stops at. The cache is plain JSON.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from .catalogue import challenge_files, check_file, notice_lines, summary_line
from .frontmatter import read_text
from .guide import load_guide
from .parallel import split_map
from .problems import ContentError, Problem
from .statuses import Status
from .vocabulary import load_vocabularies

CACHE_FILE = Path(".cache", "utmaningskatalogen", "check.json")
_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class CheckReport:
    notices: tuple[Problem, ...]  # what drafts still lack, for the log
    summary: str  # as Catalogue.summary says it

    def notice_lines(self) -> list[str]:
        return notice_lines(self.notices)


@dataclass(frozen=True)
class _Passed:
    status: str
    published: str
    notices: list[list[Any]]  # [line, field, message] each


def check_content(challenges_dir: Path, docs_dir: Path, today: date, shown_challenges: str = "challenges",
                  shown_docs: str = "docs", cache_file: Path | None = None) -> CheckReport:
    """Check every challenge and page like load_content; raise `ContentError` with all problems."""
    vocabularies, problems = load_vocabularies(challenges_dir, shown_challenges)
    candidates, found_in_names = challenge_files(challenges_dir, shown_challenges)
    problems += found_in_names
    try:
        load_guide(docs_dir, shown_docs)
    except ContentError as error:
        problems += error.problems
    if vocabularies is None:
        raise ContentError(problems)

    context = _context(repr(vocabularies), sorted(candidates), shown_challenges)
    known = _load(cache_file, context)
    passed: dict[str, _Passed] = {}
    keys: dict[str, str] = {}
    for slug, path in candidates.items():
        text, _ = read_text(path, f"{shown_challenges}/{path.name}")
        if text is not None:
            keys[slug] = hashlib.sha256(f"{path.name}\0{text}".encode()).hexdigest()
            if keys[slug] in known:
                passed[slug] = known[keys[slug]]
    check = functools.partial(check_file, shown_dir=shown_challenges, vocabularies=vocabularies,
                              known_slugs=set(candidates))
    unknown = [(slug, path) for slug, path in candidates.items() if slug not in passed]
    for (slug, _path), (found, challenge, noticed) in zip(unknown, split_map(check, unknown), strict=True):
        problems += found
        if challenge is not None and not found and slug in keys:
            passed[slug] = _Passed(challenge.status.value, challenge.published.isoformat(),
                                   [[n.line, n.field, n.message] for n in noticed])
    if problems:
        raise ContentError(problems)

    if cache_file is not None:
        _save(cache_file, context, {keys[slug]: entry for slug, entry in passed.items()})
    notices = tuple(sorted(Problem(f"{shown_challenges}/{candidates[slug].name}", line, field, message)
                           for slug, entry in passed.items() for line, field, message in entry.notices))
    published = drafts = 0
    embargoes = []
    for slug, entry in passed.items():
        day = date.fromisoformat(entry.published)
        if entry.status == Status.DRAFT.value:
            drafts += 1
        elif day <= today:
            published += 1
        else:
            embargoes.append((day, slug))
    return CheckReport(notices, summary_line(published, drafts, embargoes))


def _context(vocabularies: str, slugs: list[str], shown_dir: str) -> str:
    """Everything besides a file's own text that its result depends on."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    versions = [metadata.version(name) for name in ("markdown", "nh3")]
    digest.update(json.dumps([_FORMAT, versions, vocabularies, slugs, shown_dir]).encode())
    return digest.hexdigest()


def _load(cache_file: Path | None, context: str) -> dict[str, _Passed]:
    """What passed in the last run with the same context; nothing if the file is missing or odd."""
    if cache_file is None:
        return {}
    try:
        stored = json.loads(cache_file.read_text(encoding="utf-8"))
        if stored.get("context") != context:
            return {}
        passed = {key: _Passed(Status(entry["status"]).value, date.fromisoformat(entry["published"]).isoformat(),
                               [[int(line), str(field), str(message)] for line, field, message in entry["notices"]])
                  for key, entry in stored["passed"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return passed


def _save(cache_file: Path, context: str, passed: dict[str, _Passed]) -> None:
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"context": context, "passed": {
            key: {"status": entry.status, "published": entry.published, "notices": entry.notices}
            for key, entry in passed.items()}}), encoding="utf-8")
        os.replace(temporary, cache_file)
    except OSError:
        pass  # a read-only checkout checks everything every time
