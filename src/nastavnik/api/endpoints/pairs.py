"""Pairs, their meeting log and the mentees' ratings; the writes go through the diary's own form and service."""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Status
from ninja.errors import HttpError

from nastavnik.access.rules import get_visible_or_404, require
from nastavnik.api.paging import filter_scope, form_errors, page_of
from nastavnik.api.schemas import MAX_ID, Filters, MeetingIn, MeetingOut, Page, PairOut, RatingIn, RatingOut
from nastavnik.diary import log as diary
from nastavnik.diary.forms import MeetingForm, RatingForm
from nastavnik.diary.models import PairMeeting
from nastavnik.pairs.lifecycle import PairError
from nastavnik.pairs.models import Pair, PairMentee

router = Router(tags=["Пары и встречи"])


class MeetingFilters(Filters):
    pair: int | None = Field(None, ge=1, le=MAX_ID, description="id пары")


def _pairs(request: HttpRequest) -> QuerySet[Pair]:
    members = PairMentee.objects.select_related("mentee__person").order_by("id")
    return (
        Pair.objects.visible_to(request.user)
        .select_related("mentor__person", "programme__organisation", "programme__academic_year")
        .prefetch_related(Prefetch("members", queryset=members))
    )


def _pair(pair: Pair) -> dict[str, Any]:
    return {
        "id": pair.pk,
        "programme_id": pair.programme_id,
        "organisation_id": pair.programme.organisation_id,
        "academic_year": pair.programme.academic_year.name,
        "status": pair.status,
        "scheme": pair.scheme,
        "is_group": pair.is_group,
        "mentor": {"id": pair.mentor.person_id, "name": pair.mentor.person.full_name},
        "mentees": [{"id": m.mentee.person_id, "name": m.mentee.person.full_name} for m in pair.members.all()],
        "confirmed_at": pair.confirmed_at,
        "started_on": pair.started_on,
        "planned_end_on": pair.planned_end_on,
    }


@router.get("/pairs", response=Page[PairOut], summary="Пары и группы")
def pairs(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    count, items = page_of(filter_scope(_pairs(request), filters).order_by("-created_at", "-id"), filters)
    return {"count": count, "page": filters.page, "page_size": filters.page_size, "results": [_pair(p) for p in items]}


@router.get("/pairs/{pk}", response=PairOut, summary="Пара")
def pair(request: HttpRequest, pk: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    return _pair(get_visible_or_404(_pairs(request), pk=pk))


def _meetings(request: HttpRequest) -> QuerySet[PairMeeting]:
    visible = Pair.objects.visible_to(request.user).values("pk")
    return PairMeeting.objects.filter(pair_id__in=visible).annotate(
        ratings_count=Count("ratings"), average_rating=Avg("ratings__score")
    )


@router.get("/meetings", response=Page[MeetingOut], summary="Встречи из дневников пар")
def meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> dict[str, Any]:
    qs = filter_scope(_meetings(request), filters, programme_field="pair__programme")
    if filters.pair is not None:
        qs = qs.filter(pair_id=filters.pair)
    count, items = page_of(qs.order_by("-held_on", "-id"), filters)
    return {"count": count, "page": filters.page, "page_size": filters.page_size, "results": items}


@router.post(
    "/pairs/{pk}/meetings",
    response={201: MeetingOut},
    summary="Записать встречу в дневник пары",
    description="Как в дневнике на сайте: пишут наставник пары и куратор, рабочая группа или руководитель "
    "организации; пара закреплена приказом или работает; дата — не позже сегодняшней и не раньше "
    "подтверждения пары; 5–600 минут; одна итоговая встреча. Первая встреча закреплённой пары начинает её работу.",
)
def meeting_add(request: HttpRequest, body: MeetingIn, pk: int = Path(..., ge=1, le=MAX_ID)) -> Status[PairMeeting]:
    found = get_visible_or_404(_pairs(request), pk=pk)
    require(diary.can_log(request.user, found), "Дневник ведут наставник пары и куратор программы.")
    refusal = diary.log_refusal(found)
    if refusal:
        raise HttpError(409, refusal)
    data = {**body.dict(), "held_on": body.held_on.isoformat()}
    form = MeetingForm(data, pair=found)
    if not form.is_valid():
        raise form_errors(form)
    try:
        meeting = diary.save_meeting(found, form.meeting_data(), [], request.user)
    except PairError as error:
        raise HttpError(409, str(error)) from None
    return Status(201, _meetings(request).get(pk=meeting.pk))


def _meeting(request: HttpRequest, pk: int) -> PairMeeting:
    meeting = PairMeeting.objects.filter(pk=pk).first()
    if meeting is None:
        raise Http404("Встреча не найдена")
    meeting.pair = get_visible_or_404(_pairs(request), pk=meeting.pair_id)
    return meeting


@router.put(
    "/meetings/{pk}/rating",
    response=RatingOut,
    summary="Оценить встречу (наставляемый)",
    description="Оценку 1–5 ставит только наставляемый этой пары из своей учётной записи; одна оценка "
    "на встречу, повторный запрос её меняет. Наставник и сотрудники не оценивают (403).",
)
def meeting_rate(request: HttpRequest, body: RatingIn, pk: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    meeting = _meeting(request, pk)
    require(diary.can_rate(request.user, meeting), diary.rating_refusal(request.user, meeting))
    form = RatingForm(body.dict())
    if not form.is_valid():
        raise form_errors(form)
    rating = diary.rate(meeting, request.user, form.cleaned_data["score"], form.cleaned_data["comment"])
    return {"meeting_id": meeting.pk, "score": rating.score, "comment": rating.comment}
