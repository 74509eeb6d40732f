"""Shared test helpers: valid challenge files to vary, a synthetic catalogue, full builds in temporary folders."""

from __future__ import annotations

import difflib
import gzip
import os
import random
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from utmaningskatalogen.plugin import CataloguePlugin
from utmaningskatalogen.plugin.config import PLUGIN_NAME

ROOT = Path(__file__).resolve().parent.parent

ARTIFACTS = ROOT / "tests" / "artifacts"
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
# The package's console commands, installed beside this Python.
CHECK = str(Path(sys.executable).parent / "utmaningskatalogen-check")
VERIFY = str(Path(sys.executable).parent / "utmaningskatalogen-verify")
NEW = str(Path(sys.executable).parent / "utmaningskatalogen-new")
# The date every test build runs on unless a test says otherwise.
TEST_TODAY = "2026-12-01"
# One page of each kind in the shipped site, for the checks that go over every kind of page.
# Not /admin/: it is Decap CMS's own application, drawn by its script (test_browser_cms.py runs axe on it).
PAGE_KINDS = {
    "startsidan": "",
    "katalogen": "utmaningar/",
    "en utmaning": "utmaningar/vattenlackor-i-ledningsnatet/",
    "en stängd utmaning": "utmaningar/mindre-matsvinn-i-skolmaltiden/",
    "en kommun": "kommuner/ystad/",
    "alla kommuner": "kommuner/",
    "ett område": "omraden/vatten-och-avlopp/",
    "alla områden": "omraden/",
    "en fas med sin lista av utmaningar": "arbetsmodell/marknadsdialog/",
    "en sida i vägledningen": "arbetsmodell/skriva-en-bra-utmaning/",
    "För företag": "for-foretag/",
    "Bevaka utmaningar": "bevaka/",
    "fältreferensen": "redigera/falt-i-en-utmaning/",
    "404": "404.html",
}

VALID: dict[str, Any] = {
    "title": "Smart snöröjning",
    "summary": "Vi vill röja snö där det behövs mest, när det behövs.",
    "status": "need",
    "municipalities": ["ystad"],
    "areas": ["trafik-och-mobilitet"],
    "published": "2026-09-01",
    "contact": {"name": "Anna Andersson", "email": "anna.andersson@example.org"},
}


def challenge_text(body: str = "## Bakgrund\n\nSnön kommer varje vinter.\n", **fields: Any) -> str:
    """A valid challenge file; keyword arguments replace fields, `None` removes one."""
    data = {**VALID, **fields}
    data = {key: value for key, value in data.items() if value is not None}
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{body}"


def new_challenges_dir(folder: Path) -> Path:
    """A challenges folder with the shipped vocabularies and no challenges."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "challenges" / "_vocabularies.yml", folder / "_vocabularies.yml")
    return folder


@dataclass
class Build:
    returncode: int
    log: str
    site: Path

    def read(self, relative: str) -> str:
        return (self.site / relative).read_text(encoding="utf-8")

    def all_text(self) -> str:
        """Every text file of the built site, concatenated, the search index's gzip files unpacked:
        for "appears nowhere" checks."""
        parts = []
        for path in sorted(self.site.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".json", ".xml", ".rdf", ".csv", ".ics", ".txt", ".js"}:
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
            elif path.is_file() and path.suffix.startswith(".pf_"):
                parts.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
        return "\n".join(parts)


GOLDEN = ROOT / "tests" / "golden"
UPDATE_GOLDEN = "UPDATE_GOLDEN"


def assert_golden(name: str, actual: str) -> None:
    """`actual` equals tests/golden/NAME; with UPDATE_GOLDEN=1 (`make golden`) it is written there instead."""
    path = GOLDEN / name
    if os.environ.get(UPDATE_GOLDEN) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path} saknas: kör make golden och granska filen"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"tests/golden/{name}", "nu"))
        raise AssertionError(f"{name} har ändrats (är ändringen avsedd: make golden):\n{diff}")


def catalogue_settings(config: dict[str, Any]) -> dict[str, Any]:
    """The plugin's settings inside a loaded mkdocs.yml, to read or change in place."""
    for entry in config["plugins"]:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            settings: dict[str, Any] = entry[PLUGIN_NAME]
            return settings
    raise AssertionError(f"mkdocs.yml använder inte {PLUGIN_NAME}")


