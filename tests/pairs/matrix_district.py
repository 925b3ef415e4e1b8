"""Permission-matrix specs of this feature's URLs (merged into tests/test_permission_matrix.py).

The district pages: the mentor map reads for every staff reader (school managers see their
own rows), «Школа – Школе» is the coordinators' (district and region) and the admin's; the
coordinator of another district gets 404 on this district's schools and pairs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.conftest import World
from tests.matrix_support import STAFF_READERS, Spec, roles

COORDINATORS = ["admin", "region", "district", "other_district"]
THIS_DISTRICT = ["admin", "region", "district"]


def _district_form(w: World) -> dict[str, Any]:
    from tests.factories import make_programme

    return {"pk": make_programme(w.district).forms.get().pk}


def _pairing(w: World) -> dict[str, Any]:
    # Called once per role: a fresh supported school each time, one leader profile.
    from nastavnik.district.models import SchoolPairing, SchoolProfile, SchoolRole
    from nastavnik.orgs.models import AcademicYear
    from tests.factories import OrganisationFactory

    year = AcademicYear.current()
    weak = OrganisationFactory(parent=w.district, low_results=True)
    SchoolProfile.objects.get_or_create(
        organisation=w.school,
        academic_year=year,
        defaults={"results_index": Decimal(80), "students_count": 500, "role": SchoolRole.LEADER},
    )
    pairing = SchoolPairing.objects.create(academic_year=year, leader=w.school, supported=weak)
    return {"pk": pairing.pk}


DISTRICT_MATRIX: dict[str, Spec] = {
    "district:map": Spec(roles(STAFF_READERS, 200), 403),
    "district:organisation": Spec(
        {
            **roles(["admin", "region", "district", "director", "curator", "working_group"], 200),
            **roles(["other_district", "other_curator"], 404),
        },
        403,
        kwargs=lambda w: {"pk": w.school.pk},
    ),
    "district:cross_match": Spec(
        {"admin": 302, "district": 302, "region": 403}, 404, kwargs=_district_form, method="post"
    ),
    "district:schools": Spec(roles(COORDINATORS, 200), 403),
    # No file: the form answers 400 with «Выберите файл».
    "district:school_import": Spec(roles(COORDINATORS, 400), 403, method="post"),
    "district:school_profile": Spec(
        {**roles(THIS_DISTRICT, 200), "other_district": 404}, 403, kwargs=lambda w: {"pk": w.school.pk}
    ),
    "district:school_pairs": Spec(roles(COORDINATORS, 200), 403),
    "district:school_pair_confirm": Spec(
        {**roles(THIS_DISTRICT, 302), "other_district": 404}, 403, kwargs=_pairing, method="post"
    ),
}
