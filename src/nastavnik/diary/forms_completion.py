"""Forms of the completion page: one block per mentee, the decision, the mutual evaluation."""

from __future__ import annotations

from typing import Any

from django import forms

from nastavnik.diary import completion
from nastavnik.pairs.models import Decision, Pair, PairMentee

SATISFACTION = [("", "—"), *[(str(n), str(n)) for n in range(1, 6)]]
SCORES = [(str(n), str(n)) for n in range(1, 6)]


class MenteeResultForm(forms.Form):
    """Results of one mentee against the request."""

    outcomes = forms.MultipleChoiceField(
        label="Результаты по запросу", required=False, widget=forms.CheckboxSelectMultiple
    )
    result_note = forms.CharField(
        label="Результат (описание)", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    satisfaction = forms.TypedChoiceField(
        label="Удовлетворённость наставляемого (1–5)",
        choices=SATISFACTION,
        coerce=int,
        empty_value=None,
        required=False,
    )
    became_mentor = forms.BooleanField(label="Стал(а) наставником", required=False)

    def __init__(self, *args: Any, pair: Pair, member: PairMentee, with_status: bool, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"m{member.pk}")
        kwargs.setdefault(
            "initial",
            {
                "outcomes": list(member.outcomes or []),
                "result_note": member.result_note,
                "satisfaction": member.satisfaction,
            },
        )
        super().__init__(*args, **kwargs)
        self.member = member
        outcomes = self.fields["outcomes"]
        assert isinstance(outcomes, forms.MultipleChoiceField)
        outcomes.choices = completion.outcome_choices(pair)
        self.fields["became_mentor"].label = completion.became_mentor_label(pair)
        self.fields[
            "became_mentor"
        ].help_text = (
            "Будет подана заявка в базу наставников: программы следующего учебного года, если она уже есть, иначе этой."
        )
        if not with_status:
            del self.fields["became_mentor"]

    def result(self) -> completion.MenteeResult:
        data = self.cleaned_data
        return completion.MenteeResult(
            member_id=self.member.pk,
            outcomes=list(data.get("outcomes") or []),
            note=data.get("result_note") or "",
            satisfaction=data.get("satisfaction"),
            became_mentor=bool(data.get("became_mentor")),
        )


class CompletionForm(forms.Form):
    """The curator's decision; the override reason is required when the log has no final meeting."""

    decision = forms.ChoiceField(
        label="Решение по итогам",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Выберите решение по итогам: продолжить или завершить взаимодействие.",
            "invalid_choice": "Выберите решение по итогам: продолжить или завершить взаимодействие.",
        },
    )
    override_reason = forms.CharField(
        label="Почему завершаем без итоговой встречи",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args: Any, has_final: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_final = has_final
        if has_final:
            del self.fields["override_reason"]
        else:
            self.fields[
                "override_reason"
            ].help_text = "В дневнике нет итоговой встречи. Завершить пару без неё можно, только указав причину."


class EvaluationForm(forms.Form):
    score = forms.TypedChoiceField(
        label="Оценка",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Поставьте оценку от 1 до 5.", "invalid_choice": "Оценка — от 1 до 5."},
    )
    comment = forms.CharField(label="Отзыв", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
