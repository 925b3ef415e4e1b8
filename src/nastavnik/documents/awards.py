"""Certificates «Лучший наставник» and letters of thanks: numbering, texts, PDF and DOCX.

Numbers run per programme and kind (1, 2, 3 …, unique by a database constraint). The PDF is
rendered by WeasyPrint from an HTML template (A4 landscape for a certificate, portrait for a
letter, DejaVu fonts); the DOCX from the organisation's template or the built-in one
(documents/builtin_awards.py). Names are not declined: the wording keeps the full name in
the nominative («награждается …», a name on a line of its own).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from nastavnik.documents.models import Award, AwardKind
from nastavnik.orgs.models import Membership, Role
from nastavnik.pairs.models import Pair
from nastavnik.people.models import Person
from nastavnik.programmes.models import Programme

TITLES = {
    AwardKind.CERTIFICATE: "Сертификат «Лучший наставник»",
    AwardKind.THANKS: "Благодарственное письмо",
}


class AwardError(Exception):
    """An award cannot be issued; the message is Russian."""


def default_text(programme: Programme, kind: str) -> str:
    year = programme.academic_year.name
    if kind == AwardKind.CERTIFICATE:
        return (
            f"за высокие результаты наставнической деятельности по программе наставничества "
            f"«{programme.title}» в {year} учебном году"
        )
    return f"за активное участие в реализации программы наставничества «{programme.title}» в {year} учебном году"


def eligible_people(programme: Programme, kind: str) -> QuerySet[Person]:
    """A certificate goes to a mentor of the programme; a letter to any participant (mentor or mentee)."""
    condition = Q(mentorentry__programme=programme)
    if kind != AwardKind.CERTIFICATE:
        condition |= Q(menteeentry__programme=programme)
    return Person.objects.filter(condition).distinct().order_by("last_name", "first_name", "middle_name", "id")


def next_number(programme: Programme, kind: str) -> str:
    numbers = Award.objects.filter(programme=programme, kind=kind).values_list("number", flat=True)
    highest = max((int(n) for n in numbers if n.isdigit()), default=0)
    return str(highest + 1)


def issue(
    programme: Programme,
    kind: str,
    person: Person,
    user: AbstractBaseUser | AnonymousUser | None,
    *,
    pair: Pair | None = None,
    text: str = "",
    issued_on: datetime.date | None = None,
) -> Award:
    """Issue an award with the next free number of the programme and kind."""
    if kind not in AwardKind.values:
        raise AwardError("Выберите вид награды.")
    if not eligible_people(programme, kind).filter(pk=person.pk).exists():
        if kind == AwardKind.CERTIFICATE:
            raise AwardError("Сертификат «Лучший наставник» выдаётся наставнику этой программы.")
        raise AwardError("Благодарственное письмо выдаётся участнику этой программы.")
    if pair is not None and pair.programme_id != programme.pk:
        raise AwardError("Пара относится к другой программе.")
    by: Any = user if user is not None and user.is_authenticated else None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Award.objects.create(
                    kind=kind,
                    person=person,
                    programme=programme,
                    pair=pair,
                    number=next_number(programme, kind),
                    issued_on=issued_on or timezone.localdate(),
                    text=text.strip() or default_text(programme, kind),
                    issued_by=by,
                )
        except IntegrityError:
            continue  # someone took the number at the same moment: take the next one
    raise AwardError("Не удалось присвоить номер награде, попробуйте ещё раз.")


def director_name(programme: Programme) -> str:
    membership = (
        Membership.objects.filter(organisation=programme.organisation, role=Role.DIRECTOR, is_active=True)
        .select_related("person")
        .order_by("id")
        .first()
    )
    return membership.person.short_name if membership else ""


def context(award: Award) -> dict[str, Any]:
    """What both the PDF and the DOCX print."""
    programme = award.programme
    organisation = programme.organisation
    return {
        "kind": award.kind,
        "title": TITLES.get(AwardKind(award.kind), award.get_kind_display()),
        "number": award.number,
        "issued_on": award.issued_on.strftime("%d.%m.%Y"),
        "full_name": award.person.full_name,
        "text": award.text or default_text(programme, award.kind),
        "organisation": organisation.name,
        "organisation_short": organisation.short_name,
        "programme": programme.title,
        "academic_year": programme.academic_year.name,
        "director": director_name(programme),
        "city": _city(organisation.address),
    }


def _city(address: str) -> str:
    """«г. Приозёрск» from «г. Приозёрск, ул. Школьная, д. 5»; nothing when the address starts otherwise."""
    for part in address.split(","):
        part = part.strip()
        if part and not part[0].isdigit():
            return part if part.split(" ")[0] in {"г.", "пгт", "с.", "п.", "д.", "ст-ца"} else ""
    return ""


def filename(award: Award, extension: str) -> str:
    kind = "sertifikat" if award.kind == AwardKind.CERTIFICATE else "blagodarnost"
    return f"{kind}-{award.programme_id}-{award.number}.{extension}"


def render_pdf(award: Award) -> bytes:
    from weasyprint import HTML

    html = render_to_string("documents/award_pdf.html", context(award))
    return bytes(HTML(string=html).write_pdf())


def render_docx(award: Award) -> bytes:
    from nastavnik.documents.rendering import render_docx as render

    return render(award.kind, context(award), award.programme.organisation)
