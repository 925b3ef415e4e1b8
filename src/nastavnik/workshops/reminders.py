"""E-mail reminders of the growth workshops, each sent once and filtered by the topics of source 000 (§8 item 9).

- A workshop meeting held in the last N days: its members of that academic year and its master hear
  what it was about and whether they were marked present. Topic: the workshop's own topic
  («workshop-<code>» for a workshop of the source, «workshop-own-<id>» for a school's own one).
- A shift starting within N days: its participants. Topic «Основная» (news of the project).

A person who never chose topics on «Мои уведомления» gets every topic; one who chose gets only the
ticked ones (`reminders.sending.send_once` checks it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from nastavnik.common.text import plural_ru
from nastavnik.orgs.models import AcademicYear
from nastavnik.people.models import Person
from nastavnik.reminders.sending import send_once
from nastavnik.reminders.topics import MAIN
from nastavnik.workshops import catalogue
from nastavnik.workshops.models import Workshop, WorkshopMeeting
from nastavnik.workshops.models_events import Shift

MAX_DAYS = 60
FOOTER = "Темы писем выбираются на странице «Мои уведомления». Письмо отправлено автоматически системой «Наставник»."


def workshop_topic(workshop: Workshop) -> str:
    """The notification topic of a workshop: the source's workshop it copies, or the school's own workshop."""
    if workshop.catalogue_id is not None:
        return f"workshop-{workshop.catalogue.code}"  # type: ignore[union-attr]
    return f"workshop-own-{workshop.pk}"


@dataclass
class Summary:
    meetings: int = 0
    shifts: int = 0

    def text(self) -> str:
        total = self.meetings + self.shifts
        return (
            f"Отправлено {total} {plural_ru(total, 'письмо', 'письма', 'писем')}: "
            f"о встречах мастерских — {self.meetings}, о сменах — {self.shifts}."
        )


def _meeting_people(meeting: WorkshopMeeting) -> list[Person]:
    workshop = meeting.workshop
    start_year = AcademicYear.start_year_for(meeting.held_on)
    people = {
        m.person.pk: m.person
        for m in workshop.members.filter(academic_year__start_year=start_year).select_related("person")
    }
    if workshop.master is not None:
        people.setdefault(workshop.master.pk, workshop.master)
    return sorted(people.values(), key=lambda p: (p.last_name, p.first_name, p.pk))


def send_meeting_news(today: datetime.date, days: int) -> int:
    meetings = WorkshopMeeting.objects.filter(
        held_on__gte=today - datetime.timedelta(days=days), held_on__lte=today
    ).select_related("workshop__catalogue", "workshop__master")
    sent = 0
    for meeting in meetings:
        workshop = meeting.workshop
        present = set(meeting.attendees.values_list("pk", flat=True))
        subject = f"Мастерская «{workshop.name}»: встреча {meeting.held_on:%d.%m.%Y}"
        for person in _meeting_people(meeting):
            mark = "Вы отмечены среди присутствовавших." if person.pk in present else "Вас на встрече не отметили."
            body = "\n\n".join(
                [
                    f"Здравствуйте, {person.first_name or person.full_name}!",
                    f"{meeting.held_on:%d.%m.%Y} прошла встреча мастерской «{workshop.name}»: {meeting.topic}.",
                    mark,
                    FOOTER,
                ]
            )
            key = f"workshop-meeting:{meeting.pk}:person:{person.pk}"
            if person.email and send_once(key, person.email, subject, body, topic=workshop_topic(workshop)):
                sent += 1
    return sent


def send_shift_reminders(today: datetime.date, days: int) -> int:
    shifts = Shift.objects.filter(starts_on__gte=today, starts_on__lte=today + datetime.timedelta(days=days))
    names = catalogue.names("shifts")
    sent = 0
    for shift in shifts.prefetch_related("participants"):
        name = names.get(shift.code, shift.code)
        subject = f"Смена «{name}» начинается {shift.starts_on:%d.%m.%Y}"
        for person in shift.participants.all():
            body = "\n\n".join(
                [
                    f"Здравствуйте, {person.first_name or person.full_name}!",
                    f"Вы участник смены «{name}»: {shift.starts_on:%d.%m.%Y} — {shift.ends_on:%d.%m.%Y}.",
                    FOOTER,
                ]
            )
            key = f"workshop-shift:{shift.pk}:person:{person.pk}"
            if person.email and send_once(key, person.email, subject, body, topic=MAIN):
                sent += 1
    return sent


def send_all(today: datetime.date, days: int) -> Summary:
    return Summary(meetings=send_meeting_news(today, days), shifts=send_shift_reminders(today, days))
