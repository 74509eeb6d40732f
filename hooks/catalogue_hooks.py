"""MkDocs hooks: the thin layer between MkDocs and the catalogue core.

All catalogue logic lives in `utmaningskatalogen` (no MkDocs imports there). This file only
reads settings from `mkdocs.yml`, turns content problems into a failed build, adds the
generated pages to MkDocs' files, fills markers in hand-written pages, and writes exports.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

# The hooks folder is on sys.path only while this module loads: import the core now.
from utmaningskatalogen.catalogue import Catalogue, catalogue_today, load_catalogue
from utmaningskatalogen.pages import GeneratedPage, PageRenderer, Preview
from utmaningskatalogen.problems import ContentError

log = get_plugin_logger(__name__)

PREVIEW_VARIABLE = "CATALOGUE_PREVIEW"
_MARKER = re.compile(r"<!--\s*katalog:\s*([\w-]+)\s*-->")


@dataclass
class _Build:
    """State of one build; replaced in on_config because `mkdocs serve` keeps this module."""

    challenges_dir: Path
    shown_dir: str
    catalogue: Catalogue | None = None
    renderer: PageRenderer | None = None


_command = "build"
_build: _Build | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    if not config.use_directory_urls:
        raise PluginError("Katalogen kräver use_directory_urls: true i mkdocs.yml.")
    settings = config.extra.get("catalogue", {})
    root = Path(config.config_file_path).parent
    challenges_dir = (root / settings.get("challenges_dir", "challenges")).resolve()
    shown_dir = os.path.relpath(challenges_dir, root).replace(os.sep, "/")
    _build = _Build(challenges_dir=challenges_dir, shown_dir=shown_dir)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _state()
    try:
        today = catalogue_today()
        catalogue = load_catalogue(build.challenges_dir, today, build.shown_dir)
    except ContentError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(str(error)) from None
    except ValueError as error:
        raise PluginError(str(error)) from None

    preview = Preview()
    if _command == "serve" and os.environ.get(PREVIEW_VARIABLE) == "1":
        preview = Preview(catalogue.held_back)
        log.warning("Förhandsvisning: %d utkast och embargo visas. Publicera aldrig den här versionen.",
                    len(preview.challenges))
    log.info("%s (i dag = %s)", catalogue.summary(), today.isoformat())
    build.catalogue = catalogue
    build.renderer = PageRenderer(catalogue, preview)

    for page in build.renderer.render_all():
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"docs/{page.src_uri} krockar med en sida som katalogen skapar; "
                              "byt namn på eller ta bort filen i docs/.")
        files.append(_generated_file(page, config))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill `<!-- katalog: öppna-utmaningar -->` markers in hand-written pages."""
    renderer = _state().renderer
    assert renderer is not None
    if page.file.generated_by is not None:
        return markdown

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "öppna-utmaningar":
            return renderer.open_list(page.file.src_uri)
        line = markdown.count("\n", 0, match.start()) + 1
        raise PluginError(f"docs/{page.file.src_uri}: rad {line} i texten: okänd markör 'katalog: {name}'; "
                          "den enda som finns är 'katalog: öppna-utmaningar'")

    return _MARKER.sub(fill, markdown)


def _generated_file(page: GeneratedPage, config: MkDocsConfig) -> File:
    # Challenge, municipality and area pages stay out of the nav: it is rendered into
    # every page, so listing them there would make the build quadratic.
    in_nav = page.src_uri.endswith("index.md")
    file = File.generated(config, page.src_uri, content=page.markdown,
                          inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
    if page.source_path:
        file.edit_uri = page.source_path
    return file


def _state() -> _Build:
    if _build is None:
        raise PluginError("Katalogens hook kördes utan on_config.")
    return _build
