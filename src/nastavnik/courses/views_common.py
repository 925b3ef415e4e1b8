"""Small helpers shared by the course pages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from nastavnik.access.rules import Access, access_for
from nastavnik.common.http import safe_next
from nastavnik.orgs.models import Organisation, Role, subtree_q
from nastavnik.people.models import Person


def access_of(request: HttpRequest) -> Access:
    return access_for(request.user)


def form_errors(form: forms.BaseForm) -> str:
    """«Срок: Обязательное поле.» — every error with the name of its field."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        text = " ".join(str(error) for error in errors)
        parts.append(f"{label}: {text}" if label else text)
    return "Не сохранено. " + "; ".join(parts)


def back(request: HttpRequest, default: str) -> HttpResponse:
    return redirect(safe_next(request) or default)


def saved_or_error(request: HttpRequest, form: forms.BaseForm, default: str, done: str) -> HttpResponse:
    if form.errors:
        messages.error(request, form_errors(form))
    else:
        messages.success(request, done)
    return back(request, default)


def teachers_under(org: Organisation) -> QuerySet[Person]:
    """Teachers of the organisations in `org`'s subtree (a methodologist's pool of trainees and tutors)."""
    return (
        Person.objects.filter(
            subtree_q("memberships__organisation__path", org.path),
            memberships__role__in=[Role.TEACHER, Role.DISTRICT_COORDINATOR, Role.CURATOR, Role.DIRECTOR],
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def teachers_of(orgs: list[Organisation]) -> QuerySet[Person]:
    return (
        Person.objects.filter(
            memberships__organisation__in=orgs,
            memberships__role__in=[Role.TEACHER, Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP],
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
