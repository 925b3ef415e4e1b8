"""Login security: lockout per account and address, password rules, idle sessions, logout on password change."""

from __future__ import annotations

import datetime

import argon2
import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings as django_settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.common.passwords import ProductNameValidator
from nastavnik.orgs.models import Role
from tests.conftest import World
from tests.factories import PASSWORD, make_person

SCHOOL_NAT = "10.20.30.40"
HOME = "192.0.2.7"


def attempt(client: Client, username: str, password: str, address: str = SCHOOL_NAT, **extra: str) -> object:
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def fail_times(username: str, times: int, address: str = SCHOOL_NAT, **extra: str) -> list[int]:
    client = Client()
    return [attempt(client, username, "wrong-password", address, **extra).status_code for _ in range(times)]


# --- lockout ---


def test_the_tenth_failure_locks_the_account(world: World) -> None:
    assert fail_times("teacher", 10) == [200] * 9 + [429]


def test_ten_failures_lock_the_account_from_that_address_even_for_the_right_password(world: World) -> None:
    fail_times("teacher", 10)
    client = Client()
    response = attempt(client, "teacher", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Вход временно заблокирован" in text
    assert "10 попыток" in text and "15 минут" in text
    assert "_auth_user_id" not in client.session


def test_nine_failures_do_not_lock(world: World) -> None:
    fail_times("teacher", 9)
    assert attempt(Client(), "teacher", PASSWORD).status_code == 302


def test_another_account_behind_the_same_address_still_logs_in(world: World) -> None:
    fail_times("teacher", 10)
    client = Client()
    assert attempt(client, "mentor", PASSWORD).status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_the_same_account_from_another_address_still_logs_in(world: World) -> None:
    fail_times("teacher", 10)
    assert attempt(Client(), "teacher", PASSWORD, address=HOME).status_code == 302


def test_lockout_ends_after_fifteen_minutes(world: World) -> None:
    fail_times("teacher", 10)
    assert attempt(Client(), "teacher", PASSWORD).status_code == 429
    # Refused attempts during the lockout do not extend it: 15 minutes from the tenth failure.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert attempt(Client(), "teacher", PASSWORD).status_code == 302


def test_lockout_still_holds_after_fourteen_minutes(world: World) -> None:
    fail_times("teacher", 10)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=14))
    assert attempt(Client(), "teacher", PASSWORD).status_code == 429


def test_a_successful_login_clears_the_failure_count(world: World) -> None:
    fail_times("teacher", 9)
    assert attempt(Client(), "teacher", PASSWORD).status_code == 302
    fail_times("teacher", 9)
    assert attempt(Client(), "teacher", PASSWORD).status_code == 302


def test_forwarded_address_is_ignored_unless_configured(world: World) -> None:
    for n in range(10):
        fail_times("teacher", 1, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert attempt(Client(), "teacher", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_behind_a_trusted_proxy_the_address_the_proxy_appended_counts(world: World, settings: object) -> None:
    settings.TRUST_X_FORWARDED_FOR = True  # type: ignore[attr-defined]
    proxy = "127.0.0.1"
    # The client forges the left entry; the proxy appends the real one on the right.
    fail_times("teacher", 10, address=proxy, HTTP_X_FORWARDED_FOR=f"203.0.113.1, {SCHOOL_NAT}")
    locked = attempt(Client(), "teacher", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=f"203.0.113.2, {SCHOOL_NAT}")
    assert locked.status_code == 429
    home = attempt(Client(), "teacher", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert home.status_code == 302


def test_admin_sees_and_lifts_a_lockout(world: World) -> None:
    fail_times("teacher", 10)
    admin = world.client_for("admin")
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200 and "teacher" in listing.content.decode()
    record = AccessAttempt.objects.get(username="teacher")
    deleted = admin.post(reverse("admin:axes_accessattempt_delete", args=[record.pk]), {"post": "yes"})
    assert deleted.status_code == 302
    assert attempt(Client(), "teacher", PASSWORD).status_code == 302


def test_each_lockout_is_written_once_to_the_audit(world: World) -> None:
    fail_times("teacher", 10)
    for _ in range(3):
        assert attempt(Client(), "teacher", PASSWORD).status_code == 429
    rows = AccessFailureLog.objects.filter(locked_out=True)
    assert [(row.username, row.ip_address) for row in rows] == [("teacher", SCHOOL_NAT)]


def test_the_journal_shows_a_lockout_to_the_director_of_that_school_and_to_the_admin(world: World) -> None:
    fail_times("teacher", 10)
    make_person(world.other_school, Role.DIRECTOR, username="other_director")
    url = reverse("audit") + "?source=lockout"
    for role in ("director", "admin"):
        page = world.client_for(role).get(url).content.decode()
        assert "Блокировки входа" in page and "teacher" in page and SCHOOL_NAT in page
    other = Client()
    assert other.login(request=HttpRequest(), username="other_director", password=PASSWORD)
    page = other.get(url).content.decode()
    assert "Блокировок не было." in page and "teacher" not in page


def test_the_journal_shows_a_lockout_of_an_unknown_name_to_the_admin_only(world: World) -> None:
    fail_times("no-such-user", 10)
    url = reverse("audit") + "?source=lockout"
    assert "no-such-user" in world.client_for("admin").get(url).content.decode()
    assert "no-such-user" not in world.client_for("director").get(url).content.decode()


# --- passwords ---


def change_password(client: Client, new: str) -> str:
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    response = client.post(reverse("password_change"), data)
    assert response.status_code == 200, "the weak password must be refused with the form shown again"
    return response.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw1", "Введённый пароль слишком короткий. Он должен состоять из как минимум 10 символов."),
        ("nastavnik2026", "Пароль не должен содержать название системы «Наставник»."),
        ("Наставник-2026", "Пароль не должен содержать название системы «Наставник»."),
        ("teacher-2026!x", "Пароль не должен содержать имя пользователя."),
        ("qwertyuiop", "Введённый пароль слишком широко распространён."),
        ("1234567890987", "Введённый пароль состоит только из цифр."),
    ],
)
def test_password_change_refuses_weak_passwords_in_russian(world: World, password: str, message: str) -> None:
    page = change_password(world.client_for("teacher"), password)
    assert message in page
    user = User.objects.get(username="teacher")
    assert user.check_password(PASSWORD)


def test_a_good_password_is_accepted(world: World) -> None:
    response = world.client_for("teacher").post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Зелёный-клён-17", "new_password2": "Зелёный-клён-17"},
    )
    assert response.status_code == 302
    assert User.objects.get(username="teacher").check_password("Зелёный-клён-17")


