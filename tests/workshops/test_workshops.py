from __future__ import annotations

import datetime
import io

from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from nastavnik.orgs.models import AcademicYear
from nastavnik.surveys.models import Campaign, InstrumentVersion, Response
from nastavnik.workshops import certificate, services, stats
from nastavnik.workshops.models import (
    CatalogueWorkshop,
    Enrolment,
    EnrolmentStatus,
    MemberKind,
    PopularisationEvent,
    PopularisationKind,
    SeasonStatus,
    Trajectory,
    Workshop,
    WorkshopMember,
    WorkshopProject,
)
from tests.conftest import World
from tests.workshops.matrix_workshops import make_workshop


def test_director_opens_a_workshop_of_the_source_with_its_people(world: World) -> None:
    smm = CatalogueWorkshop.objects.get(code="smm")
    response = world.client_for("director").post(
        reverse("workshops:create", args=[world.school.pk]),
        {"catalogue": smm.pk, "name": "", "master": world.people["teacher"].pk, "master_level": "expert"},
    )
    assert response.status_code == 302
    workshop = Workshop.objects.get(organisation=world.school)
    assert (workshop.name, workshop.master, workshop.master_level) == (
        "Мастерская SMM",
        world.people["teacher"],
        "expert",
    )
    assert workshop.seasons.get().status == SeasonStatus.OPENED


def test_a_workshop_without_a_name_is_refused_in_russian(world: World) -> None:
    response = world.client_for("curator").post(reverse("workshops:create", args=[world.school.pk]), {"name": ""})
    assert response.status_code == 200
    assert "Укажите название мастерской" in response.content.decode()
    assert not Workshop.objects.exists()


def test_members_are_counted_as_teachers_or_students_by_their_role(world: World) -> None:
    workshop = make_workshop(world)
    client = world.client_for("curator")
    client.post(reverse("workshops:member_add", args=[workshop.pk]), {"person": world.people["mentor"].pk})
    again = client.post(
        reverse("workshops:member_add", args=[workshop.pk]), {"person": world.people["mentor"].pk}, follow=True
    )
    assert "уже участвует" in again.content.decode()
    kinds = dict(WorkshopMember.objects.values_list("person_id", "kind"))
    assert kinds == {world.people["mentee"].pk: MemberKind.STUDENT, world.people["mentor"].pk: MemberKind.TEACHER}


def test_the_master_logs_a_meeting_with_attendance(world: World) -> None:
    workshop = make_workshop(world)
    response = world.client_for("teacher").post(
        reverse("workshops:meeting_add", args=[workshop.pk]),
        {"held_on": "2026-12-01", "topic": "Первое занятие смены «Выбор»", "attendees": [world.people["mentee"].pk]},
    )
    assert response.status_code == 302
    meeting = workshop.meetings.get()
    assert list(meeting.attendees.all()) == [world.people["mentee"]]
    page = world.client_for("mentee").get(reverse("workshops:detail", args=[workshop.pk])).content.decode()
    assert "01.12.2026" in page and "1 участник" in page


def test_form_2_answers_enrol_teachers_on_the_chosen_trajectory(world: World) -> None:
    version = InstrumentVersion.objects.filter(instrument__code="autumn-optimism-feedback").latest("number")
    campaign = Campaign.objects.create(
        organisation=world.school,
        version=version,
        title="Осенняя встреча",
        opens_on=datetime.date(2026, 11, 1),
        closes_on=datetime.date(2026, 11, 30),
    )
    Response.objects.create(
        campaign=campaign, version=version, person=world.people["teacher"], answers={"q2": "management"}
    )
    Response.objects.create(
        campaign=campaign, version=version, person=world.people["mentor"], answers={"q1": "challenge"}
    )
    response = world.client_for("curator").post(reverse("workshops:pd_from_form", args=[world.school.pk]), follow=True)
    assert "записано: 1 педагог" in response.content.decode()
    enrolment = Enrolment.objects.get()
    assert (enrolment.person, enrolment.trajectory.name, enrolment.source) == (
        world.people["teacher"],
        "Управление",
        "form",
    )
    assert sum(enrolment.modules.values_list("hours", flat=True)) == 72


def test_completion_needs_every_module_and_gives_a_certificate(world: World) -> None:
    trajectory = Trajectory.objects.get(code="basics")
    enrolment, _ = services.enrol(world.school, world.people["teacher"], trajectory, AcademicYear.current())
    client = world.client_for("director")
    refused = client.post(reverse("workshops:enrolment_complete", args=[enrolment.pk]), follow=True)
    assert "Не посещены модули" in refused.content.decode()
    client.post(
        reverse("workshops:enrolment", args=[enrolment.pk]), {f"m{m.pk}": "on" for m in enrolment.modules.all()}
    )
    client.post(reverse("workshops:enrolment_complete", args=[enrolment.pk]))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED and enrolment.certificate_number == 1
    pdf = world.client_for("teacher").get(reverse("workshops:certificate_pdf", args=[enrolment.pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Сертификат № 1" in text and "Основы основ" in text and "36 ч" in text
    docx = world.client_for("teacher").get(reverse("workshops:certificate_docx", args=[enrolment.pk]))
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert world.people["teacher"].full_name in paragraphs and any("36 ч" in p for p in paragraphs)
    assert stats.completed_hours(world.people["teacher"].pk) == 36
    assert "36" in world.client_for("teacher").get(reverse("workshops:my_pd")).content.decode()
    assert certificate.filename(enrolment, "pdf").endswith("-1.pdf")


def test_statistics_count_the_year_of_the_school_and_the_district(world: World) -> None:
    year = AcademicYear.current()
    workshop = make_workshop(world)
    WorkshopMember.objects.create(
        workshop=workshop, person=world.people["mentor"], academic_year=year, kind=MemberKind.TEACHER
    )
    WorkshopProject.objects.create(workshop=workshop, academic_year=year, title="Школьный театр", completed=True)
    PopularisationEvent.objects.create(
        organisation=world.school,
        academic_year=year,
        kind=PopularisationKind.MASTER_CLASS,
        title="Мастер-класс",
        held_on=datetime.date(2026, 11, 5),
    )
    enrolment, _ = services.enrol(world.school, world.people["mentor"], Trajectory.objects.get(code="mastery"), year)
    enrolment.modules.update(attended=True)
    services.complete(enrolment, datetime.date(2026, 12, 1))
    for org in (world.school, world.district, world.region):
        figures = stats.compute(org, year)
        assert (figures.workshops, figures.teachers, figures.students, figures.pd_teachers) == (1, 2, 1, 1)
        assert (figures.projects, figures.projects_completed, figures.popularisation) == (1, 1, 1)
        assert [f.completed for f in figures.by_trajectory] == [0, 0, 0, 1]
    assert stats.compute(world.other_district, year).is_empty
