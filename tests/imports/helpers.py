"""Building import files in memory and pushing them through the upload and commit views."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from nastavnik.imports.models import ImportBatch
from nastavnik.orgs.models import Organisation

STUDENT_HEADER = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Класс"]
STAFF_HEADER = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Должность", "Предметы", "Стаж (лет)", "Категория"]


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(client: Client, org: Organisation, name: str, content: bytes, kind: str = "students") -> Any:
    data = {"organisation": str(org.pk), "kind": kind, "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("imports:upload"), data)


def upload_batch(client: Client, org: Organisation, name: str, content: bytes, kind: str = "students") -> ImportBatch:
    response = upload(client, org, name, content, kind)
    assert response.status_code == 302, _form_errors(response)
    return ImportBatch.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def commit(client: Client, batch: ImportBatch) -> Any:
    return client.post(reverse("imports:commit", kwargs={"pk": batch.pk}))


def import_file(client: Client, org: Organisation, name: str, content: bytes, kind: str = "students") -> ImportBatch:
    """Upload and commit; the batch must have no row errors."""
    batch = upload_batch(client, org, name, content, kind)
    assert batch.errors == []
    assert commit(client, batch).status_code == 302
    batch.refresh_from_db()
    return batch


def _form_errors(response: Any) -> str:
    form = response.context["form"] if response.context else None
    return str(form.errors) if form is not None else str(response.status_code)
