"""Permission-matrix specs of this feature's URLs (merged into tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime
from typing import Any

from tests.conftest import World
from tests.matrix_support import LOGGED_IN, MANAGERS, Spec, roles

READERS = ["admin", "region", "district", "director", "curator", "working_group"]


def _campaign(w: World, **extra: Any) -> Any:
    from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation

    today = datetime.date.today()
    campaign = Campaign.objects.create(
        organisation=w.school,
        version=InstrumentVersion.objects.get(instrument__code="self-assessment"),
        title="Самооценка",
        opens_on=today,
        closes_on=today,
        **extra,
    )
    Invitation.objects.create(campaign=campaign, person=w.people["mentee"])
    return campaign


def _pk(w: World) -> dict[str, Any]:
    return {"pk": _campaign(w).pk}


def _after(w: World) -> dict[str, Any]:
    """An «after» campaign with its «before»."""
    return {"pk": _campaign(w, baseline=_campaign(w)).pk}


FOLLOWUP_MATRIX: dict[str, Spec] = {
    # Readers of the organisation see the aggregates; outsiders and members get 404 (no leak).
    "surveys:change": Spec(roles(READERS, 200), 404, kwargs=_after),
    "surveys:remind": Spec(
        {**roles(MANAGERS, 302), **roles(["region", "district"], 403)}, 404, kwargs=_pk, method="post"
    ),
    "surveys:export_csv": Spec({**roles(MANAGERS, 200), **roles(["region", "district"], 403)}, 404, kwargs=_pk),
    # Everyone signed in has «Мои опросы» (empty for an account without a person).
    "surveys:my": Spec(roles(LOGGED_IN, 200), 200),
}
