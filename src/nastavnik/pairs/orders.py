"""The director's order «О закреплении наставнических пар (групп)»: drafts, defaults and the document.

The transitions themselves (attach, register) live in pairs/lifecycle.py; this module
prepares drafts with sensible defaults and builds the context of the DOCX (the same
context for the page, the download and the `nastavnik documents order` command).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import F, Prefetch, QuerySet

from nastavnik.common.declension import accusative_position, capitalised, declined_short_name, long_date, sentence
from nastavnik.orgs.models import Membership, Organisation, Role
from nastavnik.pairs import lifecycle
from nastavnik.pairs.lifecycle import PairError
from nastavnik.pairs.models import OrderStatus, Pair, PairMentee, PairOrder, PairStatus
from nastavnik.programmes.models import Programme

__all__ = [
    "PairError",
    "available_pairs",
    "create_draft",
    "default_period",
    "default_preamble",
    "detach",
    "document_context",
    "order_filename",
    "order_pairs",
]

TARGET_MODEL = (
    "распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 «Об утверждении "
    "методологии (целевой модели) наставничества обучающихся для организаций, осуществляющих образовательную "
    "деятельность по общеобразовательным, дополнительным общеобразовательным и программам среднего "
    "профессионального образования, в том числе с применением лучших практик обмена опытом между обучающимися»"
)


NO_PAIRS = "В приказе нет ни одной подтверждённой пары: приказ без пар не формируется."


def ru(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def default_period(programme: Programme) -> tuple[datetime.date, datetime.date]:
    """The programme's own dates when set, else its academic year (1 September – 31 August)."""
    year = programme.academic_year
    return programme.starts_on or year.starts_on, programme.ends_on or year.ends_on


def regulation_text(programme: Programme) -> str:
    """«Положением о наставничестве …, утверждённым приказом от 01 сентября 2026 г. № 88-од»."""
    text = f"Положением о наставничестве {programme.organisation.short_name}"
    if programme.regulation_date or programme.regulation_number:
        text += ", утверждённым приказом"
        if programme.regulation_date:
            text += f" от {long_date(programme.regulation_date)}"
        if programme.regulation_number:
            text += f" № {programme.regulation_number.strip()}"
    return text


def default_preamble(programme: Programme) -> str:
    return (
        f"В соответствии с {TARGET_MODEL}, {regulation_text(programme)}, в целях реализации программы "
        f"наставничества «{programme.title}» на {programme.academic_year.name} учебный год"
    )


def with_people(qs: QuerySet[Pair]) -> QuerySet[Pair]:
    members = PairMentee.objects.select_related("mentee__person").order_by("mentee__person__last_name", "id")
    return qs.select_related("mentor__person", "programme_form__form", "programme_form__variant").prefetch_related(
        Prefetch("members", queryset=members)
    )


def available_pairs(programme: Programme) -> QuerySet[Pair]:
    """Confirmed pairs of the programme that no order includes yet."""
    qs = Pair.objects.filter(programme=programme, status=PairStatus.CONFIRMED, order__isnull=True)
    return with_people(qs).order_by("mentor__person__last_name", "mentor__person__first_name", "id")


def order_pairs(order: PairOrder) -> QuerySet[Pair]:
    return with_people(order.pairs.all()).order_by("mentor__person__last_name", "mentor__person__first_name", "id")


@transaction.atomic
def create_draft(
    programme: Programme, user: AbstractBaseUser | AnonymousUser | None, pairs: Iterable[Pair] = ()
) -> PairOrder:
    """A draft order with the default title, preamble and period, holding the given confirmed pairs."""
    pairs = list(pairs)
    if not pairs:
        raise PairError(NO_PAIRS)
    period_from, period_to = default_period(programme)
    order = PairOrder.objects.create(
        programme=programme,
        preamble=default_preamble(programme),
        period_from=period_from,
        period_to=period_to,
        created_by=lifecycle._user(user),
    )
    lifecycle.attach_to_order(order, pairs)
    return order


def detach(order: PairOrder, pair_ids: Sequence[int]) -> int:
    """Take pairs out of a draft order."""
    if order.status != OrderStatus.DRAFT:
        raise PairError("Зарегистрированный приказ изменить нельзя.")
    return Pair.objects.filter(order=order, pk__in=pair_ids).update(order=None)


def order_filename(order: PairOrder | None, programme: Programme) -> str:
    number = (order.number if order else "").strip()
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in number)
    return f"prikaz-{safe}.docx" if safe else f"prikaz-programma-{programme.pk}.docx"


# -- the document -----------------------------------------------------------------------


def _director(organisation: Organisation) -> dict[str, str]:
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.DIRECTOR, is_active=True)
        .select_related("person")
        .order_by("id")
        .first()
    )
    if membership is None:
        return {"name": "", "short_name": "", "position": "Директор"}
    person = membership.person
    position = capitalised((membership.position or "Директор").strip())
    return {"name": person.full_name, "short_name": person.short_name, "position": position}


