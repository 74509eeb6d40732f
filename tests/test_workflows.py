"""The GitHub Actions workflows: valid YAML that calls the same make targets developers use."""

from __future__ import annotations

import re

import pytest
import yaml
from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
_PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def run_lines(job: dict) -> list[str]:
    return [line.strip() for step in job["steps"] if "run" in step for line in step["run"].splitlines() if line.strip()]


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job["steps"] if "uses" in step]


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def test_pull_requests_run_check_with_annotations_test_site_and_verify_in_that_order() -> None:
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    make_lines = [line for line in run_lines(workflow["jobs"]["check"]) if line.startswith("make ")]
    assert make_lines == ["make check ARGS=--github", "make test", "make site", "make verify ARGS=--github"]


def test_main_and_a_nightly_schedule_build_verify_and_deploy_to_github_pages() -> None:
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    (schedule,) = workflow["on"]["schedule"]
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"] and 0 <= int(minute) < 60 and 0 <= int(hour) < 24
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert [line for line in run_lines(build) if line.startswith("make ")] == ["make site", "make verify ARGS=--github"]
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    site_step = next(step for step in build["steps"] if step.get("run") == "make site")
    assert "steps.pages.outputs.base_url" in site_step["env"]["CATALOGUE_SITE_URL"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert any(u.startswith("actions/deploy-pages@") for u in uses(deploy))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("name", ["pull-request.yml", "publish.yml"])
def test_every_action_is_pinned_to_a_commit_and_every_make_target_exists(name: str) -> None:
    workflow = load(name)
    targets = make_targets()
    for job in workflow["jobs"].values():
        for action in uses(job):
            assert _PINNED.match(action), f"{name}: {action} är inte låst till en commit"
        for line in run_lines(job):
            if line.startswith("make "):
                assert line.split()[1] in targets, f"{name}: {line} – målet finns inte i Makefile"
