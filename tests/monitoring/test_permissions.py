"""The monitoring URLs answer every role as MONITORING_MATRIX says (the same check as the project matrix)."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLES, World
from tests.monitoring.matrix_monitoring import MONITORING_MATRIX


def _monitoring_names() -> set[str]:
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "monitoring":
            return {f"monitoring:{p.name}" for p in pattern.url_patterns if isinstance(p, URLPattern) and p.name}
    return set()


def test_every_monitoring_url_has_a_spec() -> None:
    from tests.monitoring.matrix_dashboard import DASHBOARD_MATRIX
    from tests.monitoring.matrix_reports import REPORTS_MATRIX

    assert _monitoring_names() == set(MONITORING_MATRIX) | set(DASHBOARD_MATRIX) | set(REPORTS_MATRIX)


@pytest.mark.parametrize("name", sorted(MONITORING_MATRIX))
def test_monitoring_url_answers_each_role_as_designed(world: World, name: str) -> None:
    spec = MONITORING_MATRIX[name]
    mismatches = []
    for role in ROLES:
        url = reverse(name, kwargs=spec.kwargs(world))
        response = getattr(world.client_for(role), spec.method)(url)
        if response.status_code != spec.status_for(role):
            mismatches.append(f"{role}: {response.status_code} != {spec.status_for(role)}")
    assert mismatches == []
