"""Load every challenge file, decide what is published, and order the catalogue."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from .dates import STOCKHOLM, start_of
from .frontmatter import read_front_matter
from .model import Challenge
from .parallel import split_map
from .problems import ContentError, Problem
from .schema import SLUG_PATTERN
from .sources import entry_problem, walk
from .statuses import Status
from .validation import check_challenge
from .vocabulary import Vocabularies, load_vocabularies

TODAY_VARIABLE = "CATALOGUE_TODAY"
SOURCE_DATE_VARIABLE = "SOURCE_DATE_EPOCH"
# Names that look like a challenge meant as Markdown but would not be read as one.
_MARKDOWN_LOOKALIKES = re.compile(r"\.(md|markdown|mdown|mkd|txt)$", re.I)


def catalogue_today(environ: Mapping[str, str] = os.environ) -> date:
    """Today in Sweden, or the date in CATALOGUE_TODAY (for tests and reproducible builds)."""
    fixed = environ.get(TODAY_VARIABLE, "").strip()
    if not fixed:
        return datetime.now(STOCKHOLM).date()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        raise ValueError(f"{TODAY_VARIABLE}={fixed!r} är inget datum på formen ÅÅÅÅ-MM-DD") from None


def build_time(environ: Mapping[str, str] = os.environ) -> datetime:
    """When this build counts as made, in Stockholm time: for "generated" stamps in exports.

    Never the wall clock when it can be avoided, so that two builds of the same content give the
    same bytes: SOURCE_DATE_EPOCH (the reproducible-builds convention) wins, then the start of
    CATALOGUE_TODAY, and only then the current time.
    """
    epoch = environ.get(SOURCE_DATE_VARIABLE, "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), STOCKHOLM)
        except ValueError:
            raise ValueError(f"{SOURCE_DATE_VARIABLE}={epoch!r} är inget heltal (sekunder sedan 1970)") from None
    if environ.get(TODAY_VARIABLE, "").strip():
        return start_of(catalogue_today(environ))
    return datetime.now(STOCKHOLM).replace(microsecond=0)


def slugify(text: str) -> str:
    """A valid slug from any text: å/ä→a, ö→o, é→e, everything else to dashes."""
    text = text.lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass(frozen=True)
class Catalogue:
    """The published challenges in catalogue order, and those held back."""

    today: date
    vocabularies: Vocabularies
    published: tuple[Challenge, ...]
    held_back: tuple[Challenge, ...]
    # For the build log: what drafts still lack before they may be published.
    notices: tuple[Problem, ...] = ()

    @property
    def drafts(self) -> tuple[Challenge, ...]:
        return tuple(c for c in self.held_back if c.status is Status.DRAFT)

    @property
    def embargoed(self) -> tuple[Challenge, ...]:
        return tuple(c for c in self.held_back if c.status is not Status.DRAFT)

    def get(self, slug: str) -> Challenge | None:
        return next((c for c in self.published if c.slug == slug), None)

    def open_for_responses(self) -> tuple[Challenge, ...]:
        return tuple(c for c in self.published if c.is_open(self.today))

    def in_municipality(self, key: str) -> tuple[Challenge, ...]:
        return tuple(c for c in self.published if key in c.municipalities)

    def in_area(self, key: str) -> tuple[Challenge, ...]:
        return tuple(c for c in self.published if key in c.areas)

    def in_status(self, status: Status) -> tuple[Challenge, ...]:
        return tuple(c for c in self.published if c.status is status)

    def notice_lines(self) -> list[str]:
        """The notices as lines for the build log and `make check`."""
        return notice_lines(self.notices)

    def summary(self) -> str:
        """For the build log: e.g. '12 utmaningar publicerade, 1 utkast, 1 under embargo till 2027-01-10'."""
        return summary_line(len(self.published), len(self.drafts), [(c.published, c.slug) for c in self.embargoed])


def notice_lines(notices: Iterable[Problem]) -> list[str]:
    return [f"{notice} (utkast: rätta det innan utmaningen publiceras)" for notice in notices]


def summary_line(published: int, drafts: int, embargoes: list[tuple[date, str]]) -> str:
    """How many are published, drafts, and each embargo (its day and slug), as Catalogue.summary says it."""
    parts = [f"{published} {'utmaning publicerad' if published == 1 else 'utmaningar publicerade'}"]
    if drafts:
        parts.append(f"{drafts} utkast")
    for day, slug in sorted(embargoes):
        parts.append(f"1 under embargo till {day.isoformat()} ({slug})")
    return ", ".join(parts)


def catalogue_order(challenges: list[Challenge], today: date) -> tuple[Challenge, ...]:
    """Open for responses first, nearest deadline first, then dialogues open until further notice
    (newest first); then the rest by status, newest first."""

    def key(challenge: Challenge) -> tuple[int, int, int, str]:
        responses = challenge.responses(today)
        if responses.days_left is not None:
            return (0, responses.days_left, 0, challenge.title)
        if responses.is_open:
            return (1, 0, -challenge.published.toordinal(), challenge.title)
        return (2, challenge.status.rank, -challenge.published.toordinal(), challenge.title)

    return tuple(sorted(challenges, key=key))


def load_catalogue(challenges_dir: Path, today: date, shown_dir: str = "challenges") -> Catalogue:
    """Read, validate and sort every challenge; raise `ContentError` with all problems found."""
    vocabularies, problems = load_vocabularies(challenges_dir, shown_dir)
    candidates, problems_in_names = challenge_files(challenges_dir, shown_dir)
    problems += problems_in_names
    if vocabularies is None:
        raise ContentError(problems)

    # Read and check each file on its own (half of them in a second process when there are many).
    known_slugs = set(candidates)
    check = functools.partial(check_file, shown_dir=shown_dir, vocabularies=vocabularies, known_slugs=known_slugs)
    challenges = []
    notices: list[Problem] = []
    for found, challenge, noticed in split_map(check, list(candidates.items())):
        problems += found
        notices += noticed
        if challenge:
            challenges.append(challenge)
    if problems:
        raise ContentError(problems)

    published = [c for c in challenges if c.is_published(today)]
    held_back = [c for c in challenges if not c.is_published(today)]
    return Catalogue(
        today=today,
        vocabularies=vocabularies,
        published=catalogue_order(published, today),
        held_back=tuple(sorted(held_back, key=lambda c: c.slug)),
        notices=tuple(sorted(notices)),
    )


def check_file(candidate: tuple[str, Path], shown_dir: str, vocabularies: Vocabularies,
                known_slugs: set[str]) -> tuple[list[Problem], Challenge | None, list[Problem]]:
    """(problems, the challenge when there are none, notices) of one challenge file."""
    slug, path = candidate
    shown_as = f"{shown_dir}/{path.name}"
    source, problems = read_front_matter(path, shown_as)
    if source is None:
        return problems, None, []
    challenge, found, notices = check_challenge(source, slug, shown_as, vocabularies, known_slugs)
    return problems + found, challenge, notices


def challenge_files(challenges_dir: Path, shown_dir: str) -> tuple[dict[str, Path], list[Problem]]:
    """Every file that is a challenge by the contract; misnamed ones are problems, never skipped."""
    files: dict[str, Path] = {}
    problems = []
    for entry in walk(challenges_dir):
        path, relative = entry.path, PurePosixPath(entry.relative)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        shown_as = f"{shown_dir}/{entry.relative}"
        if path.name == "README.md" and len(relative.parts) == 1:
            continue
        if not _MARKDOWN_LOOKALIKES.search(path.name.strip()):
            continue
        if (problem := entry_problem(path, challenges_dir, shown_as)) is not None:
            problems.append(problem)
            continue
        if len(relative.parts) > 1:
            problems.append(Problem(shown_as, 1, "filnamn", "utmaningar ska ligga direkt i mappen "
                                    f"{shown_dir}/, inte i en undermapp; flytta filen"))
            continue
        stem, suffix = path.name.rsplit(".", 1)
        if suffix != "md":
            problems.append(Problem(shown_as, 1, "filnamn", f"filändelsen .{suffix} läses inte som en "
                                    f"utmaning; döp om filen till {slugify(stem) or 'namn'}.md"))
            continue
        if not re.match(SLUG_PATTERN, stem):
            problems.append(Problem(shown_as, 1, "filnamn", f"'{stem}' duger inte som filnamn; det blir "
                                    "sidans adress och får bara ha små bokstäver a–z, siffror och enkla "
                                    f"bindestreck (inga å, ä, ö eller mellanslag); menade du "
                                    f"'{slugify(stem)}.md'?"))
            continue
        files[stem] = path
    return files, problems
