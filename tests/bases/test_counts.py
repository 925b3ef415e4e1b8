"""The numbers shown about the bases agree from page to page: one definition each."""

from __future__ import annotations

import re

from django.urls import reverse

from nastavnik.bases.models import Admission, MenteeStatus
from nastavnik.orgs.models import AcademicYear, Role
from nastavnik.pairs import matching, services
from nastavnik.pairs.models import Pair
from tests.conftest import World
from tests.factories import OrganisationFactory, ProgrammeFactory, make_mentee_entry, make_person, make_programme


def _home_row(world: World) -> dict[str, object]:
    rows = world.client_for("curator").get(reverse("home")).context["managed"]
    return next(row for row in rows if row["org"] == world.school)


def _found(world: World, **params: str) -> int:
    return int(world.client_for("curator").get(reverse("bases:mentee_list"), params).context["total_count"])


def test_home_counts_the_same_entries_as_the_default_base_list(world: World) -> None:
    current = world.programme.academic_year
    last_year = AcademicYear.objects.create(start_year=current.start_year - 1)
    old_programme = ProgrammeFactory(organisation=world.school, academic_year=last_year)
    make_mentee_entry(make_person(world.school, Role.STUDENT), old_programme)
    done = make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    done.status = MenteeStatus.COMPLETED
    done.save()
    row = _home_row(world)
    assert row["mentees"] == _found(world) == 2
    assert row["waiting"] == _found(world, status="waiting") == 1


def test_the_matching_page_shows_one_waiting_number(world: World) -> None:
    world.mentor_entry.admission = Admission.ADMITTED
    world.mentor_entry.save()
    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    form = world.programme.forms.get()
    run = matching.run_questionnaire(form, "max_matched", world.people["curator"].user)
    services.confirm(Pair.objects.filter(run=run).first(), None)  # type: ignore[arg-type]
    page = world.client_for("curator").get(reverse("pairs:questionnaire", args=[form.pk])).content.decode()
    shown = {int(n) for n in re.findall(r"ждут наставника: (\d+)", page) + re.findall(r"из (\d+) ждущих", page)}
    assert shown == {1}


def test_the_monitoring_selector_lists_every_organisation_of_the_table(world: World) -> None:
    quiet = OrganisationFactory(parent=world.district, name="Школа без программы")
    make_programme(world.school)
    response = world.client_for("district").get(reverse("monitoring:dashboard", args=[world.district.pk]))
    listed = {int(pk) for pk in re.findall(r'<option value="(\d+)"', str(response.context["choices"]))}
    in_table = {row.organisation.pk for row in response.context["data"].rows}
    assert quiet.pk in in_table
    assert in_table <= listed
