"""Certificates «Лучший наставник» and letters of thanks: list, issue, PDF and DOCX.

The director or the curator of the organisation issues them; the organisation's staff (and the
coordinators above it) see every award of the programme; the awarded person downloads their own.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.dates import DateField
from nastavnik.common.http import DOCX_TYPE
from nastavnik.common.paging import paginate
from nastavnik.diary import awards
from nastavnik.diary.models import Award, AwardKind
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.people.models import Person
from nastavnik.programmes.models import Programme


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label="Что выдать", choices=AwardKind.choices, widget=forms.RadioSelect)
    person = PersonChoiceField(
        label="Кому",
        queryset=Person.objects.none(),
        error_messages={"invalid_choice": "Выберите участника программы из списка."},
    )
    issued_on = DateField(
        label="Дата",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        error_messages={"invalid": "Введите дату в виде ДД.ММ.ГГГГ."},
    )
    text = forms.CharField(
        label="Формулировка (за что)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Если оставить пустым, будет стандартная формулировка.",
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = awards.eligible_people(programme, AwardKind.THANKS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, person = data.get("kind"), data.get("person")
        if kind in AwardKind.values and person is not None:
            eligible = awards.eligible_people(self.programme, kind)
            if not eligible.filter(pk=person.pk).exists():
                self.add_error("person", awards.REFUSALS[AwardKind(kind)])
        day = data.get("issued_on")
        if isinstance(day, datetime.date) and not 2000 <= day.year <= 2100:
            self.add_error("issued_on", "Проверьте год в дате.")
        return data


def _programme(request: HttpRequest, pk: int) -> Programme:
    qs = Programme.objects.visible_to(request.user).select_related("organisation", "academic_year")
    return get_visible_or_404(qs, pk=pk)


def _visible_awards(request: HttpRequest) -> QuerySet[Award]:
    access = access_for(request.user)
    qs = Award.objects.select_related("person", "programme__organisation", "programme__academic_year", "pair")
    if access.is_admin:
        return qs
    if not access.is_authenticated:
        return qs.none()
    staff = access.org_filter("programme__organisation__") if access.is_staff_reader else Q(pk__in=[])
    return qs.filter(staff | Q(person_id=access.person_id))


@login_required
def award_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    qs = _visible_awards(request).filter(programme=programme).order_by("kind", "-issued_on", "-id")
    context = {
        "programme": programme,
        "can_issue": access_for(request.user).can_decide_in(programme.organisation),
        **paginate(request, qs),
    }
    return render(request, "pairs/award_list.html", context)


@login_required
def award_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    require(
        access_for(request.user).can_decide_in(programme.organisation),
        "Грамоты и благодарственные письма выдают руководитель и куратор",
    )
    pair = _pair_from_query(request, programme)
    initial: dict[str, Any] = {"kind": AwardKind.CERTIFICATE, "issued_on": timezone.localdate()}
    if pair is not None:
        initial["person"] = pair.mentor.person_id
    form = AwardForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            award = awards.issue(
                programme,
                data["kind"],
                data["person"],
                request.user,
                pair=pair,
                text=data["text"],
                issued_on=data["issued_on"],
            )
        except awards.AwardError as error:
            form.add_error(None, str(error))
        else:
            done = f"{award.get_kind_display()} № {award.number} — {award.person.full_name}"
            messages.success(request, f"Выдан документ: {done}.")
            return redirect(reverse("documents:award_list", args=[programme.pk]))
    return render(request, "pairs/award_form.html", {"programme": programme, "form": form, "pair": pair})


def _pair_from_query(request: HttpRequest, programme: Programme) -> Pair | None:
    raw = request.GET.get("pair") or request.POST.get("pair") or ""
    if not raw.isdigit():
        return None
    return (
        Pair.objects.filter(pk=int(raw), programme=programme, status=PairStatus.COMPLETED)
        .select_related("mentor__person")
        .first()
    )


def _award(request: HttpRequest, pk: int) -> Award:
    return get_visible_or_404(_visible_awards(request), pk=pk)


@login_required
def award_pdf(request: HttpRequest, pk: int) -> FileResponse:
    award = _award(request, pk)
    data = awards.render_pdf(award)
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=awards.filename(award, "pdf"), content_type="application/pdf"
    )


@login_required
def award_docx(request: HttpRequest, pk: int) -> FileResponse:
    award = _award(request, pk)
    data = awards.render_docx(award)
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=awards.filename(award, "docx"), content_type=DOCX_TYPE
    )
