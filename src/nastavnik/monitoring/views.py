"""Indicator pages: the table of an organisation (or a territory's roll-up), snapshots, targets, events.

Who sees what: an organisation's staff readers see their organisation, coordinators the
organisations of their district or region (read-only), the administrator everything; the
organisation of another district does not exist for them (404). Values are changed by the
organisation's director, curator and working group only (403 for the coordinators above).
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from nastavnik.access.rules import Access, access_for, require
from nastavnik.common.paging import paginate
from nastavnik.common.widgets import QuickSelect
from nastavnik.common.xlsx import xlsx_response
from nastavnik.monitoring import services
from nastavnik.monitoring.compute import MANUAL, Value
from nastavnik.monitoring.forms import EventForm, ManualValueForm, SnapshotForm, TargetsForm
from nastavnik.monitoring.indicators import BY_CODE, DEFINITIONS
from nastavnik.monitoring.models import Event, EventKind, ManualValue, Snapshot, SnapshotKind, Target
from nastavnik.monitoring.report import (
    OrgReport,
    Row,
    build_reports,
    default_as_of,
    format_percent,
    organisations_with_programmes,
    summary,
)
from nastavnik.monitoring.xlsx import export_indicators
from nastavnik.orgs.models import TERRITORY_KINDS, AcademicYear, Organisation, subtree_q

READ_ONLY = "Изменять данные мониторинга могут руководитель, куратор и рабочая группа организации"
# Above this many organisations the XLSX is made by the command (it takes longer than a page should).
EXPORT_IN_REQUEST_LIMIT = 60


def _access(request: HttpRequest) -> Access:
    access = access_for(request.user)
    require(access.is_staff_reader, "Мониторинг доступен сотрудникам, ведущим наставничество, и координаторам")
    return access


def _organisation(request: HttpRequest, pk: int) -> tuple[Access, Organisation]:
    access = _access(request)
    org = Organisation.objects.filter(pk=pk).first()
    if org is None or not access.can_read_org(org):
        raise Http404("Организация не найдена")
    return access, org


def _year(request: HttpRequest) -> AcademicYear:
    raw = (request.GET.get("year") or request.POST.get("year") or "").strip()
    if not raw:
        return AcademicYear.current()
    start = raw.split("/")[0]
    year = AcademicYear.objects.filter(start_year=int(start)).first() if start.isdigit() else None
    if year is None:
        raise Http404("Учебный год не найден")
    return year


def _url(name: str, year: AcademicYear, **kwargs: Any) -> str:
    return f"{reverse(name, kwargs=kwargs)}?{urlencode({'year': year.start_year})}"


def _readable_q(access: Access) -> Q:
    parts = Q(pk__in=access.managed_org_ids)
    for path in access.coordinated_paths:
        parts |= subtree_q("path", path)
    return parts


def _choices(access: Access, year: AcademicYear, current: Organisation) -> SafeString:
    """The organisation selector: every organisation the user reads, the same set the dashboard table
    rolls up and links to (a school without a programme this year is still a row there, so it is here
    too). A `QuickSelect`: a region's 512 options through the template engine took 15 ms of its dashboard."""
    qs = Organisation.objects.all() if access.is_admin else Organisation.objects.filter(_readable_q(access))
    options = [
        (org.pk, f"{'— ' * max(org.depth, 0)}{org.short_name}")
        for org in qs.order_by("path").only("pk", "short_name", "path")
    ]
    return QuickSelect(choices=options).render("org", current.pk)


