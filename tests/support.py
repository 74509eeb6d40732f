"""Shared test helpers: valid challenge files to vary, and full builds in temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
# The date every test build runs on unless a test says otherwise.
TEST_TODAY = "2026-12-01"

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
        """Every text file of the built site, concatenated: for "appears nowhere" checks."""
        parts = []
        for path in sorted(self.site.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".json", ".xml", ".csv", ".ics", ".txt", ".js"}:
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(parts)


def fixture_config(project: Path, challenges_dir: Path, **overrides: Any) -> Path:
    """A copy of the shipped mkdocs.yml with absolute paths, pointing at a fixture folder."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(
        docs_dir=str(ROOT / "docs"),
        site_dir=str(project / "site"),
        hooks=[str(ROOT / "hooks" / "catalogue_hooks.py")],
        watch=[str(challenges_dir)],
    )
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["extra"]["catalogue"]["challenges_dir"] = str(challenges_dir)
    config.update(overrides)
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


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
