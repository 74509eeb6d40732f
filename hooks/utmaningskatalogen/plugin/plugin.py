"""The MkDocs plugin: a thin layer between MkDocs and the catalogue core.

All catalogue logic lives in the core (no MkDocs imports there). This class only reads its
settings, turns content problems into a failed build, adds the generated pages and the theme
files to MkDocs, fills markers in hand-written pages, and writes exports.
"""

from __future__ import annotations

import functools
import gc
import html
import os
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from markdown.extensions.toc import nest_toc_tokens
from markdown.extensions.toc import slugify as default_slugify
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from .. import paths
from ..catalogue import Catalogue, build_time, catalogue_today
from ..cms import ADMIN_DIR, write_admin
from ..content import load_content
from ..dates import sv_date
from ..exports.writer import MISSING_SITE_URL, export_plan, write_exports
from ..guide import MARKER, Guide
from ..history import challenge_history, last_changes
from ..markdown_text import Heading, headings
from ..pages import GeneratedPage, PageRenderer, Preview
from ..parallel import Background
from ..problems import ContentError
from ..publication import Publication
from ..search_index import PageText, PendingIndex, SearchRecords
from ..security import AllowedScripts, policy
from ..vocabulary import VOCABULARY_FILE
from .config import CatalogueConfig, swedish_problems
from .settings import shown_folder
from .theme_markup import valid_material_markup

log = get_plugin_logger(__name__)

PREVIEW_VARIABLE = "CATALOGUE_PREVIEW"
# The address the site is published at, when the host decides it (GitHub Pages in CI).
SITE_URL_VARIABLE = "CATALOGUE_SITE_URL"
# Material overrides (CSP, feeds, footer, 404) and the catalogue's CSS and scripts.
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
STYLESHEET = "assets/katalog.css"


