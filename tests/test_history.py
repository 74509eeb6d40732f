"""The change history from git: one call per folder, newest first, and silence without git."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from support import ROOT, challenge_text, new_challenges_dir
from utmaningskatalogen import history
from utmaningskatalogen.catalogue import build_time, load_catalogue
from utmaningskatalogen.history import Change, challenge_history, last_changes, last_update, parse_log


def git(repo: Path, *args: str, when: str = "2026-01-01T12:00:00+01:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Anna", "GIT_AUTHOR_EMAIL": "anna@example.org",
           "GIT_COMMITTER_NAME": "Anna", "GIT_COMMITTER_EMAIL": "anna@example.org",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


def commit(repo: Path, files: dict[str, str], message: str, when: str) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit(repo, {"challenges/a.md": "1", "docs/sida.md": "1"}, "Ny utmaning", "2026-01-10T09:00:00+01:00")
    commit(repo, {"challenges/a.md": "2", "challenges/b.md": "1"}, "Ändrad status <b>", "2026-02-01T23:30:00+00:00")
    commit(repo, {"docs/sida.md": "2"}, "Rättat stavfel", "2026-03-01T10:00:00+01:00")
    return repo


def test_each_file_gets_the_commits_that_changed_it_newest_first(repo: Path) -> None:
    changes = last_changes(repo / "challenges")
    assert [c.message for c in changes["a.md"]] == ["Ändrad status <b>", "Ny utmaning"]
    assert [c.message for c in changes["b.md"]] == ["Ändrad status <b>"]
    assert set(changes) == {"a.md", "b.md"}


def test_the_day_of_a_change_is_the_day_in_sweden(repo: Path) -> None:
    latest = last_changes(repo / "challenges")["a.md"][0]
    assert latest.when == datetime.fromisoformat("2026-02-01T23:30:00+00:00")
    assert latest.day == date(2026, 2, 2)  # 00:30 in Stockholm


def test_paths_are_relative_to_the_folder_asked_about(repo: Path) -> None:
    changes = last_changes(repo, ["docs"])
    assert set(changes) == {"docs/sida.md"}
    assert [c.message for c in changes["docs/sida.md"]] == ["Rättat stavfel", "Ny utmaning"]


def test_challenge_history_is_keyed_by_slug(repo: Path) -> None:
    assert set(challenge_history(repo / "challenges")) == {"a", "b"}


def test_one_git_log_serves_a_whole_folder_however_many_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(repo, {f"challenges/c{i}.md": str(i) for i in range(30)}, "Många", "2026-04-01T10:00:00+02:00")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        return real_run(command, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    assert len(challenge_history(repo / "challenges")) == 32
    assert sum("log" in command for command in calls) == 1
    # The log, asking whether the clone is shallow, and one `git cat-file --batch` for every version.
    assert len(calls) <= 3
    assert sum("cat-file" in command for command in calls) == 1


def test_a_folder_without_git_history_has_no_changes_and_no_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    assert last_changes(tmp_path) == {}


def test_untracked_files_have_no_changes(repo: Path) -> None:
    (repo / "challenges" / "ny.md").write_text("x", encoding="utf-8")
    assert "ny.md" not in last_changes(repo / "challenges")


def test_without_git_installed_there_is_no_history_and_no_error(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert last_changes(repo / "challenges") == {}


def test_a_shallow_clone_does_not_claim_every_file_changed_in_its_oldest_commit(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    changes = last_changes(clone, ["challenges", "docs"])
    # Only the newest commit is real history here; the boundary commit lists every file.
    assert changes == {"docs/sida.md": [changes["docs/sida.md"][0]]}
    assert changes["docs/sida.md"][0].message == "Rättat stavfel"


def test_a_message_with_our_separators_or_odd_names_is_parsed_whole() -> None:
    output = ("\x1eabc\x1f2026-05-01T10:00:00+02:00\x1fp1\x1fStatus: dialog; deadline 2027-01-31\n\n"
              "a.md\nmapp/å ä ö.md\n")
    changes = parse_log(output)
    assert changes["mapp/å ä ö.md"][0].message == "Status: dialog; deadline 2027-01-31"
    assert changes["a.md"][0].commit == "abc"


def _challenge(tmp_path: Path, **fields: object):
    folder = new_challenges_dir(tmp_path / "c")
    (folder / "x.md").write_text(challenge_text(**fields), encoding="utf-8")
    return load_catalogue(folder, date(2026, 12, 1)).published[0]


def test_updated_is_the_later_of_front_matter_and_the_last_commit(tmp_path: Path) -> None:
    challenge = _challenge(tmp_path, updated="2026-10-05")
    older = [Change("a", datetime.fromisoformat("2026-09-01T10:00:00+02:00"), "x")]
    newer = [Change("b", datetime.fromisoformat("2026-11-20T10:00:00+01:00"), "y")]
    assert last_update(challenge, older) == date(2026, 10, 5)
    assert last_update(challenge, newer) == date(2026, 11, 20)
    assert last_update(_challenge(tmp_path / "2"), []) is None


def test_build_time_comes_from_source_date_epoch_then_catalogue_today_never_the_clock_when_set() -> None:
    assert build_time({"SOURCE_DATE_EPOCH": "1767225600", "CATALOGUE_TODAY": "2026-12-01"}).isoformat() \
        == "2026-01-01T01:00:00+01:00"
    assert build_time({"CATALOGUE_TODAY": "2026-07-01"}).isoformat() == "2026-07-01T00:00:00+02:00"
    assert build_time({}).utcoffset() is not None
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_time({"SOURCE_DATE_EPOCH": "i går"})


def test_the_shipped_challenges_have_history_when_the_project_is_a_git_clone() -> None:
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "challenges"], capture_output=True, text=True)
    if tracked.returncode != 0 or not tracked.stdout.strip():
        pytest.skip("projektet är ingen git-klon med historik")
    changes = challenge_history(ROOT / "challenges")
    expected = {Path(line).stem for line in tracked.stdout.split() if line.endswith(".md")
                and "/_" not in line and not line.endswith("README.md")}
    assert expected <= set(changes)
