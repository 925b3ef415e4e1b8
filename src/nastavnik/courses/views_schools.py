"""«Школа – Школе» after pairing: deficits → targeted PD, observations, the annual cycle, results and dynamics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import require
from nastavnik.common.xlsx import xlsx_response
from nastavnik.courses import charts, cycle, results_import, services
from nastavnik.courses.forms import CycleEventForm, DeficitForm, ObservationForm, ResultsUploadForm
from nastavnik.courses.models import CycleEvent, Deficit, Exam, ExamResult, Observation, ResultUpload, RouteItem
from nastavnik.courses.scope import pairing_for, reads_school, school_pairs_visible
from nastavnik.courses.views_common import access_of, saved_or_error, teachers_of
from nastavnik.district.models import SchoolPairing
from nastavnik.imports.columns import ImportFileError
from nastavnik.orgs.models import Organisation, OrganisationKind


def _pair_url(pairing: SchoolPairing) -> str:
    return reverse("courses:pair", kwargs={"pk": pairing.pk})


@login_required
def pairs(request: HttpRequest) -> HttpResponse:
    access = access_of(request)
    require(access.is_staff_reader, "Раздел «Школа – Школе» доступен методистам и руководителям школ")
    return render(request, "courses/pairs.html", {"pairs": school_pairs_visible(access)})


def _stages(pairing: SchoolPairing) -> list[dict[str, Any]]:
    events = list(CycleEvent.objects.filter(pairing=pairing))
    current = cycle.stage_on(timezone.localdate())
    return [
        {
            "stage": stage,
            "current": stage.code == current,
            "events": [e for e in events if e.stage == stage.code],
        }
        for stage in cycle.STAGES
    ]


@login_required
def pair(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = pairing_for(access_of(request), pk)
    schools = [pairing.supported, pairing.leader]
    people = teachers_of(schools)
    deficits = Deficit.objects.filter(pairing=pairing).select_related("person").prefetch_related("route_items")
    context = {
        "pairing": pairing,
        "deficits": deficits,
        "observations": Observation.objects.filter(pairing=pairing).select_related("teacher"),
        "stages": _stages(pairing),
        "charts": charts.pair_charts(pairing.leader, pairing.supported),
        "changes": [(org, charts.change_rows(list(ExamResult.objects.filter(school=org)))) for org in schools],
        "deficit_form": DeficitForm(people=people, initial={"identified_on": timezone.localdate()}),
        "observation_form": ObservationForm(people=people, initial={"day": timezone.localdate()}),
        "event_form": CycleEventForm(),
        "pd_done": RouteItem.objects.filter(deficit__pairing=pairing, completed_on__isnull=False).count(),
    }
    return render(request, "courses/pair.html", context)


@login_required
@require_POST
def deficit_add(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = pairing_for(access_of(request), pk)
    form = DeficitForm(request.POST, people=teachers_of([pairing.supported, pairing.leader]))
    if form.is_valid():
        deficit = form.save(commit=False)
        deficit.pairing = pairing
        deficit.created_by = request.user
        deficit.save()
        if form.cleaned_data["targeted_pd"]:
            services.assign_targeted_pd(deficit, pairing.academic_year, None)
    return saved_or_error(request, form, _pair_url(pairing) + "#deficits", "Дефицит записан.")


@login_required
@require_POST
def observation_add(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = pairing_for(access_of(request), pk)
    form = ObservationForm(request.POST, people=teachers_of([pairing.supported, pairing.leader]))
    form.instance.pairing = pairing
    if form.is_valid():
        form.save()
    return saved_or_error(request, form, _pair_url(pairing) + "#observations", "Запись сохранена.")


@login_required
@require_POST
def cycle_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add one event of the annual cycle, or (seed=1) the year's plan from the source's table."""
    pairing = pairing_for(access_of(request), pk)
    if request.POST.get("seed"):
        added = cycle.seed_plan(pairing)
        messages.success(request, f"План года заполнен: добавлено мероприятий — {added}.")
        return redirect(_pair_url(pairing) + "#cycle")
    form = CycleEventForm(request.POST)
    form.instance.pairing = pairing
    if form.is_valid():
        form.save()
    return saved_or_error(request, form, _pair_url(pairing) + "#cycle", "Мероприятие добавлено.")


# -- results --------------------------------------------------------------------------------------


def _school(request: HttpRequest, pk: int) -> Organisation:
    access = access_of(request)
    require(access.is_staff_reader, "Результаты школ видят методисты и руководители школ")
    school = Organisation.objects.filter(pk=pk, kind=OrganisationKind.SCHOOL).first()
    if school is None or not reads_school(access, school):
        raise Http404("Школа не найдена")
    return school


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school(request, pk)
    found = list(ExamResult.objects.filter(school=school))
    context = {
        "school": school,
        "results": found,
        "charts": charts.school_charts(found),
        "changes": charts.change_rows(found),
        "form": ResultsUploadForm(),
    }
    return render(request, "courses/results.html", context)


@login_required
def results_template(request: HttpRequest) -> HttpResponse:
    require(access_of(request).is_staff_reader, "Шаблон доступен методистам и руководителям школ")
    return xlsx_response("shablon-rezultaty-vpr-oge-ege.xlsx", results_import.template())


@login_required
@require_POST
def results_upload(request: HttpRequest, pk: int) -> HttpResponse:
    school = _school(request, pk)
    form = ResultsUploadForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = results_import.parse_results(upload.name, upload, upload.size)
        except ImportFileError as problem:
            error = str(problem)
        else:
            saved = ResultUpload.objects.create(
                school=school,
                filename=upload.name[:255],
                rows=parsed.rows,
                errors=parsed.errors,
                notes=parsed.notes,
                created_by=request.user if request.user.is_authenticated else None,
            )
            return redirect(reverse("courses:results_preview", kwargs={"pk": saved.pk}))
    found = list(ExamResult.objects.filter(school=school))
    context = {
        "school": school,
        "results": found,
        "charts": charts.school_charts(found),
        "changes": charts.change_rows(found),
        "form": form,
        "upload_error": error,
    }
    return render(request, "courses/results.html", context, status=400)


def _upload(request: HttpRequest, pk: int) -> ResultUpload:
    upload = ResultUpload.objects.select_related("school").filter(pk=pk).first()
    if upload is None:
        raise Http404("Загрузка не найдена")
    _school(request, upload.school_id)
    return upload


@login_required
def results_preview(request: HttpRequest, pk: int) -> HttpResponse:
    upload = _upload(request, pk)
    by_row: dict[int, list[dict[str, Any]]] = {}
    for error in upload.errors:
        by_row.setdefault(error["row"], []).append(error)
    labels = dict(Exam.choices)
    rows = [
        {"row": row, "exam": labels.get(row["exam"], "—"), "errors": by_row.get(row["line"], [])} for row in upload.rows
    ]
    context = {"upload": upload, "rows": rows, "school": upload.school}
    return render(request, "courses/results_preview.html", context)


@login_required
@require_POST
def results_commit(request: HttpRequest, pk: int) -> HttpResponse:
    upload = _upload(request, pk)
    try:
        created, updated = results_import.commit(upload)
    except ImportFileError as problem:
        messages.error(request, str(problem))
        return redirect(reverse("courses:results_preview", kwargs={"pk": upload.pk}))
    messages.success(request, f"Результаты загружены: новых строк — {created}, обновлено — {updated}.")
    return redirect(reverse("courses:results", kwargs={"pk": upload.school_id}))
