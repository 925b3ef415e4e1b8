"""Forms of the bank of best practices: the practice with an optional file, and the search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from nastavnik.common.uploads import accept_attribute, validate_upload
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.practices.models import BestPractice, PracticeFile
from nastavnik.programmes.models import MentoringFormat, Programme


def normalise_tags(raw: str) -> str:
    """«адаптация,  ИКТ ,адаптация» → «адаптация, ИКТ»: trimmed, no duplicates (case and ё aside)."""
    from nastavnik.common.text import fold

    seen: set[str] = set()
    tags = []
    for tag in raw.replace(";", ",").split(","):
        tag = " ".join(tag.split())
        if tag and fold(tag) not in seen:
            seen.add(fold(tag))
            tags.append(tag)
    return ", ".join(tags)


class FileChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PracticeForm(forms.ModelForm):
    file = forms.FileField(
        label="Добавить файл",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute()}),
    )
    remove_files = FileChoiceField(
        label="Удалить файлы",
        queryset=PracticeFile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = BestPractice
        fields = ["organisation", "programme", "form", "title", "description", "tags", "authors"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "tags": forms.TextInput(attrs={"placeholder": "адаптация, первоклассники, проект"}),
        }

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], programmes: QuerySet[Programme], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        organisation = fields["organisation"]
        programme = fields["programme"]
        form = fields["form"]
        assert isinstance(organisation, forms.ModelChoiceField)
        assert isinstance(programme, forms.ModelChoiceField)
        assert isinstance(form, forms.ModelChoiceField)
        organisation.queryset = organisations
        organisation.empty_label = None if organisations.count() == 1 else "—"
        programme.queryset = programmes.select_related("academic_year")
        programme.required = False
        form.queryset = MentoringFormat.objects.filter(is_active=True)
        fields["tags"].help_text = "Через запятую: по ним практику найдут коллеги."
        fields["file"].help_text = "Презентация, методичка, фото и т. п.; ограничения — как для вложений."
        if self.instance.pk:
            remove = fields["remove_files"]
            assert isinstance(remove, forms.ModelMultipleChoiceField)
            remove.queryset = self.instance.files.all()
            if not remove.queryset.exists():
                del fields["remove_files"]
        else:
            del fields["remove_files"]

    def clean_tags(self) -> str:
        return normalise_tags(self.cleaned_data.get("tags") or "")

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            validate_upload(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation, programme = data.get("organisation"), data.get("programme")
        if organisation is not None and programme is not None and programme.organisation_id != organisation.pk:
            self.add_error("programme", "Программа относится к другой организации.")
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label="Поиск", required=False, max_length=200)
    tag = forms.CharField(label="Тег", required=False, max_length=100)
    form = forms.ModelChoiceField(label="Форма", queryset=MentoringFormat.objects.none(), required=False)
    organisation = forms.ModelChoiceField(label="Организация", queryset=Organisation.objects.none(), required=False)
    year = forms.ModelChoiceField(
        label="Учебный год", queryset=AcademicYear.objects.none(), required=False, to_field_name="start_year"
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("form", MentoringFormat.objects.filter(is_active=True)),
            ("organisation", organisations),
            ("year", AcademicYear.objects.order_by("-start_year")),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
            field.empty_label = "все"
