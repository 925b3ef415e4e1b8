"""`nastavnik send-project-reminders`: bad arguments exit 2 with a Russian message naming them, nothing sent."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from nastavnik.orgs.models import AcademicYear
from nastavnik.reminders.models import SentReminder


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--today", "2026-02-31"], "Неверная дата --today «2026-02-31»"),
        (["--today", "07.12.2026"], "Неверная дата --today «07.12.2026»"),
        (["--days", "много"], "Неверное число дней --days «много»"),
        (["--days", "-1"], "Неверное число дней --days «-1»"),
        (["--days", "366"], "Неверное число дней --days «366»"),
        (["--days"], "после --days нужно указать значение"),
        (["--weeks", "2"], "неизвестные параметры: --weeks"),
    ],
)
def test_bad_arguments_exit_2_and_send_nothing(arguments: list[str], message: str) -> None:
    years = AcademicYear.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("send-project-reminders", *arguments)
    assert error.value.returncode == 2
    assert message in str(error.value)
    assert mail.outbox == [] and not SentReminder.objects.exists()
    assert AcademicYear.objects.count() == years
