"""Scheme 1 (curator appointment) and scheme 2 (questionnaire matching)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.bases.models import MenteeEntry, MenteeStatus
from nastavnik.common.paging import paginate
from nastavnik.common.search import name_search
from nastavnik.engines.matching.scoring import rank_mentors
from nastavnik.matching.exclusions import excluded_links
from nastavnik.matching.forms import ChooseFormForm, ConstraintForm, FormRulesForm, MatchingSettingsForm
from nastavnik.matching.models import MatchingConstraint, MatchingRun, Scheme
from nastavnik.matching.profiles import available_mentors, build_input, settings_for, waiting_mentees
from nastavnik.pairs import matching, services
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.programmes.models import Programme, ProgrammeFormat


def programme_form_for_manage(request: HttpRequest, pk: int) -> ProgrammeFormat:
    visible = ProgrammeFormat.objects.filter(programme__in=Programme.objects.visible_to(request.user))
    programme_form = get_visible_or_404(visible.select_related("programme__organisation", "form", "variant"), pk=pk)
    require(
        access_for(request.user).can_manage_org(programme_form.programme.organisation),
        "Подбирать пары может куратор программы",
    )
    return programme_form


# -- scheme 1: appointment -------------------------------------------------------------


@login_required
def appointment(request: HttpRequest, pk: int) -> HttpResponse:
    programme_form = programme_form_for_manage(request, pk)
    mentees = waiting_mentees(programme_form).order_by("-priority", "person__last_name", "person__first_name")
    if query := request.GET.get("q", "").strip():
        mentees = mentees.filter(name_search("person__search_text", query))
    context = {"programme_form": programme_form, "query": query, **paginate(request, mentees)}
    return render(request, "pairs/appointment.html", context)


def _mentee_for_manage(request: HttpRequest, pk: int) -> MenteeEntry:
    entry = get_visible_or_404(
        MenteeEntry.objects.visible_to(request.user).select_related(
            "programme__organisation", "programme_form", "person"
        ),
        pk=pk,
    )
    require(access_for(request.user).can_manage_org(entry.programme.organisation), "Назначает наставника куратор")
    return entry


@login_required
def appoint(request: HttpRequest, pk: int) -> HttpResponse:
    mentee = _mentee_for_manage(request, pk)
    if mentee.status != MenteeStatus.WAITING:
        messages.error(request, "Наставника подбирают наставляемому, который ждёт наставника.")
        return redirect("bases:mentee_detail", pk=mentee.pk)
    programme_form = mentee.programme_form
    if programme_form is None:
        return _choose_form(request, mentee)
    mentors = list(available_mentors(programme_form))
    # Never offer the mentee herself or a mentor the curator banned for her.
    excluded = {int(link.mentor) for link in excluded_links(mentors, [mentee])}
    mentors = [mentor for mentor in mentors if mentor.pk not in excluded]
    data = build_input(programme_form, mentees=[mentee], mentors=mentors)
    ranked = rank_mentors(data.mentees[0], data.mentors, data.weights, data.rules, data.labels, include_ineligible=True)
    if request.method == "POST":
        return _appoint_chosen(request, mentee, data, ranked)
    rows = [{"evaluation": e, "entry": data.mentor_entries[e.mentor]} for e in ranked]
    return render(request, "pairs/appoint.html", {"mentee": mentee, "rows": rows, "programme_form": programme_form})


def _choose_form(request: HttpRequest, mentee: MenteeEntry) -> HttpResponse:
    """A request without a form of mentoring: the curator picks the form first, then the mentor."""
    form = ChooseFormForm(request.POST if "programme_form" in request.POST else None, programme=mentee.programme)
    if form.is_valid():
        mentee.programme_form = form.cleaned_data["programme_form"]
        mentee.save(update_fields=["programme_form"])
        messages.success(request, f"Форма наставничества выбрана: {mentee.programme_form}.")
        return redirect("pairs:appoint", pk=mentee.pk)
    status = 400 if form.errors else 200
    return render(request, "pairs/appoint_form.html", {"mentee": mentee, "form": form}, status=status)


def _appoint_chosen(request: HttpRequest, mentee: MenteeEntry, data: Any, ranked: list[Any]) -> HttpResponse:
    chosen = next((e for e in ranked if e.mentor == request.POST.get("mentor")), None)
    if chosen is None or not chosen.eligible:
        messages.error(request, "Этого наставника нельзя назначить: он не подходит по правилам формы.")
        return redirect("pairs:appoint", pk=mentee.pk)
    try:
        pair = services.appoint(
            data.mentor_entries[chosen.mentor],
            mentee,
            request.user,
            score=chosen.score,
            reasons=matching.reasons_json(chosen.reasons),
        )
    except services.PairError as error:
        messages.error(request, str(error))
        return redirect("pairs:appoint", pk=mentee.pk)
    messages.success(request, f"Наставник назначен: {pair.mentor.person.full_name}.")
    return redirect("pairs:detail", pk=pair.pk)


# -- scheme 2: questionnaire matching ----------------------------------------------------


def _latest_run(programme_form: ProgrammeFormat) -> MatchingRun | None:
    return MatchingRun.objects.filter(programme_form=programme_form, scheme=Scheme.QUESTIONNAIRE).first()


def _proposals(run: MatchingRun | None) -> QuerySet[Pair]:
    if run is None:
        return Pair.objects.none()
    return (
        run.pairs.select_related("mentor__person")
        .prefetch_related("members__mentee__person")
        .order_by("mentor__person__last_name", "id")
    )


def _unmatched_rows(run: MatchingRun | None) -> list[dict[str, Any]]:
    if run is None:
        return []
    rows = run.unmatched()
    names = dict(MenteeEntry.objects.filter(pk__in=[r["mentee"] for r in rows]).values_list("pk", "person__last_name"))
    people = {e.pk: e.person for e in MenteeEntry.objects.filter(pk__in=list(names)).select_related("person")}
    return [{**row, "person": people.get(row["mentee"])} for row in rows]


@login_required
def questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    programme_form = programme_form_for_manage(request, pk)
    settings = settings_for(programme_form)
    form = MatchingSettingsForm(request.POST or None, instance=settings)
    rules_form = FormRulesForm(request.POST or None, instance=programme_form)
    if request.method == "POST" and form.is_valid() and rules_form.is_valid():
        form.save()
        rules_form.save()
        try:
            done = matching.run_questionnaire(programme_form, form.cleaned_data["policy"], request.user)
            messages.success(request, f"Подбор выполнен: предложено пар — {done.summary['matched']}.")
        except matching.MatchingRefused as error:
            messages.error(request, str(error))
        return redirect("pairs:questionnaire", pk=programme_form.pk)
    run = _latest_run(programme_form)
    context = {
        "programme_form": programme_form,
        "form": form,
        "rules_form": rules_form,
        "run": run,
        "proposals": _proposals(run),
        "unmatched": _unmatched_rows(run),
        "constraints": MatchingConstraint.objects.filter(programme=programme_form.programme).select_related(
            "mentor__person", "mentee__person"
        ),
        "waiting": waiting_mentees(programme_form).count(),
    }
    return render(request, "pairs/questionnaire.html", context, status=400 if form.errors or rules_form.errors else 200)


@login_required
@require_POST
def constraint_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme_form = programme_form_for_manage(request, pk)
    form = ConstraintForm(request.POST)
    mentors = available_mentors(programme_form)
    if form.is_valid():
        mentor = mentors.filter(pk=form.cleaned_data["mentor"]).first()
        mentee = MenteeEntry.objects.filter(programme=programme_form.programme, pk=form.cleaned_data["mentee"]).first()
        if mentor and mentee:
            MatchingConstraint.objects.update_or_create(
                mentor=mentor,
                mentee=mentee,
                defaults={
                    "programme": programme_form.programme,
                    "kind": form.cleaned_data["kind"],
                    "created_by": request.user,
                },
            )
            messages.success(request, "Ограничение сохранено; запустите подбор ещё раз.")
            return redirect("pairs:questionnaire", pk=programme_form.pk)
    messages.error(request, "Не удалось сохранить ограничение: наставник или наставляемый не из этой программы.")
    return redirect("pairs:questionnaire", pk=programme_form.pk)


@login_required
@require_POST
def constraint_delete(request: HttpRequest, pk: int, constraint_pk: int) -> HttpResponse:
    programme_form = programme_form_for_manage(request, pk)
    MatchingConstraint.objects.filter(programme=programme_form.programme, pk=constraint_pk).delete()
    messages.success(request, "Ограничение снято.")
    return redirect("pairs:questionnaire", pk=programme_form.pk)


@login_required
@require_POST
def confirm_run(request: HttpRequest, pk: int) -> HttpResponse:
    programme_form = programme_form_for_manage(request, pk)
    run = _latest_run(programme_form)
    chosen = set(request.POST.getlist("pair"))
    confirmed, refused = 0, []
    for pair in run.pairs.filter(status=PairStatus.PROPOSED) if run else []:
        if chosen and str(pair.pk) not in chosen:
            continue
        try:
            services.confirm(pair, request.user)
            confirmed += 1
        except services.PairError as error:
            refused.append(str(error))
    messages.success(request, f"Подтверждено пар: {confirmed}.")
    for text in refused:
        messages.error(request, text)
    return redirect(reverse("pairs:board") + f"?programme={programme_form.programme_id}")
