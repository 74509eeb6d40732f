"""The hand-written pages in docs/: validated like challenges, and tied to the statuses.

Every page needs a title and a description. A guide page that describes a step of the
working model names its `stage` (a public status); each public status has exactly one such
page, so every status label on a challenge can link to the guide, and every stage page can
list the challenges now in that stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .bodysafety import body_problems
from .frontmatter import SourceFile, read_front_matter
from .problems import ContentError, Problem
from .schemawalk import suggest
from .sources import entry_problem, walk
from .statuses import Status, meant_hint

# `<!-- katalog: name -->` in a page is replaced at build time by generated content.
MARKER = re.compile(r"<!--\s*katalog:\s*([\w-]+)\s*-->")
MARKERS = {
    "öppna-utmaningar": "utmaningarna som är öppna för svar",
    "fältreferens": "referensen över alla fält i en utmaning",
    "vanliga-fel": "vanliga fel i en utmaning med kontrollens egna meddelanden",
    "bevaka-länkar": "adresserna till alla flöden, kalendrar och öppna data",
    "återkoppling": "vart läsaren skriver med synpunkter (editorial_email i mkdocs.yml)",
}
# Keys a page may carry: ours, plus the Material settings pages use (`hide`, `search`).
PAGE_KEYS = ("title", "description", "stage", "hide", "search")
TITLE_MAX = 100
DESCRIPTION_MAX = 200
# What Material can hide on a page, and its per-page search settings.
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
SEARCH_KEYS = ("exclude", "boost")


@dataclass(frozen=True)
class GuidePage:
    src_uri: str
    title: str
    description: str
    stage: Status | None = None
    # The page's metadata as the catalogue read and checked it: all MkDocs gets (see `Guide.markdown`).
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    body: str = field(default="", compare=False)

    @property
    def url(self) -> str:
        """The page's directory URL relative to the site root ('' for the home page)."""
        return page_url(self.src_uri)


@dataclass(frozen=True)
class Guide:
    pages: dict[str, GuidePage]

    def stage_page(self, status: Status) -> GuidePage | None:
        return next((p for p in self.pages.values() if p.stage is status), None)

    def has(self, path: str) -> bool:
        """Whether the guide has the page at `path` ('bevaka/' is bevaka.md or bevaka/index.md)."""
        stem = path.rstrip("/")
        return f"{stem}.md" in self.pages or f"{stem}/index.md" in self.pages

    def stage_urls(self) -> dict[Status, str]:
        return {p.stage: p.url for p in self.pages.values() if p.stage is not None}

    def markdown(self, src_uri: str) -> str:
        """What MkDocs reads for a page: its body only, so MkDocs never parses front matter itself.

        The leading blank line keeps MkDocs from taking a first line such as `---` or `Obs: text`
        for metadata of its own. Raises KeyError for a page the catalogue did not read.
        """
        return "\n" + self.pages[src_uri].body

    def meta(self, src_uri: str) -> dict[str, Any]:
        """A fresh copy of the page's checked metadata, for MkDocs' `page.meta`."""
        return dict(self.pages[src_uri].meta)


def page_url(src_uri: str) -> str:
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def load_guide(docs_dir: Path, shown_dir: str = "docs") -> Guide:
    """Read and check the front matter of every Markdown page; raise `ContentError` on problems."""
    pages: dict[str, GuidePage] = {}
    problems: list[Problem] = []
    stage_lines: dict[Status, tuple[str, int]] = {}
    for entry in walk(docs_dir):
        path, src_uri = entry.path, entry.relative
        if any(part.startswith(".") for part in Path(src_uri).parts) or not path.name.strip().endswith(".md"):
            continue
        shown_as = f"{shown_dir}/{src_uri}"
        if (problem := entry_problem(path, docs_dir, shown_as)) is not None:
            problems.append(problem)
            continue
        source, found = read_front_matter(path, shown_as)
        problems += found
        if source is None:
            continue
        page, found = _check_page(source, src_uri, shown_as)
        problems += found + body_problems(source.body, source.body_line, shown_as)
        problems += _marker_problems(source, shown_as)
        if page is None:
            continue
        pages[src_uri] = page
        if page.stage is not None:
            if page.stage in stage_lines:
                first, _ = stage_lines[page.stage]
                problems.append(Problem(shown_as, source.line("stage"), "stage",
                                        f"{first} beskriver redan skedet {page.stage.value} "
                                        f"({page.stage.label}); bara en sida per skede, ta bort stage på den ena"))
            else:
                stage_lines[page.stage] = (shown_as, source.line("stage"))
    # A guide to the working model covers every stage, so that each status label can link to its
    # stage; a network whose site has no such guide (no page with `stage`) shows labels unlinked.
    for status in Status:
        if stage_lines and status.is_public and status not in stage_lines:
            problems.append(Problem(f"{shown_dir}/", 1, "stage",
                                    f"ingen sida beskriver skedet {status.value} ({status.label}); lägg till "
                                    f"'stage: {status.value}' i front matter på guidesidan om det skedet"))
    if problems:
        raise ContentError(problems)
    return Guide(pages)


