"""Export of everything about a person: the command and what the JSON holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import World
from tests.privacy.people import EMAIL, LAST_NAME, subject

pytestmark = pytest.mark.django_db


def test_the_json_holds_every_record_that_names_the_person(world: World, tmp_path: Path) -> None:
    s = subject(world)
    target = tmp_path / "person.json"
    call_command("personal-data", "export", "--person", str(s.person.pk), "--out", str(target))
    text = target.read_text(encoding="utf-8")
    assert LAST_NAME in text  # UTF-8, not \\u escapes
    data = json.loads(text)
    records = data["records"]
    for label in (
        "people.Person",
        "people.Consent",
        "people.SensitiveInfo",
        "orgs.Membership",
        "bases.MenteeEntry",
        "pairs.Pair",
        "diary.PairMeeting",
        "diary.MeetingRating",
        "diary.IndividualPlan",
        "pairs.MentorChangeRequest",
        "surveys.Response",
        "surveys.Invitation",
        "programmes.CalendarFeed",
    ):
        assert records[label]["records"], label
    assert records["people.Person"]["records"][0]["email"] == EMAIL
    assert any(row["email"] == EMAIL for row in records["people.Person"]["history"])
    assert records["surveys.Response"]["records"][0]["answers"] == s.response.answers


def test_an_unknown_id_exits_2_and_writes_no_file(world: World, tmp_path: Path) -> None:
    target = tmp_path / "nobody.json"
    with pytest.raises(CommandError) as error:
        call_command("personal-data", "export", "--person", "999999", "--out", str(target))
    assert error.value.returncode == 2 and "999999" in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_exits_2_and_names_the_path(world: World, tmp_path: Path) -> None:
    s = subject(world)
    target = tmp_path / "no-such-folder" / "p.json"
    with pytest.raises(CommandError) as error:
        call_command("personal-data", "export", "--person", str(s.person.pk), "--out", str(target))
    assert error.value.returncode == 2 and "no-such-folder" in str(error.value)


def test_missing_arguments_exit_2_in_russian(world: World) -> None:
    with pytest.raises(CommandError) as error:
        call_command("personal-data", "export", "--person", "1")
    assert error.value.returncode == 2 and "не указаны обязательные параметры" in str(error.value)
