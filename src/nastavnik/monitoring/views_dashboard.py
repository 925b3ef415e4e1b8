"""Monitoring dashboards of an organisation, a district and the region, and the lists behind their numbers.

Access is that of the indicator pages: an organisation's staff readers see their organisation,
coordinators the organisations of their district or region, the administrator everything; an
organisation outside the user's reach is answered 404, its dashboard and drill-downs alike.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from nastavnik.common.paging import paginate
from nastavnik.courses.figures import completed_hours as course_hours
from nastavnik.monitoring.compute import PEDAGOGICAL_ROLES
from nastavnik.monitoring.dashboard import ANSWERS_LAG_SECONDS, dashboard_data, memo, readable, subtree
from nastavnik.monitoring.figures import INVOLVEMENT_TARGET, LEVEL_DISTRICT, SCHEMES, DashboardData, DashboardRow
from nastavnik.monitoring.queries import (
    BASELINE_MONTHS,
    CONFORMITY_CODE,
    FINAL_MONTH,
    is_regular,
    linked_campaigns,
    pair_rows,
    participants_q,
    student_ids,
)
from nastavnik.monitoring.report import default_as_of
from nastavnik.monitoring.views import _access, _choices, _layout, _organisation
from nastavnik.orgs.models import AcademicYear, Membership, Organisation, Role
from nastavnik.pairs.models import HOLDING_STATUSES, Pair, PairStatus
from nastavnik.people.models import Person
from nastavnik.programmes.models import MentoringFormat, Programme
from nastavnik.surveys.models import Campaign
from nastavnik.workshops.stats import compute as workshop_stats

PAIR_VIEWS = {
    "formed": "сформированные пары",
    "working": "работающие пары (подтверждены, закреплены, работают)",
    "completed": "завершённые пары",
    "dissolved": "расформированные пары",
    "proposed": "предложенные, ещё не подтверждённые пары",
    "groups": "наставнические группы",
    "regular": "пары со встречами каждый месяц",
    "irregular": "пары, у которых были месяцы без встреч",
    "rated": "пары с оценками встреч",
    "evaluated": "пары со взаимной оценкой",
    "satisfaction": "завершённые пары с оценкой удовлетворённости",
}
PEOPLE_VIEWS = {
    "students_in": "обучающиеся в наставничестве",
    "teachers_in": "педагоги в наставничестве",
    "students": "обучающиеся организации",
    "teachers": "педагоги организации",
}
CAMPAIGN_VIEWS = {
    "links": "опросы «после» с опросом «до» (этап 2)",
    "on_schedule": "входная диагностика в октябре–ноябре и итоговая в мае",
    "conformity": "анкеты куратора (соответствие целевой модели)",
}
KINDS = {"pairs": PAIR_VIEWS, "people": PEOPLE_VIEWS, "campaigns": CAMPAIGN_VIEWS}
SCHEME_LABELS = dict(SCHEMES)
PALETTE = ["#1976d2", "#43a047", "#e53935", "#fb8c00", "#8e24aa", "#00897b"]


class FilterForm(forms.Form):
    """?year=&form= of the dashboard and its drill-downs; anything else is a 404, never a 500."""

    year = forms.ModelChoiceField(queryset=AcademicYear.objects.all(), to_field_name="start_year", required=False)
    form = forms.ModelChoiceField(queryset=MentoringFormat.objects.filter(is_active=True), required=False)


def _filters(request: HttpRequest) -> tuple[AcademicYear, MentoringFormat | None]:
    raw = {"year": request.GET.get("year", ""), "form": request.GET.get("form", "")}
    raw["year"] = raw["year"].split("/")[0]  # «2026/2027» as the indicator pages write it
    form = FilterForm(raw)
    if not form.is_valid():
        raise Http404("Учебный год или форма наставничества не найдены")
    return form.cleaned_data["year"] or AcademicYear.current(), form.cleaned_data["form"]


def _query(year: AcademicYear, form: MentoringFormat | None, **extra: Any) -> str:
    params: dict[str, Any] = {"year": year.start_year}
    if form is not None:
        params["form"] = form.pk
    params.update({k: v for k, v in extra.items() if v not in (None, "")})
    return urlencode(params)


def drill_url(org: Organisation, year: AcademicYear, form: MentoringFormat | None, kind: str, **extra: Any) -> str:
    return f"{reverse('monitoring:drill', kwargs={'org_pk': org.pk})}?{_query(year, form, kind=kind, **extra)}"


def dashboard_url(org: Organisation, year: AcademicYear, form: MentoringFormat | None = None) -> str:
    return f"{reverse('monitoring:dashboard', kwargs={'org_pk': org.pk})}?{_query(year, form)}"


# -- charts ----------------------------------------------------------------------------------------


def _chart(title: str, labels: list[str], datasets: list[tuple[str, list[Any]]], **options: Any) -> dict[str, Any]:
    config = {
        "labels": labels,
        "datasets": [
            {"label": label, "data": data, "color": PALETTE[index % len(PALETTE)]}
            for index, (label, data) in enumerate(datasets)
        ],
        **options,
    }
    height = 60 + 26 * len(labels) * max(1, len(datasets)) if options.get("horizontal") else 280
    return {"title": title, "config": json.dumps(config, ensure_ascii=False), "height": min(height, 900)}


def _charts(data: DashboardData) -> dict[str, dict[str, Any]]:
    schemes = data.schemes
    labels = [label for _, label, _ in schemes]
    charts = {
        "schemes": _chart(
            "Пары по способу формирования",
            labels,
            [
                ("Сформировано", [s.formed for _, _, s in schemes]),
                ("Завершено", [s.completed for _, _, s in schemes]),
                ("Расформировано", [s.dissolved for _, _, s in schemes]),
            ],
        ),
        "quality": _chart(
            "Качество процесса по способу формирования (баллы 1–5)",
            labels,
            [
                ("Оценка встреч", [s.quality.ratings.value for _, _, s in schemes]),
                ("Удовлетворённость", [s.quality.satisfaction.value for _, _, s in schemes]),
            ],
            max=5,
        ),
    }
    rows = data.rows or [DashboardRow(data.organisation, data.total)]
    charts["involvement"] = _chart(
        f"Вовлечённость в наставничество, % (цель — {INVOLVEMENT_TARGET} % обучающихся)",
        [row.label for row in rows],
        [
            ("Обучающиеся", [row.figures.involvement.students_share or 0 for row in rows]),
            ("Педагоги", [row.figures.involvement.teachers_share or 0 for row in rows]),
        ],
        horizontal=True,
        max=100,
        target=INVOLVEMENT_TARGET,
        suffix=" %",
    )
    scales = data.scale_changes()
    if scales:
        charts["change"] = _chart(
            "Изменение «до — после» по шкалам (средние)",
            [scale.short for scale, _, _ in scales],
            [
                ("До", [change.before.value for _, change, _ in scales]),
                ("После", [change.after.value for _, change, _ in scales]),
            ],
            horizontal=True,
        )
    return charts


# -- pages ----------------------------------------------------------------------------------------


def _map_query(org: Organisation, year: AcademicYear, form: MentoringFormat | None) -> str:
    params: dict[str, Any] = {"territory": org.pk, "year": year.start_year}
    if form is not None:
        params["form"] = form.pk
    return urlencode(params)


def _row_links(row: DashboardRow, data: DashboardData) -> dict[str, Any]:
    extra = {"own": 1} if row.own else {}
    org = row.organisation

    def drill(kind: str, view: str, **more: Any) -> str:
        return drill_url(org, data.year, data.form, kind, view=view, **extra, **more)

    return {
        "row": row,
        "dashboard": None if row.own else dashboard_url(org, data.year, data.form),
        "formed": drill("pairs", "formed"),
        "completed": drill("pairs", "completed"),
        "dissolved": drill("pairs", "dissolved"),
        "students_in": drill("people", "students_in"),
        "teachers_in": drill("people", "teachers_in"),
        "links": drill("campaigns", "links"),
    }


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    """The user's widest organisation: the region or district they coordinate, else their own."""
    access = _access(request)
    year, form = _filters(request)
    raw = request.GET.get("org", "")
    if raw.isdigit():
        return redirect(dashboard_url(_organisation(request, int(raw))[1], year, form))
    qs = Organisation.objects.all() if access.is_admin else Organisation.objects.filter(pk__in=access.managed_org_ids)
    if not access.is_admin and access.coordinated_paths:
        qs = Organisation.objects.filter(path__in=access.coordinated_paths)
    first = qs.order_by("path").first()
    if first is None:
        raise Http404("Нет доступных организаций")
    return redirect(dashboard_url(first, year, form))


