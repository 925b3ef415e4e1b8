from __future__ import annotations

from tests.matrix_support import Spec

DIARY_MATRIX: dict[str, Spec] = {}
