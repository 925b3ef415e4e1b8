from __future__ import annotations

from tests.matrix_support import Spec

LIFECYCLE_MATRIX: dict[str, Spec] = {}
