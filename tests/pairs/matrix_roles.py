from __future__ import annotations

from tests.matrix_support import Spec

ROLES_MATRIX: dict[str, Spec] = {}
