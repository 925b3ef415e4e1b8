"""Completion of a pair, mutual evaluation, mentor status levels (rules and history)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.bases.models import MentorEntry, MentorLevelRule, StatusLevel
from nastavnik.diary import completion, levels
from nastavnik.diary.completion import PairError
from nastavnik.diary.forms_completion import CompletionForm, EvaluationForm, MenteeResultForm
from nastavnik.diary.models import PairEvaluation, StatusChange, StatusChangeKind
from nastavnik.pairs.models import MeetingKind, Pair, PairMentee, PairStatus
from nastavnik.people.models import Person
from nastavnik.programmes.models import Programme


def _pairs(request: HttpRequest) -> QuerySet[Pair]:
    members = PairMentee.objects.select_related("mentee__person").order_by("id")
    return (
        Pair.objects.visible_to(request.user)
        .select_related("mentor__person", "programme__academic_year", "programme__organisation", "programme_form__form")
        .prefetch_related(Prefetch("members", queryset=members))
    )


def _pair_url(pair: Pair) -> str:
    return reverse("pairs:detail", args=[pair.pk])


@login_required
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    """The curator completes the pair; the mentor may fill in the results beforehand."""
    pair = get_visible_or_404(_pairs(request), pk=pk)
    access = access_for(request.user)
    manager = access.can_manage_org(pair.programme.organisation)
    is_mentor = access.person_id is not None and pair.mentor.person_id == access.person_id
    require(manager or is_mentor, "Завершает пару куратор программы")
    if pair.status != PairStatus.ACTIVE:
        messages.error(request, f"Завершить можно только работающую пару; эта — «{pair.get_status_display()}».")
        return redirect(_pair_url(pair))
    data = request.POST if request.method == "POST" else None
    members = list(pair.members.all())
    has_final = pair.meetings.filter(kind=MeetingKind.FINAL).exists()
    result_forms = [MenteeResultForm(data, pair=pair, member=m, with_status=manager) for m in members]
    form = CompletionForm(data, has_final=has_final) if manager else None
    if data is not None:
        valid = all([f.is_valid() for f in result_forms]) and (form is None or form.is_valid())
        if valid:
            results = [f.result() for f in result_forms]
            if form is not None:
                response = _finish(request, pair, form, results)
                if response is not None:
                    return response
            else:
                try:
                    completion.save_results(pair, results)
                except PairError as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, "Результаты сохранены. Решение о завершении пары примет куратор.")
                    return redirect(_pair_url(pair))
    context = {
        "pair": pair,
        "manager": manager,
        "has_final": has_final,
        "result_forms": result_forms,
        "form": form,
    }
    return render(request, "pairs/completion_form.html", context)


def _finish(
    request: HttpRequest, pair: Pair, form: CompletionForm, results: list[completion.MenteeResult]
) -> HttpResponse | None:
    reason = form.cleaned_data.get("override_reason") or ""
    try:
        summary = completion.complete_pair(pair, request.user, form.cleaned_data["decision"], reason, results)
    except PairError as error:
        field = "override_reason" if not form.has_final and not reason.strip() else None
        form.add_error(field, str(error))
        return None
    text = "Пара завершена."
    if summary.new_mentors:
        names = ", ".join(entry.person.short_name for entry in summary.new_mentors)
        text += f" Заявка в базу наставников: {names}."
    if summary.level_changes:
        text += f" Новый статус наставника: «{levels.level_label(summary.level_changes[0].new_value)}»."
    messages.success(request, text)
    return redirect(_pair_url(pair))


@login_required
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    """The mentor rates the mentee side, each mentee rates the mentor (from their own accounts)."""
    pair = get_visible_or_404(_pairs(request), pk=pk)
    access = access_for(request.user)
    side = completion.side_of(pair, access.person_id)
    require(side is not None, "Оценку ставят наставник и наставляемые этой пары")
    person = Person.objects.get(pk=int(access.person_id or 0))
    existing = PairEvaluation.objects.filter(pair=pair, author=person).first()
    is_open = completion.evaluation_open(pair)
    initial = {"score": existing.score, "comment": existing.comment} if existing else {}
    form = EvaluationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            completion.save_evaluation(pair, person, form.cleaned_data["score"], form.cleaned_data["comment"])
        except PairError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Спасибо! Оценка сохранена.")
            return redirect(_pair_url(pair))
    if side == "mentor":
        rated = ", ".join(m.mentee.person.full_name for m in pair.members.all())
    else:
        rated = pair.mentor.person.full_name
    context = {
        "pair": pair,
        "side": side,
        "rated": rated,
        "form": form,
        "existing": existing,
        "is_open": is_open,
        "deadline": completion.evaluation_deadline(pair),
        "days": completion.EVALUATION_DAYS,
    }
    return render(request, "pairs/completion_evaluate.html", context)


@login_required
def level_rules(request: HttpRequest) -> HttpResponse:
    """The status-level rule, read-only (the administrator edits it in the admin)."""
    rules = levels.rules()
    context: dict[str, Any] = {
        "rules": rules,
        "missing": [label for value, label in StatusLevel.choices if value not in {r.level for r in rules}],
        "can_edit": request.user.is_superuser,
        "admin_url": reverse("admin:bases_mentorlevelrule_changelist") if request.user.is_superuser else "",
    }
    return render(request, "pairs/completion_level_rules.html", context)


@login_required
def level_history(request: HttpRequest, pk: int) -> HttpResponse:
    """A mentor's level, the figures behind it and the history of its changes."""
    entries = MentorEntry.objects.visible_to(request.user).select_related(
        "person", "programme__academic_year", "programme__organisation"
    )
    entry = get_visible_or_404(entries, pk=pk)
    access = access_for(request.user)
    changes = StatusChange.objects.filter(person=entry.person, kind=StatusChangeKind.MENTOR_LEVEL).select_related(
        "programme__academic_year", "programme__organisation", "changed_by__person"
    )
    if not access.is_admin and entry.person_id != access.person_id:
        visible = Programme.objects.visible_to(request.user).values("pk")
        changes = changes.filter(Q(programme__in=visible) | Q(programme__isnull=True))
    figures = levels.figures_for(entry.person_id)
    earned = levels.level_for(figures, levels.rules())
    context = {
        "entry": entry,
        "figures": figures,
        "earned": earned,
        "earned_label": levels.level_label(earned),
        "above_current": levels.rank(earned) > levels.rank(entry.status_level),
        "changes": [(c, levels.level_label(c.old_value), levels.level_label(c.new_value)) for c in changes[:100]],
        "rules_count": MentorLevelRule.objects.count(),
    }
    return render(request, "pairs/completion_level_history.html", context)
