"""Cohort pages of the methodologist and the tutor: set-up, progress, retention, placement, credit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import require
from nastavnik.courses import charts, progress, services
from nastavnik.courses.forms import (
    CheckForm,
    CohortForm,
    CreditForm,
    DropoutForm,
    EnrolForm,
    EnrolmentForm,
    HostForm,
    MilestoneForm,
    ModuleForm,
    TeamForm,
)
from nastavnik.courses.models import Cohort, Submission
from nastavnik.courses.scope import (
    centres_run,
    cohort_for_staff,
    enrolment_for_staff,
    is_methodologist,
    manages,
    tutors,
)
from nastavnik.courses.views_common import access_of, back, form_errors, saved_or_error, teachers_under
from nastavnik.orgs.models import TERRITORY_KINDS, Organisation, OrganisationKind, subtree_q
from nastavnik.people.models import Person


def _cohort_url(cohort: Cohort) -> str:
    return reverse("courses:cohort", kwargs={"pk": cohort.pk})


def _organisations(request: HttpRequest) -> Any:
    access = access_of(request)
    qs = Organisation.objects.filter(kind__in=[*TERRITORY_KINDS, OrganisationKind.METHODOLOGICAL_CENTRE])
    if not access.is_admin:
        allowed = Q(pk__in=[centre.pk for centre in centres_run(access)])
        for path in access.coordinated_paths:
            allowed |= subtree_q("path", path)
        qs = qs.filter(allowed)
    return qs.order_by("path")


def _people(request: HttpRequest) -> Any:
    access = access_of(request)
    if access.is_admin:
        return Person.objects.order_by("last_name", "first_name")
    pool = Person.objects.none()
    for org in Organisation.objects.filter(path__in=access.coordinated_paths):
        pool |= teachers_under(org)
    for centre in centres_run(access):
        pool |= teachers_under(_served(centre))
    return pool.distinct().order_by("last_name", "first_name")


@login_required
def cohort_create(request: HttpRequest) -> HttpResponse:
    access = access_of(request)
    require(
        is_methodologist(access),
        "Группы курсов создают методисты: координаторы и администрация методического центра",
    )
    form = CohortForm(request.POST or None, organisations=_organisations(request), people=_people(request))
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        messages.success(request, f"Группа «{cohort}» создана: добавьте модули, реперные точки и слушателей.")
        return redirect(_cohort_url(cohort))
    return render(request, "courses/cohort_form.html", {"form": form}, status=400 if form.errors else 200)


def _cohort_context(request: HttpRequest, cohort: Cohort) -> dict[str, Any]:
    access = access_of(request)
    today = timezone.localdate()
    milestones, rows = progress.progress(cohort, today)
    steps = progress.funnel(cohort)
    enrolled = cohort.enrolments.values("person_id")
    return {
        "cohort": cohort,
        "manages": manages(access, cohort),
        "milestones": milestones,
        "rows": rows,
        "modules": cohort.modules.all(),
        "teams": cohort.teams.all(),
        "hosts": cohort.hosts.select_related("organisation"),
        "funnel": steps,
        "funnel_chart": charts.funnel_chart(steps),
        "dropouts": progress.dropouts(cohort),
        "waiting": Submission.objects.filter(enrolment__cohort=cohort, status="submitted").select_related(
            "enrolment__person", "milestone"
        ),
        "check_form": CheckForm(),
        "module_form": ModuleForm(),
        "team_form": TeamForm(),
        "milestone_form": MilestoneForm(cohort=cohort),
        "host_form": HostForm(schools=_schools_near(cohort)),
        "enrol_form": EnrolForm(people=teachers_under(_root(cohort)).exclude(pk__in=enrolled)),
    }


def _served(org: Organisation) -> Organisation:
    """A methodological centre serves its district; any other organisation its own subtree."""
    return org.parent if org.kind == OrganisationKind.METHODOLOGICAL_CENTRE and org.parent else org


def _root(cohort: Cohort) -> Organisation:
    """Where the cohort's trainees and host schools come from."""
    return _served(cohort.organisation)


def _schools_near(cohort: Cohort) -> Any:
    return Organisation.objects.filter(subtree_q("path", _root(cohort).path), kind=OrganisationKind.SCHOOL).order_by(
        "path"
    )


@login_required
def cohort(request: HttpRequest, pk: int) -> HttpResponse:
    found = cohort_for_staff(access_of(request), pk)
    return render(request, "courses/cohort.html", _cohort_context(request, found))


def _managed(request: HttpRequest, pk: int) -> Cohort:
    access = access_of(request)
    found = cohort_for_staff(access, pk)
    require(manages(access, found), "Это делает методист")
    return found


