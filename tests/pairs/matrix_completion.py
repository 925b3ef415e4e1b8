from __future__ import annotations

from tests.matrix_support import Spec

COMPLETION_MATRIX: dict[str, Spec] = {}