@login_required
def dashboard(request: HttpRequest, org_pk: int) -> HttpResponse:
    access, org = _organisation(request, org_pk)
    year, form = _filters(request)
    data = dashboard_data(org, year, form=form, user=request.user, answers_lag=ANSWERS_LAG_SECONDS, background=True)
    total = data.total

    def drill(kind: str, view: str, **more: Any) -> str:
        return drill_url(org, year, form, kind, view=view, **more)

    scheme_rows = [
        {
            "code": code,
            "label": label,
            "figures": figures,
            "formed": drill("pairs", "formed", scheme=code),
            "working": drill("pairs", "working", scheme=code),
            "completed": drill("pairs", "completed", scheme=code),
            "dissolved": drill("pairs", "dissolved", scheme=code),
            "rated": drill("pairs", "rated", scheme=code),
            "satisfaction": drill("pairs", "satisfaction", scheme=code),
        }
        for code, label, figures in data.schemes
    ]
    all_pairs = total.pairs
    context: dict[str, Any] = {
        "org": org,
        "year": year,
        "form": form,
        "data": data,
        "total": total,
        "all_pairs": all_pairs,
        "years": AcademicYear.objects.order_by("-start_year"),
        "forms": MentoringFormat.objects.filter(is_active=True).order_by("order", "name"),
        "choices": _choices(access, year, org),
        "scheme_rows": scheme_rows,
        "rows": [_row_links(row, data) for row in data.rows],
        "charts": _charts(data),
        "indicator_table": _layout(data.indicators) if data.indicators else [],
        "scale_changes": [
            {
                "scale": scale,
                "change": change,
                "verdict": scale.verdict(change.paired_delta if change.paired.count else change.delta),
                "schemes": [(SCHEME_LABELS[c], ch) for c, ch in by_scheme],
            }
            for scale, change, by_scheme in data.scale_changes()
        ],
        "scheme_labels": [label for _, label in SCHEMES],
        "answers_lag_minutes": ANSWERS_LAG_SECONDS // 60,
        "workshop_stats": memo("workshops", org, year, None, lambda: workshop_stats(org, year)),
        "course_hours": memo(
            "course-hours", org, year, data.scope_ids, lambda: course_hours(_scope_ids(request, org, own=False), year)
        ),
        "links": {key: drill(kind, key) for kind, views in KINDS.items() for key in views},
        "indicators_url": f"{reverse('monitoring:indicators', kwargs={'org_pk': org.pk})}?year={year.start_year}",
        "map_url": f"{reverse('district:map')}?{_map_query(org, year, form)}" if data.level == LEVEL_DISTRICT else None,
        "parent_url": (
            dashboard_url(org.parent, year, form)
            if org.parent_id and org.parent is not None and access.can_read_org(org.parent)
            else None
        ),
    }
    return render(request, "monitoring/dashboard.html", context)