def plugin_config(project: Path, *, command: str = "build", site_url: str | None = "https://example.org/",
                  **settings: object) -> tuple[MkDocsConfig, CataloguePlugin]:
    """A config built with `load_dict` that uses the plugin, validated, with on_config run:
    for calling the plugin's events directly, without a full build."""
    config = MkDocsConfig(config_file_path=str(project / "mkdocs.yml"))
    config.load_dict({"site_name": "Test", "site_url": site_url, "docs_dir": str(ROOT / "docs"),
                      "site_dir": str(project / "site"), "plugins": [{PLUGIN_NAME: settings}]})
    errors, _warnings = config.validate()
    assert not errors, errors
    plugin = config.plugins[PLUGIN_NAME]
    assert isinstance(plugin, CataloguePlugin)
    config.plugins._current_plugin = PLUGIN_NAME  # set by MkDocs while it runs a plugin's event
    plugin.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    return plugin.on_config(config), plugin


def fixture_config(project: Path, challenges_dir: Path, **overrides: Any) -> Path:
    """A copy of the shipped mkdocs.yml with absolute paths, pointing at a fixture folder."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(
        docs_dir=str(ROOT / "docs"),
        site_dir=str(project / "site"),
    )
    catalogue_settings(config)["challenges_dir"] = str(challenges_dir)
    config.update(overrides)
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_verify(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`make verify` on a built site, from the repository root as staff run it."""
    env = {**os.environ, "CATALOGUE_TODAY": TEST_TODAY}
    return subprocess.run([VERIFY, str(site), *args], capture_output=True, text=True, env=env, cwd=ROOT)


def build(config_file: Path, *, strict: bool = True, today: str = TEST_TODAY, site: Path | None = None) -> Build:
    """Run `mkdocs build` as staff and CI do, and return its log and output folder."""
    site = site or config_file.parent / "site"
    command = [MKDOCS, "build", "--clean", "-f", str(config_file), "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "CATALOGUE_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CATALOGUE_PREVIEW", None)
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config_file.parent)
    return Build(result.returncode, result.stdout + result.stderr, site)


def build_fixture(tmp_path: Path, challenges: dict[str, str], *, strict: bool = True,
                  today: str = TEST_TODAY, **overrides: Any) -> Build:
    """Build the shipped docs with the given challenge files instead of the shipped ones."""
    folder = new_challenges_dir(tmp_path / "challenges")
    for name, text in challenges.items():
        (folder / name).write_text(text, encoding="utf-8")
    return build(fixture_config(tmp_path, folder, **overrides), strict=strict, today=today)


# A varied synthetic catalogue for the filter tests: every status, deadline window and facet.
CPV_CODES = ("38000000-5", "65100000-4", "72000000-5", "73100000-3", "85312000-9", "90620000-9", "48000000-8")
_WORDS = [
    "vattenläckor", "sensorer", "skolskjuts", "hemtjänst", "belysning", "energi", "matsvinn", "erosion",
    "bygglov", "ensamhet", "halka", "kusten", "dagvatten", "laddning", "cykelvägar", "fastigheter",
    "avfall", "mätning", "data", "trygghet"
]
# Days from today to the deadline: both sides of every window's edge, and some past ones.
_DEADLINE_OFFSETS = (-30, -1, 0, 1, 3, 7, 8, 15, 30, 31, 60, 90, 91, 180)
_STATUSES = ("need", "dialogue", "tender", "dialogue", "in_progress", "tender", "completed", "cancelled")
# The one synthetic dialogue open until further notice (its status is dialogue).
UNTIL_FURTHER_NOTICE_INDEX = 9


