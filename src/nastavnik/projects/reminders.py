"""Reminders of project activity items: due soon and overdue, once each (reminders.sending.send_once)."""

from __future__ import annotations

import datetime

from nastavnik.orgs.models import AcademicYear
from nastavnik.people.models import Person
from nastavnik.projects.models import ActivityItem, Project, Status
from nastavnik.projects.services import sync_project
from nastavnik.reminders.sending import send_once


def recipients(item: ActivityItem) -> list[Person]:
    responsible = item.activity.responsible
    if responsible is not None:
        return [responsible]
    return list(item.activity.project.leaders.all())


def send_reminders(today: datetime.date, days: int, year: AcademicYear) -> int:
    projects = list(Project.objects.filter(status__in=[Status.APPROVED, Status.RUNNING]))
    for project in projects:
        sync_project(project, year)
    items = ActivityItem.objects.filter(
        activity__project__in=projects, done_on__isnull=True, due_on__lte=today + datetime.timedelta(days=days)
    ).select_related("activity__project", "activity__responsible")
    sent = 0
    for item in items:
        kind = "overdue" if item.due_on < today else "due"
        activity = item.activity
        subject = (
            f"Просрочено мероприятие проекта «{activity.project.name}»"
            if kind == "overdue"
            else f"Срок мероприятия проекта «{activity.project.name}» — {item.due_on:%d.%m.%Y}"
        )
        body = (
            f"Проект: {activity.project.name}\nМероприятие {activity.number}: {activity.title}\n"
            f"Срок: {item.due_on:%d.%m.%Y}\nОтметьте выполнение в циклограмме проекта."
        )
        for person in recipients(item):
            if person.email and send_once(
                f"project-item:{item.pk}:{kind}:person:{person.pk}", person.email, subject, body
            ):
                sent += 1
    return sent