# -- drill-down -----------------------------------------------------------------------------------


def _scope_ids(request: HttpRequest, org: Organisation, own: bool) -> list[int]:
    if own:
        return [org.pk]
    orgs, _ = readable(subtree(org), request.user)
    return [o.pk for o in orgs]


def _pairs(ids: list[int], year: AcademicYear, form: MentoringFormat | None, view: str, scheme: str) -> QuerySet[Pair]:
    qs = Pair.objects.filter(programme__organisation_id__in=ids, programme__academic_year=year)
    if form is not None:
        qs = qs.filter(programme_form__form=form)
    if scheme:
        qs = qs.filter(scheme=scheme)
    if view == "formed":
        qs = qs.exclude(status=PairStatus.PROPOSED)
    elif view == "working":
        qs = qs.filter(status__in=list(HOLDING_STATUSES))
    elif view in {"completed", "dissolved", "proposed"}:
        qs = qs.filter(status=view)
    elif view == "groups":
        qs = qs.filter(is_group=True).exclude(status=PairStatus.PROPOSED)
    elif view in {"regular", "irregular"}:
        as_of = default_as_of(year)
        wanted = view == "regular"
        qs = qs.filter(
            pk__in=[row["id"] for row in pair_rows(ids, year, form, as_of) if is_regular(row, as_of) is wanted]
        )
    elif view == "rated":
        qs = qs.filter(meetings__ratings__isnull=False).distinct()
    elif view == "evaluated":
        qs = qs.filter(evaluations__isnull=False).distinct()
    elif view == "satisfaction":
        qs = qs.filter(status=PairStatus.COMPLETED, members__satisfaction__isnull=False).distinct()
    return qs


