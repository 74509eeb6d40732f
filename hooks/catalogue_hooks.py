"""MkDocs hooks: the thin layer between MkDocs and the catalogue core.

All catalogue logic lives in `utmaningskatalogen` (no MkDocs imports there). This file only
reads settings from `mkdocs.yml`, turns content problems into a failed build, adds the
generated pages to MkDocs' files, fills markers in hand-written pages, and writes exports.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

# The hooks folder is on sys.path only while this module loads: import the core now.
from utmaningskatalogen.catalogue import Catalogue, build_time, catalogue_today
from utmaningskatalogen.content import load_content
from utmaningskatalogen.guide import MARKER, Guide
from utmaningskatalogen.exports.writer import MISSING_SITE_URL, write_exports
from utmaningskatalogen.history import challenge_history, last_changes
from utmaningskatalogen.pages import GeneratedPage, PageRenderer, Preview, sv_date
from utmaningskatalogen.problems import ContentError
from utmaningskatalogen.publication import DEFAULT_OCID_PREFIX, Publication, checked_ocid_prefix
from utmaningskatalogen.security import AllowedScripts, policy

log = get_plugin_logger(__name__)

PREVIEW_VARIABLE = "CATALOGUE_PREVIEW"
# The address the site is published at, when the host decides it (GitHub Pages in CI).
SITE_URL_VARIABLE = "CATALOGUE_SITE_URL"


@dataclass
class _Build:
    """State of one build; replaced in on_config because `mkdocs serve` keeps this module."""

    challenges_dir: Path
    shown_dir: str
    docs_dir: Path
    shown_docs: str
    root: Path
    catalogue: Catalogue | None = None
    # Docs page (src_uri) → the day of its last commit, for "Senast uppdaterad".
    pages_updated: dict[str, date] = field(default_factory=dict)
    guide: Guide | None = None
    renderer: PageRenderer | None = None
    publication: Publication | None = None
    inline_scripts: AllowedScripts = field(default_factory=AllowedScripts)


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
    docs_dir = Path(config.docs_dir).resolve()
    _build = _Build(challenges_dir=challenges_dir, shown_dir=_shown(challenges_dir, root),
                    docs_dir=docs_dir, shown_docs=_shown(docs_dir, root), root=root)
    edit_url = str(settings.get("edit_url") or "").strip()
    if edit_url:
        if not edit_url.startswith("https://"):
            raise PluginError("extra.catalogue.edit_url i mkdocs.yml ska börja med https://")
        # A full URL as template: no repo_url, which would call GitHub's API from every visit.
        config.edit_uri_template = edit_url.rstrip("/") + "/{path}"
    if os.environ.get(SITE_URL_VARIABLE, "").strip():
        config.site_url = os.environ[SITE_URL_VARIABLE].strip().rstrip("/") + "/"
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _state()
    try:
        today = catalogue_today()
        catalogue, guide = load_content(build.challenges_dir, build.docs_dir, today, build.shown_dir,
                                        build.shown_docs)
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
    for line in catalogue.notice_lines():
        log.info(line)
    build.catalogue, build.guide = catalogue, guide
    build.publication = _publication(catalogue, config, build)
    build.renderer = PageRenderer(catalogue, preview, stage_urls=guide.stage_urls(), publication=build.publication)

    _link_docs_to_sources(files, build)
    # Hand-written pages reach MkDocs without front matter: only the catalogue reads and checks it.
    for file in files.documentation_pages():
        try:
            file.content_string = guide.markdown(file.src_uri)
        except KeyError:
            raise PluginError(f"{build.shown_docs}/{file.src_uri} har inte kontrollerats av katalogen") from None
    for page in build.renderer.render_all():
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"docs/{page.src_uri} krockar med en sida som katalogen skapar; "
                              "byt namn på eller ta bort filen i docs/.")
        files.append(_generated_file(page, config))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Escape staff-written titles, fill `<!-- katalog: … -->` markers, list a stage's challenges."""
    build = _state()
    renderer, guide = build.renderer, build.guide
    assert renderer is not None and guide is not None
    if page.file.generated_by is not None:
        return markdown
    # The metadata the catalogue validated, never what MkDocs would have read itself.
    page.meta = guide.meta(page.file.src_uri)
    if last_commit_day := build.pages_updated.get(page.file.src_uri):
        page.meta["catalogue_updated"] = sv_date(last_commit_day)
    # Material prints page titles and descriptions without escaping.
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html.escape(page.meta[key])

    src_uri = page.file.src_uri
    fillers = {
        "öppna-utmaningar": lambda: renderer.open_list(src_uri),
        "fältreferens": renderer.field_reference,
        "vanliga-fel": renderer.common_mistakes,
        "bevaka-länkar": lambda: renderer.follow_links(src_uri),
    }
    # Unknown markers cannot get here: validation of the page (load_guide) rejects them.
    markdown = MARKER.sub(lambda match: fillers[match.group(1)](), markdown)
    guide_page = guide.pages.get(src_uri)
    if guide_page is not None and guide_page.stage is not None:
        markdown += renderer.stage_list(guide_page.stage, src_uri)
    return markdown


