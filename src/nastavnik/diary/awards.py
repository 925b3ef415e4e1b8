"""Grammars «Лучший наставник» and letters of thanks (to a participant, to the parents of a pupil mentor,
to a mentor's employer, source 003 §9): numbering, texts, PDF and DOCX.

Numbers run per programme and kind (1, 2, 3 …, unique by a database constraint). The PDF is
rendered by WeasyPrint from an HTML template (A4 landscape for a certificate, portrait for a
letter, DejaVu fonts); the DOCX from the organisation's template or the built-in one
(nastavnik.documents.builtin_awards). Names are not declined: the wording keeps the full name in
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

from nastavnik.diary.models import Award, AwardKind
from nastavnik.documents import rendering
from nastavnik.orgs.models import Membership, Role
from nastavnik.pairs.models import Pair
from nastavnik.people.models import Person
from nastavnik.programmes.models import Programme

TITLES = {
    AwardKind.CERTIFICATE: "Грамота «Лучший наставник»",
    AwardKind.THANKS: "Благодарственное письмо",
    AwardKind.THANKS_PARENTS: "Благодарственное письмо",
    AwardKind.THANKS_EMPLOYER: "Благодарственное письмо",
}
REFUSALS = {
    AwardKind.CERTIFICATE: "Грамота «Лучший наставник» выдаётся наставнику этой программы.",
    AwardKind.THANKS: "Благодарственное письмо выдаётся участнику этой программы.",
    AwardKind.THANKS_PARENTS: (
        "Письмо родителям пишется о наставнике-обучающемся этой программы, у которого в карточке указаны родители."
    ),
    AwardKind.THANKS_EMPLOYER: (
        "Письмо в организацию пишется о наставнике этой программы, у которого указана организация-партнёр."
    ),
}


class AwardError(Exception):
    """An award cannot be issued; the message is Russian."""


def default_text(programme: Programme, kind: str, person: Person | None = None) -> str:
    year = programme.academic_year.name
    name = person.full_name if person is not None else "наставника"
    if kind == AwardKind.CERTIFICATE:
        return (
            f"за высокие результаты наставнической деятельности по программе наставничества "
            f"«{programme.title}» в {year} учебном году"
        )
    if kind == AwardKind.THANKS_PARENTS:
        return (
            f"за воспитание {name} — наставника программы наставничества «{programme.title}», "
            f"за поддержку и участие в {year} учебном году"
        )
    if kind == AwardKind.THANKS_EMPLOYER:
        return (
            f"за поддержку наставнической деятельности {name} в программе наставничества «{programme.title}» "
            f"в {year} учебном году"
        )
    return f"за активное участие в реализации программы наставничества «{programme.title}» в {year} учебном году"


def eligible_people(programme: Programme, kind: str) -> QuerySet[Person]:
    """Whom an award of `kind` may honour.

    A grammar goes to a mentor of the programme; a letter to any participant; a letter to the parents
    to a pupil mentor with parents on record; a letter to the employer to a mentor from a partner.
    """
    condition = Q(mentorentry__programme=programme)
    if kind == AwardKind.THANKS:
        condition |= Q(menteeentry__programme=programme)
    elif kind == AwardKind.THANKS_PARENTS:
        condition &= Q(guardian_links__isnull=False)
    elif kind == AwardKind.THANKS_EMPLOYER:
        condition &= Q(mentorentry__partner_organisation__isnull=False)
    return Person.objects.filter(condition).distinct().order_by("last_name", "first_name", "middle_name", "id")


def recipient_for(programme: Programme, kind: str, person: Person) -> str:
    """The addressee of a letter about `person`: the parents' names, or the head of the partner organisation."""
    if kind == AwardKind.THANKS_PARENTS:
        parents = person.guardian_links.select_related("guardian").order_by("guardian__last_name", "id")
        return ", ".join(link.guardian.full_name for link in parents)
    if kind == AwardKind.THANKS_EMPLOYER:
        entry = (
            person.mentorentry_set.filter(programme=programme, partner_organisation__isnull=False)
            .select_related("partner_organisation")
            .first()
        )
        return f"Руководителю {entry.partner_organisation.name}" if entry and entry.partner_organisation else ""
    return ""


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
        raise AwardError(REFUSALS[AwardKind(kind)])
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
                    text=text.strip() or default_text(programme, kind, person),
                    recipient=recipient_for(programme, kind, person)[:300],
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
        "full_name": award.recipient or award.person.full_name,
        "honoured": award.person.full_name,
        "text": award.text or default_text(programme, award.kind, award.person),
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
    kind = "gramota" if award.kind == AwardKind.CERTIFICATE else "blagodarnost"
    return f"{kind}-{award.programme_id}-{award.number}.{extension}"


def render_pdf(award: Award) -> bytes:
    from weasyprint import HTML

    html = render_to_string("pairs/award_pdf.html", context(award))
    return bytes(HTML(string=html).write_pdf())


def render_docx(award: Award) -> bytes:
    return rendering.render_docx(award.kind, context(award), award.programme.organisation)
