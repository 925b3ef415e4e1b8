"""Permission-matrix specs of this feature's URLs (merged into tests/test_permission_matrix.py).

Importing answers is for the managers of the campaign's organisation: pupils, parents and
teachers get 403 before anything is looked up, coordinators who see the campaign get 403,
another organisation's curator (or district) gets 404.
"""

from __future__ import annotations

import datetime
from typing import Any

from tests.conftest import World
from tests.matrix_support import MANAGERS, SCHOOL_MEMBERS, Spec, roles


def _campaign(w: World) -> Any:
    from nastavnik.surveys.models import Campaign, InstrumentVersion

    today = datetime.date.today()
    return Campaign.objects.create(
        organisation=w.school,
        version=InstrumentVersion.objects.get(instrument__code="liked-ask-suggest"),
        title="Опрос",
        opens_on=today,
        closes_on=today,
    )


def _campaign_pk(w: World) -> dict[str, Any]:
    return {"pk": _campaign(w).pk}


def _batch_pk(w: World) -> dict[str, Any]:
    from nastavnik.surveys.models import AnswerImport

    batch = AnswerImport.objects.create(
        campaign=_campaign(w), filename="ответы.csv", columns=["Отметка времени"], rows=[[2, ["01.02.2026 10:00"]]]
    )
    return {"pk": batch.pk}


_FORBIDDEN = roles([*SCHOOL_MEMBERS, "region", "district"], 403)
IMPORT_PAGE = {**roles(MANAGERS, 200), **_FORBIDDEN}

IMPORT_MATRIX: dict[str, Spec] = {
    "surveys:import_upload": Spec(IMPORT_PAGE, 404, kwargs=_campaign_pk),
    "surveys:import_map": Spec(IMPORT_PAGE, 404, kwargs=_batch_pk),
    "surveys:import_preview": Spec(IMPORT_PAGE, 404, kwargs=_batch_pk),
    # The XLSX of the rows with errors (none yet: the header alone).
    "surveys:import_skipped": Spec(IMPORT_PAGE, 404, kwargs=_batch_pk),
    # The batch is not mapped yet: the commit is refused with a message and a redirect to the preview.
    "surveys:import_commit": Spec({**roles(MANAGERS, 302), **_FORBIDDEN}, 404, kwargs=_batch_pk, method="post"),
}
