"""Every URL × every role → the designed status.

A curator of another organisation gets 404 on objects of this one (no information leak);
a role that sees an object but may not act on it gets 403. A new URL that is not listed
here fails `test_every_url_is_in_the_matrix`.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nastavnik.imports.models import ImportBatch, ImportKind
from tests.api.matrix_api import API_MATRIX
from tests.communities.matrix_communities import COMMUNITIES_MATRIX
from tests.conftest import ROLES, World
from tests.courses.matrix_courses import COURSES_MATRIX
from tests.imports.matrix_people_import import PEOPLE_IMPORT_MATRIX
from tests.matrix_support import LOGGED_IN, MANAGERS, OUTSIDERS, STAFF_READERS, Spec, roles
from tests.monitoring.matrix_dashboard import DASHBOARD_MATRIX
from tests.monitoring.matrix_monitoring import MONITORING_MATRIX
from tests.monitoring.matrix_reports import REPORTS_MATRIX
from tests.pairs.matrix_completion import COMPLETION_MATRIX
from tests.pairs.matrix_diary import DIARY_MATRIX
from tests.pairs.matrix_district import DISTRICT_MATRIX
from tests.pairs.matrix_lifecycle import LIFECYCLE_MATRIX
from tests.pairs.matrix_meetings import MEETINGS_MATRIX
from tests.pairs.matrix_roles import ROLES_MATRIX
from tests.privacy.matrix_privacy import PRIVACY_MATRIX
from tests.prod.matrix_prod import PROD_MATRIX
from tests.programmes.matrix_programmes import PROGRAMMES_MATRIX
from tests.projects.matrix_projects import PROJECTS_MATRIX
from tests.surveys.matrix_followup import FOLLOWUP_MATRIX
from tests.surveys.matrix_import import IMPORT_MATRIX
from tests.surveys.matrix_surveys import SURVEYS_MATRIX
from tests.workshops.matrix_workshops import WORKSHOPS_MATRIX


def _batch(w: World) -> dict[str, Any]:
    batch = ImportBatch.objects.create(organisation=w.school, kind=ImportKind.STUDENTS, filename="ученики.xlsx")
    return {"pk": batch.pk}


def _mentee_person(w: World) -> dict[str, Any]:
    return {"pk": w.people["mentee"].pk}


def _mentor_entry(w: World) -> dict[str, Any]:
    return {"pk": w.mentor_entry.pk}


def _mentee_entry(w: World) -> dict[str, Any]:
    return {"pk": w.mentee_entry.pk}


def _pair(w: World) -> dict[str, Any]:
    from nastavnik.matching.models import Scheme
    from nastavnik.pairs import services

    return {"pk": services.propose(w.mentor_entry, [w.mentee_entry], Scheme.QUESTIONNAIRE, None).pk}


def _form(w: World) -> dict[str, Any]:
    return {"pk": w.programme.forms.get().pk}


SCHOOL_MANAGER_PAGE = {**roles(MANAGERS, 200), **roles(["region", "district"], 403)}
SCHOOL_MANAGER_POST = {**roles(MANAGERS, 302), **roles(["region", "district"], 403)}

MATRIX: dict[str, Spec] = {
    "home": Spec({}, 200),
    "login": Spec({}, 200, anonymous=200),
    "logout": Spec({}, 405, anonymous=405),
    "password_change": Spec({}, 200),
    "password_change_done": Spec({}, 200),
    "audit": Spec({"admin": 200, "director": 200}, 403),
    # «Как попробовать» exists only with the demo data; the matrix world has none.
    "try_demo": Spec({}, 404, anonymous=404),
    "orgs:tree": Spec({}, 200),
    "orgs:detail": Spec(roles(OUTSIDERS, 404), 200, kwargs=lambda w: {"pk": w.school.pk}),
    "people:list": Spec(roles(STAFF_READERS, 200), 403),
    "people:picker": Spec(roles(STAFF_READERS, 200), 403),
    "people:create": Spec(roles([*MANAGERS, "other_curator"], 200), 403),
    "people:detail": Spec(
        {**roles(["admin", "region", "district", "director", "curator", "working_group", "mentee", "parent"], 200)},
        404,
        kwargs=_mentee_person,
    ),
    "people:edit": Spec(
        {**roles(MANAGERS, 200), **roles(["region", "district", "mentee", "parent"], 403)}, 404, kwargs=_mentee_person
    ),
    "people:consent_add": Spec(
        {**roles(MANAGERS, 400), **roles(["region", "district", "mentee", "parent"], 403)},
        404,
        kwargs=_mentee_person,
        method="post",
    ),
    "people:consent_revoke": Spec(
        {
            **roles(["admin", "director", "curator"], 302),
            **roles(["working_group", "region", "district", "mentee", "parent"], 403),
        },
        404,
        kwargs=_mentee_person,
        method="post",
    ),
    "people:sensitive": Spec(
        {
            **roles(["admin", "director", "curator"], 200),
            **roles(["working_group", "region", "district", "mentee", "parent"], 403),
        },
        404,
        kwargs=_mentee_person,
    ),
    "bases:mentor_list": Spec(roles(STAFF_READERS, 200), 403),
    "bases:mentee_list": Spec(roles(STAFF_READERS, 200), 403),
    "bases:mentor_export": Spec(roles(STAFF_READERS, 200), 403),
    "bases:mentee_export": Spec(roles(STAFF_READERS, 200), 403),
    "bases:mentor_create": Spec(roles([*MANAGERS, "other_curator"], 200), 403),
    "bases:mentee_create": Spec(roles([*MANAGERS, "other_curator"], 200), 403),
    "bases:mentor_detail": Spec(
        roles(["admin", "region", "district", "director", "curator", "working_group", "mentor"], 200),
        404,
        kwargs=_mentor_entry,
    ),
    "bases:mentor_edit": Spec(
        {**roles(MANAGERS, 200), **roles(["region", "district", "mentor"], 403)}, 404, kwargs=_mentor_entry
    ),
    "bases:mentor_decide": Spec(
        {
            **roles(["admin", "director", "curator"], 400),
            **roles(["working_group", "region", "district", "mentor"], 403),
        },
        404,
        kwargs=_mentor_entry,
        method="post",
    ),
    "bases:mentor_assess": Spec(
        {**roles(MANAGERS, 400), **roles(["region", "district", "mentor"], 403)},
        404,
        kwargs=_mentor_entry,
        method="post",
    ),
    "bases:mentee_detail": Spec(
        roles(["admin", "region", "district", "director", "curator", "working_group", "mentee"], 200),
        404,
        kwargs=_mentee_entry,
    ),
    "bases:mentee_edit": Spec(
        {**roles(MANAGERS, 200), **roles(["region", "district", "mentee"], 403)}, 404, kwargs=_mentee_entry
    ),
    "bases:my_request": Spec(roles(["teacher", "mentor", "mentee"], 200), 403),
    "bases:apply_mentor": Spec(roles(["teacher", "mentor", "mentee"], 200), 403),
    "imports:upload": Spec(roles([*MANAGERS, "other_curator"], 200), 403),
    "imports:template": Spec(
        roles([*MANAGERS, "other_curator"], 200), 403, kwargs=lambda w: {"kind": "students", "fmt": "xlsx"}
    ),
    "imports:preview": Spec({**roles(MANAGERS, 200), "other_curator": 404}, 403, kwargs=_batch),
    "imports:commit": Spec({**roles(MANAGERS, 302), "other_curator": 404}, 403, kwargs=_batch, method="post"),
    # A batch without a kept table has nothing to map: the step sends to the preview.
    "imports:mapping": Spec({**roles(MANAGERS, 302), "other_curator": 404}, 403, kwargs=_batch),
    "pairs:board": Spec(roles(STAFF_READERS, 200), 403),
    "pairs:detail": Spec(
        roles(["admin", "region", "district", "director", "curator", "working_group", "mentor", "mentee"], 200),
        404,
        kwargs=_pair,
    ),
    "pairs:confirm": Spec(
        {**SCHOOL_MANAGER_POST, **roles(["mentor", "mentee"], 403)}, 404, kwargs=_pair, method="post"
    ),
    "pairs:dissolve": Spec(
        {**SCHOOL_MANAGER_POST, **roles(["mentor", "mentee"], 403)}, 404, kwargs=_pair, method="post"
    ),
    "pairs:appointment": Spec(SCHOOL_MANAGER_PAGE, 404, kwargs=_form),
    "pairs:appoint": Spec({**SCHOOL_MANAGER_PAGE, "mentee": 403}, 404, kwargs=_mentee_entry),
    "pairs:questionnaire": Spec(SCHOOL_MANAGER_PAGE, 404, kwargs=_form),
    "pairs:confirm_run": Spec(SCHOOL_MANAGER_POST, 404, kwargs=_form, method="post"),
    "pairs:constraint_add": Spec(SCHOOL_MANAGER_POST, 404, kwargs=_form, method="post"),
    "pairs:constraint_delete": Spec(
        SCHOOL_MANAGER_POST, 404, kwargs=lambda w: {**_form(w), "constraint_pk": 1}, method="post"
    ),
}


MATRIX.update(MEETINGS_MATRIX)
MATRIX.update(DISTRICT_MATRIX)
MATRIX.update(SURVEYS_MATRIX)
MATRIX.update(IMPORT_MATRIX)
MATRIX.update(FOLLOWUP_MATRIX)
MATRIX.update(PROGRAMMES_MATRIX)
MATRIX.update(LIFECYCLE_MATRIX)
MATRIX.update(DIARY_MATRIX)
MATRIX.update(COMPLETION_MATRIX)
MATRIX.update(ROLES_MATRIX)
MATRIX.update(MONITORING_MATRIX)
MATRIX.update(DASHBOARD_MATRIX)
MATRIX.update(REPORTS_MATRIX)
MATRIX.update(PRIVACY_MATRIX)
MATRIX.update(PEOPLE_IMPORT_MATRIX)
MATRIX.update(PROJECTS_MATRIX)
MATRIX.update(COURSES_MATRIX)
MATRIX.update(COMMUNITIES_MATRIX)
MATRIX.update(WORKSHOPS_MATRIX)
MATRIX.update(PROD_MATRIX)
MATRIX.update(API_MATRIX)


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix() -> None:
    names = {name for name in _url_names(get_resolver()) if not name.startswith("admin:")}
    assert names - set(MATRIX) == set(), "URLs missing from the permission matrix"
    assert set(MATRIX) - names == set(), "the matrix names URLs that no longer exist"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_role_as_designed(world: World, name: str) -> None:
    spec = MATRIX[name]
    mismatches = []
    for role in ROLES:
        url = reverse(name, kwargs=spec.kwargs(world))
        response = getattr(world.client_for(role), spec.method)(url)
        if response.status_code != spec.status_for(role):
            mismatches.append(f"{role}: {response.status_code} != {spec.status_for(role)}")
    assert mismatches == []


@pytest.mark.parametrize("role", LOGGED_IN)
def test_admin_site_is_for_the_platform_administrator_only(world: World, role: str) -> None:
    response = world.client_for(role).get(reverse("admin:index"))
    assert response.status_code == (200 if role == "admin" else 302)