@pytest.mark.parametrize(
    "password", ["NASTAVNIK!!12", "n@stavn1k-2026", "yfcnfdybr-2026", "Наставник", "nas-tav-nik-77"]
)
def test_product_name_is_found_in_any_case_spelling_or_keyboard_layout(password: str) -> None:
    with pytest.raises(Exception, match="название системы"):
        ProductNameValidator().validate(password)


# --- sessions ---


def test_sessions_expire_after_eight_idle_hours_by_default(settings: object) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600  # type: ignore[attr-defined]


def test_a_request_pushes_the_session_expiry_forward(world: World, settings: object) -> None:
    client = world.client_for("teacher")
    settings.SESSION_REFRESH_SECONDS = 0  # type: ignore[attr-defined]
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(hours=1))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.cookies["sessionid"]["max-age"] == 8 * 3600
    assert Session.objects.get().expire_date > timezone.now() + datetime.timedelta(hours=7, minutes=59)


def test_requests_soon_after_the_last_save_do_not_write_the_session(world: World) -> None:
    client = world.client_for("teacher")
    assert client.get(reverse("home")).status_code == 200
    soon = timezone.now() + datetime.timedelta(hours=1)
    Session.objects.update(expire_date=soon)
    response = client.get(reverse("home"))
    assert response.status_code == 200 and "sessionid" not in response.cookies
    assert Session.objects.get().expire_date == soon


def test_an_idle_session_is_sent_to_login(world: World) -> None:
    client = world.client_for("teacher")
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_password_change_logs_out_the_other_sessions_but_not_this_one(world: World) -> None:
    office = world.client_for("teacher")
    phone = world.client_for("teacher")
    assert phone.get(reverse("home")).status_code == 200
    response = office.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Зелёный-клён-17", "new_password2": "Зелёный-клён-17"},
    )
    assert response.status_code == 302
    assert office.get(reverse("home")).status_code == 200
    sent_away = phone.get(reverse("home"))
    assert sent_away.status_code == 302 and sent_away["Location"].startswith(reverse("login"))


# --- password hashing ---

PRODUCTION_HASHERS = django_settings.PASSWORD_HASHERS  # the project's list; tests otherwise use MD5 for speed


def test_a_new_password_is_stored_with_argon2id_at_the_chosen_cost(settings: object) -> None:
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS  # type: ignore[attr-defined]
    user = User(username="argon")
    user.set_password("Длинный-пароль-2026")
    algorithm, variant, _version, params, *_ = user.password.split("$")
    assert (algorithm, variant, params) == ("argon2", "argon2id", "m=19456,t=2,p=1")
    assert user.check_password("Длинный-пароль-2026") and not user.check_password("другой-пароль-2026")


def test_an_older_pbkdf2_password_still_logs_in_and_is_rehashed_with_argon2(world: World, settings: object) -> None:
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS  # type: ignore[attr-defined]
    user = User.objects.get(username="teacher")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert attempt(Client(), "teacher", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$") and user.check_password(PASSWORD)


def test_a_hash_made_with_other_argon2_settings_is_rehashed_at_the_next_login(world: World, settings: object) -> None:
    """The first settings (64 MiB, 2 lanes) are still accepted, and replaced by the current ones."""
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS  # type: ignore[attr-defined]
    old = argon2.PasswordHasher(time_cost=2, memory_cost=65536, parallelism=2, type=argon2.Type.ID)
    user = User.objects.get(username="teacher")
    user.password = "argon2" + old.hash(PASSWORD)
    user.save(update_fields=["password"])
    assert attempt(Client(), "teacher", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert "$m=19456,t=2,p=1$" in user.password and user.check_password(PASSWORD)
