"""The trainee's own pages (course, submissions, logbook), the ИОМ of a person and the host school's list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import require
from nastavnik.courses import services
from nastavnik.courses.forms import LogForm, RouteItemForm, SubmitForm
from nastavnik.courses.models import Credit, Enrolment, Milestone, RouteItem
from nastavnik.courses.scope import (
    can_see_route,
    cohorts_visible,
    is_methodologist,
    own_enrolment,
    school_pairs_visible,
)
from nastavnik.courses.views_common import access_of, saved_or_error
from nastavnik.orgs.models import MANAGING_ROLES, AcademicYear
from nastavnik.people.models import Person

MY_URL = "courses:my"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """What the user has in this section: cohorts, own courses, hosted trainees, pairs of schools."""
    access = access_of(request)
    context = {
        "cohorts": cohorts_visible(access).order_by("-starts_on")[:50],
        "mine": Enrolment.objects.filter(person_id=access.person_id).select_related("cohort")
        if access.person_id
        else [],
        "hosting": _hosted(request).exists(),
        "pairs": school_pairs_visible(access)[:50] if access.is_staff_reader else [],
        "can_create": is_methodologist(access),
        "person_id": access.person_id,
    }
    return render(request, "courses/index.html", context)


def _milestone_rows(enrolment: Enrolment) -> list[dict[str, Any]]:
    done = {s.milestone_id: s for s in enrolment.submissions.all()}
    return [{"milestone": m, "submission": done.get(m.pk)} for m in enrolment.cohort.milestones.all()]


@login_required
def my(request: HttpRequest) -> HttpResponse:
    """The trainee's cabinet: each course with its milestones, his submissions and logbook."""
    access = access_of(request)
    enrolments = (
        Enrolment.objects.filter(person_id=access.person_id).select_related("cohort", "team", "host__organisation")
        if access.person_id
        else Enrolment.objects.none()
    )
    courses = [
        {"enrolment": e, "milestones": _milestone_rows(e), "log": e.log.all()[:20], "modules": e.cohort.modules.all()}
        for e in enrolments
    ]
    context = {"courses": courses, "submit_form": SubmitForm(), "log_form": LogForm(), "person_id": access.person_id}
    return render(request, "courses/my.html", context)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    enrolment = own_enrolment(access_of(request), pk)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, cohort_id=enrolment.cohort_id)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            services.submit(enrolment, milestone, form.cleaned_data["text"], timezone.localdate())
        except services.CourseError as error:
            messages.error(request, str(error))
            return redirect(MY_URL)
    return saved_or_error(request, form, reverse(MY_URL), "Работа отправлена тьютору.")


@login_required
@require_POST
def log_add(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = own_enrolment(access_of(request), pk)
    form = LogForm(request.POST)
    form.instance.enrolment = enrolment
    if form.is_valid():
        form.save()
    return saved_or_error(request, form, reverse(MY_URL), "Запись добавлена в бортовой журнал.")


# -- ИОМ ------------------------------------------------------------------------------------------


def _person_for_route(request: HttpRequest, pk: int) -> Person:
    person = Person.objects.filter(pk=pk).first()
    if person is None or not can_see_route(access_of(request), person):
        raise Http404("Человек не найден")
    return person


def _course_lines(person: Person) -> list[dict[str, Any]]:
    lines = []
    for enrolment in Enrolment.objects.filter(person=person).select_related("cohort", "host__organisation"):
        lines.append(
            {
                "enrolment": enrolment,
                "modules": enrolment.cohort.modules.all(),
                "done": enrolment.credit == Credit.PASSED,
            }
        )
    return lines


@login_required
def route(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_route(request, pk)
    items = RouteItem.objects.filter(person=person).select_related("academic_year", "deficit")
    courses = _course_lines(person)
    done_hours = (items.filter(completed_on__isnull=False).aggregate(total=Sum("hours"))["total"] or 0) + sum(
        line["enrolment"].cohort.hours for line in courses if line["done"]
    )
    planned_hours = (items.aggregate(total=Sum("hours"))["total"] or 0) + sum(
        line["enrolment"].cohort.hours for line in courses
    )
    context = {
        "person": person,
        "items": items,
        "courses": courses,
        "done_hours": done_hours,
        "planned_hours": planned_hours,
        "form": RouteItemForm(),
    }
    return render(request, "courses/route.html", context)


@login_required
@require_POST
def route_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_route(request, pk)
    form = RouteItemForm(request.POST)
    form.instance.person = person
    form.instance.academic_year = AcademicYear.current()
    if form.is_valid():
        form.save()
    return saved_or_error(request, form, reverse("courses:route", kwargs={"pk": person.pk}), "Пункт добавлен в ИОМ.")


@login_required
@require_POST
def route_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = RouteItem.objects.select_related("person").filter(pk=pk).first()
    if item is None or not can_see_route(access_of(request), item.person):
        raise Http404("Пункт ИОМ не найден")
    services.complete_item(item, timezone.localdate())
    messages.success(request, f"Выполнено: {item.title} ({item.hours} ч).")
    return redirect(reverse("courses:route", kwargs={"pk": item.person_id}))


# -- host school ----------------------------------------------------------------------------------


def _hosted(request: HttpRequest) -> Any:
    access = access_of(request)
    return Enrolment.objects.filter(host__organisation_id__in=access.orgs_with(MANAGING_ROLES)).select_related(
        "person", "cohort", "host__organisation"
    )


@login_required
def hosting(request: HttpRequest) -> HttpResponse:
    """The school head's list of the trainees his school hosts for the internship."""
    access = access_of(request)
    require(access.is_admin or bool(access.orgs_with(MANAGING_ROLES)), "Страница для руководителей школ")
    return render(request, "courses/hosting.html", {"trainees": _hosted(request)})
