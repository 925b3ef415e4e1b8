"""Who answered: a row of a named campaign is linked to a person invited to the campaign.

The respondent cell is compared with the invited people's ФИО in any usual order of the parts
(case, «ё» and spaces do not matter; the surname alone when only one invited person has it) or
with their e-mail. Two invited people with the same name are told apart by the form's «Класс»
column when the curator mapped it; otherwise the row names the candidates.
"""

from __future__ import annotations

import re

from nastavnik.common.text import fold
from nastavnik.orgs.models import Membership, Role
from nastavnik.surveys.import_cells import CellError, normalise_class, quoted
from nastavnik.surveys.models import Campaign, Invitation

# Candidates named in one error message; the rest are counted.
CANDIDATES_SHOWN = 5


def name_key(text: str) -> str:
    if "@" in text:
        return fold(text.strip())
    return " ".join(re.sub(r"[^\w-]+", " ", fold(text)).split())


def invited_classes(campaign: Campaign) -> dict[int, tuple[int, str]]:
    """person id → (grade, letter) of the invited pupils of the campaign's organisation."""
    members = Membership.objects.filter(
        organisation=campaign.organisation,
        role=Role.STUDENT,
        person_id__in=Invitation.objects.filter(campaign=campaign).values("person_id"),
    )
    return {
        pk: (grade, (letter or "").upper())
        for pk, grade, letter in members.values_list("person_id", "grade", "class_letter")
        if grade
    }


class Invited:
    """The people invited to the campaign, found by ФИО in any usual order or by e-mail."""

    def __init__(self, campaign: Campaign) -> None:
        self.keys: dict[str, set[int]] = {}
        self.names: dict[int, str] = {}
        self.answered: set[int] = set()
        self.person: dict[int, int] = {}
        rows = Invitation.objects.filter(campaign=campaign).values_list(
            "id", "person_id", "answered_at", "person__last_name", "person__first_name", "person__middle_name",
            "person__email",
        )  # fmt: skip
        for pk, person_id, answered_at, last, first, middle, email in rows:
            self.person[pk] = person_id
            self.names[pk] = " ".join(part for part in (last, first, middle) if part)
            if answered_at:
                self.answered.add(pk)
            variants = [(last, first, middle), (last, first), (first, last), (first, middle, last), (last,)]
            for parts in variants:
                if all(parts):
                    self.keys.setdefault(name_key(" ".join(parts)), set()).add(pk)
            if email:
                self.keys.setdefault(name_key(email), set()).add(pk)
        by_person = invited_classes(campaign)
        self.classes = {pk: by_person[person] for pk, person in self.person.items() if person in by_person}

    def find(self, text: str, klass: str | None = None) -> int:
        """The invitation of the person named in the cell; ``klass`` is the row's «Класс» cell when mapped."""
        found = self.keys.get(name_key(text), set())
        if not found:
            raise CellError(f"{quoted([text])} нет среди приглашённых в этот опрос")
        if len(found) > 1:
            found = self._by_class(text, found, klass)
        (pk,) = found
        return pk

    def is_answered(self, pk: int) -> bool:
        return pk in self.answered

    def label(self, pk: int) -> str:
        grade, letter = self.classes.get(pk, (0, ""))
        return f"{self.names[pk]} ({grade}{letter})" if grade else self.names[pk]

    def _by_class(self, text: str, found: set[int], klass: str | None) -> set[int]:
        candidates = sorted(found, key=lambda pk: (self.classes.get(pk, (99, "")), self.names[pk]))
        listed = ", ".join(self.label(pk) for pk in candidates[:CANDIDATES_SHOWN])
        if len(candidates) > CANDIDATES_SHOWN:
            listed += f" и ещё {len(candidates) - CANDIDATES_SHOWN}"
        if klass is None:
            raise CellError(
                f"в опрос приглашены несколько человек с именем {quoted([text])}: {listed}. "
                "Выберите при сопоставлении столбец «Класс» или укажите в файле ФИО полностью"
            )
        wanted = normalise_class(klass)
        if wanted is None:
            raise CellError(
                f"в опрос приглашены несколько человек с именем {quoted([text])}: {listed}; "
                f"класс {quoted([klass])} не распознан (нужно, например, «7А»)"
            )
        narrowed = {pk for pk in found if self.classes.get(pk) == wanted}
        if len(narrowed) != 1:
            where = f"{wanted[0]}{wanted[1]}"
            verdict = f"в {where} учатся несколько из них" if narrowed else f"ни один из них не учится в {where}"
            raise CellError(f"в опрос приглашены несколько человек с именем {quoted([text])}: {listed}; {verdict}")
        return narrowed
