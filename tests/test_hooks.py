"""The MkDocs adapter, on a config built with load_dict and its events called directly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from support import TEST_TODAY, challenge_text, new_challenges_dir, plugin_config
from utmaningskatalogen.plugin import CataloguePlugin
from utmaningskatalogen.plugin.config import PLUGIN_NAME


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MkDocsConfig:
    monkeypatch.setenv("CATALOGUE_TODAY", TEST_TODAY)
    monkeypatch.delenv("CATALOGUE_PREVIEW", raising=False)
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "publicerad.md").write_text(challenge_text(title="Publicerad"), encoding="utf-8")
    (folder / "utkast.md").write_text(challenge_text(title="Hemligt utkast", status="draft"), encoding="utf-8")
    return plugin_config(tmp_path, challenges_dir="challenges")[0]


@pytest.fixture
def plugin(config: MkDocsConfig) -> Iterator[CataloguePlugin]:
    found = config.plugins[PLUGIN_NAME]
    assert isinstance(found, CataloguePlugin)
    yield found
    # on_files started the exports and the search index; no build follows to wait for them.
    found.on_build_error(error=RuntimeError("test over"))


def generated(files: Files) -> dict[str, object]:
    return {f.src_uri: f for f in files if f.generated_by is not None}


def test_published_challenges_become_pages_outside_the_nav_with_edit_link_to_the_source(config: MkDocsConfig, plugin: CataloguePlugin) -> None:
    files = generated(plugin.on_files(Files([]), config=config))
    page = files["utmaningar/publicerad.md"]
    assert page.inclusion is InclusionLevel.NOT_IN_NAV
    assert page.edit_uri == "challenges/publicerad.md"
    assert files["utmaningar/index.md"].inclusion is InclusionLevel.UNDEFINED
    assert files["kommuner/ystad.md"].inclusion is InclusionLevel.NOT_IN_NAV
    assert "utmaningar/utkast.md" not in files


def test_drafts_never_appear_in_a_build_even_when_preview_is_asked(config: MkDocsConfig, plugin: CataloguePlugin,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOGUE_PREVIEW", "1")
    files = plugin.on_files(Files([]), config=config)
    assert "utmaningar/utkast.md" not in generated(files)
    pages = [rendered(plugin, config, files, file.src_uri) for file in generated(files).values()]
    assert pages and not any("Hemligt utkast" in html for html in pages)


def test_serve_with_preview_shows_drafts_marked_as_drafts(config: MkDocsConfig, plugin: CataloguePlugin,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOGUE_PREVIEW", "1")
    plugin.on_startup(command="serve", dirty=False)
    files = plugin.on_files(Files([]), config=plugin.on_config(config))
    assert "<strong>UTKAST</strong>" in rendered(plugin, config, files, "utmaningar/utkast.md")


def test_content_errors_are_logged_one_per_line_and_fail_the_build(config: MkDocsConfig, plugin: CataloguePlugin, tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "challenges" / "trasig.md").write_text(challenge_text(status="öppen", areas=["xyz"]),
                                                       encoding="utf-8")
    with pytest.raises(PluginError, match="2 fel i innehållet"):
        plugin.on_files(Files([]), config=config)
    # The plugin logger prefixes every message with the plugin's name.
    errors = [r.getMessage().split(": ", 1)[1] for r in caplog.records if r.levelname == "ERROR"]
    assert [e.split(": ")[:2] for e in errors] == [["challenges/trasig.md:4", "status"],
                                                   ["challenges/trasig.md:8", "det första området i listan (areas)"]]


def test_build_log_counts_published_drafts_and_embargoes(config: MkDocsConfig, plugin: CataloguePlugin, tmp_path: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "challenges" / "senare.md").write_text(challenge_text(published="2027-01-10"), encoding="utf-8")
    caplog.set_level("INFO")
    plugin.on_files(Files([]), config=config)
    assert ("utmaningskatalogen: 1 utmaning publicerad, 1 utkast, 1 under embargo till 2027-01-10 (senare) "
            "(i dag = 2026-12-01)" in caplog.messages)


def test_marker_in_a_hand_written_page_becomes_the_open_list(config: MkDocsConfig, plugin: CataloguePlugin, tmp_path: Path) -> None:
    (tmp_path / "challenges" / "dialog.md").write_text(
        challenge_text(title="Öppen dialog", status="dialogue", deadline="2027-01-31"), encoding="utf-8")
    files = plugin.on_files(Files([]), config=config)
    html = rendered(plugin, config, files, "index.md", "Före\n\n<!-- katalog: öppna-utmaningar -->\n")
    assert 'data-slug="dialog"' in html and 'href="utmaningar/dialog/"' in html
    assert 'data-slug="publicerad"' not in html


def rendered(plugin: CataloguePlugin, config: MkDocsConfig, files: Files, src_uri: str, markdown: str = "") -> str:
    """A page's main content as the plugin's page events make it, Markdown converted as MkDocs does."""
    file = files.get_file_from_path(src_uri) or File(src_uri, config.docs_dir, config.site_dir, True)
    page = plugin.on_pre_page(Page(None, file, config), config=config, files=files)
    page.markdown = plugin.on_page_markdown(markdown, page=page, config=config, files=files)
    page.render(config, files)
    return plugin.on_page_content(page.content or "", page=page, config=config, files=files)


def test_home_list_shows_the_nearest_deadlines_and_links_to_all_open_past_twelve(config: MkDocsConfig, plugin: CataloguePlugin,
                                                                                  tmp_path: Path) -> None:
    for day in range(1, 16):
        (tmp_path / "challenges" / f"dialog-{day:02d}.md").write_text(
            challenge_text(status="dialogue", deadline=f"2027-01-{day:02d}"), encoding="utf-8")
    files = plugin.on_files(Files([]), config=config)
    html = rendered(plugin, config, files, "index.md", "<!-- katalog: öppna-utmaningar -->")
    assert re.findall(r'data-slug="([^"]+)"', html) == [f"dialog-{day:02d}" for day in range(1, 13)]
    assert '<a href="utmaningar/?open=1">Se alla 15 utmaningar som är öppna för svar</a>' in html


def test_generated_pages_give_mkdocs_no_markdown_or_front_matter_to_read(config: MkDocsConfig,
                                                                         plugin: CataloguePlugin) -> None:
    files = generated(plugin.on_files(Files([]), config=config))
    assert files and all(file.content_string == "" for file in files.values())


def test_a_challenge_page_is_html_from_the_core_with_its_table_of_contents(config: MkDocsConfig,
                                                                          plugin: CataloguePlugin) -> None:
    files = plugin.on_files(Files([]), config=config)
    page = plugin.on_pre_page(Page(None, files.get_file_from_path("utmaningar/publicerad.md"), config),
                              config=config, files=files)
    page.markdown = plugin.on_page_markdown("", page=page, config=config, files=files)
    page.render(config, files)
    html = plugin.on_page_content(page.content or "", page=page, config=config, files=files)
    assert page.meta["title"] == "Publicerad" and html.startswith('<h1 id="publicerad">Publicerad</h1>')
    [title] = page.toc.items
    assert [item.id for item in title.children][:2] == ["viktiga-datum", "kontakt"]


def test_a_body_heading_never_takes_the_id_of_a_section_of_the_page(config: MkDocsConfig, plugin: CataloguePlugin,
                                                                    tmp_path: Path) -> None:
    (tmp_path / "challenges" / "krock.md").write_text(
        challenge_text(body="## Kontakt\n\nRing oss.\n\n## Bakgrund\n\nText.\n"), encoding="utf-8")
    files = plugin.on_files(Files([]), config=config)
    html = rendered(plugin, config, files, "utmaningar/krock.md")
    assert re.findall(r'<h2 id="([^"]+)">Kontakt</h2>', html) == ["kontakt", "kontakt-text"]
    assert '<h2 id="bakgrund">Bakgrund</h2>' in html


def test_a_build_without_site_url_fails_before_any_page_is_written(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The exports start with the content (they need the site's full address), before MkDocs writes a page.
    monkeypatch.setenv("CATALOGUE_TODAY", TEST_TODAY)
    monkeypatch.delenv("CATALOGUE_SITE_URL", raising=False)
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "a.md").write_text(challenge_text(), encoding="utf-8")
    config, plugin = plugin_config(tmp_path, site_url=None, challenges_dir="challenges")
    with pytest.raises(PluginError, match=r"site_url saknas i mkdocs\.yml"):
        plugin.on_files(Files([]), config=config)