def _check_page(source: SourceFile, src_uri: str, shown_as: str) -> tuple[GuidePage | None, list[Problem]]:
    problems: list[Problem] = []

    def report(field: str, message: str, line: int | None = None) -> None:
        problems.append(Problem(shown_as, line or source.line(field), field, message))

    for key in source.data:
        if key not in PAGE_KEYS:
            guess = suggest(key, PAGE_KEYS)
            hint = f"menade du '{guess}'? " if guess else ""
            report(key, f"'{key}' är inget känt fält för en sida; {hint}kända fält: {', '.join(PAGE_KEYS)}")
    texts = {}
    for key_name, limit in (("title", TITLE_MAX), ("description", DESCRIPTION_MAX)):
        value = source.data.get(key_name)
        if value is None:
            report(key_name, f"fältet saknas men krävs på varje sida; skriv {key_name}: följt av "
                          f"{'sidans rubrik' if key_name == 'title' else 'en eller två meningar om sidan'}", 1)
        elif not isinstance(value, str) or not value.strip():
            report(key_name, "ska vara en text som inte är tom")
        elif len(value.strip()) > limit:
            report(key_name, f"är {len(value.strip())} tecken lång; högst {limit} tecken får plats, korta texten")
        elif key_name == "title" and "\n" in value.strip():
            report(key_name, "ska stå på en enda rad")
        else:
            texts[key_name] = " ".join(value.split())
    _check_material_settings(source, report)
    stage = None
    if "stage" in source.data:
        raw = source.data["stage"]
        public = [s.value for s in Status if s.is_public]
        if raw in public:
            stage = Status(raw)
        else:
            hint = meant_hint(str(raw), (s for s in Status if s.is_public))
            report("stage", f"'{raw}' är inget skede; {hint}använd en av: "
                            + ", ".join(f"{s.value} ({s.label})" for s in Status if s.is_public))
    if problems:
        return None, problems
    meta = {key: value for key, value in source.data.items() if key in PAGE_KEYS}
    meta.update(texts)
    return GuidePage(src_uri, texts["title"], texts["description"], stage, meta, source.body), []


def _check_material_settings(source: SourceFile, report: Any) -> None:
    """`hide` and `search` reach Material as written, so they are checked like every other field."""
    hide = source.data.get("hide")
    if hide is not None:
        if not isinstance(hide, list) or not all(isinstance(item, str) for item in hide):
            report("hide", "ska vara en lista, till exempel hide: [navigation, toc]")
        else:
            for index, item in enumerate(hide, start=1):
                if item not in HIDE_VALUES:
                    report(f"hide[{index}]", f"'{item}' går inte att dölja; använd en av: {', '.join(HIDE_VALUES)}")
    search = source.data.get("search")
    if search is not None:
        if not isinstance(search, dict):
            report("search", "ska vara en grupp av fält, till exempel search: {exclude: true}")
            return
        for key, value in search.items():
            if key not in SEARCH_KEYS:
                report(f"search.{key}", f"'{key}' är ingen inställning för sökningen; använd en av: "
                                        + ", ".join(SEARCH_KEYS))
            elif key == "exclude" and not isinstance(value, bool):
                report("search.exclude", "ska vara true eller false")
            elif key == "boost" and (isinstance(value, bool) or not isinstance(value, (int, float))
                                     or not 0 < value <= 10):
                report("search.boost", "ska vara ett tal större än 0 och högst 10, till exempel 2")


def _marker_problems(source: SourceFile, shown_as: str) -> list[Problem]:
    known = ", ".join(f"'katalog: {name}' ({what})" for name, what in MARKERS.items())
    return [Problem(shown_as, source.body_line + source.body.count("\n", 0, match.start()), "markör",
                    f"'katalog: {match.group(1)}' är ingen känd markör; kända är {known}")
            for match in MARKER.finditer(source.body) if match.group(1) not in MARKERS]
