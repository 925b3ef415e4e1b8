from __future__ import annotations

from django.urls import reverse

from nastavnik.workshops.models import Book, Quest, QuestTeam, Reading
from tests.conftest import World
from tests.workshops.matrix_workshops import make_workshop


def test_a_book_set_is_read_earned_and_donated_by_the_workshop(world: World) -> None:
    workshop = make_workshop(world)
    client = world.client_for("curator")
    url = reverse("workshops:shelf", args=[world.school.pk])
    client.post(
        url,
        {
            "action": "set",
            "title": "Набор второго года",
            "received_on": "2026-09-10",
            "books": "Л. Кэрролл — Алиса в Стране чудес\n\nР. Брэдбери — Вино из одуванчиков",
        },
    )
    alice = Book.objects.get(title="Алиса в Стране чудес")
    assert alice.author == "Л. Кэрролл" and Book.objects.count() == 2
    refused = client.post(url, {"action": "donate", "book": alice.pk, "day": "2026-11-01"}, follow=True)
    assert "ещё не заработала ни одна мастерская" in refused.content.decode()
    client.post(url, {"action": "award", "book": alice.pk, "workshop": workshop.pk, "day": "2026-10-20"})
    client.post(url, {"action": "read", "book": alice.pk, "person": world.people["mentee"].pk, "day": "2026-11-01"})
    client.post(url, {"action": "donate", "book": alice.pk, "day": "2026-11-20"})
    alice.refresh_from_db()
    assert alice.donated_by == workshop and str(alice.donated_on) == "2026-11-20"
    assert Reading.objects.get().person == world.people["mentee"]
    page = world.client_for("district").get(url).content.decode()
    assert "Прочтений: 1 · подарено библиотеке: 1 книга" in page


def test_two_quests_a_year_with_tasks_and_team_progress(world: World) -> None:
    client = world.client_for("director")
    url = reverse("workshops:shelf", args=[world.school.pk])
    quest = {"action": "quest", "season": "winter", "title": "Знакомая история"}
    client.post(url, {**quest, "starts_on": "2026-12-10", "ends_on": "2027-01-25"})
    again = client.post(url, {**quest, "starts_on": "2026-12-11", "ends_on": "2027-01-25"}, follow=True)
    assert "квестов два в год" in again.content.decode()
    item = Quest.objects.get()
    quest_url = reverse("workshops:quest", args=[item.pk])
    for title in ("Найти книгу на полке", "Разгадать шифр"):
        client.post(quest_url, {"action": "task", "title": title})
    client.post(quest_url, {"action": "team", "title": "Совы", "keeper": world.people["mentee"].pk})
    team = QuestTeam.objects.get()
    client.post(quest_url, {"action": "done", "team": team.pk, "tasks": [item.tasks.first().pk]})  # type: ignore[union-attr]
    assert team.keeper == world.people["mentee"]
    page = world.client_for("curator").get(quest_url).content.decode()
    assert "1 из 2" in page
    assert world.client_for("teacher").post(quest_url, {"action": "task", "title": "x"}).status_code == 403


def test_the_workshop_librarian_keeps_the_shelf(world: World) -> None:
    workshop = make_workshop(world)
    workshop.librarian = world.people["mentor"]
    workshop.save()
    url = reverse("workshops:shelf", args=[world.school.pk])
    data = {"action": "set", "title": "Набор", "received_on": "2026-09-10", "books": "Книга"}
    assert world.client_for("mentor").post(url, data).status_code == 302
    assert Book.objects.get().title == "Книга"
