"""Files that guide staff's work in the repository do what they say."""

from __future__ import annotations

import json
import subprocess

import yaml
from support import ROOT


def test_pre_commit_runs_the_content_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert [hook["entry"] for hook in hooks] == ["make check"]
    assert hooks[0]["language"] == "system" and hooks[0]["pass_filenames"] is False


def test_pull_request_template_has_a_checklist_in_swedish() -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5 and "`make check`" in template


def test_contributing_guide_shows_a_real_message() -> None:
    from utmaningskatalogen.mistakes import common_mistakes
    from utmaningskatalogen.vocabulary import load_vocabularies

    vocabularies, _ = load_vocabularies(ROOT / "challenges", "challenges")
    assert vocabularies is not None
    status_message = next(m.message for m in common_mistakes(vocabularies) if m.title == "Okänd status")
    assert status_message in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_npm_tools_are_pinned_exactly_and_puppeteer_downloads_no_browser() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in package["devDependencies"].items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
    assert {"pa11y", "lighthouse", "puppeteer-core"} <= set(package["devDependencies"])
    # pa11y brings Puppeteer, whose install script would fetch a Chrome; the tests use Debian's Chromium.
    run = subprocess.run(["node", "-p", "require('./.puppeteerrc.cjs').skipDownload"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "true"
