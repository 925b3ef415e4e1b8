"""Professional development: a school's enrolments per trajectory, modules and attendance,
completion with a certificate (PDF/DOCX), a teacher's own trajectories and hours; the §5 statistics."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.http import docx_response
from nastavnik.common.text import plural_ru
from nastavnik.common.xlsx import xlsx_response
from nastavnik.workshops import certificate, report, scope, services, stats
from nastavnik.workshops.forms import EnrolForm, ModulesForm
from nastavnik.workshops.models import Enrolment, EnrolmentStatus, Trajectory
from nastavnik.workshops.views import _organisation, chosen_year

MANAGERS_ONLY = "Записывать на траектории и отмечать посещение может руководство школы"


@login_required
def pd_organisation(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = _organisation(request, org_pk)
    access = access_for(request.user)
    require(access.can_read_org(org), "Страница доступна руководству школы и координаторам")
    year = chosen_year(request)
    enrolments = (
        Enrolment.objects.filter(organisation=org, academic_year=year)
        .select_related("person", "trajectory")
        .order_by("trajectory__order", "person__last_name")
    )
    groups = [(t, [e for e in enrolments if e.trajectory_id == t.pk]) for t in Trajectory.objects.all()]
    context = {
        "organisation": org,
        "year": year,
        "groups": groups,
        "can_manage": access.can_manage_org(org),
        "form": EnrolForm(organisation=org),
    }
    return render(request, "workshops/pd_organisation.html", context)


@login_required
@require_POST
def pd_enrol(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = _organisation(request, org_pk)
    require(access_for(request.user).can_manage_org(org), MANAGERS_ONLY)
    form = EnrolForm(request.POST, organisation=org)
    if not form.is_valid():
        messages.error(request, "Выберите педагога школы и траекторию из списка.")
    else:
        data = form.cleaned_data
        _, created = services.enrol(org, data["person"], data["trajectory"], chosen_year(request))
        if created:
            messages.success(
                request, f"{data['person'].full_name} записан(а) на траекторию «{data['trajectory'].name}»."
            )
        else:
            messages.error(
                request, f"{data['person'].full_name} уже записан(а) на траекторию «{data['trajectory'].name}»."
            )
    return redirect("workshops:pd", org_pk=org.pk)


@login_required
@require_POST
def pd_from_form(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = _organisation(request, org_pk)
    require(access_for(request.user).can_manage_org(org), MANAGERS_ONLY)
    added = services.enrol_from_form(org, chosen_year(request))
    messages.success(
        request, f"По анкете «Оптимизм» записано: {added} {plural_ru(added, 'педагог', 'педагога', 'педагогов')}."
    )
    return redirect("workshops:pd", org_pk=org.pk)


def _enrolment(request: HttpRequest, pk: int) -> Enrolment:
    qs = scope.visible_enrolments(request.user).select_related("organisation", "person", "trajectory", "academic_year")
    return get_visible_or_404(qs, pk=pk)


@login_required
def enrolment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    can_manage = access_for(request.user).can_manage_org(enrolment.organisation)
    modules = list(enrolment.modules.all())
    form = ModulesForm(request.POST or None, modules=modules)
    if request.method == "POST":
        require(can_manage, MANAGERS_ONLY)
        require(enrolment.status != EnrolmentStatus.COMPLETED, "Траектория уже завершена")
        if form.is_valid():
            for module in modules:
                module.attended = bool(form.cleaned_data[f"m{module.pk}"])
                module.save(update_fields=["attended"])
            messages.success(request, "Посещение сохранено.")
            return redirect("workshops:enrolment", pk=enrolment.pk)
    context = {
        "enrolment": enrolment,
        "modules": modules,
        "form": form,
        "can_manage": can_manage,
        "attended_hours": sum(m.hours for m in modules if m.attended),
    }
    return render(request, "workshops/enrolment.html", context)


@login_required
@require_POST
def enrolment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    require(access_for(request.user).can_manage_org(enrolment.organisation), MANAGERS_ONLY)
    try:
        services.complete(enrolment, datetime.date.today())
        messages.success(request, "Траектория завершена, сертификат готов.")
    except services.PdError as error:
        messages.error(request, str(error))
    return redirect("workshops:enrolment", pk=enrolment.pk)


def _completed(request: HttpRequest, pk: int) -> Enrolment:
    enrolment = _enrolment(request, pk)
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise Http404("Сертификат выдаётся после завершения траектории")
    return enrolment


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _completed(request, pk)
    response = HttpResponse(certificate.render_pdf(enrolment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate.filename(enrolment, "pdf")}"'
    return response


@login_required
def certificate_docx(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _completed(request, pk)
    return docx_response(certificate.render_docx(enrolment), certificate.filename(enrolment, "docx"))


@login_required
def my_pd(request: HttpRequest) -> HttpResponse:
    person_id = access_for(request.user).person_id
    enrolments = Enrolment.objects.filter(person_id=person_id or 0).select_related("trajectory", "academic_year")
    hours = stats.completed_hours(person_id) if person_id is not None else 0
    return render(request, "workshops/my_pd.html", {"enrolments": enrolments, "hours": hours})


@login_required
def statistics(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = _organisation(request, org_pk)
    require(access_for(request.user).can_read_org(org), "Статистика доступна руководству школы и координаторам")
    year = chosen_year(request)
    context = {"organisation": org, "year": year, "stats": stats.compute(org, year)}
    return render(request, "workshops/statistics.html", context)


@login_required
def statistics_xlsx(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = _organisation(request, org_pk)
    require(access_for(request.user).can_read_org(org), "Статистика доступна руководству школы и координаторам")
    year = chosen_year(request)
    return xlsx_response(f"masterskie-{org.slug or org.pk}-{year.start_year}.xlsx", report.build_xlsx(org, year))
