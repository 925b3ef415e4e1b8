"""custom_plans(): per-reader plans inside the block on PostgreSQL, the connection's own setting after."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from nastavnik.common.plans import custom_plans

pytestmark = pytest.mark.django_db


def _mode() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return str(cursor.fetchone()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_block_plans_for_its_parameters_and_restores_the_setting() -> None:
    before = _mode()
    with custom_plans():
        assert _mode() == "force_custom_plan"
    assert _mode() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_a_failed_query_inside_a_transaction_keeps_its_own_error() -> None:
    before = _mode()
    with (
        pytest.raises(DatabaseError, match="no_such_table"),
        transaction.atomic(),
        custom_plans(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT * FROM no_such_table")
    assert _mode() == before  # the rollback undid the SET


def test_other_databases_run_the_block_unchanged() -> None:
    with custom_plans(), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
