"""Per-reader query plans on PostgreSQL for queries whose result size depends on who reads.

With prepared statements (settings: `prepare_threshold`) PostgreSQL switches a statement a
connection has run five times to one generic plan, chosen from the estimates of those runs. A
connection serves every user in turn, so the plan chosen while curators counted their school's
few hundred people is then used for the region's hundred thousand: the people list's count took
270 ms instead of 70 (bench/load). Inside `custom_plans()` every statement is planned for its
own parameters; everywhere else the generic plans stay (planning is most of the database's time
on the small queries every page runs). Other databases: nothing to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection


@contextmanager
def custom_plans() -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_custom_plan")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET plan_cache_mode")
        except DatabaseError:  # an aborted transaction: its rollback undoes the SET too
            pass