@dataclass
class _Build:
    """State of one build; made anew in on_config because `mkdocs serve` keeps the plugin."""

    challenges_dir: Path
    shown_dir: str
    docs_dir: Path
    shown_docs: str
    root: Path
    catalogue: Catalogue | None = None
    # Docs page (src_uri) → the day of its last commit, for "Senast uppdaterad".
    pages_updated: dict[str, date] = field(default_factory=dict)
    # The last commit to _vocabularies.yml: names and descriptions on list pages come from it.
    vocabularies_updated: date | None = None
    # Page (src_uri) → the last change of its content, for the sitemap's <lastmod>.
    lastmod: dict[str, date] = field(default_factory=dict)
    guide: Guide | None = None
    renderer: PageRenderer | None = None
    publication: Publication | None = None
    # Generated pages by src_uri: their HTML goes straight into the page, past Markdown.
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    inline_scripts: AllowedScripts = field(default_factory=AllowedScripts)
    # Pages other than challenges, as rendered, for the search index (challenges come from the core).
    search_pages: list[PageText] = field(default_factory=list)
    # The exports and the search index, written in other processes while MkDocs converts and writes the pages.
    exports: Background[int] | None = None
    search_index: PendingIndex | None = None


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self._build: _Build | None = None

    def load_config(self, options: dict[str, Any],
                    config_file_path: str | None = None) -> tuple[ConfigErrors, ConfigWarnings]:
        errors, warnings = super().load_config(options, config_file_path)
        # Every problem is an error: MkDocs prints each and stops before building anything.
        return swedish_problems(errors, warnings), []

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("Katalogen kräver use_directory_urls: true i mkdocs.yml.")
        # What the last build froze (`mkdocs serve` builds again in this process) may be collected now.
        gc.unfreeze()
        root = Path(config.config_file_path).parent
        challenges_dir = (root / self.config.challenges_dir).resolve()
        docs_dir = Path(config.docs_dir).resolve()
        self._build = _Build(challenges_dir=challenges_dir, shown_dir=shown_folder(challenges_dir, root),
                             docs_dir=docs_dir, shown_docs=shown_folder(docs_dir, root), root=root)
        # `mkdocs serve` rebuilds when a challenge or the vocabularies change.
        if str(challenges_dir) not in [str(folder) for folder in config.watch]:
            config.watch.append(str(challenges_dir))
        if self.config.edit_url:
            # A full URL as template: no repo_url, which would call GitHub's API from every visit.
            config.edit_uri_template = self.config.edit_url.rstrip("/") + "/{path}"
        if os.environ.get(SITE_URL_VARIABLE, "").strip():
            config.site_url = os.environ[SITE_URL_VARIABLE].strip().rstrip("/") + "/"
        # After the site's own custom_dir, so a network can still override a template of ours.
        dirs = config.theme.dirs
        if str(THEME_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        if STYLESHEET not in [str(css) for css in config.extra_css]:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        build = self._state()
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
        if self.command == "serve" and os.environ.get(PREVIEW_VARIABLE) == "1":
            preview = Preview(catalogue.held_back)
            log.warning("Förhandsvisning: %d utkast och embargo visas. Publicera aldrig den här versionen.",
                        len(preview.challenges))
        log.info("%s (i dag = %s)", catalogue.summary(), today.isoformat())
        for line in catalogue.notice_lines():
            log.info(line)
        build.catalogue, build.guide = catalogue, guide
        _freeze_what_lasts_the_build()
        build.publication = self._publication(catalogue, config, build)
        # Challenge bodies come rendered from validation (bodysafety.py): what was checked is shown.
        build.renderer = PageRenderer(catalogue, preview, stage_urls=guide.stage_urls(),
                                      publication=build.publication, has_follow_page=guide.has(paths.FOLLOW_PAGE))
        # From here on the other core writes the exports and Pagefind indexes the challenges.
        _start_writing(build, files, config)

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
            build.generated[page.src_uri] = page
        _freeze_what_lasts_the_build()
        return files

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        """A generated page skips Markdown altogether: MkDocs would convert an empty text with a new
        Python-Markdown instance per page (a tenth of a 2000-challenge build) to no effect."""
        generated = self._state().generated.get(page.file.src_uri)
        if generated is not None:
            page.render = functools.partial(_render_generated, page, generated)  # type: ignore[method-assign]
        return page

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page gets its metadata from the core and no Markdown at all; a hand-written
        page gets its title and description escaped and its last-change day."""
        build = self._state()
        generated = build.generated.get(page.file.src_uri)
        if generated is not None:
            page.meta = dict(generated.meta)
            return ""
        guide = build.guide
        assert guide is not None
        # The metadata the catalogue validated, never what MkDocs would have read itself.
        page.meta = guide.meta(page.file.src_uri)
        if last_commit_day := build.pages_updated.get(page.file.src_uri):
            page.meta["catalogue_updated"] = sv_date(last_commit_day)
        # Material prints page titles and descriptions without escaping.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = html.escape(page.meta[key])
        return markdown

    def on_page_content(self, content: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's HTML from the core; in a hand-written page, the HTML for each
        `<!-- katalog: … -->` marker (Markdown passes the comment through) and a stage's list."""
        build = self._state()
        renderer, guide = build.renderer, build.guide
        assert renderer is not None and guide is not None
        src_uri = page.file.src_uri
        generated = build.generated.get(src_uri)
        if generated is not None:
            if generated.kind != "challenge":
                build.search_pages.append(PageText(page.url, html.unescape(generated.meta["title"]), generated.html))
            _note_lastmod(build, src_uri, generated.lastmod,
                          build.vocabularies_updated if generated.kind != "challenge" else None)
            return generated.html
        fillers = {
            "öppna-utmaningar": lambda: renderer.open_list(src_uri),
            "fältreferens": renderer.field_reference,
            "vanliga-fel": renderer.common_mistakes,
            "bevaka-länkar": lambda: renderer.follow_links(src_uri),
            "återkoppling": lambda: renderer.feedback(src_uri, self.config.editorial_email),
        }
        # Unknown markers cannot get here: validation of the page (load_guide) rejects them.
        filled = MARKER.sub(lambda match: fillers[match.group(1)](), content)
        guide_page = guide.pages.get(src_uri)
        if guide_page is not None and guide_page.stage is not None:
            filled += renderer.stage_list(guide_page.stage, src_uri)
        if "<h1" not in filled:
            filled = _title_heading(str(page.meta.get("title") or page.title or ""), filled, config) + filled
        if filled != content:
            page.toc = _toc(headings(filled))
        _note_lastmod(build, src_uri, build.pages_updated.get(src_uri), renderer.listed_changes.get(src_uri))
        if not _excluded_from_search(page):
            title = page.meta.get("title") if isinstance(page.meta.get("title"), str) else page.title
            build.search_pages.append(PageText(page.url, html.unescape(str(title or "")), filled))
        return filled

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        build = self._state()
        _freeze_what_lasts_the_build()
        _date_pages(files, build.lastmod)
        # Every page is converted now: the index gets the pages that are not challenges.
        if build.search_index is not None and build.publication is not None:
            build.search_index.add(SearchRecords(build.publication.catalogue).pages(build.search_pages))
            build.search_index.finish()
        # theme/main.html writes the policy early in <head>; on_post_page adds the page's hashes.
        env.globals["content_security_policy"] = policy()
        # theme/main.html: the nav of pages outside it, rendered once per depth in this build.
        env.globals["catalogue_nav_cache"] = {}
        # theme/main.html: Material's blocks that depend only on the path to the site root, likewise.
        env.globals["catalogue_block_cache"] = {}
        footer = [(path, text) for path, source, text in paths.FOOTER_PAGES if files.get_file_from_path(source)]
        env.globals["catalogue_footer_links"] = footer
        # "Ansvarig för sidan" on every page but a challenge's, which names its contact person.
        env.globals["catalogue_editorial"] = {"name": self.config.editorial_name, "email": self.config.editorial_email}
        if paths.ACCESSIBILITY_STATEMENT not in [path for path, _text in footer]:
            log.info("docs/tillganglighet.md saknas: en offentlig webbplats ska länka till en "
                     "tillgänglighetsredogörelse från varje sida (lagen om tillgänglighet till digital "
                     "offentlig service).")
        return env

    # Last, so that the hashes cover every inline script that other plugins may have added.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self._state().inline_scripts.fill_policy(valid_material_markup(output),
                                                        live_reload=self.command == "serve")

    # Last, for the same reason as on_post_page: the 404 page is a theme template, not a page.
    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return self._state().inline_scripts.fill_policy(valid_material_markup(output_content),
                                                        live_reload=self.command == "serve")

    # Last, so that _headers lists the hashes of every page that on_post_page has seen.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self._state()
        publication = build.publication
        assert publication is not None
        exports, pending = build.exports, build.search_index
        assert exports is not None and pending is not None  # on_files started both
        build.exports = None
        try:
            count = exports.result()
        except RuntimeError as error:
            raise PluginError(f"Öppna data, flöden och kalendrar kunde inte skrivas: {error}") from None
        log.info("%d filer med öppna data, flöden och kalendrar skrivna", count)
        editor = {"edit_url": self.config.edit_url, "cms": dict(self.config.cms)}
        log.info(write_admin(Path(config.site_dir), publication.catalogue.vocabularies, editor,
                             node_modules=build.root / "node_modules", site_url=publication.site_url))
        waited = time.perf_counter()
        try:
            stats = pending.wait()
        except RuntimeError as error:
            raise PluginError(str(error)) from None
        finally:
            build.search_index = None
        log.info("Sökindex: %d sidor på %.1f s (bygget väntade %.1f s på det), %d filer, %d kB", stats.records,
                 stats.seconds, time.perf_counter() - waited, stats.files, stats.bytes // 1000)
        # Written last, not copied from docs/: only now are every page's inline-script hashes and
        # every top-level file and folder known.
        site = Path(config.site_dir)
        top_level = [f"{p.name}/" if p.is_dir() else p.name for p in site.iterdir() if p.name != "_headers"]
        (site / "_headers").write_text(build.inline_scripts.headers_file(top_level, own_policy=[f"{ADMIN_DIR}/"]),
                                       encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        build = self._build
        if build is not None and build.exports is not None:
            build.exports.cancel()
            build.exports = None
        if build is not None and build.search_index is not None:
            build.search_index.cancel()
            build.search_index = None

    def _publication(self, catalogue: Catalogue, config: MkDocsConfig, build: _Build) -> Publication:
        """Where the site is published, the challenges' git history and the build time."""
        try:
            generated = build_time()
        except ValueError as error:
            raise PluginError(str(error)) from None
        history = challenge_history(build.challenges_dir)
        if not history:
            log.info("Ingen git-historik för %s: utmaningarna visas utan ändringshistorik.", build.shown_dir)
        site_url = config.site_url.rstrip("/") + "/" if config.site_url else ""
        return Publication(catalogue, site_url=site_url, site_name=config.site_name, generated=generated,
                           history=history, ocid_prefix=self.config.ocid_prefix)

    def _state(self) -> _Build:
        if self._build is None:
            raise PluginError("Katalogens plugin kördes utan on_config.")
        return self._build


def _freeze_what_lasts_the_build() -> None:
    """The catalogue, its pages and MkDocs' pages live until the build ends: Python's collector
    need not look through them again each time it runs (7 % of a 10 000-challenge build, growing
    faster than the catalogue). Freed as usual when nothing refers to them; only cycles among them
    wait for the next build's `gc.unfreeze()` in on_config."""
    gc.freeze()


def _start_writing(build: _Build, files: Files, config: MkDocsConfig) -> None:
    """Start the exports and the search index on the other core as soon as the content is
    known, so they are done by the time MkDocs has written the pages. MkDocs copies docs/'
    static files later: one that would take the place of an export or of the index fails the
    build, for it would overwrite what the catalogue wrote or be overwritten by it."""
    publication = build.publication
    assert publication is not None
    if not publication.site_url:
        raise PluginError(MISSING_SITE_URL)
    plan = export_plan(publication)
    reserved = {*plan, "_headers"}
    for file in files:
        if file.is_documentation_page():
            continue
        if file.dest_uri in reserved or file.dest_uri.startswith(paths.SEARCH_INDEX):
            raise PluginError(f"{build.shown_docs}/{file.src_uri} krockar med {file.dest_uri} som katalogen "
                              "skriver; byt namn på eller ta bort filen i docs/.")
    # Only published challenges: `Publication` holds no other.
    build.exports = Background(functools.partial(write_exports, plan, Path(config.site_dir)))
    build.search_index = _start_index(build, config)


def _start_index(build: _Build, config: MkDocsConfig) -> PendingIndex:
    """Start writing the search index from published content only: the renderer's bodies are
    those of the published challenges (SearchRecords takes no other); on_env adds the pages."""
    renderer, publication = build.renderer, build.publication
    assert renderer is not None and publication is not None
    bodies = {c.slug: renderer.body(c) for c in publication.catalogue.published}
    return PendingIndex(Path(config.site_dir), SearchRecords(publication.catalogue).challenges(bodies))


def _render_generated(page: Page, generated: GeneratedPage, config: MkDocsConfig, files: Files) -> None:
    """Page.render for a generated page: its HTML comes in on_page_content; its table of contents
    and anchors (for MkDocs' check of links into the page) come from that HTML now."""
    found = generated.headings
    page.content = ""
    page.toc = _toc(found)
    page.present_anchor_ids = set(re.findall(r'\bid="([^"]+)"', generated.html))
    page.links_to_anchors = {}


def _excluded_from_search(page: Page) -> bool:
    """A page whose front matter says `search: {exclude: true}` (Material's setting) stays out."""
    setting = page.meta.get("search")
    return isinstance(setting, dict) and setting.get("exclude") is True


def _title_heading(title: str, content: str, config: MkDocsConfig) -> str:
    """The page's title as its <h1>, with an id, for a page whose Markdown has none: Material would
    write one without an id, and its skip link (to the first heading in the table of contents)
    would then skip the title and the introduction. `title` is already HTML-escaped."""
    slugify = config.mdx_configs.get("toc", {}).get("slugify") or default_slugify
    taken = set(re.findall(r'\bid="([^"]+)"', content))
    anchor = slugify(html.unescape(title), "-") or "sidan"
    while anchor in taken:
        anchor += "-sidan"
    return f'<h1 id="{anchor}">{title}</h1>\n'


def _toc(found: list[Heading]) -> TableOfContents:
    """The page's table of contents from the headings of its final HTML, nested by level."""
    return get_toc(nest_toc_tokens([{"level": h.level, "id": h.id, "name": h.title} for h in found]))


def _generated_file(page: GeneratedPage, config: MkDocsConfig) -> File:
    # Challenge, municipality and area pages stay out of the nav: it is rendered into
    # every page, so listing them there would make the build quadratic.
    in_nav = page.src_uri.endswith("index.md")
    # No content for MkDocs to read: on_page_markdown and on_page_content give it the page.
    file = File.generated(config, page.src_uri, content="",
                          inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
    if page.source_path:
        file.edit_uri = page.source_path
    return file


def _link_docs_to_sources(files: Files, build: _Build) -> None:
    """Edit links and last-change days for hand-written pages, from their real source files, and
    the last change of the vocabularies (one `git log` for all of them)."""
    inside_project = not os.path.isabs(build.shown_docs)
    vocabularies = f"{build.shown_dir}/{VOCABULARY_FILE}"
    sources = [build.shown_docs] + ([] if os.path.isabs(build.shown_dir) else [vocabularies])
    history = last_changes(build.root, sources) if inside_project else {}
    if history.get(vocabularies):
        build.vocabularies_updated = history[vocabularies][0].day
    for file in files.documentation_pages():
        source = f"{build.shown_docs}/{file.src_uri}"
        file.edit_uri = source if inside_project else None
        if history.get(source):
            build.pages_updated[file.src_uri] = history[source][0].day


def _note_lastmod(build: _Build, src_uri: str, *days: date | None) -> None:
    """A page's last content change: the latest of the days given (its file, what it lists)."""
    known = [day for day in days if day is not None]
    if known:
        build.lastmod[src_uri] = max(known)


def _date_pages(files: Files, lastmod: dict[str, date]) -> None:
    """The sitemap's <lastmod> for each page is its last content change, not the build's date
    (MkDocs' default); a page with no known change (no git, nothing listed) gets none. MkDocs
    also dates sitemap.xml.gz by the latest of them, so that file is reproducible too. Only a
    site with no date at all keeps MkDocs' build date, which that file needs."""
    if not lastmod:
        return
    for file in files.documentation_pages():
        if file.page is not None:
            day = lastmod.get(file.src_uri)
            file.page.update_date = day.isoformat() if day else ""
