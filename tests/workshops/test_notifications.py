from __future__ import annotations

from django.core import mail
from django.urls import reverse

from nastavnik.reminders import topics
from nastavnik.reminders.sending import send_once
from tests.conftest import World


def test_a_person_who_never_chose_gets_every_topic(db: None) -> None:
    assert send_once("k1", "a@example.org", "Тема", "Текст", topic="management")
    assert len(mail.outbox) == 1


def test_my_notifications_page_keeps_the_chosen_topics_and_send_once_respects_them(world: World) -> None:
    teacher = world.people["teacher"]
    teacher.email = "Teacher@Example.org"
    teacher.save()
    client = world.client_for("teacher")
    page = client.get(reverse("workshops:notifications")).content.decode()
    assert "Основная" in page and "Управленческая" in page and "Театр историй" in page
    assert "Сейчас вы получаете все темы" in page
    client.post(reverse("workshops:notifications"), {"topics": ["main", "workshop-story-theatre"]})
    assert topics.chosen("teacher@example.org") == ["main", "workshop-story-theatre"]
    assert not send_once("k-management", "teacher@example.org", "Дорожная карта", "…", topic=topics.MANAGEMENT)
    assert send_once("k-main", "teacher@example.org", "Новости", "…", topic=topics.MAIN)
    assert send_once("k-none", "teacher@example.org", "Без темы", "…")
    assert [m.subject for m in mail.outbox] == ["Новости", "Без темы"]


def test_a_person_without_e_mail_is_told_so(world: World) -> None:
    page = world.client_for("mentee").get(reverse("workshops:notifications")).content.decode()
    assert "нет адреса e-mail" in page
