"""The catalogue as a package another network installs: its wheel, and a site of their own."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import material
import pytest
from support import MKDOCS, ROOT, TEST_TODAY, Build, challenge_text
from utmaningskatalogen import paths
from utmaningskatalogen.catalogue import load_catalogue
from utmaningskatalogen.siteverify import BuiltSite, held_back_of
from utmaningskatalogen.siteverify.links import check_links, check_privacy
from utmaningskatalogen.siteverify.publication import check_held_back, check_sitemap

CORE_MODULES = ROOT / "hooks" / "utmaningskatalogen"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    # From a clean copy of what the package is made of: a build/ left in the checkout could
    # otherwise carry files that no longer exist into the wheel.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    for name in ("LICENSES", "hooks"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "-w", str(folder), str(source)], check=True, capture_output=True)
    [built] = folder.glob("utmaningskatalogen-*.whl")
    return built


def test_the_wheel_holds_templates_theme_and_the_plugin_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for packaged in ("templates/challenge.html.j2", "templates/card.html.j2", "theme/main.html", "theme/404.html",
                     "theme/assets/katalog.css", "theme/assets/katalog.js", "theme/assets/search.js",
                     "theme/assets/search-engine.js", "theme/partials/header.html", "theme/partials/search-box.html",
                     "templates/search_record.html.j2", "py.typed"):
        assert f"utmaningskatalogen/{packaged}" in names, packaged
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "[mkdocs.plugins]\nutmaningskatalogen = utmaningskatalogen.plugin:CataloguePlugin" in entry_points
    assert "utmaningskatalogen-check = utmaningskatalogen.cli.check:main" in entry_points


def test_the_installed_package_imports_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(installed)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import utmaningskatalogen.plugin, utmaningskatalogen.pages as p; "
            "print(utmaningskatalogen.__file__); print(p.TEMPLATES.joinpath('challenge.html.j2').is_file())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, check=True,
                            env={**os.environ, "PYTHONPATH": str(installed)})
    location, templates_found = result.stdout.split()
    assert Path(location).is_relative_to(installed) and templates_found == "True"


def test_the_core_does_not_import_mkdocs() -> None:
    """Only the adapter (plugin/) and the commands that read mkdocs.yml (cli/) may."""
    for module in sorted(CORE_MODULES.rglob("*.py")):
        part = module.relative_to(CORE_MODULES).parts[0]
        if part in ("plugin", "cli"):
            continue
        imports = re.findall(r"^\s*(?:from|import) (mkdocs|material)\b", module.read_text(encoding="utf-8"), re.M)
        assert not imports, module


OUTSIDE_VOCABULARIES = """\
municipalities:
  norrby:
    name: Norrby kommun
    website: https://norrby.example.se/
    description: En kommun i ett annat nätverk.
  sodertorp:
    name: Södertorps kommun
    website: https://sodertorp.example.se/
    description: Grannkommunen.
areas:
  skola:
    name: Skola
    description: Förskola och skola.
"""

OUTSIDE_CONFIG = """\
site_name: Norrbys utmaningar
site_url: https://utmaningar.norrby.example.se/
theme:
  name: material
  language: sv
  font: false
plugins:
  - utmaningskatalogen
