"""Password rule of our own (no product name and no username inside the password), and the
password hasher.

Django's validators (length, similarity to the account's attributes, the common-password list,
digits only) already speak Russian with LANGUAGE_CODE = "ru"; this one adds what they miss.
The rules apply where a password is set through a form (password change, admin), not to
`set_password` calls such as the demo builder's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.exceptions import ValidationError


class NastavnikArgon2Hasher(Argon2PasswordHasher):
    """Argon2id with OWASP's recommended configuration: 19 MiB, 2 passes, 1 lane (about 35 ms of CPU
    per login on one core).

    Django's default, PBKDF2 with 1 000 000 iterations, costs 0.5 s of CPU per login; under a
    morning's logins on a two-core server that was the costliest request of the product
    (bench/load). Django's own Argon2 settings (100 MiB, 8 lanes) cost 0.26 s and 100 MiB per login,
    our first choice (64 MiB, 2 passes, 2 lanes) 0.13 s and still the slowest request at 100 users.
    OWASP's Password Storage Cheat Sheet lists this configuration first among settings of equal
    strength against guessing on GPUs; the memory, not the CPU, is what makes them costly. The
    parameters live in each stored hash: older hashes (PBKDF2 or other settings) keep working and
    are rehashed with these at the next successful login.
    """

    time_cost = 2
    memory_cost = 19456  # KiB
    parallelism = 1


# Cyrillic letters spelled in Latin, so «Наставник» and «nastavnik» fold to the same text.
_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sch",
        "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip
# Look-alike digits and symbols people put in place of letters.
_LOOKALIKES = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "$": "s"})
# «наставник» typed with the keyboard left in the Latin layout.
_WRONG_LAYOUT = "yfcnfdybr"
PRODUCT_NAMES = ("nastavnik", "nastavnick", _WRONG_LAYOUT)


def fold(text: str) -> str:
    """Lower case, Cyrillic spelled in Latin, look-alike digits as letters, separators dropped."""
    folded = text.lower().translate(_TRANSLIT).translate(_LOOKALIKES)
    return "".join(ch for ch in folded if ch.isalnum())


class ProductNameValidator:
    """Refuses a password that contains the product's name or the account's username."""

    min_username_length = 3

    def validate(self, password: str, user: Any = None) -> None:
        folded = fold(password)
        if any(name in folded for name in PRODUCT_NAMES):
            raise ValidationError(
                "Пароль не должен содержать название системы «Наставник».", code="password_product_name"
            )
        username = fold(user.get_username()) if user is not None and hasattr(user, "get_username") else ""
        if len(username) >= self.min_username_length and username in folded:
            raise ValidationError("Пароль не должен содержать имя пользователя.", code="password_contains_username")

    def get_help_text(self) -> str:
        return "Пароль не должен содержать название системы и имя пользователя."
