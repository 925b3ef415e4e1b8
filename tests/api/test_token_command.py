"""`nastavnik api-token create|revoke --user USERNAME`: the contract of the console command."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from nastavnik.api.models import ApiToken
from tests.api.conftest import call
from tests.conftest import World


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("api-token", *args, stdout=out)
    return out.getvalue()


def test_create_prints_the_new_key_as_its_last_line_and_stores_only_its_hash(world: World) -> None:
    output = _run("create", "--user", "curator")
    key = output.strip().splitlines()[-1]
    assert len(key) >= 32 and " " not in key
    token = ApiToken.objects.get(user__username="curator")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.key_hash, token.prefix} and token.prefix == key[:6]
    assert call("get", "/organisations", key).status == 200


def test_create_again_replaces_the_key(world: World) -> None:
    first = _run("create", "--user", "curator").strip().splitlines()[-1]
    second = _run("create", "--user", "curator").strip().splitlines()[-1]
    assert first != second
    assert ApiToken.objects.filter(user__username="curator").count() == 1
    assert call("get", "/organisations", first).status == 401
    assert call("get", "/organisations", second).status == 200


def test_revoke_stops_the_key(world: World) -> None:
    key = _run("create", "--user", "mentee").strip().splitlines()[-1]
    assert "отозван" in _run("revoke", "--user", "mentee")
    assert not ApiToken.objects.exists()
    assert call("get", "/pairs", key).status == 401
    assert "нет ключа API" in _run("revoke", "--user", "mentee")


@pytest.mark.parametrize("action", ["create", "revoke"])
def test_an_unknown_user_exits_2_with_a_russian_message_and_writes_nothing(world: World, action: str) -> None:
    with pytest.raises(CommandError) as error:
        _run(action, "--user", "nobody")
    assert error.value.returncode == 2
    assert "пользователь «nobody» не найден" in str(error.value)
    assert not ApiToken.objects.exists()


def test_a_missing_user_argument_exits_2(world: World) -> None:
    with pytest.raises(CommandError) as error:
        _run("create")
    assert error.value.returncode == 2 and "--user" in str(error.value)


def test_a_disabled_account_key_is_refused(world: World) -> None:
    key = _run("create", "--user", "mentor").strip().splitlines()[-1]
    User.objects.filter(username="mentor").update(is_active=False)
    assert call("get", "/pairs", key).status == 401
