from __future__ import annotations

import pytest

from tests.conftest import World
from tests.courses.support import Course, build_course


@pytest.fixture
def course(world: World) -> Course:
    return build_course(world)
