"""Annual transfer: a pupil moved to another class keeps the class teacher only when the file names one."""

from __future__ import annotations

from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from tests.conftest import World
from tests.factories import make_person
from tests.imports.helpers import STUDENT_HEADER, commit, import_file, upload_batch, xlsx_bytes

PUPIL = ["Лебедева", "Мария", "Олеговна", "14.02.2012"]
# The files of next year below have no «Классный руководитель» column at all.
WARNING = "строка 2: классный руководитель не указан в файле — связь снята"


def _teacher(world: World, last_name: str) -> Person:
    teacher = make_person(world.school, Role.TEACHER)
    Person.objects.filter(pk=teacher.pk).update(last_name=last_name, first_name="Елена", middle_name="Ивановна")
    teacher.refresh_from_db()
    return teacher


def _pupil_with_teacher(world: World) -> Membership:
    teacher = _teacher(world, "Соколова")
    header = [*STUDENT_HEADER, "Классный руководитель"]
    import_file(
        world.client_for("curator"), world.school, "8.xlsx", xlsx_bytes([header, [*PUPIL, "8Б", teacher.full_name]])
    )
    membership = Membership.objects.get(person__last_name="Лебедева", role=Role.STUDENT)
    assert membership.class_teacher == teacher
    return membership


def test_moving_up_without_a_class_teacher_clears_the_link_with_a_warning(world: World) -> None:
    membership = _pupil_with_teacher(world)
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "9.xlsx", xlsx_bytes([STUDENT_HEADER, [*PUPIL, "9Б"]]))
    assert batch.errors == []
    assert WARNING in [warning["message"] for warning in batch.warnings]
    commit(client, batch)
    membership.refresh_from_db()
    assert (membership.grade, membership.class_teacher_id, membership.class_teacher_name) == (9, None, "")
    assert membership.history.first().history_change_reason == "Импорт из файла «9.xlsx»"


def test_moving_up_with_the_class_teacher_named_links_the_new_one(world: World) -> None:
    membership = _pupil_with_teacher(world)
    new_teacher = _teacher(world, "Морозова")
    header = [*STUDENT_HEADER, "Классный руководитель"]
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "9.xlsx", xlsx_bytes([header, [*PUPIL, "9Б", "Морозова Е.И."]]))
    assert WARNING not in [warning["message"] for warning in batch.warnings]
    commit(client, batch)
    membership.refresh_from_db()
    assert (membership.grade, membership.class_teacher) == (9, new_teacher)


def test_the_same_class_without_a_teacher_column_keeps_the_link(world: World) -> None:
    membership = _pupil_with_teacher(world)
    teacher = membership.class_teacher
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "8.xlsx", xlsx_bytes([STUDENT_HEADER, [*PUPIL, "8Б"]]))
    assert WARNING not in [warning["message"] for warning in batch.warnings]
    commit(client, batch)
    membership.refresh_from_db()
    assert membership.class_teacher == teacher


def test_a_class_teacher_kept_as_text_is_cleared_on_transfer_too(world: World) -> None:
    header = [*STUDENT_HEADER, "Классный руководитель"]
    client = world.client_for("curator")
    import_file(client, world.school, "8.xlsx", xlsx_bytes([header, [*PUPIL, "8Б", "Неизвестная О.И."]]))
    batch = upload_batch(client, world.school, "9.xlsx", xlsx_bytes([STUDENT_HEADER, [*PUPIL, "9Б"]]))
    assert WARNING in [warning["message"] for warning in batch.warnings]
    commit(client, batch)
    assert Membership.objects.get(person__last_name="Лебедева", role=Role.STUDENT).class_teacher_name == ""
