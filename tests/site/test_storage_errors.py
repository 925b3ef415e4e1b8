"""A file storage that cannot be written or read: a Russian page in the layout, logged, nothing half-saved.

Tests run as root, for whom chmod 000 blocks nothing; a MEDIA_ROOT below a regular file fails for
everyone (NotADirectoryError), which is what an unmounted or misconfigured storage looks like.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nastavnik.practices.models import BestPractice, PracticeFile
from tests.conftest import World

SAVE_FAILED = "Не удалось сохранить файл: хранилище недоступно. Сообщите администратору."
READ_FAILED = "Не удалось прочитать файл: хранилище недоступно. Сообщите администратору."


def _broken_media(settings: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = str(blocker / "media")


def _practice_with_file(world: World) -> dict[str, Any]:
    return {
        "organisation": world.school.pk,
        "programme": world.programme.pk,
        "title": "Клуб «Шаг навстречу»",
        "description": "Еженедельные встречи.",
        "file": SimpleUploadedFile("методичка.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    }


def test_an_upload_to_an_unwritable_storage_is_a_russian_page_and_logged(
    world: World, settings: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _broken_media(settings, tmp_path)
    with caplog.at_level(logging.ERROR, logger="nastavnik.storage"):
        response = world.client_for("curator").post(reverse("practices:create"), _practice_with_file(world))
    assert response.status_code == 503
    text = response.content.decode()
    assert SAVE_FAILED in text and 'class="site container"' in text
    assert [r.exc_info[0] for r in caplog.records if r.exc_info] == [NotADirectoryError]
    assert BestPractice.objects.count() == 0 and PracticeFile.objects.count() == 0


def test_a_download_from_an_unreadable_storage_is_a_russian_page_and_logged(
    world: World, settings: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    client = world.client_for("curator")
    assert client.post(reverse("practices:create"), _practice_with_file(world)).status_code == 302
    item = PracticeFile.objects.get()
    _broken_media(settings, tmp_path)
    with caplog.at_level(logging.ERROR, logger="nastavnik.storage"):
        response = client.get(reverse("practices:file", args=[item.pk]))
    assert response.status_code == 503
    assert READ_FAILED in response.content.decode()
    assert any(r.name == "nastavnik.storage" and r.levelno == logging.ERROR for r in caplog.records)


def test_an_os_error_outside_the_storage_is_not_mistaken_for_it(world: World, settings: Any, tmp_path: Path) -> None:
    from nastavnik.common.middleware import StorageErrorMiddleware

    settings.MEDIA_ROOT = str(tmp_path / "media")
    middleware = StorageErrorMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
    elsewhere = ConnectionRefusedError(111, "Connection refused")
    assert middleware.process_exception(None, elsewhere) is None  # type: ignore[arg-type]
    other_file = NotADirectoryError(20, "Not a directory", str(tmp_path / "elsewhere" / "x"))
    assert middleware.process_exception(None, other_file) is None  # type: ignore[arg-type]
