"""The bank of best practices: search and filters, card, create (optionally from a pair), edit, files."""

from __future__ import annotations

from functools import reduce
from operator import and_
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.paging import paginate
from nastavnik.common.text import fold, plural_ru
from nastavnik.diary import completion
from nastavnik.diary.models import IndividualPlan
from nastavnik.orgs.models import Organisation
from nastavnik.pairs.models import Pair
from nastavnik.practices import scope
from nastavnik.practices.forms import PracticeForm, SearchForm
from nastavnik.practices.models import BestPractice, PracticeFile
from nastavnik.programmes.models import Programme

# How many recent practices the tag cloud of the list page looks at.
TAG_SAMPLE = 300


def _practices(request: HttpRequest, visible: QuerySet[BestPractice] | None = None) -> QuerySet[BestPractice]:
    base = visible if visible is not None else scope.visible_practices(request.user)
    return base.select_related("organisation", "form", "programme__academic_year", "created_by__person")


def _require_reader(request: HttpRequest) -> None:
    require(
        scope.can_read_bank(access_for(request.user)),
        "Банк лучших практик доступен педагогам и сотрудникам, ведущим наставничество",
    )


def search(qs: QuerySet[BestPractice], query: str) -> QuerySet[BestPractice]:
    """Every word of the query must occur in the folded title, description, tags or authors."""
    words = fold(query).split()
    if not words:
        return qs
    return qs.filter(reduce(and_, [Q(search_text__contains=word) for word in words[:10]]))


def with_tag(qs: QuerySet[BestPractice], tag: str) -> QuerySet[BestPractice]:
    """Practices carrying exactly this tag (tags are stored as «a, b, c»)."""
    tag = " ".join(tag.split())
    if not tag:
        return qs
    padded = qs.annotate(padded_tags=Concat(Value(", "), "tags", Value(",")))
    return padded.filter(padded_tags__contains=f", {tag},")


def _tag_cloud(qs: QuerySet[BestPractice]) -> list[str]:
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for raw in qs.order_by("-created_at", "-id").values_list("tags", flat=True)[:TAG_SAMPLE]:
        for tag in (t.strip() for t in raw.split(",")):
            if tag:
                counts[fold(tag)] = counts.get(fold(tag), 0) + 1
                names.setdefault(fold(tag), tag)
    ordered = sorted(counts, key=lambda key: (-counts[key], key))
    return [names[key] for key in ordered[:30]]


@login_required
def practice_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    visible = scope.visible_practices(request.user)
    organisations = Organisation.objects.filter(pk__in=visible.values("organisation_id")).order_by("short_name")
    form = SearchForm(request.GET or None, organisations=organisations)
    qs: QuerySet[BestPractice] = _practices(request, visible).annotate(files_count=Count("files"))
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data
        qs = search(qs, data.get("q") or "")
        qs = with_tag(qs, data.get("tag") or "")
        if data.get("form"):
            qs = qs.filter(form=data["form"])
        if data.get("organisation"):
            qs = qs.filter(organisation=data["organisation"])
        if data.get("year"):
            qs = qs.filter(programme__academic_year=data["year"])
    context: dict[str, Any] = {
        "search_form": form,
        "tags": _tag_cloud(visible),
        "can_create": scope.authoring_organisations(request.user).exists(),
        **paginate(request, qs.order_by("-created_at", "-id")),
    }
    return render(request, "practices/list.html", context)


@login_required
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_visible_or_404(_practices(request), pk=pk)
    context = {
        "practice": practice,
        "files": list(practice.files.order_by("id")),
        "can_edit": scope.can_edit(request.user, practice),
    }
    return render(request, "practices/detail.html", context)


def _pair_prefill(request: HttpRequest) -> tuple[Pair | None, dict[str, Any]]:
    raw = request.GET.get("pair") or request.POST.get("pair") or ""
    if not raw.isdigit():
        return None, {}
    qs = Pair.objects.visible_to(request.user).select_related(
        "mentor__person", "programme__organisation", "programme_form__form"
    )
    pair = get_visible_or_404(qs, pk=int(raw))
    require(access_for(request.user).can_manage_org(pair.programme.organisation), "Практику пары добавляет куратор")
    return pair, initial_from_pair(pair)


