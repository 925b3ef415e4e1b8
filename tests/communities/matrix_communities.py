"""Permission-matrix specs of the communities, the reserve and the preschool lab (merged into the main matrix).

The world gets a methodological centre in its district. The community's leader is `mentor`, its curator
`working_group` (object-level roles), `teacher` is a member; `teacher` is also the reserve candidate
whose school's head is `director`. The coordinator of another district gets 404 on every object.
"""

from __future__ import annotations

from typing import Any

from tests.communities.conftest import Centre, build_centre
from tests.conftest import World
from tests.matrix_support import Spec, roles

COORDINATORS = ["admin", "region", "district", "other_district"]
STAFF = ["admin", "region", "district"]
RUNNERS = [*STAFF, "mentor", "working_group"]
READERS = [*RUNNERS, "teacher"]


def _centre(w: World) -> Centre:
    # kwargs are built once per role: build the centre once per world.
    cached: Centre | None = getattr(w, "_communities_centre", None)
    if cached is None:
        cached = build_centre(w)
        w._communities_centre = cached  # type: ignore[attr-defined]
    return cached


def _community(w: World) -> dict[str, Any]:
    return {"pk": _centre(w).community.pk}


def _member(w: World) -> dict[str, Any]:
    from nastavnik.communities.models import Member
    from nastavnik.orgs.models import Role
    from tests.factories import make_person

    c = _centre(w)
    member = Member.objects.create(community=c.community, person=make_person(w.school, Role.TEACHER))
    return {"pk": c.community.pk, "member_pk": member.pk}


def _event(w: World) -> dict[str, Any]:
    import datetime

    c = _centre(w)
    event, _ = c.community.events.get_or_create(title="Семинар", defaults={"held_on": datetime.date(2026, 11, 5)})
    return {"pk": c.community.pk, "event_pk": event.pk}


def _centre_only(w: World) -> dict[str, Any]:
    """A URL without arguments that still needs the centre (the candidate's own reserve page)."""
    _centre(w)
    return {}


def _cycle(w: World) -> dict[str, Any]:
    return {"pk": _centre(w).cycle.pk}


def _entry(w: World) -> dict[str, Any]:
    return {"pk": _centre(w).entry.pk}


def _lab(w: World) -> dict[str, Any]:
    return {"pk": _centre(w).lab.pk}


def _lab_pair(w: World) -> dict[str, Any]:
    from nastavnik.communities import lab
    from nastavnik.communities.models import LabPair, LabParticipant

    c = _centre(w)
    pair = LabPair.objects.filter(lab=c.lab).first()
    if pair is None:
        mentor = LabParticipant.objects.create(
            lab=c.lab, person=c.educators[0], organisation=c.kindergartens[0], role="mentor", topic="Игра"
        )
        mentee = LabParticipant.objects.create(
            lab=c.lab, person=c.educators[2], organisation=c.kindergartens[1], role="mentee", topic="Игра"
        )
        pair = lab.make_pair(c.lab, mentor, mentee, "consultation")
    return {"pk": pair.pk}


def _lab_step(w: World) -> dict[str, Any]:
    from nastavnik.communities.models import LabStep

    pk = _lab_pair(w)["pk"]
    return {"pk": pk, "step_pk": LabStep.objects.filter(pair_id=pk).first().pk}  # type: ignore[union-attr]


def _run(ok: int, kwargs: Any, method: str = "post") -> Spec:
    """Runners get `ok`, the member reads but may not change (403), everyone else 404."""
    return Spec({**roles(RUNNERS, ok), "teacher": 403}, 404, kwargs=kwargs, method=method)


def _staff(ok: int, kwargs: Any, method: str = "post") -> Spec:
    return Spec(roles(STAFF, ok), 404, kwargs=kwargs, method=method)


COMMUNITIES_MATRIX: dict[str, Spec] = {
    "communities:index": Spec({}, 200),
    "communities:create": Spec(roles(COORDINATORS, 200), 403),
    "communities:detail": Spec(roles(READERS, 200), 404, kwargs=_community),
    "communities:edit": _run(200, _community, "get"),
    # Two members: registration is refused with 400 («не хватает 3»).
    "communities:register": _run(400, _community),
    "communities:member_add": _run(400, _community),
    "communities:member_remove": _run(302, _member),
    "communities:event_add": _run(400, _community),
    "communities:event": Spec(roles(READERS, 200), 404, kwargs=_event),
    # The bank takes materials from members too; the platform admin has no person to be the author.
    "communities:material_add": Spec({**roles(READERS, 400), "admin": 403}, 404, kwargs=_community, method="post"),
    "communities:report_add": _run(400, _community),
    "communities:training_add": _run(400, _community),
    "communities:self_check": _run(302, _community),
    "communities:reserve": Spec(roles(COORDINATORS, 200), 403),
    "communities:my_reserve": Spec({"teacher": 200}, 403, kwargs=_centre_only),
    "communities:competences": Spec(roles(COORDINATORS, 200), 403),
    "communities:reserve_cycle": _staff(200, _cycle, "get"),
    "communities:reserve_advance": _staff(302, _cycle),
    "communities:reserve_entry_add": _staff(400, _cycle),
    "communities:reserve_export": _staff(200, _cycle, "get"),
    "communities:reserve_entry": Spec(roles([*STAFF, "teacher", "director"], 200), 404, kwargs=_entry),
    "communities:labs": Spec(roles(COORDINATORS, 200), 403),
    "communities:lab": _staff(200, _lab, "get"),
    "communities:lab_survey": _staff(302, _lab),
    "communities:lab_collect": _staff(302, _lab),
    "communities:lab_pair_add": _staff(400, _lab),
    "communities:lab_report": _staff(400, _lab),
    "communities:lab_pair": _staff(200, _lab_pair, "get"),
    "communities:lab_step": _staff(302, _lab_step),
}
