"""Upload of an organisation's own DOCX template."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings

from nastavnik.documents.rendering import TemplateError, check_template


def human_size(size: int) -> str:
    mb = 1024 * 1024
    if size >= mb:
        value = size / mb
        return (f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")) + " МБ"
    if size >= 1024:
        return f"{size // 1024} КБ"
    return f"{size} байт"


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label="Файл шаблона (DOCX)",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
        error_messages={"required": "Выберите файл шаблона .docx.", "empty": "Файл пустой."},
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.data_bytes = b""
        limit = int(settings.ATTACHMENT_MAX_BYTES)
        self.fields["file"].help_text = f"Только .docx, не больше {human_size(limit)}. Теги шаблона — ниже на странице."

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = PurePath(str(upload.name or "")).name
        limit = int(settings.ATTACHMENT_MAX_BYTES)
        if PurePath(name).suffix.lower() != ".docx":
            raise forms.ValidationError(f"Шаблон должен быть файлом Word .docx, а «{name}» — нет.")
        if upload.size > limit:
            raise forms.ValidationError(f"Файл больше {human_size(limit)}: «{name}».")
        data = upload.read()
        if not data.startswith(b"PK"):
            raise forms.ValidationError(f"«{name}» — не документ DOCX (файл повреждён или это другой формат).")
        try:
            check_template(self.kind, data)
        except TemplateError as error:
            raise forms.ValidationError(
                f"Документ по этому шаблону не собирается. {error} Проверьте теги в фигурных скобках."
            ) from None
        self.data_bytes = data
        return upload
