"""Permission-matrix specs of the REST API (merged into tests/test_permission_matrix.py).

The matrix signs in with a session, and the API never accepts a session: every endpoint answers
401 to every role, the anonymous visitor included (what each role gets *with a key* is checked by
tests/api/test_scoping.py and test_writes.py). The schema and the documentation are public; the
API's root is a 404. The «Доступ к API» page is every signed-in user's own page.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix_support import Spec


def _pk(w: World) -> dict[str, Any]:
    return {"pk": w.school.pk}


NEEDS_KEY = Spec({}, 401, anonymous=401)

API_MATRIX: dict[str, Spec] = {
    "api:access": Spec({}, 200),
    "api:access_create": Spec({}, 200, method="post"),
    "api:access_revoke": Spec({}, 302, method="post"),
    "api:v1:api-root": Spec({}, 404, anonymous=404),
    "api:v1:openapi-json": Spec({}, 200, anonymous=200),
    "api:v1:openapi-view": Spec({}, 200, anonymous=200),
    **dict.fromkeys(
        [
            "api:v1:organisations",
            "api:v1:people",
            "api:v1:mentors",
            "api:v1:mentees",
            "api:v1:pairs",
            "api:v1:meetings",
            "api:v1:surveys",
            "api:v1:indicators",
        ],
        NEEDS_KEY,
    ),
    **{
        name: Spec({}, 401, kwargs=_pk, anonymous=401)
        for name in [
            "api:v1:organisation",
            "api:v1:person",
            "api:v1:mentor",
            "api:v1:mentee",
            "api:v1:pair",
            "api:v1:survey_results",
        ]
    },
    "api:v1:mentee_request": Spec({}, 401, method="post", anonymous=401),
    "api:v1:meeting_add": Spec({}, 401, kwargs=_pk, method="post", anonymous=401),
    "api:v1:meeting_rate": Spec({}, 401, kwargs=_pk, method="put", anonymous=401),
}
