"""Status changes made with queryset update() still reach the change history, with the user and the reason."""

from __future__ import annotations

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs import lifecycle, services
from nastavnik.pairs.models import Pair
from nastavnik.people.models import Person
from tests.conftest import World
from tests.factories import make_person
from tests.imports.helpers import STUDENT_HEADER, import_file, xlsx_bytes


def _admitted(world: World) -> MentorEntry:
    entry = world.mentor_entry
    entry.admission, entry.capacity = Admission.ADMITTED, 2
    entry.save()
    return entry


def _latest(entry: MenteeEntry) -> object:
    return MenteeEntry.history.filter(id=entry.pk).order_by("-history_id").first()  # type: ignore[attr-defined]


def _confirmed(world: World) -> Pair:
    pair = services.propose(_admitted(world), [world.mentee_entry], Scheme.QUESTIONNAIRE, None)
    return services.confirm(pair, world.people["curator"].user)


def test_confirming_a_pair_records_the_mentee_status_with_user_and_reason(world: World) -> None:
    pair = _confirmed(world)
    row = _latest(world.mentee_entry)
    assert row.status == MenteeStatus.MATCHED  # type: ignore[attr-defined]
    assert row.history_type == "~"  # type: ignore[attr-defined]
    assert row.history_user == world.people["curator"].user  # type: ignore[attr-defined]
    assert row.history_change_reason == f"Подтверждение пары №{pair.pk}"  # type: ignore[attr-defined]


def test_dissolving_a_pair_records_the_mentee_back_in_the_waiting_list(world: World) -> None:
    pair = _confirmed(world)
    lifecycle.dissolve(pair, "переезд", world.people["director"].user)
    row = _latest(world.mentee_entry)
    assert (row.status, row.priority) == (MenteeStatus.WAITING, True)  # type: ignore[attr-defined]
    assert row.history_user == world.people["director"].user  # type: ignore[attr-defined]
    assert row.history_change_reason == f"Расформирование пары №{pair.pk}: переезд"  # type: ignore[attr-defined]


def test_an_import_that_adds_consent_records_it_with_the_file_name(world: World) -> None:
    pupil = make_person(world.school, Role.STUDENT, consent=False)
    header = [*STUDENT_HEADER, "Согласие на обработку ПДн", "Дата согласия", "Кто дал согласие"]
    row = [pupil.last_name, pupil.first_name, pupil.middle_name, pupil.birth_date, "9А", "да", "01.09.2025", "сам"]
    import_file(world.client_for("curator"), world.school, "ученики 9А.xlsx", xlsx_bytes([header, row]))
    latest = Person.history.filter(id=pupil.pk).order_by("-history_id").first()  # type: ignore[attr-defined]
    assert latest.has_consent is True
    assert latest.history_user == world.people["curator"].user
    assert latest.history_change_reason == "Импорт из файла «ученики 9А.xlsx»"
    consent = pupil.consents.get().history.get()
    assert (consent.history_user, consent.history_change_reason) == (
        world.people["curator"].user,
        "Импорт из файла «ученики 9А.xlsx»",
    )
