"""Permission-matrix specs of the surveys URLs (merged into tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime
from typing import Any

from tests.conftest import World
from tests.matrix_support import LOGGED_IN, MANAGERS, STAFF_READERS, Spec, roles


def _campaign(w: World) -> Any:
    from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation

    today = datetime.date.today()
    campaign = Campaign.objects.create(
        organisation=w.school,
        version=InstrumentVersion.objects.get(instrument__code="liked-ask-suggest"),
        title="Опрос",
        opens_on=today,
        closes_on=today,
    )
    Invitation.objects.create(campaign=campaign, person=w.people["mentee"], token=f"token-{campaign.pk}")
    return campaign


def _pk(w: World) -> dict[str, Any]:
    return {"pk": _campaign(w).pk}


def _token(w: World) -> dict[str, Any]:
    return {"token": f"token-{_campaign(w).pk}"}


READERS = ["admin", "region", "district", "director", "curator", "working_group"]
MANAGE_PAGE = {**roles(MANAGERS, 200), **roles(["region", "district"], 403)}

SURVEYS_MATRIX: dict[str, Spec] = {
    "surveys:list": Spec(roles(STAFF_READERS, 200), 403),
    "surveys:create": Spec(roles([*MANAGERS, "other_curator"], 200), 403),
    "surveys:instruments": Spec(roles(STAFF_READERS, 200), 403),
    "surveys:detail": Spec(roles(READERS, 200), 404, kwargs=_pk),
    "surveys:results": Spec(roles(READERS, 200), 404, kwargs=_pk),
    "surveys:qr_sheet": Spec(MANAGE_PAGE, 404, kwargs=_pk),
    "surveys:export": Spec(MANAGE_PAGE, 404, kwargs=_pk),
    # A personal link needs no account: whoever holds the token may answer.
    "surveys:answer": Spec(roles(LOGGED_IN, 200), 200, kwargs=_token, anonymous=200),
}
