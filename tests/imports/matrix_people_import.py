"""Permission-matrix specs of the people import's save URLs (merged into tests/test_permission_matrix.py).

The progress of a background save and the XLSX of the rows with errors belong to the managers of the
batch's organisation; another school's curator gets 404, everyone else 403.
"""

from __future__ import annotations

from typing import Any

from nastavnik.imports.models import ImportBatch, ImportKind
from tests.conftest import World
from tests.matrix_support import MANAGERS, Spec, roles


def _batch_with_an_error_row(w: World) -> dict[str, Any]:
    error = {"line": 2, "column": "", "message": "строка 2: не указано ФИО (Фамилия и Имя обязательны)"}
    batch = ImportBatch.objects.create(
        organisation=w.school,
        kind=ImportKind.STUDENTS,
        filename="ученики.xlsx",
        rows=[{"line": 2, "cells": ["", "Иван"], "data": {}, "match": None, "error": True}],
        errors=[error],
        summary={"rows": 1, "columns": ["Фамилия", "Имя"]},
    )
    return {"pk": batch.pk}


PEOPLE_IMPORT_MATRIX: dict[str, Spec] = {
    "imports:progress": Spec({**roles(MANAGERS, 200), "other_curator": 404}, 403, kwargs=_batch_with_an_error_row),
    "imports:skipped": Spec({**roles(MANAGERS, 200), "other_curator": 404}, 403, kwargs=_batch_with_an_error_row),
}