def _tutored(request: HttpRequest, pk: int) -> Cohort:
    access = access_of(request)
    found = cohort_for_staff(access, pk)
    require(tutors(access, found), "Это делает тьютор или методист")
    return found


@login_required
@require_POST
def module_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _managed(request, pk)
    form = ModuleForm(request.POST, instance=None)
    if form.is_valid():
        form.instance.cohort = found
        form.save()
    return saved_or_error(request, form, _cohort_url(found), "Модуль добавлен.")


@login_required
@require_POST
def team_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _tutored(request, pk)
    form = TeamForm(request.POST)
    form.instance.cohort = found
    if form.is_valid():
        form.save()
    return saved_or_error(request, form, _cohort_url(found), "Мини-команда создана.")


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _tutored(request, pk)
    form = MilestoneForm(request.POST, cohort=found)
    if form.is_valid():
        form.instance.cohort = found
        form.save()
    return saved_or_error(request, form, _cohort_url(found), "Реперная точка добавлена.")


@login_required
@require_POST
def host_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _managed(request, pk)
    form = HostForm(request.POST, schools=_schools_near(found))
    form.instance.cohort = found
    if form.is_valid():
        form.save()
    return saved_or_error(request, form, _cohort_url(found), "Место стажировки добавлено.")


@login_required
@require_POST
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    found = _managed(request, pk)
    form = EnrolForm(request.POST, people=teachers_under(_root(found)))
    if form.is_valid():
        services.enrol(found, form.cleaned_data["person"], form.cleaned_data["interests"])
    return saved_or_error(request, form, _cohort_url(found), "Слушатель зачислен.")


@login_required
@require_POST
def place(request: HttpRequest, pk: int) -> HttpResponse:
    found = _managed(request, pk)
    if not found.hosts.exists():
        messages.error(request, "Сначала добавьте школы — места стажировки.")
        return redirect(_cohort_url(found))
    result = services.place_trainees(found)
    text = f"Распределение на стажировку: распределено — {result.placed}"
    if result.unplaced:
        names = ", ".join(e.person.short_name for e in result.unplaced[:10])
        text += f"; не хватило мест — {len(result.unplaced)} ({names})"
    messages.success(request, text + ".")
    return redirect(_cohort_url(found) + "#placement")


# -- one trainee ----------------------------------------------------------------------------------


@login_required
def enrolment(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_of(request)
    found = enrolment_for_staff(access, pk)
    form = EnrolmentForm(request.POST or None, instance=found)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, f"Сведения о слушателе {found.person.short_name} сохранены.")
            return redirect(reverse("courses:enrolment", kwargs={"pk": found.pk}))
        messages.error(request, form_errors(form))
    context = {
        "enrolment": found,
        "form": form,
        "manages": manages(access, found.cohort),
        "dropout_form": DropoutForm(),
        "credit_form": CreditForm(),
        "submissions": found.submissions.select_related("milestone"),
        "log": found.log.all()[:50],
    }
    return render(request, "courses/enrolment.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def dropout(request: HttpRequest, pk: int) -> HttpResponse:
    found = enrolment_for_staff(access_of(request), pk)
    form = DropoutForm(request.POST)
    default = reverse("courses:enrolment", kwargs={"pk": found.pk})
    if not form.is_valid():
        return saved_or_error(request, form, default, "")
    try:
        services.drop_out(found, form.cleaned_data["day"], form.cleaned_data["reason"])
        messages.success(request, f"{found.person.short_name}: отмечено выбытие.")
    except services.CourseError as error:
        messages.error(request, str(error))
    return back(request, default)


@login_required
@require_POST
def credit(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_of(request)
    found = enrolment_for_staff(access, pk)
    require(manages(access, found.cohort), "Зачёт вносит методист по решению комиссии")
    form = CreditForm(request.POST)
    default = reverse("courses:enrolment", kwargs={"pk": found.pk})
    if not form.is_valid():
        return saved_or_error(request, form, default, "")
    try:
        services.give_credit(found, form.cleaned_data["passed"], form.cleaned_data["note"])
        messages.success(request, f"{found.person.short_name}: решение комиссии внесено.")
    except services.CourseError as error:
        messages.error(request, str(error))
    return back(request, default)


@login_required
@require_POST
def check(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_of(request)
    submission = Submission.objects.select_related("enrolment__cohort__organisation").filter(pk=pk).first()
    if submission is None:
        raise Http404("Работа не найдена")
    enrolment_for_staff(access, submission.enrolment_id)
    form = CheckForm(request.POST)
    if form.is_valid():
        services.check(submission, form.cleaned_data["accepted"], form.cleaned_data["comment"], timezone.localdate())
    return saved_or_error(request, form, _cohort_url(submission.enrolment.cohort), "Работа проверена.")
