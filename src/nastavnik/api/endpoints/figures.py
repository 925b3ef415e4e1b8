"""Survey campaigns with their aggregate results, and the monitoring indicators (1.1–4.5 of Appendix 2)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.api.paging import page_of, start_year
from nastavnik.api.schemas import MAX_ID, YEAR_PATTERN, CampaignOut, CampaignResults, Filters, IndicatorsOut, Page
from nastavnik.monitoring.compute import compute, total
from nastavnik.monitoring.indicators import INDICATORS
from nastavnik.monitoring.report import default_as_of, organisations_with_programmes
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.surveys import results
from nastavnik.surveys.models import Campaign

router = Router(tags=["Опросы и показатели"])


def _campaigns(request: HttpRequest) -> QuerySet[Campaign]:
    qs = access_for(request.user).filter_by_organisation(Campaign.objects.all(), "organisation")
    return qs.select_related("version__instrument").annotate(
        invited=Count("invitations", distinct=True),
        answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False), distinct=True),
    )


def _campaign(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "title": campaign.title,
        "organisation_id": campaign.organisation_id,
        "programme_id": campaign.programme_id,
        "instrument": campaign.version.instrument.code,
        "anonymous": campaign.anonymous,
        "status": campaign.status,
        "opens_on": campaign.opens_on,
        "closes_on": campaign.closes_on,
        "invited": getattr(campaign, "invited", 0),
        "answered": getattr(campaign, "answered", 0),
    }


@router.get("/surveys", response=Page[CampaignOut], summary="Опросы (кампании)")
def surveys(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    qs = _campaigns(request)
    if filters.organisation is not None:
        qs = qs.filter(organisation_id=filters.organisation)
    if filters.programme is not None:
        qs = qs.filter(programme_id=filters.programme)
    if filters.year is not None:
        first = start_year(filters.year)
        qs = qs.filter(opens_on__gte=datetime.date(first, 9, 1), opens_on__lte=datetime.date(first + 1, 8, 31))
    count, items = page_of(qs.order_by("-opens_on", "-id"), filters)
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_campaign(c) for c in items],
    }


@router.get(
    "/surveys/{pk}/results",
    response=CampaignResults,
    summary="Итоги опроса: распределения ответов и шкалы",
    description="Только сводные числа: ни участников, ни текстов свободных ответов, ни порядка поступления.",
)
def survey_results(request: HttpRequest, pk: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    campaign = get_visible_or_404(_campaigns(request), pk=pk)
    responses = campaign.responses.all()
    questions = [
        {
            "id": str(item.question.get("id", "")),
            "text": str(item.question.get("text", "")),
            "type": str(item.question.get("type", "")),
            "answered": item.answered,
            "counts": item.counts,
        }
        for item in results.question_stats(campaign, responses)
    ]
    return {
        "campaign": _campaign(campaign),
        "responses": responses.filter(refused=False).count(),
        "refused": responses.filter(refused=True).count(),
        "questions": questions,
        "scales": [vars(scale) for scale in results.scale_stats(responses)],
    }


class IndicatorFilters(Schema):
    organisation: int = Field(..., ge=1, le=MAX_ID, description="id организации, района или региона")
    year: str | None = Field(None, pattern=YEAR_PATTERN, description="учебный год: 2026/2027 или 2026")


def _year(raw: str | None) -> AcademicYear:
    if raw is None:
        return AcademicYear.current()
    year = AcademicYear.objects.filter(start_year=start_year(raw)).first()
    if year is None:
        raise Http404("Учебный год не найден")
    return year


@router.get(
    "/indicators",
    response=IndicatorsOut,
    summary="Показатели мониторинга организации (или сумма по району, региону)",
)
def indicators(request: HttpRequest, filters: Query[IndicatorFilters]) -> dict[str, Any]:
    access = access_for(request.user)
    require(access.is_staff_reader, "Мониторинг доступен сотрудникам, ведущим наставничество, и координаторам")
    org = Organisation.objects.filter(pk=filters.organisation).first()
    if org is None or not access.can_read_org(org):
        raise Http404("Организация не найдена")
    year = _year(filters.year)
    as_of = default_as_of(year)
    ids = [o.pk for o in organisations_with_programmes(org, year)] or [org.pk]
    values = total(compute(ids, year, as_of).values())
    return {
        "organisation_id": org.pk,
        "academic_year": year.name,
        "as_of": as_of,
        "organisations": len(ids),
        "indicators": [
            {"code": i.code, "name": i.name, "value": values[i.code].value, "source": values[i.code].source}
            for i in INDICATORS
        ],
    }