def on_env(env: object, config: MkDocsConfig, files: Files) -> object:
    # overrides/main.html writes the policy early in <head>; on_post_page adds the page's hashes.
    env.globals["content_security_policy"] = policy()  # type: ignore[attr-defined]
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _state().inline_scripts.fill_policy(output, live_reload=_command == "serve")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, not a page: it gets its hashes here."""
    if not template_name.endswith(".html"):
        return output_content
    return _state().inline_scripts.fill_policy(output_content, live_reload=_command == "serve")


def on_post_build(config: MkDocsConfig) -> None:
    # Written, not copied from docs/: only the build knows every page's inline-script hashes.
    Path(config.site_dir, "_headers").write_text(_state().inline_scripts.headers_file(), encoding="utf-8")
    publication = _state().publication
    assert publication is not None
    if not publication.site_url:
        raise PluginError(MISSING_SITE_URL)
    count = write_exports(publication, Path(config.site_dir))
    log.info("%d filer med öppna data, flöden och kalendrar skrivna", count)


def _generated_file(page: GeneratedPage, config: MkDocsConfig) -> File:
    # Challenge, municipality and area pages stay out of the nav: it is rendered into
    # every page, so listing them there would make the build quadratic.
    in_nav = page.src_uri.endswith("index.md")
    file = File.generated(config, page.src_uri, content=page.markdown,
                          inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
    if page.source_path:
        file.edit_uri = page.source_path
    return file


def _publication(catalogue: Catalogue, config: MkDocsConfig, build: _Build) -> Publication:
    """Where the site is published, the challenges' git history and the build time, for pages and exports."""
    settings = config.extra.get("catalogue", {})
    try:
        ocid_prefix = checked_ocid_prefix(settings.get("ocid_prefix", DEFAULT_OCID_PREFIX))
        generated = build_time()
    except ValueError as error:
        raise PluginError(str(error)) from None
    history = challenge_history(build.challenges_dir)
    if not history:
        log.info("Ingen git-historik för %s: utmaningarna visas utan ändringshistorik.", build.shown_dir)
    site_url = config.site_url.rstrip("/") + "/" if config.site_url else ""
    return Publication(catalogue, site_url=site_url, site_name=config.site_name, generated=generated,
                       history=history, ocid_prefix=ocid_prefix)


def _link_docs_to_sources(files: Files, build: _Build) -> None:
    """Edit links and last-change days for hand-written pages, from their real source files."""
    inside_project = not os.path.isabs(build.shown_docs)
    history = last_changes(build.root, [build.shown_docs]) if inside_project else {}
    for file in files.documentation_pages():
        source = f"{build.shown_docs}/{file.src_uri}"
        file.edit_uri = source if inside_project else None
        if history.get(source):
            build.pages_updated[file.src_uri] = history[source][0].day


def _shown(folder: Path, root: Path) -> str:
    """How a folder is named in messages: relative to mkdocs.yml when inside the project."""
    relative = os.path.relpath(folder, root).replace(os.sep, "/")
    return str(folder) if relative.startswith("..") else relative


def _state() -> _Build:
    if _build is None:
        raise PluginError("Katalogens hook kördes utan on_config.")
    return _build