"""


@pytest.fixture(scope="module")
def outside_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Another network's project: only mkdocs.yml, docs/index.md and challenges/ with its own
    vocabularies and two challenges, built with the installed package."""
    project = tmp_path_factory.mktemp("annat-natverk")
    (project / "mkdocs.yml").write_text(OUTSIDE_CONFIG, encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text(
        "---\ntitle: Norrbys utmaningar\ndescription: Utmaningar från Norrby och Södertorp.\n---\n\n"
        "# Välkommen\n\n<!-- katalog: öppna-utmaningar -->\n", encoding="utf-8")
    challenges = project / "challenges"
    challenges.mkdir()
    (challenges / "_vocabularies.yml").write_text(OUTSIDE_VOCABULARIES, encoding="utf-8")
    (challenges / "skolskjuts.md").write_text(challenge_text(
        title="Smartare skolskjuts", municipalities=["norrby", "sodertorp"], areas=["skola"], status="dialogue",
        deadline="2027-02-01"), encoding="utf-8")
    (challenges / "skolmat.md").write_text(challenge_text(
        title="Mindre matsvinn i skolan", municipalities=["norrby"], areas=["skola"]), encoding="utf-8")
    env = {**os.environ, "CATALOGUE_TODAY": TEST_TODAY, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([MKDOCS, "build", "--strict"], capture_output=True, text=True, cwd=project, env=env)
    return Build(result.returncode, result.stdout + result.stderr, project / "site")


def test_another_network_builds_its_own_catalogue_with_a_minimal_project(outside_site: Build) -> None:
    assert outside_site.returncode == 0, outside_site.log
    for page in (paths.challenge("skolskjuts"), paths.challenge("skolmat"), paths.municipality("norrby"),
                 paths.municipality("sodertorp"), paths.area("skola"), paths.CATALOGUE):
        assert (outside_site.site / page / "index.html").is_file(), page
    records = json.loads(outside_site.read(paths.JSON))["challenges"]
    assert sorted(r["slug"] for r in records) == ["skolmat", "skolskjuts"]
    home = outside_site.read("index.html")
    # The theme comes from the package: its CSP, stylesheet, filter script and feed link.
    assert '<meta http-equiv="Content-Security-Policy"' in home
    assert 'href="assets/katalog.css"' in home and 'src="assets/katalog.js"' in home
    assert 'data-slug="skolskjuts"' in home  # the open list from the marker
    # The search: the box in the header and an index of the published challenges.
    assert 'id="uk-search-input"' in home and (outside_site.site / "pagefind" / "pagefind.js").is_file()
    # Without a working-model guide, a status label has no stage page to link to.
    assert "uk-status-link" not in outside_site.read(f"{paths.challenge('skolskjuts')}index.html")


def test_another_networks_site_passes_the_publishing_checks(outside_site: Build) -> None:
    site = BuiltSite(outside_site.site, "https://utmaningar.norrby.example.se/")
    catalogue = load_catalogue(outside_site.site.parent / "challenges", date.fromisoformat(TEST_TODAY))
    for result in (check_links(site), check_privacy(site, Path(material.__file__).parent / "templates"), check_sitemap(site, ["skolmat", "skolskjuts"]),
                   check_held_back(site, held_back_of(catalogue))):
        assert result.passed, (result.name, result.findings[:5])


def test_the_package_declares_every_third_party_module_it_imports() -> None:
    """`pip install .` into a fresh environment must bring everything the package imports."""
    import tomllib

    declared = {re.split(r"[<>=\[ ]", d)[0].lower() for d in
                tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]}
    module_to_package = {"yaml": "pyyaml", "jinja2": "jinja2", "markupsafe": "markupsafe", "markdown": "markdown",
                         "mkdocs": "mkdocs", "material": "mkdocs-material", "nh3": "nh3", "pagefind": "pagefind",
                         "pagefind_bin": "pagefind"}  # pagefind[bin]
    imported = set()
    for module in CORE_MODULES.rglob("*.py"):
        imported |= set(name for pair in re.findall(r"^\s*(?:from ([a-z0-9_]+)[\w.]* import |import ([a-z0-9_]+))",
                                           module.read_text(encoding="utf-8"), re.M) for name in pair if name)
    third_party = {name for name in imported if name in module_to_package}
    assert {module_to_package[name] for name in third_party} <= declared
    unknown = imported - set(module_to_package) - set(sys.stdlib_module_names) - {"utmaningskatalogen"}
    assert not unknown, f"nya importer att deklarera i pyproject.toml: {unknown}"