def _layout(rows: list[Row]) -> list[dict[str, Any]]:
    by_code = {row.indicator.code: row for row in rows}
    return [
        {
            "group": group,
            "sections": [
                {"subtitle": section.subtitle, "rows": [by_code[i.code] for i in section.indicators]}
                for section in group.sections
            ],
        }
        for group in DEFINITIONS.groups
    ]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The selector's target and the menu entry: the chosen organisation, else the user's own."""
    access = _access(request)
    year = _year(request)
    raw = request.GET.get("org", "")
    if raw.isdigit():
        return redirect(_url("monitoring:indicators", year, org_pk=int(raw)))
    qs = Organisation.objects.all() if access.is_admin else Organisation.objects.filter(_readable_q(access))
    first = qs.order_by("path").first()
    if first is None:
        raise Http404("Нет доступных организаций")
    return redirect(_url("monitoring:indicators", year, org_pk=first.pk))


@login_required
def indicators(request: HttpRequest, org_pk: int) -> HttpResponse:
    access, org = _organisation(request, org_pk)
    year = _year(request)
    as_of = default_as_of(year)
    has_children = Organisation.objects.filter(parent=org).exists()
    below = organisations_with_programmes(org, year) if has_children else []
    reports = build_reports(below, year, as_of) if below else []
    own: OrgReport | None = next((r for r in reports if r.organisation.pk == org.pk), None)
    if own is None and (not has_children or org.kind not in TERRITORY_KINDS):
        own = build_reports([org], year, as_of)[0]
    others = [r for r in reports if r.organisation.pk != org.pk]
    today = timezone.localdate()
    context: dict[str, Any] = {
        "org": org,
        "year": year,
        "years": AcademicYear.objects.order_by("-start_year"),
        "choices": _choices(access, year, org),
        "report": own,
        "table": _layout(own.rows) if own else [],
        "can_manage": access.can_manage_org(org),
        "manual_date": min(max(today, year.starts_on), year.ends_on),
        "snapshot_kinds": SnapshotKind,
        "has_start": bool(own and own.start_snapshot),
        "has_final": bool(own and any(s.kind == SnapshotKind.FINAL for s in own.snapshots)),
        "territory": has_children,
        "summary": _layout(summary(reports)) if has_children else [],
        "summary_count": len(reports),
        "can_export": len(reports) <= EXPORT_IN_REQUEST_LIMIT,
        "export_limit": EXPORT_IN_REQUEST_LIMIT,
    }
    if has_children:
        page = Paginator([r.organisation for r in others], 25).get_page(request.GET.get("page"))
        context["below_page"] = page
    return render(request, "monitoring/indicators.html", context)


@login_required
def export(request: HttpRequest, org_pk: int) -> HttpResponse:
    _, org = _organisation(request, org_pk)
    year = _year(request)
    if Organisation.objects.filter(parent=org).exists():
        count = len(organisations_with_programmes(org, year))
        if count > EXPORT_IN_REQUEST_LIMIT:
            messages.error(
                request,
                f"Организаций слишком много для выгрузки со страницы ({count}). Таблицу по территории "
                f"формирует команда: nastavnik report indicators --org {org.slug} --year {year.name} --out FILE.xlsx",
            )
            return redirect(_url("monitoring:indicators", year, org_pk=org.pk))
    result = export_indicators(org, year)
    return xlsx_response(f"pokazateli-{org.slug}-{year.start_year}.xlsx", result.content)


@login_required
def manual(request: HttpRequest, org_pk: int, code: str) -> HttpResponse:
    access, org = _organisation(request, org_pk)
    indicator = BY_CODE.get(code)
    if indicator is None:
        raise Http404("Нет такого показателя")
    year = _year(request)
    can_manage = access.can_manage_org(org)
    back = _url("monitoring:indicators", year, org_pk=org.pk)
    form = ManualValueForm(request.POST or None, initial={"on_date": default_as_of(year)})
    if request.method == "POST":
        require(can_manage, READ_ONLY)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.enter_manual(org, year, code, data["value"], data["on_date"], data["comment"], request.user)
            except services.MonitoringError as error:
                form.add_error("on_date", str(error))
            else:
                shown = "возвращено расчётное значение" if data["value"] is None else f"значение {data['value']}"
                messages.success(request, f"Показатель {code}: {shown} с {data['on_date']:%d.%m.%Y}.")
                return redirect(back)
    history = ManualValue.objects.filter(organisation=org, academic_year=year, code=code).select_related(
        "entered_by__person"
    )
    context = {
        "org": org,
        "year": year,
        "indicator": indicator,
        "form": form,
        "can_manage": can_manage,
        "back": back,
        **paginate(request, history),
    }
    return render(request, "monitoring/manual.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def take_snapshot(request: HttpRequest, org_pk: int) -> HttpResponse:
    access, org = _organisation(request, org_pk)
    require(access.can_manage_org(org), READ_ONLY)
    year = _year(request)
    back = _url("monitoring:indicators", year, org_pk=org.pk)
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(back)
    try:
        snapshot = services.take_snapshot(org, year, form.cleaned_data["kind"], request.user, form.cleaned_data["date"])
    except services.MonitoringError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, f"Сохранён {snapshot.title[0].lower()}{snapshot.title[1:]}.")
    return redirect("monitoring:snapshot", pk=snapshot.pk)


@login_required
def snapshot(request: HttpRequest, pk: int) -> HttpResponse:
    access = _access(request)
    item = Snapshot.objects.select_related("organisation", "academic_year", "created_by__person").filter(pk=pk).first()
    if item is None or not access.can_read_org(item.organisation):
        raise Http404("Срез не найден")
    start = None
    if item.kind != SnapshotKind.START:
        start = Snapshot.objects.filter(
            organisation=item.organisation, academic_year=item.academic_year, kind=SnapshotKind.START
        ).first()
    rows = []
    for indicator in DEFINITIONS.indicators:
        value = item.values.get(indicator.code) or {}
        base = (start.values.get(indicator.code) or {}) if start else {}
        row = Row(indicator, Value.from_json(base), Value.from_json(value)) if start else None
        rows.append(
            {
                "indicator": indicator,
                "value": value.get("value"),
                "manual": value.get("source") == MANUAL,
                "comment": value.get("comment", ""),
                "start": base.get("value") if start else None,
                "dynamics": row.dynamics if row else None,
                "percent": format_percent(row.percent) if row else "",
            }
        )
    context = {
        "item": item,
        "start": start,
        "rows": rows,
        "back": _url("monitoring:indicators", item.academic_year, org_pk=item.organisation_id),
    }
    return render(request, "monitoring/snapshot.html", context)


@login_required
def targets(request: HttpRequest, org_pk: int) -> HttpResponse:
    access, org = _organisation(request, org_pk)
    year = _year(request)
    can_manage = access.can_manage_org(org)
    current = {t.code: t for t in Target.objects.filter(organisation=org, academic_year=year)}
    initial: dict[str, Any] = {}
    for code, target in current.items():
        initial[f"kind_{code}"], initial[f"value_{code}"] = target.kind, target.value
    form = TargetsForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(can_manage, READ_ONLY)
        if form.is_valid():
            count = services.save_targets(org, year, form.targets(), request.user)
            messages.success(request, f"Цели сохранены: задано {count} из {len(DEFINITIONS.indicators)}.")
            return redirect(_url("monitoring:indicators", year, org_pk=org.pk))
    context = {
        "org": org,
        "year": year,
        "form": form,
        "rows": form.rows(),
        "current": current,
        "can_manage": can_manage,
        "back": _url("monitoring:indicators", year, org_pk=org.pk),
    }
    return render(request, "monitoring/targets.html", context, status=400 if form.errors else 200)


@login_required
def events(request: HttpRequest, org_pk: int) -> HttpResponse:
    access, org = _organisation(request, org_pk)
    year = _year(request)
    qs = Event.objects.filter(organisation=org, academic_year=year).order_by("-date", "-id")
    context = {
        "org": org,
        "year": year,
        "can_manage": access.can_manage_org(org),
        "kinds": EventKind,
        "back": _url("monitoring:indicators", year, org_pk=org.pk),
        **paginate(request, qs),
    }
    return render(request, "monitoring/events.html", context)


def _event_year(day: datetime.date) -> AcademicYear:
    return AcademicYear.objects.get(start_year=AcademicYear.start_year_for(day))  # checked by the form


def _edit_event(request: HttpRequest, org: Organisation, event: Event | None) -> HttpResponse:
    year = event.academic_year if event else _year(request)
    form = EventForm(request.POST or None, instance=event, initial=None if event else {"date": default_as_of(year)})
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.organisation = org
        item.academic_year = _event_year(item.date)
        if item.pk is None:
            item.created_by = request.user
        item.save()
        messages.success(request, f"Мероприятие «{item.title}» сохранено.")
        return redirect(_url("monitoring:events", item.academic_year, org_pk=org.pk))
    context = {"org": org, "year": year, "form": form, "event": event}
    return render(request, "monitoring/event_form.html", context, status=400 if form.errors else 200)


@login_required
def event_add(request: HttpRequest, org_pk: int) -> HttpResponse:
    access, org = _organisation(request, org_pk)
    require(access.can_manage_org(org), READ_ONLY)
    return _edit_event(request, org, None)


def _event(request: HttpRequest, pk: int) -> tuple[Access, Event]:
    access = _access(request)
    event = Event.objects.select_related("organisation", "academic_year").filter(pk=pk).first()
    if event is None or not access.can_read_org(event.organisation):
        raise Http404("Мероприятие не найдено")
    require(access.can_manage_org(event.organisation), READ_ONLY)
    return access, event


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _, event = _event(request, pk)
    return _edit_event(request, event.organisation, event)


@login_required
@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _, event = _event(request, pk)
    org, year, title = event.organisation, event.academic_year, event.title
    event.delete()
    messages.success(request, f"Мероприятие «{title}» удалено.")
    return redirect(_url("monitoring:events", year, org_pk=org.pk))
