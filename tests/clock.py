"""The instant every test runs at (tests/conftest.py freezes the clock there).

A Monday in the first half of the academic year 2026/27: after the answer times written into the
survey export fixtures (23–30 November 2026, and an answer may not be dated in the future) and well
before their campaign closes (20 December). Expectations that say «today», «this academic year» or
«a week ago» then never depend on the day the suite runs. A test that needs another moment says
so with `@pytest.mark.time_machine(...)` or moves the `time_machine` fixture itself.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

NOW = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Europe/Moscow"))
TODAY = NOW.date()
