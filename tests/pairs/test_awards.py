"""Certificates «Лучший наставник» and letters of thanks: numbering, eligibility, PDF and DOCX."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT
from pypdf import PdfReader

from nastavnik.diary import awards
from nastavnik.diary.awards import AwardError
from nastavnik.diary.models import Award, AwardKind
from nastavnik.documents.builtin_awards import build_template
from nastavnik.documents.rendering import check_template, render_template_bytes, sample_context
from nastavnik.orgs.models import Role
from tests.conftest import World
from tests.factories import make_mentor_entry, make_person


def _text_of_pdf(data: bytes) -> tuple[str, float, float]:
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    return "\n".join(page.extract_text() for page in reader.pages), float(box.width), float(box.height)


def _text_of_docx(data: bytes) -> tuple[str, object]:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts), document.sections[0].orientation


def test_numbers_run_per_programme_and_kind(world: World) -> None:
    mentor = world.people["mentor"]
    first = awards.issue(world.programme, AwardKind.CERTIFICATE, mentor, None)
    second = awards.issue(world.programme, AwardKind.CERTIFICATE, mentor, None)
    letter = awards.issue(world.programme, AwardKind.THANKS, world.people["mentee"], None)
    other_mentor = make_mentor_entry(make_person(world.other_school, Role.TEACHER), world.other_programme)
    elsewhere = awards.issue(world.other_programme, AwardKind.CERTIFICATE, other_mentor.person, None)
    assert [first.number, second.number, letter.number, elsewhere.number] == ["1", "2", "1", "1"]
    Award.objects.filter(pk=first.pk).update(number="7")
    assert awards.issue(world.programme, AwardKind.CERTIFICATE, mentor, None).number == "8"


def test_a_certificate_goes_to_a_mentor_a_letter_to_any_participant(world: World) -> None:
    with pytest.raises(AwardError, match="наставнику этой программы"):
        awards.issue(world.programme, AwardKind.CERTIFICATE, world.people["mentee"], None)
    with pytest.raises(AwardError, match="участнику этой программы"):
        awards.issue(world.programme, AwardKind.THANKS, world.people["teacher"], None)
    assert awards.issue(world.programme, AwardKind.THANKS, world.people["mentee"], None).number == "1"


def test_the_certificate_pdf_is_landscape_and_names_the_mentor(world: World) -> None:
    award = awards.issue(
        world.programme, AwardKind.CERTIFICATE, world.people["mentor"], None, issued_on=datetime.date(2026, 5, 25)
    )
    response = world.client_for("curator").get(reverse("documents:award_pdf", args=[award.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text, width, height = _text_of_pdf(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert width > height  # A4 landscape
    assert world.people["mentor"].full_name in text.replace("\n", " ")
    assert "ГРАМОТА" in text and "«Лучший наставник»" in text
    assert "№ 1" in text and "25.05.2026" in text and "награждается" in text
    assert world.school.name in text.replace("\n", " ")


def test_the_letter_pdf_is_portrait(world: World) -> None:
    award = awards.issue(
        world.programme, AwardKind.THANKS, world.people["mentee"], None, issued_on=datetime.date(2026, 6, 1)
    )
    text, width, height = _text_of_pdf(awards.render_pdf(award))
    assert height > width
    assert "БЛАГОДАРСТВЕННОЕ ПИСЬМО" in text and "01.06.2026" in text and "№ 1" in text
    assert world.people["mentee"].full_name in text.replace("\n", " ")


def test_the_docx_has_the_name_number_and_date(world: World) -> None:
    award = awards.issue(
        world.programme,
        AwardKind.CERTIFICATE,
        world.people["mentor"],
        None,
        issued_on=datetime.date(2026, 5, 25),
        text="за подготовку победителей олимпиады",
    )
    response = world.client_for("mentor").get(reverse("documents:award_docx", args=[award.pk]))
    assert response.status_code == 200
    text, orientation = _text_of_docx(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert orientation == WD_ORIENT.LANDSCAPE
    assert world.people["mentor"].full_name in text
    assert "№ 1" in text and "25.05.2026" in text and "за подготовку победителей олимпиады" in text
    assert "{{" not in text


def test_the_letter_docx_is_portrait() -> None:
    text, orientation = _text_of_docx(render_template_bytes(build_template("thanks"), sample_context("thanks")))
    assert orientation == WD_ORIENT.PORTRAIT
    assert "БЛАГОДАРСТВЕННОЕ ПИСЬМО" in text and "Иванова Мария Петровна" in text


@pytest.mark.parametrize("kind", ["certificate", "thanks"])
def test_the_builtin_templates_render_with_the_sample_context(kind: str) -> None:
    check_template(kind, build_template(kind))


def test_the_director_issues_a_certificate_from_the_form(world: World) -> None:
    client = world.client_for("director")
    url = reverse("documents:award_create", args=[world.programme.pk])
    assert "Выдать грамоту" in client.get(url).content.decode()
    response = client.post(
        url, {"kind": "certificate", "person": world.people["mentor"].pk, "issued_on": "25.05.2026", "text": ""}
    )
    assert response.status_code == 302
    award = Award.objects.get()
    assert (award.number, award.issued_on, award.issued_by) == (
        "1",
        datetime.date(2026, 5, 25),
        world.people["director"].user,
    )
    assert "высокие результаты" in award.text
    listing = client.get(reverse("documents:award_list", args=[world.programme.pk])).content.decode()
    assert world.people["mentor"].full_name in listing and "25.05.2026" in listing


def test_form_errors_are_russian(world: World) -> None:
    url = reverse("documents:award_create", args=[world.programme.pk])
    response = world.client_for("curator").post(
        url, {"kind": "certificate", "person": world.people["mentee"].pk, "issued_on": "31.02.2026"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Грамота «Лучший наставник» выдаётся наставнику этой программы." in text
    assert "Такой даты не существует: 31.02.2026." in text
    response = world.client_for("curator").post(url, {"kind": "certificate", "person": "999999", "issued_on": ""})
    assert "Выберите участника программы из списка." in response.content.decode()
    assert not Award.objects.exists()


def test_another_mentor_does_not_see_the_award(world: World) -> None:
    award = awards.issue(world.programme, AwardKind.THANKS, world.people["mentee"], None)
    assert world.client_for("mentee").get(reverse("documents:award_pdf", args=[award.pk])).status_code == 200
    assert world.client_for("mentor").get(reverse("documents:award_pdf", args=[award.pk])).status_code == 404
    assert world.client_for("other_curator").get(reverse("documents:award_docx", args=[award.pk])).status_code == 404


# -- source 003 §9: letters to the parents of a pupil mentor and to a mentor's employer ----------


def test_a_letter_to_the_parents_is_addressed_to_them_and_names_the_pupil_mentor(world: World) -> None:
    from nastavnik.people.models import GuardianLink

    pupil = make_person(world.school, Role.STUDENT)
    make_mentor_entry(pupil, world.programme)
    with pytest.raises(AwardError, match="указаны родители"):
        awards.issue(world.programme, AwardKind.THANKS_PARENTS, pupil, None)
    mother, father = make_person(world.school, Role.PARENT), make_person(world.school, Role.PARENT)
    for parent in (mother, father):
        GuardianLink.objects.create(guardian=parent, child=pupil)
    award = awards.issue(world.programme, AwardKind.THANKS_PARENTS, pupil, None, issued_on=datetime.date(2026, 5, 25))
    assert mother.full_name in award.recipient and father.full_name in award.recipient
    text, _size_w, _size_h = _text_of_pdf(awards.render_pdf(award))
    flat = " ".join(text.split())
    assert "БЛАГОДАРСТВЕННОЕ ПИСЬМО" in flat and mother.full_name in flat
    assert f"за воспитание {pupil.full_name}" in flat
    docx_text, orientation = _text_of_docx(awards.render_docx(award))
    assert mother.full_name in docx_text and pupil.full_name in docx_text and orientation == WD_ORIENT.PORTRAIT


def test_a_letter_to_the_employer_goes_to_a_partner_mentor_only(world: World) -> None:
    from nastavnik.orgs.models import OrganisationKind
    from tests.factories import OrganisationFactory

    with pytest.raises(AwardError, match="организация-партнёр"):
        awards.issue(world.programme, AwardKind.THANKS_EMPLOYER, world.people["mentor"], None)
    plant = OrganisationFactory(
        name="АО «Приозёрский машиностроительный завод»", kind=OrganisationKind.ENTERPRISE, is_partner=True
    )
    engineer = make_person(world.school, Role.TEACHER)
    entry = make_mentor_entry(engineer, world.programme)
    entry.partner_organisation = plant
    entry.save()
    award = awards.issue(world.programme, AwardKind.THANKS_EMPLOYER, engineer, None)
    assert award.recipient == f"Руководителю {plant.name}"
    docx_text, _orientation = _text_of_docx(awards.render_docx(award))
    assert f"Руководителю {plant.name}" in docx_text
    assert f"за поддержку наставнической деятельности {engineer.full_name}" in docx_text


def test_the_award_form_refuses_a_parents_letter_for_a_pupil_without_parents(world: World) -> None:
    client = world.client_for("curator")
    url = reverse("documents:award_create", args=[world.programme.pk])
    response = client.post(
        url, {"kind": AwardKind.THANKS_PARENTS, "person": world.people["mentor"].pk, "issued_on": "2026-05-25"}
    )
    assert response.status_code == 200
    assert "указаны родители" in response.content.decode()
    assert not Award.objects.exists()
