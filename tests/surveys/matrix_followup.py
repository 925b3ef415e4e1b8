"""Permission-matrix specs of this feature's URLs (merged into tests/test_permission_matrix.py)."""

from __future__ import annotations

from tests.matrix_support import Spec

FOLLOWUP_MATRIX: dict[str, Spec] = {}
