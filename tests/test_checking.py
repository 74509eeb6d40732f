"""`make check` remembers files that passed (checking.py): unchanged ones are not checked again,
anything that could change their result checks them anew, and the build never trusts the cache."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import TEST_TODAY, build, challenge_text, fixture_config, new_challenges_dir
from utmaningskatalogen import checking
from utmaningskatalogen.checking import CACHE_FILE, check_content
from utmaningskatalogen.cli import check as check_command
from utmaningskatalogen.problems import ContentError

TODAY = date.fromisoformat(TEST_TODAY)
DOCS = Path(__file__).resolve().parent.parent / "docs"
UNFINISHED_DRAFT = challenge_text(status="draft", body="## Bakgrund\n\n## Utmaningen\n\nSnön kommer.\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = new_challenges_dir(tmp_path / "challenges")
    (folder / "snow.md").write_text(challenge_text(), encoding="utf-8")
    (folder / "draft.md").write_text(UNFINISHED_DRAFT, encoding="utf-8")
    (folder / "later.md").write_text(challenge_text(published="2027-01-10"), encoding="utf-8")
    return folder


def checked_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs checked from now on (not taken from the cache), in order."""
    checked: list[str] = []
    real = checking.check_file

    def counting(candidate, **settings):  # type: ignore[no-untyped-def]
        checked.append(candidate[0])
        return real(candidate, **settings)

    monkeypatch.setattr(checking, "check_file", counting)
    return checked


def test_an_unchanged_file_is_not_checked_again_and_says_the_same(folder: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / CACHE_FILE
    first = check_content(folder, DOCS, TODAY, cache_file=cache)
    checked = checked_files(monkeypatch)
    again = check_content(folder, DOCS, TODAY, cache_file=cache)
    assert checked == []
    assert again == first
    assert again.summary == "1 utmaning publicerad, 1 utkast, 1 under embargo till 2027-01-10 (later)"
    assert [str(n) for n in again.notices] == [
        f"challenges/draft.md:{UNFINISHED_DRAFT.split(chr(10)).index('## Bakgrund') + 1}: brödtext: rubriken 'Bakgrund' har ingen text under sig; skriv vad som hör dit "
        "eller ta bort rubriken"]


def test_a_changed_file_is_checked_anew_and_a_file_with_errors_every_time(folder: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / CACHE_FILE
    check_content(folder, DOCS, TODAY, cache_file=cache)
    (folder / "snow.md").write_text(challenge_text(status="öppen"), encoding="utf-8")
    checked = checked_files(monkeypatch)
    for _ in range(2):
        with pytest.raises(ContentError) as error:
            check_content(folder, DOCS, TODAY, cache_file=cache)
        assert [p.field for p in error.value.problems] == ["status"]
    assert checked == ["snow", "snow"]


def test_new_vocabularies_or_a_new_file_check_every_file_again(folder: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / CACHE_FILE
    check_content(folder, DOCS, TODAY, cache_file=cache)
    checked = checked_files(monkeypatch)
    (folder / "more.md").write_text(challenge_text(related=["snow"]), encoding="utf-8")  # a name `related` may use
    check_content(folder, DOCS, TODAY, cache_file=cache)
    assert sorted(checked) == ["draft", "later", "more", "snow"]
    vocabularies = folder / "_vocabularies.yml"
    vocabularies.write_text(vocabularies.read_text(encoding="utf-8").replace("  ystad:", "  ystads-kommun:", 1),
                            encoding="utf-8")
    with pytest.raises(ContentError) as error:
        check_content(folder, DOCS, TODAY, cache_file=cache)
    assert "ystad" in str(error.value.problems[0])


def test_an_unreadable_or_foreign_cache_is_ignored(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / CACHE_FILE
    cache.parent.mkdir(parents=True)
    for stored in ("inte json", json.dumps({"context": "annat", "passed": {}}), json.dumps([1, 2])):
        cache.write_text(stored, encoding="utf-8")
        assert check_content(folder, DOCS, TODAY, cache_file=cache).summary.startswith("1 utmaning publicerad")


def test_the_build_checks_a_file_that_the_cache_claims_has_passed(folder: Path, tmp_path: Path) -> None:
    config = fixture_config(tmp_path, folder)
    cache = tmp_path / CACHE_FILE
    check_content(folder, DOCS, TODAY, "challenges", cache_file=cache)
    stored = json.loads(cache.read_text(encoding="utf-8"))
    # A tampered cache: an unsafe text whose key the cache says has passed.
    unsafe = challenge_text(body="## Bakgrund\n\n<script>alert(1)</script>\n")
    (folder / "snow.md").write_text(unsafe, encoding="utf-8")
    key = checking.hashlib.sha256(f"snow.md\0{unsafe}".encode()).hexdigest()
    stored["passed"][key] = {"status": "need", "published": "2026-01-01", "notices": []}
    cache.write_text(json.dumps(stored), encoding="utf-8")
    result = build(config)
    assert result.returncode != 0
    assert "HTML-taggen <script> är inte tillåten" in result.log


def test_make_check_prints_the_same_with_and_without_the_cache(folder: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOGUE_TODAY", TEST_TODAY)
    config = str(fixture_config(tmp_path, folder))
    printed = []
    for flags in (["--no-cache"], [], [], ["--no-cache"]):
        assert check_command.main(["-f", config, *flags]) == 0
        printed.append(capsys.readouterr().out)
    assert printed[0] == printed[1] == printed[2] == printed[3]
    assert printed[0].endswith("Inga fel. 1 utmaning publicerad, 1 utkast, 1 under embargo till 2027-01-10 "
                               "(later).\n")
    assert (tmp_path / CACHE_FILE).is_file()