def synthetic_challenges(count: int = 60, today: str = TEST_TODAY, seed: int = 3) -> dict[str, str]:
    """`count` published challenge files, plus one draft and one embargoed that must never show."""
    rng = random.Random(seed)
    day = date.fromisoformat(today)
    vocabularies = yaml.safe_load((ROOT / "challenges" / "_vocabularies.yml").read_text(encoding="utf-8"))
    municipalities, areas = list(vocabularies["municipalities"]), list(vocabularies["areas"])
    files = {}
    for index in range(count):
        status = _STATUSES[index % len(_STATUSES)]
        published = day - timedelta(days=rng.randrange(0, 200, 10))  # steps of ten: many equal dates
        fields: dict[str, object] = {
            "title": f"{' '.join(rng.sample(_WORDS, 3)).capitalize()} nummer {index}",
            "summary": f"Vi söker lösningar för {' och '.join(rng.sample(_WORDS, 2))} i kommunen.",
            "status": status,
            "municipalities": rng.sample(municipalities, rng.randint(1, 3)),
            "areas": rng.sample(areas, rng.randint(1, 2)),
            "cpv": rng.sample(CPV_CODES, rng.randint(0, 2)) or None,
        }
        if status in ("dialogue", "tender"):
            deadline = day + timedelta(days=rng.choice(_DEADLINE_OFFSETS))
            fields["deadline"] = deadline.isoformat()
            published = min(published, deadline)
        if index == UNTIL_FURTHER_NOTICE_INDEX:  # open, without a deadline: in no deadline window
            fields.update(deadline=None, open_until_further_notice=True)
        if status == "tender":
            fields["procurement"] = {"notice_url": f"https://example.org/annons/{index}"}
        if status in ("completed", "cancelled"):
            fields["outcome"] = "Det här blev resultatet."
        fields["published"] = published.isoformat()
        files[f"syntetisk-{index:02d}.md"] = challenge_text(**fields)
    files["hemligt-utkast.md"] = challenge_text(status="draft", title="Hemligt utkast om vattenläckor")
    files["hemlig-embargo.md"] = challenge_text(title="Hemlig embargo om vattenläckor",
                                                published=(day + timedelta(days=10)).isoformat())
    return files


# The OCDS standard at 1.1.5 (schemas and codelists), as libcoveocds reads it with --standard-zip.
OCDS_STANDARD_ZIP = ROOT / "tests" / "data" / "ocds-1.1.5" / "standard-1__1__5-schema.zip"


def ocds_review(package: dict[str, Any], monkeypatch: Any) -> dict[str, Any]:
    """libcoveocds' report on a release package, with every network connection refused: the
    standard (schemas and codelists) comes from the zip, or the review fails."""
    def offline(*args: object, **kwargs: object) -> None:
        raise OSError("libcoveocds tried to reach the network")

    from libcoveocds.api import ocds_json_output  # a heavy import, for the tests that need it
    from libcoveocds.config import LibCoveOCDSConfig

    monkeypatch.setattr(socket.socket, "connect", offline)
    config = LibCoveOCDSConfig()
    config.config.update(standard_zip=f"file://{OCDS_STANDARD_ZIP}", context="api")
    return ocds_json_output(json_data=package, lib_cove_ocds_config=config)


def assert_clean_ocds_review(report: dict[str, Any]) -> None:
    """No finding at all: schema errors, codes outside the codelists (open ones too), the additional
    checks (such as empty fields), fields the schema does not define, deprecated fields."""
    assert report["version_used"] == "1.1"
    for finding in ("validation_errors", "additional_closed_codelist_values", "additional_open_codelist_values",
                    "additional_checks", "additional_fields", "deprecated_fields"):
        assert not report[finding], (finding, report[finding])


CSP_REPORT = "CSP-överträdelse"


def watch_csp(context: object) -> list[str]:
    """Collects every Content-Security-Policy violation (and CSP warning) in a browser context."""
    violations: list[str] = []
    context.add_init_script(  # type: ignore[attr-defined]
        "document.addEventListener('securitypolicyviolation', e => console.error("
        f"'{CSP_REPORT}: ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline')"
        " + ' i ' + e.sourceFile + ':' + e.lineNumber))")
    context.on("console", lambda message: violations.append(message.text)  # type: ignore[attr-defined]
               if CSP_REPORT in message.text or "Content Security Policy" in message.text else None)
    return violations
