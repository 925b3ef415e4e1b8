"""Permission-matrix spec of the health probe (merged into tests/test_permission_matrix.py).

/healthz is for load balancers and monitoring: no login, every role and anonymous get 200.
"""

from __future__ import annotations

from tests.matrix_support import Spec

PROD_MATRIX: dict[str, Spec] = {
    "healthz": Spec({}, 200, anonymous=200),
}
