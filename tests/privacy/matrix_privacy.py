"""Permission-matrix specs of the privacy pages: the director of the person's organisation and the admin only."""

from __future__ import annotations

from typing import Any

from nastavnik.orgs.models import Membership
from tests.conftest import World
from tests.matrix_support import Spec, roles

# Those who see the world's mentee but may not export or erase: 403; everybody else: 404.
SEE_NOT_DIRECTOR = ["region", "district", "curator", "working_group", "mentee", "parent"]


def _mentee(w: World) -> dict[str, Any]:
    return {"pk": w.people["mentee"].pk}


def _membership(w: World) -> dict[str, Any]:
    return {"pk": Membership.objects.get(person=w.people["mentee"]).pk}


PRIVACY_MATRIX: dict[str, Spec] = {
    "privacy:export": Spec({**roles(["admin", "director"], 200), **roles(SEE_NOT_DIRECTOR, 403)}, 404, kwargs=_mentee),
    "privacy:erase": Spec({**roles(["admin", "director"], 200), **roles(SEE_NOT_DIRECTOR, 403)}, 404, kwargs=_mentee),
    # An empty form: the allowed are sent back to the card with the error.
    "privacy:end_membership": Spec(
        {
            **roles(["admin", "director", "curator"], 302),
            **roles(["region", "district", "working_group", "mentee", "parent"], 403),
        },
        404,
        kwargs=_membership,
        method="post",
    ),
}