def _controller(organisation: Organisation, curator: Any = None) -> str:
    """Whom the order charges with its control: a deputy director (other than the curator) where there is one."""
    deputies = Membership.objects.filter(
        organisation=organisation, is_active=True, position__icontains="заместитель директора"
    )
    if curator is not None:
        deputies = deputies.exclude(person=curator)
    deputy = deputies.select_related("person").order_by("id").first()
    if deputy is None:
        return "Контроль за исполнением настоящего приказа оставляю за собой."
    position = deputy.position.strip()
    position = position[:1].lower() + position[1:]
    return sentence(
        "Контроль за исполнением настоящего приказа возложить на "
        f"{accusative_position(position)} {declined_short_name(deputy.person, 'accusative')}"
    )


def _place(organisation: Organisation) -> str:
    """The place of issue: the locality that opens the address («г. Приозёрск, пл. Ленина, д. 1»)."""
    head = organisation.address.split(",")[0].strip()
    markers = ("г.", "г ", "пгт", "с.", "пос.", "п.", "д.", "ст-ца", "р.п.", "рп ", "город", "село", "посёлок")
    return head if head.lower().startswith(markers) else ""


def _acquainted(pairs: Sequence[Pair], curator: Any) -> list[dict[str, str]]:
    """«С приказом ознакомлены»: the curator and every mentor once, by surname."""
    people = {}
    if curator is not None:
        people[curator.pk] = curator
    for pair in pairs:
        people.setdefault(pair.mentor.person.pk, pair.mentor.person)
    ordered = sorted(people.values(), key=lambda p: (p.last_name, p.first_name, p.pk))
    return [{"name": person.short_name, "full_name": person.full_name} for person in ordered]


def _period_text(start: datetime.date | None, end: datetime.date | None) -> str:
    if start and end:
        return f"с {ru(start)} по {ru(end)}"
    if start:
        return f"с {ru(start)}"
    if end:
        return f"по {ru(end)}"
    return ""


def _period_long(start: datetime.date | None, end: datetime.date | None) -> str:
    parts = [f"с {long_date(start)}" if start else "", f"по {long_date(end)}" if end else ""]
    return " ".join(part for part in parts if part)


def pair_row(number: int, pair: Pair, period: str) -> dict[str, Any]:
    mentees = [m.mentee.person.full_name for m in pair.members.all()]
    return {
        "n": number,
        "mentor": pair.mentor.person.full_name,
        "mentees": ", ".join(mentees),
        "mentee_list": mentees,
        "form": str(pair.programme_form) if pair.programme_form else "",
        "period": period,
        "is_group": pair.is_group or len(mentees) > 1,
    }


def document_context(programme: Programme, order: PairOrder | None, pairs: Sequence[Pair]) -> dict[str, Any]:
    """What the DOCX template sees; every date is already a ДД.ММ.ГГГГ string."""
    default_from, default_to = default_period(programme)
    start = order.period_from if order and order.period_from else default_from
    end = order.period_to if order and order.period_to else default_to
    period = _period_text(start, end)
    curator = programme.curator
    organisation = programme.organisation
    order_date = order.order_date if order else None
    return {
        "organisation": {
            "name": organisation.name,
            "short_name": organisation.short_name,
            "place": _place(organisation),
        },
        "order": {
            "number": order.number.strip() if order else "",
            "date": ru(order_date) if order_date else "",
            "date_long": long_date(order_date),
            "period_long": _period_long(start, end),
            "control": _controller(organisation, curator),
            "title": order.title if order else PairOrder._meta.get_field("title").get_default(),
            "preamble": (order.preamble if order and order.preamble.strip() else default_preamble(programme)),
            "period_from": ru(start),
            "period_to": ru(end),
            "period": period,
            "status": order.get_status_display() if order else "",
        },
        "programme": {"title": programme.title, "year": programme.academic_year.name},
        "director": _director(organisation),
        "curator": {
            "name": curator.full_name if curator else "",
            "short_name": curator.short_name if curator else "",
            "accusative": declined_short_name(curator, "accusative"),
            "appointment": sentence(
                f"Назначить куратором программы наставничества {declined_short_name(curator, 'accusative')}"
                if curator
                else "Назначить куратора программы наставничества"
            ),
            "dative": declined_short_name(curator, "dative"),
        },
        "regulation": regulation_text(programme),
        "acquainted": _acquainted(pairs, curator),
        "pairs": [pair_row(n, pair, period) for n, pair in enumerate(pairs, start=1)],
        "count": len(pairs),
    }


def programme_pairs_for_command(programme: Programme) -> QuerySet[Pair]:
    """Every confirmed or fixed pair of the programme (what `nastavnik documents order` prints)."""
    qs = Pair.objects.filter(programme=programme, status__in=[PairStatus.CONFIRMED, PairStatus.FIXED])
    return with_people(qs).order_by("mentor__person__last_name", "mentor__person__first_name", "id")


def latest_order(programme: Programme) -> PairOrder | None:
    return (
        PairOrder.objects.filter(programme=programme)
        .exclude(order_date__isnull=True, number="")
        .order_by(F("order_date").desc(nulls_last=True), "-created_at", "-id")
        .first()
    )
