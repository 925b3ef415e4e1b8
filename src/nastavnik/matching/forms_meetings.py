"""Forms of the group meeting: the event with its participants, and one participant's ranked choice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.common.dates import DateField
from nastavnik.matching.models import SpeedMeeting

DUPLICATE = "Один и тот же человек выбран дважды"


class MentorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: MentorEntry) -> str:
        return f"{obj.person.full_name} (свободно мест: {obj.free_seats})"


class MenteeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: MenteeEntry) -> str:
        return obj.person.full_name


class SpeedMeetingForm(forms.ModelForm):
    round_minutes = forms.IntegerField(label="Минут на одну встречу", min_value=1, max_value=60, initial=5)
    total_minutes = forms.IntegerField(
        label="Минут на все встречи",
        min_value=5,
        max_value=600,
        initial=60,
        help_text="Сколько раундов поместится: всё время делится на длину одной встречи.",
    )

    class Meta:
        model = SpeedMeeting
        fields = ["title", "date", "place", "round_minutes", "total_minutes"]
        field_classes = {"date": DateField}
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, mentors: Any, mentees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = "Групповая встреча «Mentor Match»"
        self.fields["mentors"] = MentorChoiceField(
            label="Наставники (каждый за своим столом)",
            queryset=mentors,
            widget=forms.CheckboxSelectMultiple,
            initial=list(mentors),
            error_messages={"required": "Отметьте хотя бы одного наставника."},
        )
        self.fields["mentees"] = MenteeChoiceField(
            label="Наставляемые (переходят от стола к столу)",
            queryset=mentees,
            widget=forms.CheckboxSelectMultiple,
            initial=list(mentees),
            error_messages={"required": "Отметьте хотя бы одного наставляемого."},
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        round_minutes, total_minutes = data.get("round_minutes"), data.get("total_minutes")
        if round_minutes and total_minutes and round_minutes > total_minutes:
            self.add_error(
                "round_minutes",
                f"Одна встреча не может быть длиннее всего времени ({total_minutes} мин).",
            )
        return data

    def meeting_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PreferenceForm(forms.Form):
    """Places 1…N, each a choice among the other side's participants; a place may stay empty."""

    def __init__(
        self, *args: Any, options: Sequence[tuple[int, str]], initial_ranking: Sequence[int] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *((str(pk), name) for pk, name in options)]
        for place in range(1, len(options) + 1):
            self.fields[f"rank_{place}"] = forms.TypedChoiceField(
                label=f"{place}-е место",
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                initial=initial_ranking[place - 1] if place <= len(initial_ranking) else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: set[int] = set()
        for name in self.fields:
            chosen = data.get(name)
            if chosen is None:
                continue
            if chosen in seen:
                self.add_error(name, DUPLICATE)
            seen.add(chosen)
        return data

    def ranking(self) -> list[int]:
        """The chosen ids in order of place, empty places skipped."""
        return [self.cleaned_data[name] for name in self.fields if self.cleaned_data.get(name) is not None]
