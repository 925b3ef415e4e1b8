"""Schemathesis over the API's own OpenAPI schema, in-process (WSGI), with a curator's key.

Every operation gets generated requests (valid ones and ones that break the schema); none may answer
with a server error. The examples are few per operation so that the run stays well under two minutes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode

from nastavnik.api import tokens
from tests.conftest import World
from tests.pairs.matrix_diary import meeting_of

EXAMPLES_PER_OPERATION = 12


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request; the test's transaction must live on."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def _check_operation(operation: Any, headers: dict[str, str], statuses: set[int]) -> None:
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
        deadline=None,
    )
    @given(case=st.one_of(operation.as_strategy(), operation.as_strategy(GenerationMode.NEGATIVE)))
    def run(case: Any) -> None:
        response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
        statuses.add(response.status_code)

    run()


def test_no_generated_request_gets_a_server_error(world: World, settings: Any, keep_connection: None) -> None:
    settings.API_RATE_PER_MINUTE = 100_000
    meeting_of(world)  # a working pair with a meeting, so that ids and writes reach the real code
    headers = {"Authorization": f"Bearer {tokens.create(User.objects.get(username='curator'))}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 17
    statuses: set[int] = set()
    for operation in operations:
        _check_operation(operation, headers, statuses)
    # The key was accepted (answers with data) and invalid input reached the validation (422): the run is real.
    assert {200, 404, 422} <= statuses, statuses
