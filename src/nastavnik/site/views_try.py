"""«Как попробовать»: the demo accounts and what to try with each (a public page, only in the demo).

The page lists nothing secret: the demo logins and their password are printed by `nastavnik
demo-data` and written in the README. Without the demo data the page does not exist (404).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from nastavnik.demo import catalog
from nastavnik.demo.accounts import ACCOUNTS, DEMO_PASSWORD, MODULE_ACCOUNTS
from nastavnik.orgs.models import Organisation
from nastavnik.programmes.models import Programme

Resolver = Callable[[dict[str, int]], str]


@dataclass(frozen=True)
class Step:
    text: str
    path: Resolver


def _org(slug: str, name: str) -> Resolver:
    return lambda pks: reverse(name, kwargs={"org_pk": pks[slug]})


def _named(name: str) -> Resolver:
    return lambda pks: reverse(name)


def _roadmap(pks: dict[str, int]) -> str:
    return reverse("programmes:roadmap", kwargs={"pk": pks["point"]})


STEPS: dict[str, tuple[Step, ...]] = {
    "admin": (
        Step("Откройте дерево организаций области", _named("orgs:tree")),
        Step("Загляните в администрирование справочников", _named("admin:index")),
    ),
    "region": (
        Step("Сравните районы на панели мониторинга области", _org(catalog.REGION_SLUG, "monitoring:dashboard")),
        Step(
            "Сравните способы подбора: назначение, анкеты, групповая встреча",
            _org(catalog.REGION_SLUG, "monitoring:dashboard"),
        ),
        Step("Соберите отчёт о реализации программы", _org(catalog.REGION_SLUG, "monitoring:reports")),
    ),
    "district": (
        Step(
            "Откройте панель района: школы, пары, удовлетворённость",
            _org(catalog.DISTRICT_SLUG, "monitoring:dashboard"),
        ),
        Step("Посмотрите показатели района (приложение 2)", _org(catalog.DISTRICT_SLUG, "monitoring:indicators")),
        Step("Подберите пары школ «Школа – Школе»", _named("district:school_pairs")),
    ),
    "director": (
        Step("Откройте страницу «Директору»: приказы и пары на подпись", _named("pairs:director")),
        Step("Проверьте журнал изменений", _named("audit")),
    ),
    "curator": (
        Step("Откройте доску пар школы", _named("pairs:board")),
        Step("Посмотрите, кому нужно внимание: пары без встреч, падающие оценки", _named("pairs:nudges")),
        Step("Откройте дорожную карту «Точки развития»", _roadmap),
        Step("Посмотрите панель мониторинга школы", _org(catalog.SCHOOL1_SLUG, "monitoring:dashboard")),
    ),
    "working_group": (
        Step("Откройте доску пар школы", _named("pairs:board")),
        Step("Посмотрите опросы и их результаты", _named("surveys:list")),
    ),
    "mentor": (
        Step("Откройте «Мои наставляемые» и запишите встречу в дневник", _named("pairs:my_mentees")),
        Step("Отметьте задачу индивидуального плана выполненной", _named("pairs:my_mentees")),
    ),
    "mentee": (
        Step("Откройте «Мой наставник» и оцените последнюю встречу", _named("pairs:my_mentor")),
        Step("Посмотрите свой индивидуальный план", _named("pairs:my_mentor")),
    ),
    "parent": (Step("Посмотрите, кто наставник ваших детей", _named("pairs:my_mentor")),),
    "curator2": (
        Step("Откройте доску пар лицея", _named("pairs:board")),
        Step("Сравните лицей с районом на панели мониторинга", _org(catalog.LYCEUM_SLUG, "monitoring:dashboard")),
    ),
    "imc": (
        Step("Откройте реестр проектов центра и скачайте его в Excel", _named("projects:registry")),
        Step(
            "Посмотрите портфель проектов: этапы, сроки, ожидаемые и достигнутые результаты",
            _named("projects:dashboard"),
        ),
        Step("Откройте профессиональные сообщества района", _named("communities:index")),
    ),
    "methodist": (
        Step("Посмотрите «Внимание по проектам»: просроченные мероприятия", _named("projects:attention")),
        Step("Откройте кадровый резерв «Школа Лидеров образования»", _named("communities:reserve")),
    ),
    "trainee": (Step("Откройте свой курс: работы для тьютора, дневник, индивидуальный маршрут", _named("courses:my")),),
}


@dataclass(frozen=True)
class AccountCard:
    username: str
    role: str
    steps: list[tuple[str, str]]  # (text, link through the login page)


def _demo_keys() -> dict[str, int] | None:
    slugs = (catalog.REGION_SLUG, catalog.DISTRICT_SLUG, catalog.SCHOOL1_SLUG, catalog.LYCEUM_SLUG)
    pks = dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    if len(pks) < len(slugs):
        return None
    point = (
        Programme.objects.filter(organisation_id=pks[catalog.SCHOOL1_SLUG], title="Точка развития")
        .order_by("-academic_year__start_year")
        .values_list("pk", flat=True)
        .first()
    )
    if point is None:
        return None
    return {**pks, "point": point}


def _through_login(path: str) -> str:
    return f"{reverse('login')}?{urlencode({'next': path})}"


def try_demo(request: HttpRequest) -> HttpResponse:
    keys = _demo_keys()
    if keys is None:
        raise Http404("Демо-данные не загружены.")
    cards = [
        AccountCard(
            account.username,
            account.role,
            [(step.text, _through_login(step.path(keys))) for step in STEPS.get(account.username, ())],
        )
        for account in (*ACCOUNTS, *MODULE_ACCOUNTS)
    ]
    return render(request, "site/try.html", {"cards": cards, "password": DEMO_PASSWORD})
