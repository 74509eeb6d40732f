"""The plugin's settings in mkdocs.yml: typed, and a typo fails the build naming mkdocs.yml and the key."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from mkdocs.config.defaults import MkDocsConfig
from support import CHECK, ROOT, build, catalogue_settings, fixture_config, new_challenges_dir, plugin_config
from utmaningskatalogen.plugin.config import PLUGIN_NAME


def problems_with(tmp_path: Path, **settings: object) -> str:
    """What MkDocs says when it validates mkdocs.yml with these plugin settings."""
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "docs_dir": str(ROOT / "docs"), "plugins": [{PLUGIN_NAME: settings}]})
    errors, _warnings = config.validate()
    return "\n".join(str(error) for _key, error in errors)


def test_a_misspelt_setting_is_an_error_with_the_right_name_suggested(tmp_path: Path) -> None:
    assert problems_with(tmp_path, challenge_dir="utmaningar") == (
        "Plugin 'utmaningskatalogen' option 'challenge_dir': okänd inställning i mkdocs.yml; "
        "menade du 'challenges_dir'?")


def test_an_unknown_setting_lists_the_known_ones(tmp_path: Path) -> None:
    assert problems_with(tmp_path, färg="blå") == (
        "Plugin 'utmaningskatalogen' option 'färg': okänd inställning i mkdocs.yml; "
        "kända inställningar är challenges_dir, edit_url, ocid_prefix, cms, editorial_name, editorial_email")


@pytest.mark.parametrize(("settings", "message"), [
    ({"challenges_dir": 5}, "option 'challenges_dir': ska vara text, inte ett tal (i mkdocs.yml)"),
    ({"challenges_dir": ""}, "option 'challenges_dir': får inte vara tom; skriv mappens namn, till exempel "
                             "challenges (i mkdocs.yml)"),
    ({"edit_url": ["x"]}, "option 'edit_url': ska vara text, inte en lista (i mkdocs.yml)"),
    ({"edit_url": "http://example.org/edit/"}, "option 'edit_url': ska börja med https:// (eller vara tom för "
                                                "inga redigeringslänkar), inte 'http://example.org/edit/' (i mkdocs.yml)"),
    ({"editorial_email": "redaktionen"}, "option 'editorial_email': ska vara en e-postadress (eller vara tom), "
                                         "inte 'redaktionen' (i mkdocs.yml)"),
    ({"ocid_prefix": "OCDS 123"}, "option 'ocid_prefix': är 'OCDS 123'; det ska vara 'ocds-' och sex tecken a–z "
                                  "eller 0–9, till exempel ocds-utmkat (prefixet registreras hos OCDS) (i mkdocs.yml)"),
])
def test_a_wrongly_typed_setting_is_an_error_in_swedish(tmp_path: Path, settings: dict[str, object],
                                                        message: str) -> None:
    assert problems_with(tmp_path, **settings) == f"Plugin 'utmaningskatalogen' {message}"


def test_defaults_need_no_settings_at_all(tmp_path: Path) -> None:
    new_challenges_dir(tmp_path / "challenges")
    config, plugin = plugin_config(tmp_path)
    assert (plugin.config.challenges_dir, plugin.config.edit_url, plugin.config.ocid_prefix) == (
        "challenges", "", "ocds-utmkat")
    assert config.edit_uri_template is None
    # The challenges folder is watched by `mkdocs serve` without a `watch:` entry in mkdocs.yml.
    assert str((tmp_path / "challenges").resolve()) in [str(folder) for folder in config.watch]


def test_edit_url_becomes_the_edit_link_template(tmp_path: Path) -> None:
    config, _plugin = plugin_config(tmp_path, edit_url="https://example.org/edit/main")
    assert config.edit_uri_template == "https://example.org/edit/main/{path}"


def test_a_build_with_a_typo_in_a_setting_fails_naming_mkdocs_yml_and_the_key(tmp_path: Path) -> None:
    config_file = fixture_config(tmp_path, new_challenges_dir(tmp_path / "challenges"))
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    settings = catalogue_settings(config)
    settings["ocid_prefx"] = settings.pop("ocid_prefix")
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = build(config_file)
    assert result.returncode != 0
    assert ("Plugin 'utmaningskatalogen' option 'ocid_prefx': okänd inställning i mkdocs.yml; "
            "menade du 'ocid_prefix'?") in result.log
    assert not (tmp_path / "site" / "index.html").exists()


def test_make_check_reads_the_settings_as_the_build_does_and_names_a_typo(tmp_path: Path) -> None:
    config_file = fixture_config(tmp_path, new_challenges_dir(tmp_path / "challenges"))
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    catalogue_settings(config)["challenge_dir"] = catalogue_settings(config).pop("challenges_dir")
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([CHECK, "-f", str(config_file)], capture_output=True, text=True)
    assert result.returncode == 1
    assert ("Plugin 'utmaningskatalogen' option 'challenge_dir': okänd inställning i mkdocs.yml; "
            "menade du 'challenges_dir'?") in result.stdout


def test_a_typo_inside_the_editor_group_is_named_with_its_group(tmp_path: Path) -> None:
    assert problems_with(tmp_path, cms={"repo_url": "org/repo"}) == (
        "Plugin 'utmaningskatalogen' option 'cms.repo_url': okänd inställning i mkdocs.yml; menade du 'repo'?")


def test_the_editor_port_must_be_a_port(tmp_path: Path) -> None:
    assert problems_with(tmp_path, cms={"proxy_port": "8081"}) == (
        "Plugin 'utmaningskatalogen' option 'cms': Sub-option 'proxy_port': ska vara ett portnummer 1024–65535, "
        "inte '8081' (i mkdocs.yml)")
