"""A district programme pairs a mentee of one school with a mentor of another."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.district import services
from nastavnik.matching.models import MatchingSettings, Policy
from nastavnik.orgs.models import Role
from nastavnik.pairs.matching import run_questionnaire
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.programmes.models import Programme
from tests.conftest import World
from tests.district.conftest import admitted
from tests.factories import OrganisationFactory, make_mentee_entry, make_mentor_entry, make_person, make_programme


def _district_programme(world: World) -> tuple[Programme, MentorEntry, MenteeEntry]:
    school_b = OrganisationFactory(parent=world.district, short_name="СОШ Б")
    programme = make_programme(world.district)
    mentor = admitted(make_mentor_entry(make_person(school_b, Role.STUDENT, grade=10), programme), capacity=1)
    mentee = make_mentee_entry(make_person(world.school, Role.STUDENT, grade=6), programme)
    return programme, mentor, mentee


def test_run_questionnaire_pairs_a_mentee_of_school_a_with_a_mentor_of_school_b(world: World) -> None:
    programme, mentor, mentee = _district_programme(world)
    run = services.run_cross_organisation(programme.forms.get(), world.people["district"].user)
    pair = Pair.objects.get(run=run)
    assert pair.mentor == mentor
    assert [m.mentee for m in pair.members.all()] == [mentee]
    assert mentor.person.organisation != mentee.person.organisation
    assert MatchingSettings.objects.get(programme_form=programme.forms.get()).same_organisation_only is False


def test_with_the_same_organisation_rule_on_nobody_is_paired_across_schools(world: World) -> None:
    programme, _, _ = _district_programme(world)
    run = run_questionnaire(programme.forms.get(), Policy.MAX_MATCHED, world.people["district"].user)
    assert run.summary["matched"] == 0
    assert "другой организации" in run.summary["unmatched"][0]["reason"]


def test_cross_organisation_matching_is_for_district_programmes_only(world: World) -> None:
    with pytest.raises(services.DistrictError):
        services.run_cross_organisation(world.programme.forms.get(), world.people["curator"].user)


def test_the_district_coordinator_runs_it_from_the_map_and_confirms_on_the_questionnaire_page(world: World) -> None:
    programme, mentor, _ = _district_programme(world)
    programme_form = programme.forms.get()
    client = world.client_for("district")
    response = client.post(reverse("district:cross_match", args=[programme_form.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("pairs:questionnaire", args=[programme_form.pk])
    pair = Pair.objects.get(mentor=mentor)
    assert pair.status == PairStatus.PROPOSED
    client.post(reverse("pairs:confirm_run", args=[programme_form.pk]), {"pair": [pair.pk]})
    pair.refresh_from_db()
    assert pair.status == PairStatus.CONFIRMED


def test_a_school_curator_cannot_run_the_district_programme(world: World) -> None:
    programme, _, _ = _district_programme(world)
    response = world.client_for("curator").post(reverse("district:cross_match", args=[programme.forms.get().pk]))
    assert response.status_code == 404
    assert not Pair.objects.exists()


def test_a_school_programme_is_not_run_through_the_district_page(world: World) -> None:
    response = world.client_for("curator").post(reverse("district:cross_match", args=[world.programme.forms.get().pk]))
    assert response.status_code == 404


def test_cross_match_takes_post_only(world: World) -> None:
    programme, _, _ = _district_programme(world)
    response = world.client_for("district").get(reverse("district:cross_match", args=[programme.forms.get().pk]))
    assert response.status_code == 405
