"""E-mail reminders to people who have not yet answered an open campaign.

Idempotent and safe to run from cron and from the campaign page at the same time: an
invitation is claimed by one UPDATE (setting `reminded_at`) before its mail is sent, so a
second run — or a second click — finds nothing due; the claim is given back when sending
fails. An invitation is reminded at most every SURVEY_REMINDER_DAYS days (never twice a day).
"""

from __future__ import annotations

import datetime
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from nastavnik.common.text import plural_ru
from nastavnik.surveys.models import Campaign, CampaignStatus, Invitation


class MailUnavailable(Exception):
    """The mail server cannot be reached: nothing was sent, nothing was marked."""


HIDDEN_ADDRESS = ""  # a failed reminder of an anonymous campaign: counted, its address not shown


@dataclass
class ReminderResult:
    sent: int = 0
    campaigns: set[int] = field(default_factory=set)
    failed: list[str] = field(default_factory=list)  # the addresses the mail server refused (anonymous: "")


def interval_days() -> int:
    return max(1, int(getattr(settings, "SURVEY_REMINDER_DAYS", 3)))


def site_url() -> str:
    return str(getattr(settings, "SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def personal_link(invitation: Invitation) -> str:
    return site_url() + reverse("surveys:answer", args=[invitation.token])


def _open_unanswered(now: datetime.datetime) -> QuerySet[Invitation]:
    today = timezone.localdate(now)
    return Invitation.objects.filter(
        answered_at__isnull=True,
        campaign__status=CampaignStatus.OPEN,
        campaign__opens_on__lte=today,
        campaign__closes_on__gte=today,
    )


def due(now: datetime.datetime | None = None, campaign: Campaign | None = None) -> QuerySet[Invitation]:
    """Invitations to remind now: open campaign, no answer, an e-mail, consent, no recent reminder."""
    now = now or timezone.now()
    first_day = timezone.localdate(now) - datetime.timedelta(days=interval_days() - 1)
    # Reminded before the start of `first_day` (local time) → at least N calendar days ago.
    cutoff = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))
    invitations = (
        _open_unanswered(now)
        .filter(person__has_consent=True)
        .exclude(person__email="")
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=cutoff))
    )
    return invitations.filter(campaign=campaign) if campaign is not None else invitations


def without_email(campaign: Campaign, now: datetime.datetime | None = None) -> int:
    """Unanswered invitations of an open campaign that no e-mail can reach (hand them the QR sheet)."""
    return _open_unanswered(now or timezone.now()).filter(campaign=campaign, person__email="").count()


def message_for(invitation: Invitation, connection: BaseEmailBackend | None = None) -> EmailMultiAlternatives:
    campaign = invitation.campaign
    context: dict[str, object] = {
        "invitation": invitation,
        "campaign": campaign,
        "person": invitation.person,
        "link": personal_link(invitation),
    }
    message = EmailMultiAlternatives(
        subject=f"Напоминание: опрос «{campaign.title}»",
        body=render_to_string("surveys/email/reminder.txt", context),
        to=[invitation.person.email],
        connection=connection,
    )
    message.attach_alternative(render_to_string("surveys/email/reminder.html", context), "text/html")
    return message


def send_reminders(now: datetime.datetime | None = None, campaign: Campaign | None = None) -> ReminderResult:
    """Send every due reminder (of one campaign or of all open ones); returns what was done."""
    now = now or timezone.now()
    result = ReminderResult()
    # Ids first: the loop writes to the very rows a cursor would be reading (SQLite has no isolation there).
    ids = list(due(now, campaign).order_by("campaign_id", "pk").values_list("pk", flat=True))
    if not ids:
        return result
    connection = get_connection()
    try:
        connection.open()  # one SMTP session for the whole run
    except (smtplib.SMTPException, OSError) as error:
        raise MailUnavailable(f"Почтовый сервер недоступен: {error}") from error
    try:
        for start in range(0, len(ids), 500):
            chunk = Invitation.objects.filter(pk__in=ids[start : start + 500]).select_related("campaign", "person")
            for invitation in chunk.order_by("campaign_id", "pk"):
                _send_one(invitation, now, connection, result)
    finally:
        connection.close()
    return result


def _send_one(
    invitation: Invitation, now: datetime.datetime, connection: BaseEmailBackend, result: ReminderResult
) -> None:
    # The claim: only one run (cron or a click) wins an invitation.
    if not due(now).filter(pk=invitation.pk).update(reminded_at=now):
        return
    try:
        message_for(invitation, connection).send()
    except (smtplib.SMTPException, OSError):
        Invitation.objects.filter(pk=invitation.pk).update(reminded_at=invitation.reminded_at)
        # Who has not answered an anonymous campaign is not shown to staff: its address is not listed.
        result.failed.append(HIDDEN_ADDRESS if invitation.campaign.anonymous else invitation.person.email)
        return
    result.sent += 1
    result.campaigns.add(invitation.campaign_id)


def summary(result: ReminderResult) -> str:
    """«Отправлено 3 напоминания по 2 опросам.» — the Russian report of a run."""
    days = interval_days()
    if result.sent:
        reminders = plural_ru(result.sent, "напоминание", "напоминания", "напоминаний")
        count = len(result.campaigns)
        text = f"Отправлено {result.sent} {reminders} по {count} {plural_ru(count, 'опросу', 'опросам', 'опросам')}."
    else:
        span = plural_ru(days, "день", "дня", "дней")
        text = f"Напоминать некому: все ответили, нет e-mail или напоминание уже было за последние {days} {span}."
    if result.failed:
        failed = len(result.failed)
        words = plural_ru(failed, "напоминание", "напоминания", "напоминаний")
        shown = [address for address in result.failed if address != HIDDEN_ADDRESS]
        hidden = failed - len(shown)
        if hidden:
            shown.append(f"{hidden} — в анонимных опросах (адреса не показываются)")
        text += f" Не удалось отправить {failed} {words}: {', '.join(shown)}."
    return text
