"""Permission-matrix specs of a pair's transitions, the director's order and the document templates.

Also the small builders the lifecycle and order tests share (a confirmed pair, a draft order).
"""

from __future__ import annotations

from typing import Any

from nastavnik.bases.models import Admission, MenteeEntry
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs import services
from nastavnik.pairs.models import Pair, PairOrder
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person
from tests.matrix_support import MANAGERS, Spec, roles

# Coordinators above the school see its programme but do not act (403); nobody else sees it (404).
MANAGER_PAGE = {**roles(MANAGERS, 200), **roles(["region", "district"], 403)}
MANAGER_POST = {**roles(MANAGERS, 302), **roles(["region", "district"], 403)}
# The pair's own mentor and mentee see the pair but may not change its state.
PAIR_POST = {**MANAGER_POST, **roles(["mentor", "mentee"], 403)}
# Registration of an order is the director's act (the confirmation page and its POST); the curator prepares it.
REGISTER_PAGE = {**roles(["admin", "director"], 200), **roles(["curator", "working_group", "region", "district"], 403)}
# Templates: the director and the curator of an organisation (each of their own), and the admin.
TEMPLATE_PAGE = roles(["admin", "director", "curator", "other_curator"], 200)
TEMPLATE_POST = roles(["admin", "director", "curator", "other_curator"], 302)


def admitted_mentor(world: World, capacity: int = 10) -> None:
    entry = world.mentor_entry
    entry.admission, entry.capacity = Admission.ADMITTED, capacity
    entry.save()


def new_mentee(world: World) -> MenteeEntry:
    return make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)


def confirmed_pair(world: World, mentees: list[MenteeEntry] | None = None) -> Pair:
    """A pair (or a group) of the world's mentor, confirmed by the curator."""
    if world.mentor_entry.admission != Admission.ADMITTED:
        admitted_mentor(world)
    chosen = mentees if mentees is not None else [new_mentee(world)]
    pair = services.propose(world.mentor_entry, chosen, Scheme.APPOINTMENT, None)
    return services.confirm(pair, world.people["curator"].user)


def _pair(w: World) -> dict[str, Any]:
    return {"pk": services.propose(w.mentor_entry, [w.mentee_entry], Scheme.QUESTIONNAIRE, None).pk}


def _programme(w: World) -> dict[str, Any]:
    return {"pk": w.programme.pk}


def _order(w: World) -> dict[str, Any]:
    return {"pk": PairOrder.objects.create(programme=w.programme).pk}


def _order_with_pair(w: World) -> dict[str, Any]:
    """A draft with a confirmed pair (an order without pairs is not downloaded); one for all roles."""
    found = PairOrder.objects.filter(programme=w.programme, pairs__isnull=False).first()
    if found is not None:
        return {"pk": found.pk}
    order = PairOrder.objects.create(programme=w.programme)
    Pair.objects.filter(pk=confirmed_pair(w).pk).update(order=order)
    return {"pk": order.pk}


def _kind(w: World) -> dict[str, Any]:
    return {"kind": "order"}


LIFECYCLE_MATRIX: dict[str, Spec] = {
    "pairs:activate": Spec(PAIR_POST, 404, kwargs=_pair, method="post"),
    # The mentor of the pair marks the interaction stage too.
    "pairs:stage": Spec({**PAIR_POST, "mentor": 302}, 404, kwargs=_pair, method="post"),
    "pairs:orders": Spec(MANAGER_PAGE, 404, kwargs=_programme),
    "pairs:order": Spec(MANAGER_PAGE, 404, kwargs=_order),
    "pairs:order_docx": Spec(MANAGER_PAGE, 404, kwargs=_order_with_pair),
    "pairs:order_register": Spec(REGISTER_PAGE, 404, kwargs=_order),
    "pairs:order_delete": Spec(MANAGER_POST, 404, kwargs=_order, method="post"),
    "documents:templates": Spec(TEMPLATE_PAGE, 403),
    "documents:template_builtin": Spec(TEMPLATE_PAGE, 403, kwargs=_kind),
    "documents:template_current": Spec(TEMPLATE_PAGE, 403, kwargs=_kind),
    "documents:template_upload": Spec(TEMPLATE_PAGE, 403, kwargs=_kind),
    "documents:template_reset": Spec(TEMPLATE_POST, 403, kwargs=_kind, method="post"),
}
