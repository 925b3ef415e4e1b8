"""Reports and documents of the monitoring: the programme report (DOCX, PDF), the indicator table
(XLSX) as jobs with progress, the project passport (DOCX) and the pairs (XLSX).

Who may do what:
- an organisation's documents are made by those who read its indicators — its director,
  curator and working group, the coordinators of its district and region, the administrator;
  for anyone else the organisation does not exist (404), and people who read no registry
  (teacher, mentor, mentee, parent) are refused (403);
- a job and its file are seen by the person who ordered it, by the management of the job's
  organisation and by the administrator — provided they still read the organisation; for
  everyone else the job does not exist (404). The file is served only through this check.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import Access, access_for, get_visible_or_404, require
from nastavnik.common.http import DOCX_TYPE
from nastavnik.common.paging import paginate
from nastavnik.common.xlsx import build_workbook, xlsx_response
from nastavnik.monitoring import jobs
from nastavnik.monitoring.models import JobKind, JobStatus, ReportJob
from nastavnik.monitoring.pairs_export import PAIRS_HEADER, PAIRS_WIDTHS, annotate_pairs, pair_rows, pairs_filter
from nastavnik.monitoring.passport import passport_docx, passport_filename
from nastavnik.orgs.models import AcademicYear, Organisation, subtree_q
from nastavnik.pairs.models import Pair
from nastavnik.programmes.models import Programme
from nastavnik.programmes.views_common import programme_for_read

READERS_ONLY = "Отчёты доступны сотрудникам, ведущим наставничество, и координаторам"
# The pairs XLSX is written in the request; a territory above this many pairs is refused with advice.
PAIRS_XLSX_LIMIT = 50_000


def _access(request: HttpRequest) -> Access:
    access = access_for(request.user)
    require(access.is_staff_reader, READERS_ONLY)
    return access


def _organisation(request: HttpRequest, pk: int) -> tuple[Access, Organisation]:
    access = _access(request)
    org = Organisation.objects.filter(pk=pk).first()
    if org is None or not access.can_read_org(org):
        raise Http404("Организация не найдена")
    return access, org


def _year(request: HttpRequest) -> AcademicYear:
    raw = (request.POST.get("year") or request.GET.get("year") or "").strip()
    if not raw:
        return AcademicYear.current()
    start = raw.split("/")[0]
    year = AcademicYear.objects.filter(start_year=int(start)).first() if start.isdigit() else None
    if year is None:
        raise Http404("Учебный год не найден")
    return year


def reports_url(org: Organisation, year: AcademicYear) -> str:
    return f"{reverse('monitoring:reports', kwargs={'org_pk': org.pk})}?{urlencode({'year': year.start_year})}"


def _job_visible(access: Access, user_id: int | None, job: ReportJob) -> bool:
    if not access.can_read_org(job.organisation):
        return False
    return access.is_admin or job.owner_id == user_id or access.can_manage_org(job.organisation)


def _job(request: HttpRequest, pk: int) -> ReportJob:
    access = access_for(request.user)
    job = ReportJob.objects.select_related("organisation", "academic_year", "owner__person").filter(pk=pk).first()
    if job is None or not _job_visible(access, request.user.pk, job):
        raise Http404("Документ не найден")
    return jobs.expire_if_stale(job)


@login_required
def reports(request: HttpRequest, org_pk: int) -> HttpResponse:
    access, org = _organisation(request, org_pk)
    year = _year(request)
    count = jobs.organisations_for(org, year, request.user)
    background = count > jobs.inline_limit()
    programmes = Programme.objects.filter(organisation=org, academic_year=year).order_by("title", "pk")
    recent = ReportJob.objects.filter(owner_id=request.user.pk, organisation=org).select_related("academic_year")[:10]
    context: dict[str, Any] = {
        "org": org,
        "year": year,
        "years": AcademicYear.objects.order_by("-start_year"),
        "kinds": JobKind.choices,
        "count": count,
        "background": background,
        "programmes": programmes,
        "recent": recent,
        "can_manage": access.can_manage_org(org),
    }
    return render(request, "monitoring/report_index.html", context)


@login_required
@require_POST
def report_start(request: HttpRequest, org_pk: int) -> HttpResponse:
    _, org = _organisation(request, org_pk)
    year = _year(request)
    kind = request.POST.get("kind", "")
    if kind not in JobKind.values:
        messages.error(request, "Выберите документ: отчёт DOCX, отчёт PDF или таблицу показателей XLSX.")
        return redirect(reports_url(org, year))
    try:
        job = jobs.start(request.user, org, year, kind)
    except jobs.JobError as error:
        messages.error(request, str(error))
        return redirect(reports_url(org, year))
    return redirect("monitoring:job", pk=job.pk)


def _job_context(job: ReportJob) -> dict[str, Any]:
    return {
        "job": job,
        "waiting_too_long": jobs.waiting_too_long(job),
        "statuses": JobStatus,
        "back": reports_url(job.organisation, job.academic_year),
    }


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    item = _job(request, pk)
    return render(request, "monitoring/job_detail.html", _job_context(item))


@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress block alone: htmx asks for it every 2 seconds until the job is finished."""
    item = _job(request, pk)
    return render(request, "monitoring/job_progress.html", _job_context(item))


@login_required
def job_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = _job(request, pk)
    if item.status != JobStatus.DONE or not item.file:
        raise Http404("Документ ещё не готов")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("Файл документа не найден: сформируйте его ещё раз") from None
    return FileResponse(handle, as_attachment=True, filename=item.filename or item.file.name.rsplit("/", 1)[-1])


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    _access(request)
    qs = ReportJob.objects.filter(owner_id=request.user.pk).select_related("organisation", "academic_year")
    return render(request, "monitoring/job_list.html", paginate(request, qs.order_by("-created_at", "-id")))


@login_required
def passport(request: HttpRequest, programme_pk: int) -> HttpResponse:
    programme = programme_for_read(request, programme_pk)
    response = HttpResponse(passport_docx(programme), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{passport_filename(programme)}"'
    return response


@login_required
def pairs_xlsx(request: HttpRequest, org_pk: int) -> HttpResponse:
    """Pairs of an organisation (with those below it) or of one of its programmes, as on the pairs board."""
    _, org = _organisation(request, org_pk)
    raw = (request.GET.get("programme") or "").strip()
    programme = None
    if raw:
        if not raw.isdigit():
            raise Http404("Программа не найдена")
        scope = Programme.objects.visible_to(request.user).filter(subtree_q("organisation__path", org.path))
        programme = get_visible_or_404(scope.select_related("academic_year"), pk=int(raw))
    # The visible pairs as a plain id filter: no join left behind to repeat the rows being counted.
    visible = Pair.objects.visible_to(request.user).filter(pairs_filter(org, programme))
    qs = Pair.objects.filter(pk__in=visible.values("pk"))
    if programme is None and (request.GET.get("year") or "").strip():
        qs = qs.filter(programme__academic_year=_year(request))
    count = qs.count()
    if count > PAIRS_XLSX_LIMIT:
        messages.error(
            request, f"Пар слишком много для одной таблицы ({count}): выберите учебный год, район или организацию."
        )
        return redirect(reports_url(org, _year(request)))
    rows = pair_rows(annotate_pairs(qs))
    suffix = f"programma-{programme.pk}" if programme else org.slug
    content = build_workbook("Пары", PAIRS_HEADER, rows, PAIRS_WIDTHS)
    return xlsx_response(f"pary-{suffix}.xlsx", content)
