from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet

from nastavnik.imports.columns import ImportFileError, locate_header
from nastavnik.imports.models import ImportKind
from nastavnik.imports.parsing import check_name_and_size, human_size, read_rows
from nastavnik.orgs.models import Organisation


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Организация")
    kind = forms.ChoiceField(choices=ImportKind.choices, label="Кого загружаем")
    file = forms.FileField(
        label="Файл (.xlsx или .csv)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": "Выберите файл.", "empty": "Файл пустой: в нём нет ни одной заполненной строки."},
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        if len(organisations[:2]) == 1:
            field.initial = organisations.first()
        self.fields["file"].help_text = f"Не больше {human_size(settings.IMPORT_MAX_BYTES)}."

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_name_and_size(upload.name, upload.size)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload, organisation, kind = data.get("file"), data.get("organisation"), data.get("kind")
        if upload is None or organisation is None or kind is None:
            return data
        try:
            rows = read_rows(upload.name, upload, upload.size)
            data["table"] = locate_header(rows, kind, organisation.kind)
        except ImportFileError as exc:
            self.add_error("file", str(exc))
        return data