def _people(ids: list[int], year: AcademicYear, form: MentoringFormat | None, view: str) -> QuerySet[Person]:
    members = Membership.objects.filter(organisation_id__in=ids, is_active=True)
    if view.startswith("students"):
        members = members.filter(role=Role.STUDENT)
    else:
        members = members.filter(role__in=list(PEDAGOGICAL_ROLES))
    people = Person.objects.filter(pk__in=members.values("person_id"))
    if not view.startswith("students"):
        people = people.exclude(pk__in=student_ids())
    if view.endswith("_in"):
        # On the people, not on the memberships: the planner then starts from the pairs' people.
        people = people.filter(participants_q(year, form, "pk"))
    return people.order_by("last_name", "first_name", "middle_name", "pk")


def _campaigns(ids: list[int], year: AcademicYear, form: MentoringFormat | None, view: str) -> QuerySet[Campaign]:
    if view == "conformity":
        qs = Campaign.objects.filter(
            organisation_id__in=ids,
            version__instrument__code=CONFORMITY_CODE,
            opens_on__lte=year.ends_on,
            closes_on__gte=year.starts_on,
        )
    else:
        qs = linked_campaigns(ids, year, form)
        if view == "on_schedule":
            may = Q(opens_on__month=FINAL_MONTH) | Q(closes_on__month=FINAL_MONTH)
            qs = qs.filter(may, baseline__opens_on__month__in=sorted(BASELINE_MONTHS))
    return qs.select_related("organisation", "baseline", "version__instrument").order_by(
        "organisation__path", "-opens_on"
    )


@login_required
def drill(request: HttpRequest, org_pk: int) -> HttpResponse:
    _, org = _organisation(request, org_pk)
    year, form = _filters(request)
    kind = request.GET.get("kind", "pairs")
    views = KINDS.get(kind)
    view = request.GET.get("view", "formed" if kind == "pairs" else "")
    if views is None or view not in views:
        raise Http404("Нет такого списка")
    scheme = request.GET.get("scheme", "")
    if scheme and scheme not in SCHEME_LABELS:
        raise Http404("Нет такого способа формирования пар")
    own = request.GET.get("own") == "1"
    ids = _scope_ids(request, org, own)
    qs: QuerySet[Any]
    if kind == "pairs":
        qs = (
            _pairs(ids, year, form, view, scheme)
            .select_related("mentor__person", "programme__organisation", "programme_form__form")
            .prefetch_related("members__mentee__person")
            .order_by("programme__organisation__path", "-created_at", "id")
        )
    elif kind == "people":
        qs = _people(ids, year, form, view).select_related("organisation")
    else:
        qs = _campaigns(ids, year, form, view)
    title = views[view]
    if scheme:
        title = f"{title}: {SCHEME_LABELS[scheme].lower()}"
    context = {
        "org": org,
        "year": year,
        "form": form,
        "kind": kind,
        "view": view,
        "title": title,
        "own": own,
        "board_url": _board_url(ids, year, view, scheme) if kind == "pairs" and form is None else None,
        "back": dashboard_url(org, year, form),
        **paginate(request, qs),
    }
    return render(request, "monitoring/dashboard_drill.html", context)


def _board_url(ids: list[int], year: AcademicYear, view: str, scheme: str) -> str | None:
    """The same list on the board of pairs, when its filters can say it (one programme, one state)."""
    if len(ids) != 1 or view not in {"completed", "dissolved", "proposed"}:
        return None
    programmes = list(
        Programme.objects.filter(organisation_id=ids[0], academic_year=year).values_list("pk", flat=True)[:2]
    )
    if len(programmes) != 1:
        return None
    params = {"programme": programmes[0], "status": view, **({"scheme": scheme} if scheme else {})}
    return f"{reverse('pairs:board')}?{urlencode(params)}"
