"""``nastavnik api-token create|revoke --user USERNAME``: a user's API key from the console.

``create`` prints the new key as its last line (the previous key of the user stops working);
``revoke`` deletes the key. An unknown user exits with code 2 and a Russian message, nothing changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import CommandParser

from nastavnik.api import tokens
from nastavnik.common.commands import RussianCommand, RussianParser, fail


class Command(RussianCommand):
    help = "Ключ API пользователя: выдать новый (create) или отозвать (revoke)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, title="действия", metavar="{create,revoke}", parser_class=RussianParser
        )
        for name, text in (("create", "выдать новый ключ (старый перестаёт работать)"), ("revoke", "отозвать ключ")):
            action = actions.add_parser(name, help=text)
            action.add_argument("--user", required=True, metavar="USERNAME", help="логин пользователя")

    def handle(self, *args: Any, **options: Any) -> None:
        user = _user(str(options["user"]))
        if options["action"] == "create":
            key = tokens.create(user)
            self.stdout.write(f"Ключ API пользователя «{user.get_username()}» (показывается один раз):")
            self.stdout.write(key)
        elif tokens.revoke(user):
            self.stdout.write(f"Ключ API пользователя «{user.get_username()}» отозван.")
        else:
            self.stdout.write(f"У пользователя «{user.get_username()}» нет ключа API — отзывать нечего.")


def _user(username: str) -> User:
    user = User.objects.filter(username=username.strip()).first()
    if user is None:
        fail(f"пользователь «{username}» не найден")
    return user
