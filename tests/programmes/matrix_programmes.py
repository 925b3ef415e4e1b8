from __future__ import annotations

from tests.matrix_support import Spec

PROGRAMMES_MATRIX: dict[str, Spec] = {}
