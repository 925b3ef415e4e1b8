from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet

from nastavnik.imports.cells import cell_text
from nastavnik.imports.columns import (
    COLUMNS,
    ImportFileError,
    SourceTable,
    build_table,
    check_mapping,
    field_choices,
    resolve_mapping,
)
from nastavnik.imports.models import ImportKind
from nastavnik.imports.parsing import check_name_and_size, detect_table, estimate_rows, human_size, read_data
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
            content = upload.read(settings.IMPORT_MAX_BYTES + 1)
            rows = estimate_rows(upload.name, content)
            if rows > int(getattr(settings, "IMPORT_INLINE_MAX_ROWS", 2000)):
                # A big file is read and checked by the background worker, not in this request.
                data.update(content=content, estimated_rows=rows)
                return data
            source = detect_table(read_data(upload.name, content), kind)
            resolution = resolve_mapping(organisation, kind, source.titles)
            if resolution.ready:
                build_table(source, resolution.mapping, kind, organisation.kind)  # refuses a file without data rows
        except ImportFileError as exc:
            self.add_error("file", str(exc))
        else:
            data.update(source=source, resolution=resolution)
        return data


SKIP = ""
SAMPLE_ROWS = 5


class MappingForm(forms.Form):
    """One select per column of the file: the field it loads into, or «не загружать»."""

    def __init__(self, *args: Any, source: SourceTable, kind: str, organisation_kind: str, **kwargs: Any) -> None:
        initial: dict[int, str] = kwargs.pop("mapping", {})
        super().__init__(*args, **kwargs)
        self.source, self.kind, self.organisation_kind = source, kind, organisation_kind
        choices = [(SKIP, "не загружать"), *field_choices(kind)]
        for index, title in enumerate(source.titles):
            self.fields[self.field_name(index)] = forms.ChoiceField(
                label=title or f"Столбец {index + 1} (без заголовка)",
                choices=choices,
                required=False,
                initial=initial.get(index, SKIP),
                error_messages={"invalid_choice": "Выберите поле из списка или «не загружать»."},
            )

    @staticmethod
    def field_name(index: int) -> str:
        return f"column_{index}"

    def columns(self) -> list[dict[str, Any]]:
        """For the template: each column with its select and the first values under it."""
        samples = self.source.rows[:SAMPLE_ROWS]
        return [
            {
                "field": self[self.field_name(index)],
                "title": title,
                "samples": [cell_text(cells[index]) if index < len(cells) else "" for _, cells in samples],
            }
            for index, title in enumerate(self.source.titles)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mapping = {
            index: data[self.field_name(index)]
            for index in range(len(self.source.titles))
            if data.get(self.field_name(index))
        }
        titles = {column.key: column.title for column in COLUMNS[self.kind]}
        for key in sorted(set(mapping.values())):
            chosen = [index for index, value in mapping.items() if value == key]
            if len(chosen) > 1:
                names = ", ".join(f"«{self.fields[self.field_name(index)].label}»" for index in chosen)
                self.add_error(None, f"Поле «{titles[key]}» выбрано для нескольких столбцов ({names}): оставьте один.")
        for problem in check_mapping(mapping, self.kind, self.organisation_kind):
            self.add_error(None, problem)
        data["mapping"] = mapping
        return data
