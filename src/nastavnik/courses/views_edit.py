"""Editing and deleting a cohort and its set-up: modules, mini-teams, milestones.

Each change keeps the rule of the page that created the object: the cohort and its modules are
the methodologist's, mini-teams and milestones the tutor's too. Deleting is a POST (the page asks
first) and is refused, with the reason, when it would lose trainees' work: a cohort with trainees,
a module that trainees chose or whose milestones have submissions, a mini-team with members, a
milestone with submissions.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import require
from nastavnik.common.text import plural_ru
from nastavnik.courses.forms import CohortForm, MilestoneForm, ModuleForm, TeamForm
from nastavnik.courses.models import Cohort, CourseModule, Milestone, MiniTeam, Submission
from nastavnik.courses.scope import cohort_for_staff, manages, tutors
from nastavnik.courses.views_cohorts import _organisations, _people
from nastavnik.courses.views_common import access_of
from nastavnik.people.models import Person

M = TypeVar("M", bound=Model)

METHODOLOGIST_ONLY = "Это делает методист"
TUTOR_OR_METHODOLOGIST = "Это делает тьютор или методист"


def _cohort_url(cohort: Cohort) -> str:
    return reverse("courses:cohort", kwargs={"pk": cohort.pk})


def _count(count: int, one: str, few: str, many: str) -> str:
    return f"{count} {plural_ru(count, one, few, many)}"


def _get(model: type[M], pk: int, missing: str) -> M:
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise Http404(missing)
    return found


def _cohort_of(request: HttpRequest, cohort_id: int, *, tutor_may: bool) -> Cohort:
    """The cohort for whoever may change it; the trainee gets 403, outsiders 404."""
    access = access_of(request)
    cohort = cohort_for_staff(access, cohort_id)
    if tutor_may:
        require(tutors(access, cohort), TUTOR_OR_METHODOLOGIST)
    else:
        require(manages(access, cohort), METHODOLOGIST_ONLY)
    return cohort


def _page(
    request: HttpRequest, form: forms.BaseForm, cohort: Cohort, title: str, delete_url: str, refusal: str
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "cohort": cohort,
        "title": title,
        "delete_url": delete_url,
        "refusal": refusal,
    }
    return render(request, "courses/edit.html", context, status=400 if form.errors else 200)


def _edit_part(
    request: HttpRequest, form: forms.ModelForm, cohort: Cohort, part: tuple[str, str, str, str], refusal: str
) -> HttpResponse:
    """The edit page of a part of a cohort; `part` is (its kind's URL prefix, its title, the saved
    message with {name} for the saved part, the cohort page's anchor). A valid POST saves and goes
    back to the cohort page."""
    kind, title, saved, anchor = part
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, saved.format(name=form.instance))
        return redirect(_cohort_url(cohort) + anchor)
    delete_url = reverse(f"courses:{kind}_delete", kwargs={"pk": form.instance.pk})
    return _page(request, form, cohort, title, delete_url, refusal)


def _delete(request: HttpRequest, obj: Model, cohort: Cohort, refusal: str, done: str) -> HttpResponse:
    if refusal:
        messages.error(request, refusal)
    else:
        obj.delete()
        messages.success(request, done)
    return redirect(_cohort_url(cohort))


# -- cohort ---------------------------------------------------------------------------------------


def cohort_refusal(cohort: Cohort) -> str:
    count = cohort.enrolments.count()
    if not count:
        return ""
    return (
        f"Группу нельзя удалить: в ней {_count(count, 'слушатель', 'слушателя', 'слушателей')} "
        "(с выбывшими). Их работы, бортовой журнал, часы ИОМ и решение комиссии пропали бы. "
        "Группа со слушателями остаётся в истории курсов; исправить её сведения можно здесь же, в форме."
    )


@login_required
def cohort_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _cohort_of(request, pk, tutor_may=False)
    title = f"Группа «{found}»"
    pool = Q(pk__in=_people(request).values("pk")) | Q(pk=found.tutor_id)
    people = Person.objects.filter(pool).order_by("last_name", "first_name")
    form = CohortForm(request.POST or None, instance=found, organisations=_organisations(request), people=people)
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        messages.success(request, f"Группа «{cohort}» сохранена.")
        return redirect(_cohort_url(cohort))
    delete_url = reverse("courses:cohort_delete", kwargs={"pk": found.pk})
    return _page(request, form, found, title, delete_url, cohort_refusal(found))


@login_required
@require_POST
def cohort_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = _cohort_of(request, pk, tutor_may=False)
    refusal = cohort_refusal(found)
    if refusal:
        messages.error(request, refusal)
        return redirect(_cohort_url(found))
    found.delete()
    messages.success(request, f"Группа «{found}» удалена вместе с её модулями, реперными точками и местами стажировки.")
    return redirect(reverse("courses:index"))


# -- module ---------------------------------------------------------------------------------------


def module_refusal(module: CourseModule) -> str:
    chosen = module.cohort.enrolments.filter(chosen_module=module).count()
    if chosen:
        who = _count(chosen, "слушателя", "слушателей", "слушателей")
        return f"Модуль нельзя удалить: он выбран очным модулем у {who}. Сначала измените их выбор."
    work = Submission.objects.filter(milestone__cohort=module.cohort_id, milestone__module=module).count()
    if work:
        return (
            "Модуль нельзя удалить: по его реперным точкам слушатели сдали "
            f"{_count(work, 'работу', 'работы', 'работ')}. Работы потеряли бы свой модуль."
        )
    return ""


@login_required
def module_edit(request: HttpRequest, pk: int) -> HttpResponse:
    module = _get(CourseModule, pk, "Модуль не найден")
    cohort = _cohort_of(request, module.cohort_id, tutor_may=False)
    form = ModuleForm(request.POST or None, instance=module)
    part = ("module", f"Модуль «{module.title}»", "Модуль «{name.title}» сохранён.", "#modules")
    return _edit_part(request, form, cohort, part, module_refusal(module))


@login_required
@require_POST
def module_delete(request: HttpRequest, pk: int) -> HttpResponse:
    module = _get(CourseModule, pk, "Модуль не найден")
    cohort = _cohort_of(request, module.cohort_id, tutor_may=False)
    return _delete(request, module, cohort, module_refusal(module), f"Модуль «{module.title}» удалён.")


# -- mini-team ------------------------------------------------------------------------------------


def team_refusal(team: MiniTeam) -> str:
    count = team.members.count()
    if not count:
        return ""
    return (
        f"Мини-команду нельзя удалить: в ней {_count(count, 'участник', 'участника', 'участников')}. "
        "Сначала переведите их в другую мини-команду на странице слушателя."
    )


@login_required
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = _get(MiniTeam, pk, "Мини-команда не найдена")
    cohort = _cohort_of(request, team.cohort_id, tutor_may=True)
    form = TeamForm(request.POST or None, instance=team)
    part = ("team", f"Мини-команда «{team.name}»", "Мини-команда «{name.name}» сохранена.", "#teams")
    return _edit_part(request, form, cohort, part, team_refusal(team))


@login_required
@require_POST
def team_delete(request: HttpRequest, pk: int) -> HttpResponse:
    team = _get(MiniTeam, pk, "Мини-команда не найдена")
    cohort = _cohort_of(request, team.cohort_id, tutor_may=True)
    return _delete(request, team, cohort, team_refusal(team), f"Мини-команда «{team.name}» удалена.")


# -- milestone ------------------------------------------------------------------------------------


def milestone_refusal(milestone: Milestone) -> str:
    count = milestone.submissions.count()
    if not count:
        return ""
    return (
        f"Реперную точку нельзя удалить: слушатели сдали по ней {_count(count, 'работу', 'работы', 'работ')}. "
        "Работы слушателей и проверка тьютора пропали бы; срок и название можно изменить."
    )


@login_required
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _get(Milestone, pk, "Реперная точка не найдена")
    cohort = _cohort_of(request, milestone.cohort_id, tutor_may=True)
    form = MilestoneForm(request.POST or None, instance=milestone, cohort=cohort)
    part = ("milestone", f"Реперная точка «{milestone.title}»", "Реперная точка «{name.title}» сохранена.", "#progress")
    return _edit_part(request, form, cohort, part, milestone_refusal(milestone))


@login_required
@require_POST
def milestone_delete(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _get(Milestone, pk, "Реперная точка не найдена")
    cohort = _cohort_of(request, milestone.cohort_id, tutor_may=True)
    done = f"Реперная точка «{milestone.title}» удалена."
    return _delete(request, milestone, cohort, milestone_refusal(milestone), done)
