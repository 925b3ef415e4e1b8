from __future__ import annotations

import pytest

from nastavnik.programmes.models import FormVariant, InteractionVariant, MentoringFormat, ProblemCategory
from nastavnik.programmes.reference import load_reference_data
from tests.factories import OrganisationFactory, make_programme

pytestmark = pytest.mark.django_db

REQUIRED_FORMS = {
    "student_student",
    "teacher_teacher",
    "teacher_student",
    "college_student_student",
    "employer_student",
    "employer_college_student",
    "team_team",
}


def test_every_form_of_the_product_is_loaded_after_migrate() -> None:
    assert set(MentoringFormat.objects.values_list("code", flat=True)) >= REQUIRED_FORMS


def test_source_rules_are_attached_to_forms_and_variants() -> None:
    assert MentoringFormat.objects.get(code="teacher_student").mentor_min_experience_years == 5
    young = FormVariant.objects.get(
        form__code="teacher_teacher", name__icontains="молодой специалист"
    )  # Cyrillic case folding
    assert young.mentee_max_experience_years == 5


def test_interaction_variants_of_source_003_four_and_two() -> None:
    assert InteractionVariant.objects.filter(form__code="teacher_teacher").count() == 4
    assert InteractionVariant.objects.filter(form__code="teacher_student").count() == 2


def test_reloading_is_idempotent_and_keeps_an_administrators_edit_of_other_rows() -> None:
    before = load_reference_data()
    custom = ProblemCategory.objects.create(code="custom_local", name="Местная категория")
    again = load_reference_data()
    assert again["problems"] == before["problems"] + 1
    assert ProblemCategory.objects.filter(pk=custom.pk).exists()


def test_a_programme_rule_overrides_the_variant_and_the_form() -> None:
    programme = make_programme(OrganisationFactory(), form_code="teacher_student")
    programme_form = programme.forms.get()
    assert programme_form.rule("mentor_min_experience_years") == 5
    programme_form.mentor_min_experience_years = 7
    assert programme_form.rule("mentor_min_experience_years") == 7
    assert programme_form.rule("max_group_size") is None
