"""«Как попробовать»: a public page with the demo accounts, there only when the demo data is loaded."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from nastavnik.demo.accounts import ACCOUNTS, DEMO_PASSWORD
from nastavnik.orgs.models import Organisation


def test_without_the_demo_the_page_is_missing_and_the_login_page_does_not_link_it(db: None) -> None:
    Organisation.objects.create(name="Школа", short_name="Школа", slug="school", kind="school")
    client = Client()
    assert client.get(reverse("try_demo")).status_code == 404
    login = client.get(reverse("login")).content.decode()
    assert "Как попробовать демо" not in login


def test_in_the_demo_anyone_sees_every_account_with_things_to_try(db: None) -> None:
    call_command("demo-data", stdout=StringIO())
    client = Client()
    login = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("try_demo")}"' in login and "Как попробовать демо" in login
    response = client.get(reverse("try_demo"))
    assert response.status_code == 200
    html = response.content.decode()
    assert DEMO_PASSWORD in html
    for account in ACCOUNTS:
        assert f"<code>{account.username}</code>" in html, account.username
    # Every login the demo makes (the app modules add their own beside ACCOUNTS) is on the page, with its role.
    usernames = sorted(User.objects.values_list("username", flat=True))
    assert {"imc", "methodist", "trainee"} <= set(usernames)
    for username in usernames:
        assert f"<code>{username}</code>" in html, username
    for role in ("Администратор ИМЦ", "Методист ИМЦ", "Слушатель курсов повышения квалификации"):
        assert role in html
    # A link goes through the login page to the account's page.
    assert "/accounts/login/?next=%2Fpairs%2Fmy%2Fmentees%2F" in html
    assert "Оцените последнюю встречу".lower() in html.lower()


def test_the_links_of_the_page_open_for_their_accounts(db: None) -> None:
    call_command("demo-data", stdout=StringIO())
    html = Client().get(reverse("try_demo")).content.decode()
    for username in User.objects.values_list("username", flat=True):
        client = Client()
        assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
        start = html.index(f"<code>{username}</code>")
        end = html.find("</article>", start)
        for chunk in html[start:end].split('href="')[1:]:
            link = chunk.split('"', 1)[0].replace("&amp;", "&")
            target = link.split("next=", 1)[1].replace("%2F", "/")
            assert client.get(target).status_code == 200, (username, target)
