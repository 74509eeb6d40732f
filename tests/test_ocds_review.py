"""ocds.json as the OCDS Data Review Tool sees it: libcoveocds, offline, with the standard's 1.1.5
schema and codelists from tests/data, on the shipped package. Zero errors, only codelist codes, no
field the schema does not know; release tags follow the stage and its changes; exactly one buyer."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime

import pytest
from support import OCDS_STANDARD_ZIP, Build, assert_clean_ocds_review, ocds_review
from utmaningskatalogen.changelog import FieldChange, HistoryEntry
from utmaningskatalogen.exports.ocds import release_tag
from utmaningskatalogen.model import Challenge, Contact
from utmaningskatalogen.statuses import Status

CODELISTS = {"tag": "releaseTag", "roles": "partyRole", "type": "milestoneType"}


def test_the_shipped_release_package_has_no_finding_in_libcoveocds_offline(shipped_site: Build,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    package = json.loads(shipped_site.read("ocds.json"))
    report = ocds_review(package, monkeypatch)
    assert_clean_ocds_review(report)
    assert report["count"] == len(package["releases"]) == 10


def test_the_review_really_checks_codelists_offline(shipped_site: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    package = json.loads(shipped_site.read("ocds.json"))
    package["releases"][0]["parties"][0]["roles"].append("processContactPoint")  # not in 1.1.5's partyRole
    package["releases"][1]["tag"] = ["utkast"]
    report = ocds_review(package, monkeypatch)
    assert report["additional_open_codelist_values"]["releases/parties/roles"]["values"] == ["processContactPoint"]
    assert report["additional_closed_codelist_values"]["releases/tag"]["values"] == ["utkast"]


def test_every_coded_value_is_in_the_local_1_1_5_codelists(shipped_site: Build) -> None:
    with zipfile.ZipFile(OCDS_STANDARD_ZIP) as standard:
        codes = {name: {row["Code"] for row in csv.DictReader(io.TextIOWrapper(standard.open(
            f"standard-1__1__5/schema/codelists/{name}.csv"), encoding="utf-8"))} for name in CODELISTS.values()}
    package = json.loads(shipped_site.read("ocds.json"))
    for release in package["releases"]:
        assert set(release["tag"]) <= codes["releaseTag"]
        assert {role for party in release["parties"] for role in party["roles"]} <= codes["partyRole"]
        milestones = release["planning"].get("milestones", []) + release["tender"].get("milestones", [])
        assert {m["type"] for m in milestones} <= codes["milestoneType"]


def test_each_release_has_exactly_one_buyer_named_in_its_parties(shipped_site: Build) -> None:
    for release in json.loads(shipped_site.read("ocds.json"))["releases"]:
        buyers = [party for party in release["parties"] if "buyer" in party["roles"]]
        assert [party["id"] for party in buyers] == [release["buyer"]["id"]], release["ocid"]
        assert release["tender"]["procuringEntity"] == release["buyer"]
        assert buyers[0]["contactPoint"]["email"]  # the contact person, as the buyer's contact point


def test_deadlines_and_milestones_without_a_time_fall_at_the_end_of_their_day(shipped_site: Build) -> None:
    for release in json.loads(shipped_site.read("ocds.json"))["releases"]:
        moments = [m["dueDate"] for m in release["planning"].get("milestones", [])]
        moments += [release["tender"]["tenderPeriod"]["endDate"]] if "tenderPeriod" in release["tender"] else []
        for moment in moments:
            assert not moment[11:].startswith("00:00"), (release["ocid"], moment)
            assert moment[19:] in ("+01:00", "+02:00")


def _challenge(status: Status) -> Challenge:
    return Challenge(slug="a", source_path="challenges/a.md", title="A", summary="A.", status=status,
                     municipalities=("ystad",), areas=("maltider",), published=datetime(2026, 1, 1).date(),
                     contact=Contact("Anna", "anna@example.org"), body="Text.")


def _entry(day: int, status: Status, first: bool = False) -> HistoryEntry:
    return HistoryEntry(f"c{day}", datetime(2026, 6, day, tzinfo=UTC), (FieldChange("status", "Ändrat"),),
                        first=first, status=status)


@pytest.mark.parametrize(("status", "history", "tag"), [
    (Status.NEED, [], "planning"),
    (Status.NEED, [_entry(1, Status.NEED, first=True)], "planning"),
    (Status.DIALOGUE, [_entry(2, Status.DIALOGUE), _entry(1, Status.NEED, first=True)], "planningUpdate"),
    (Status.TENDER, [_entry(2, Status.TENDER), _entry(1, Status.DIALOGUE, first=True)], "tender"),
    (Status.TENDER, [_entry(3, Status.TENDER), _entry(2, Status.TENDER), _entry(1, Status.DIALOGUE, first=True)],
     "tenderUpdate"),
    (Status.TENDER, [_entry(2, Status.TENDER), _entry(1, Status.TENDER, first=True)], "tenderUpdate"),
    (Status.COMPLETED, [_entry(2, Status.COMPLETED), _entry(1, Status.TENDER, first=True)], "tenderUpdate"),
    (Status.COMPLETED, [], "tender"),
    (Status.CANCELLED, [_entry(2, Status.CANCELLED), _entry(1, Status.NEED, first=True)], "tenderCancellation"),
])
def test_release_tags_follow_the_stage_and_its_changes(status: Status, history: list[HistoryEntry], tag: str) -> None:
    assert release_tag(_challenge(status), history) == tag
