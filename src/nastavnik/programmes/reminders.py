"""E-mail reminders about the roadmap (command `nastavnik send-reminders`).

- Each responsible person gets one letter listing their activities due within N days
  (setting REMINDER_DAYS_BEFORE, 3 by default).
- The curator of a programme gets one letter listing the activities that are overdue.
- Mentors get the reminders of the pairs' nudges: the command lives in `pairs`, which
  joins both (`nastavnik.diary.nudges.send_all`).

Every reminder has a key (activity + due date + person for a due date, activity + due date
for an overdue activity) recorded in SentReminder, so running the command again — or daily
from cron — never repeats one. When the curator moves a due date, the new date is reminded
about once more.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from nastavnik.common.text import plural_ru
from nastavnik.people.models import Person
from nastavnik.programmes.models import ItemStatus, ProgrammeStatus, RoadmapItem
from nastavnik.reminders.sending import already_sent, send_once_for_all
from nastavnik.reminders.topics import MANAGEMENT

OPEN_STATUSES = (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)
MAX_DAYS = 366


def days_before() -> int:
    return int(getattr(settings, "REMINDER_DAYS_BEFORE", 3))


def site_url() -> str:
    return str(getattr(settings, "SITE_URL", "")).rstrip("/")


def email_of(person: Person | None) -> str:
    if person is None:
        return ""
    if person.email:
        return person.email
    user = person.user
    return (user.email if user is not None else "") or ""


def due_key(item: RoadmapItem, person: Person) -> str:
    return f"roadmap:{item.pk}:due:{item.due_on.isoformat()}:person:{person.pk}"


def overdue_key(item: RoadmapItem) -> str:
    return f"roadmap:{item.pk}:overdue:{item.due_on.isoformat()}"


@dataclass
class Letter:
    """One e-mail about several activities; `keys` are the reminders it carries, one per activity."""

    recipient: str
    subject: str
    body: str
    keys: list[str]


@dataclass
class Summary:
    due_letters: int = 0
    due_items: int = 0
    overdue_letters: int = 0
    overdue_items: int = 0
    mentor_letters: int = 0
    without_email: set[int] = field(default_factory=set)

    @property
    def sent(self) -> int:
        return self.due_letters + self.overdue_letters + self.mentor_letters

    def text(self, today: datetime.date, days: int) -> str:
        lines = [f"Дата: {today:%d.%m.%Y}; о сроках напоминаем за {days} {plural_ru(days, 'день', 'дня', 'дней')}."]
        if not self.sent:
            lines.append("Новых напоминаний нет: всё нужное уже отправлено раньше.")
        else:
            lines.append(f"Отправлено {self.sent} {plural_ru(self.sent, 'письмо', 'письма', 'писем')}:")
            lines.append(f"— ответственным о приближении срока: {self._part(self.due_letters, self.due_items)};")
            lines.append(f"— кураторам о просроченных: {self._part(self.overdue_letters, self.overdue_items)};")
            lines.append(
                f"— наставникам: {self.mentor_letters} {plural_ru(self.mentor_letters, 'письмо', 'письма', 'писем')}."
            )
        if self.without_email:
            n = len(self.without_email)
            lines.append(
                f"Не отправлено {n} {plural_ru(n, 'человеку', 'людям', 'людям')}: в карточке не указан e-mail."
            )
        return "\n".join(lines)

    @staticmethod
    def _part(letters: int, items: int) -> str:
        return (
            f"{letters} {plural_ru(letters, 'письмо', 'письма', 'писем')} "
            f"({items} {plural_ru(items, 'мероприятие', 'мероприятия', 'мероприятий')})"
        )


def open_items() -> QuerySet[RoadmapItem]:
    return (
        RoadmapItem.objects.filter(status__in=OPEN_STATUSES)
        .exclude(programme__status=ProgrammeStatus.FINISHED)
        .select_related("programme__academic_year", "programme__curator__user", "responsible__user")
        .order_by("due_on", "starts_on", "id")
    )


def _line(item: RoadmapItem) -> str:
    link = site_url() + reverse("programmes:item", kwargs={"pk": item.pk})
    return (
        f"— «{item.title}»\n"
        f"  программа «{item.programme.title}» ({item.programme.academic_year}), срок {item.due_on:%d.%m.%Y}, "
        f"статус «{item.get_status_display()}»\n  {link}"
    )


def _greeting(person: Person) -> str:
    name = " ".join(part for part in (person.first_name, person.middle_name) if part)
    return f"Здравствуйте, {name}!" if name else "Здравствуйте!"


def due_letters(today: datetime.date, days: int, summary: Summary) -> list[Letter]:
    """One letter per responsible person with their activities due in [today, today + days]."""
    horizon = today + datetime.timedelta(days=days)
    items = list(open_items().filter(due_on__gte=today, due_on__lte=horizon, responsible__isnull=False))
    sent = already_sent([due_key(i, i.responsible) for i in items if i.responsible])
    by_person: dict[int, list[RoadmapItem]] = defaultdict(list)
    people: dict[int, Person] = {}
    for item in items:
        person = item.responsible
        if person is None or due_key(item, person) in sent:
            continue
        if not email_of(person):
            summary.without_email.add(person.pk)
            continue
        by_person[person.pk].append(item)
        people[person.pk] = person
    letters = []
    for pk, own in by_person.items():
        person = people[pk]
        count = len(own)
        noun = plural_ru(count, "мероприятие", "мероприятия", "мероприятий")
        body = "\n\n".join(
            [
                _greeting(person),
                "Приближаются сроки мероприятий дорожной карты, за которые вы отвечаете:",
                "\n".join(_line(item) for item in own),
                "Отметьте выполнение и приложите подтверждение (файл или ссылку) на странице мероприятия.",
                "Письмо отправлено автоматически системой «Наставник».",
            ]
        )
        letters.append(
            Letter(
                email_of(person),
                f"Скоро срок: {count} {noun} дорожной карты до {own[-1].due_on:%d.%m.%Y}",
                body,
                [due_key(item, person) for item in own],
            )
        )
    return letters


def overdue_letters(today: datetime.date, summary: Summary) -> list[Letter]:
    """One letter per curator with the activities of their programmes that are past their due date."""
    items = list(open_items().filter(due_on__lt=today))
    sent = already_sent([overdue_key(i) for i in items])
    by_curator: dict[int, list[RoadmapItem]] = defaultdict(list)
    curators: dict[int, Person] = {}
    for item in items:
        curator = item.programme.curator
        if curator is None or overdue_key(item) in sent:
            continue
        if not email_of(curator):
            summary.without_email.add(curator.pk)
            continue
        by_curator[curator.pk].append(item)
        curators[curator.pk] = curator
    letters = []
    for pk, own in by_curator.items():
        curator = curators[pk]
        count = len(own)
        body = "\n\n".join(
            [
                _greeting(curator),
                f"На {today:%d.%m.%Y} не выполнены в срок мероприятия дорожной карты программ, которые вы курируете:",
                "\n".join(_line(item) for item in own),
                "Отметьте выполненные мероприятия или перенесите сроки; ответственного можно сменить на странице "
                "мероприятия.",
                "Письмо отправлено автоматически системой «Наставник».",
            ]
        )
        letters.append(
            Letter(
                email_of(curator),
                f"Просрочено {count} {plural_ru(count, 'мероприятие', 'мероприятия', 'мероприятий')} дорожной карты",
                body,
                [overdue_key(item) for item in own],
            )
        )
    return letters


def send_letter(letter: Letter) -> bool:
    """Send once: every key of the letter is recorded with the e-mail, or none of them is."""
    # Roadmap dates are the management's business: the topic «Управленческая» (source 000 §8 item 9).
    return send_once_for_all(letter.keys, letter.recipient, letter.subject, letter.body, MANAGEMENT)


def send_roadmap(today: datetime.date, days: int, summary: Summary) -> None:
    """Due-date letters to the responsible and overdue letters to curators, each reminder once."""
    for letter in due_letters(today, days, summary):
        if send_letter(letter):
            summary.due_letters += 1
            summary.due_items += len(letter.keys)
    for letter in overdue_letters(today, summary):
        if send_letter(letter):
            summary.overdue_letters += 1
            summary.overdue_items += len(letter.keys)