def initial_from_pair(pair: Pair) -> dict[str, Any]:
    """Title, description, form and programme drafted from the pair's results, without anybody's name.

    A practice is published to other schools: names (personal data of minors) stay out of the draft;
    the curator adds authors only with their consent.
    """
    members = list(pair.members.select_related("mentee").order_by("id"))
    form_name = pair.programme_form.form.name if pair.programme_form else ""
    count = len(members)
    lines = [f"Наставник и {count} {plural_ru(count, 'наставляемый', 'наставляемых', 'наставляемых')}."]
    if form_name:
        lines.append(f"Форма наставничества: {form_name}.")
    plans = {p.member_id: p for p in IndividualPlan.objects.filter(member__in=members)}
    for number, member in enumerate(members, start=1):
        parts = [f"Запрос: {member.mentee.goal}"] if member.mentee.goal else []
        outcomes = completion.outcome_labels(member.outcomes or [])
        if outcomes:
            parts.append("Результаты: " + "; ".join(outcomes))
        if member.result_note:
            parts.append(member.result_note)
        plan = plans.get(member.pk)
        if plan is not None and plan.results:
            parts.append(f"Итоги плана: {plan.results}")
        if parts:
            lines.append(f"Наставляемый {number}. " + " ".join(p.rstrip(".") + "." for p in parts))
    title = f"{form_name}: опыт наставнической пары" if form_name else "Опыт наставнической пары"
    return {
        "organisation": pair.programme.organisation_id,
        "programme": pair.programme_id,
        "form": pair.programme_form.form_id if pair.programme_form else None,
        "title": title[:300],
        "description": "\n\n".join(lines),
        "authors": "",
    }


def _programmes(organisations: QuerySet[Organisation]) -> QuerySet[Programme]:
    return Programme.objects.filter(organisation__in=organisations).order_by("-academic_year__start_year", "title")


def _store_file(practice: BestPractice, upload: Any) -> PracticeFile:
    name = PurePath(str(upload.name)).name[:200]
    return PracticeFile.objects.create(practice=practice, file=upload, name=name, size=int(upload.size or 0))


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    organisations = scope.authoring_organisations(request.user).order_by("path")
    require(organisations.exists(), "Практики добавляют руководитель, куратор и рабочая группа организации")
    pair, initial = _pair_prefill(request)
    if pair is None and organisations.count() == 1:
        initial["organisation"] = organisations.first()
    form = PracticeForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations,
        programmes=_programmes(organisations),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            practice = form.save(commit=False)
            practice.pair = pair
            practice.created_by = request.user
            practice.save()
            if form.cleaned_data.get("file"):
                _store_file(practice, form.cleaned_data["file"])
        messages.success(request, "Практика добавлена в банк лучших практик.")
        return redirect(reverse("practices:detail", args=[practice.pk]))
    return render(request, "practices/form.html", {"form": form, "pair": pair, "practice": None})


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_visible_or_404(_practices(request), pk=pk)
    require(scope.can_edit(request.user, practice), "Практику меняет организация, которая её добавила")
    organisations = scope.authoring_organisations(request.user).filter(pk=practice.organisation_id)
    form = PracticeForm(
        request.POST or None,
        request.FILES or None,
        instance=practice,
        organisations=organisations,
        programmes=_programmes(organisations),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            practice = form.save()
            for old in form.cleaned_data.get("remove_files") or []:
                old.file.delete(save=False)
                old.delete()
            if form.cleaned_data.get("file"):
                _store_file(practice, form.cleaned_data["file"])
        messages.success(request, "Практика сохранена.")
        return redirect(reverse("practices:detail", args=[practice.pk]))
    return render(request, "practices/form.html", {"form": form, "pair": None, "practice": practice})


@login_required
def practice_file(request: HttpRequest, pk: int) -> FileResponse:
    item = get_visible_or_404(PracticeFile.objects.select_related("practice"), pk=pk)
    if not scope.visible_practices(request.user).filter(pk=item.practice_id).exists():
        raise Http404("Файл не найден")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("Файл не найден") from None
    return FileResponse(handle, as_attachment=True, filename=item.name or PurePath(item.file.name).name)
