"""A pair's transitions (start of work, interaction stage) and the director's order."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import Access, access_for, get_visible_or_404, require
from nastavnik.common.http import DOCX_TYPE
from nastavnik.common.paging import paginate
from nastavnik.common.text import plural_ru
from nastavnik.documents.rendering import render_docx
from nastavnik.pairs import lifecycle, orders
from nastavnik.pairs.forms_lifecycle import ActivateForm, OrderForm, PairsForm, StageForm
from nastavnik.pairs.lifecycle import PairError
from nastavnik.pairs.models import InteractionStage, MeetingKind, OrderStatus, Pair, PairOrder, PairStatus
from nastavnik.pairs.views import pair_for_manage, pair_url, visible_pairs
from nastavnik.programmes.models import Programme

ADD_LABEL = "Подтверждённые пары без приказа"
REMOVE_LABEL = "Пары в приказе"

# The main road of a pair; «расформирована» leaves it at any point after confirmation.
STEPS = (PairStatus.PROPOSED, PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.COMPLETED)
LIVING = frozenset({PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE})

# Source 001 §3.4: what happens inside the pair at each stage.
STAGE_HINTS = {
    InteractionStage.TELL: "Наставник рассказывает и объясняет, делится опытом; наставляемый слушает и спрашивает.",
    InteractionStage.SHOW: "Наставник показывает на примере, как действовать; наставляемый наблюдает.",
    InteractionStage.TOGETHER: "Наставник и наставляемый выполняют задачу вместе.",
    InteractionStage.HINT: "Наставляемый действует сам, наставник подсказывает и поправляет.",
    InteractionStage.ALONE: "Наставляемый действует самостоятельно и рассказывает, что сделал и что получилось.",
}

# Source 003 §5.1, stage 6: the meetings of every pair or group, in order.
MEETING_HINTS = {
    MeetingKind.INTRO: (
        "Познакомиться, рассказать о себе, обсудить запрос наставляемого и ожидания обеих сторон, "
        "договориться о правилах и способах связи."
    ),
    MeetingKind.TRIAL: "Поработать над небольшой задачей из запроса и проверить, комфортно ли работать вместе.",
    MeetingKind.PLANNING: (
        "Составить индивидуальный план (ИОМ): цели из запроса, задачи со сроками, договориться о графике встреч."
    ),
    MeetingKind.REGULAR: (
        "Регулярные встречи по плану (в клубе — раз в неделю); после каждой наставляемый оценивает встречу."
    ),
    MeetingKind.FINAL: (
        "Подвести итоги, сравнить результат с запросом, обменяться оценками и решить: продолжать или завершить."
    ),
}


@dataclass
class Action:
    """One thing that can happen to the pair next, and why it can or cannot happen now."""

    code: str
    title: str
    available: bool
    why: str = ""
    url: str = ""


NOBODY = "Это делает куратор или директор организации."


def _step(pair: Pair, can_manage: bool, action: Action, to_status: str, ready: str) -> Action:
    """Whether `action` is open: the lifecycle says why a step is refused; then the role decides."""
    why_not = lifecycle.refusal(pair, to_status)
    if why_not:
        action.why = why_not
    elif not can_manage:
        action.why = NOBODY
    else:
        action.available = True
        action.why = ready
    return action


def _confirm_action(pair: Pair, can_manage: bool) -> Action:
    confirm = Action("confirm", "Подтвердить пару", False, url=reverse("pairs:confirm", args=[pair.pk]))
    ready = "Займёт место у наставника; нужны допуск наставника и согласия на обработку данных."
    return _step(pair, can_manage, confirm, PairStatus.CONFIRMED, ready)


def _order_action(pair: Pair, can_manage: bool) -> Action:
    order = Action(
        "order", "Включить в приказ о закреплении", False, url=reverse("pairs:orders", args=[pair.programme_id])
    )
    if pair.order_id and pair.order is not None:
        order.url = reverse("pairs:order", args=[pair.order_id])
        if pair.order.status == OrderStatus.DRAFT:
            order.why = f"Пара включена в проект приказа ({pair.order}); приказ ещё не зарегистрирован."
            order.available = can_manage
            order.title = "Открыть проект приказа"
        else:
            order.why = f"Пара закреплена: {pair.order}."
        return order
    ready = "Пару закрепит приказ директора; после его регистрации пара станет «закреплена приказом»."
    return _step(pair, can_manage, order, PairStatus.FIXED, ready)


def _activate_action(pair: Pair, can_manage: bool) -> Action:
    activate = Action("activate", "Начать работу пары", False, url=reverse("pairs:activate", args=[pair.pk]))
    return _step(pair, can_manage, activate, PairStatus.ACTIVE, "Пара закреплена приказом и может начинать встречи.")


def _dissolve_action(pair: Pair, can_manage: bool) -> Action:
    dissolve = Action("dissolve", "Расформировать пару", False, url=reverse("pairs:dissolve", args=[pair.pk]))
    ready = "Нужна причина; места освободятся, наставляемые получат приоритет при следующем подборе."
    return _step(pair, can_manage, dissolve, PairStatus.DISSOLVED, ready)


def _actions(pair: Pair, access: Access) -> list[Action]:
    can_manage = access.can_manage_org(pair.programme.organisation)
    return [build(pair, can_manage) for build in (_confirm_action, _order_action, _activate_action, _dissolve_action)]


def _steps(pair: Pair) -> list[dict[str, Any]]:
    reached = {t.to_status for t in pair.transitions.all()} | {pair.status}
    current = pair.status
    index = STEPS.index(PairStatus(current)) if current in STEPS else -1
    steps = []
    for position, status in enumerate(STEPS):
        if status == current:
            state = "current"
        elif current == PairStatus.DISSOLVED:
            state = "done" if status in reached else "skipped"
        else:
            state = "done" if position < index else "todo"
        steps.append({"value": status, "label": status.label, "state": state})
    return steps


def lifecycle_context(request: HttpRequest, pair: Pair) -> dict[str, Any]:
    """What the pair's page shows about its life: steps, history, actions, stages, meetings."""
    access = access_for(request.user)
    members = list(pair.members.all())
    is_mentor = access.person_id is not None and pair.mentor.person_id == access.person_id
    is_mentee = access.person_id is not None and any(m.mentee.person_id == access.person_id for m in members)
    can_manage = access.can_manage_org(pair.programme.organisation)
    counts = dict(pair.meetings.order_by().values_list("kind").annotate(n=Count("id")))
    next_kind = next((k for k in MeetingKind if not counts.get(k)), None)
    meeting_guide = [
        {
            "value": kind,
            "label": kind.label,
            "hint": MEETING_HINTS[kind],
            "count": counts.get(kind, 0),
            "is_next": kind == next_kind and pair.status in LIVING,
        }
        for kind in MeetingKind
    ]
    stages = [
        {"value": int(stage), "label": stage.label, "hint": STAGE_HINTS[stage], "current": pair.stage == stage}
        for stage in InteractionStage
    ]
    transitions = list(pair.transitions.select_related("by__person").order_by("at", "id"))
    return {
        "members": members,
        "is_mentor": is_mentor,
        "is_mentee": is_mentee,
        "steps": _steps(pair),
        "transitions": transitions,
        "actions": {a.code: a for a in _actions(pair, access)},
        "stages": stages,
        "can_set_stage": (can_manage or is_mentor) and pair.status in LIVING,
        "meeting_guide": meeting_guide,
        "activate_form": ActivateForm(),
    }


# -- transitions of one pair ------------------------------------------------------------


@login_required
@require_POST
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for_manage(request, pk)
    form = ActivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Дата начала работы указана неверно: введите её в виде ДД.ММ.ГГГГ.")
        return redirect(pair_url(pair))
    try:
        lifecycle.activate(pair, request.user, form.cleaned_data.get("started_on"))
        messages.success(request, "Пара начала работу.")
    except PairError as error:
        messages.error(request, str(error))
    return redirect(pair_url(pair))


@login_required
@require_POST
def stage(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_visible_or_404(visible_pairs(request), pk=pk)
    access = access_for(request.user)
    is_mentor = access.person_id is not None and pair.mentor.person_id == access.person_id
    require(
        access.can_manage_org(pair.programme.organisation) or is_mentor,
        "Этап отмечают наставник пары и куратор.",
    )
    form = StageForm(request.POST)
    if pair.status not in LIVING:
        messages.error(request, f"Этап не меняют у пары в статусе «{pair.get_status_display()}».")
    elif not form.is_valid():
        messages.error(request, "Выберите один из пяти этапов взаимодействия.")
    else:
        pair.stage = form.cleaned_data["stage"]
        pair.save(update_fields=["stage"])
        messages.success(request, f"Текущий этап: {InteractionStage(pair.stage).label}.")
    return redirect(pair_url(pair))


# -- the director's order ---------------------------------------------------------------


def _programme_for_manage(request: HttpRequest, pk: int) -> Programme:
    programme = get_visible_or_404(
        Programme.objects.visible_to(request.user).select_related("organisation", "academic_year"), pk=pk
    )
    require(access_for(request.user).can_manage_org(programme.organisation), "Приказы готовят куратор и директор.")
    return programme


def _order_for_manage(request: HttpRequest, pk: int) -> PairOrder:
    programmes = Programme.objects.visible_to(request.user)
    order = get_visible_or_404(
        PairOrder.objects.filter(programme__in=programmes).select_related(
            "programme__organisation", "programme__academic_year", "programme__curator", "registered_by__person"
        ),
        pk=pk,
    )
    require(
        access_for(request.user).can_manage_org(order.programme.organisation), "Приказы готовят куратор и директор."
    )
    return order


def order_url(order: PairOrder) -> str:
    return reverse("pairs:order", args=[order.pk])


@login_required
def order_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The orders of a programme and a new draft with every confirmed pair not yet in an order."""
    programme = _programme_for_manage(request, pk)
    available = orders.available_pairs(programme)
    if request.method == "POST":
        form = PairsForm(request.POST, queryset=available, label="Пары в проект приказа")
        if form.is_valid():
            try:
                order = orders.create_draft(programme, request.user, form.cleaned_data["pairs"])
            except PairError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Проект приказа создан: укажите номер и дату, скачайте и зарегистрируйте.")
                return redirect(order_url(order))
    else:
        form = PairsForm(
            queryset=available, label="Пары в проект приказа", initial={"pairs": [p.pk for p in available]}
        )
    qs = (
        PairOrder.objects.filter(programme=programme)
        .annotate(n_pairs=Count("pairs"))
        .select_related("registered_by__person")
        .order_by("-created_at", "-id")
    )
    context = {"programme": programme, "form": form, "has_available": available.exists()}
    return render(request, "pairs/order_list.html", {**context, **paginate(request, qs)})


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order_for_manage(request, pk)
    programme = order.programme
    access = access_for(request.user)
    editable = order.status == OrderStatus.DRAFT
    form = OrderForm(instance=order, prefix="order")
    included = orders.order_pairs(order)
    available = orders.available_pairs(programme)
    add_form = PairsForm(queryset=available, label=ADD_LABEL, prefix="add")
    remove_form = PairsForm(queryset=included, label=REMOVE_LABEL, prefix="remove")
    if request.method == "POST":
        if not editable:
            messages.error(request, "Зарегистрированный приказ изменить нельзя.")
            return redirect(order_url(order))
        action = request.POST.get("action", "save")
        try:
            if action == "add":
                add_form = PairsForm(request.POST, queryset=available, label=ADD_LABEL, prefix="add")
                if add_form.is_valid():
                    n = lifecycle.attach_to_order(order, add_form.cleaned_data["pairs"])
                    messages.success(request, f"В приказ добавлено: {_pairs_text(n)}.")
                    return redirect(order_url(order))
            elif action == "remove":
                remove_form = PairsForm(request.POST, queryset=included, label=REMOVE_LABEL, prefix="remove")
                if remove_form.is_valid():
                    n = orders.detach(order, [p.pk for p in remove_form.cleaned_data["pairs"]])
                    messages.success(request, f"Из приказа убрано: {_pairs_text(n)}.")
                    return redirect(order_url(order))
            else:
                form = OrderForm(request.POST, instance=order, prefix="order")
                if form.is_valid():
                    form.save()
                    messages.success(request, "Приказ сохранён.")
                    return redirect(order_url(order))
        except PairError as error:
            messages.error(request, str(error))
            return redirect(order_url(order))
    pairs = list(included)
    document = orders.document_context(programme, order, pairs)
    context = {
        "order": order,
        "programme": programme,
        "form": form,
        "add_form": add_form,
        "remove_form": remove_form,
        "rows": document["pairs"],
        "document": document,
        "editable": editable,
        "can_register": editable and access.is_director_of(programme.organisation),
        "problems": _register_problems(order, pairs),
    }
    return render(request, "pairs/order_detail.html", context)


ONLY_DIRECTOR = "Зарегистрировать приказ может только директор: регистрация закрепляет пары и необратима."


def _pairs_text(n: int) -> str:
    return f"{n} {plural_ru(n, 'пара', 'пары', 'пар')}"


def _register_problems(order: PairOrder, pairs: list[Pair]) -> list[str]:
    """Why the order cannot be registered yet, told before the director presses the button."""
    if order.status != OrderStatus.DRAFT:
        return []
    problems = []
    if not order.number.strip():
        problems.append("не указан номер приказа")
    if order.order_date is None:
        problems.append("не указана дата приказа")
    if not pairs:
        problems.append("в приказе нет ни одной пары")
    wrong = [p for p in pairs if p.status != PairStatus.CONFIRMED]
    if wrong:
        names = ", ".join(p.mentor.person.short_name for p in wrong)
        problems.append(f"есть неподтверждённые пары: {names}")
    return problems


@login_required
def order_docx(request: HttpRequest, pk: int) -> HttpResponseBase:
    order = _order_for_manage(request, pk)
    pairs = list(orders.order_pairs(order))
    if not pairs:
        messages.error(request, orders.NO_PAIRS)
        return redirect(order_url(order))
    context = orders.document_context(order.programme, order, pairs)
    try:
        data = render_docx("order", context, order.programme.organisation)
    except Exception as error:  # a broken uploaded template must not become a 500
        messages.error(
            request, f"Не удалось собрать документ по шаблону организации: {error}. Верните встроенный шаблон."
        )
        return redirect(order_url(order))
    filename = orders.order_filename(order, order.programme)
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=DOCX_TYPE)


@login_required
def order_register(request: HttpRequest, pk: int) -> HttpResponse:
    """Registration is the director's act and cannot be undone: a confirmation page first, then the POST."""
    order = _order_for_manage(request, pk)
    require(access_for(request.user).is_director_of(order.programme.organisation), ONLY_DIRECTOR)
    if order.status != OrderStatus.DRAFT:
        messages.error(request, "Приказ уже зарегистрирован.")
        return redirect(order_url(order))
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        pairs = list(orders.order_pairs(order))
        context = {"order": order, "pairs": pairs, "problems": _register_problems(order, pairs)}
        return render(request, "pairs/order_register.html", context)
    try:
        n = lifecycle.register_order(order, request.user)
    except PairError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Приказ зарегистрирован; закреплено приказом: {_pairs_text(n)}.")
    return redirect(order_url(order))


@login_required
@require_POST
def order_delete(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order_for_manage(request, pk)
    if order.status != OrderStatus.DRAFT:
        messages.error(request, "Зарегистрированный приказ удалить нельзя.")
        return redirect(order_url(order))
    programme_id = order.programme_id
    Pair.objects.filter(order=order).update(order=None)
    order.delete()
    messages.success(request, "Проект приказа удалён; его пары снова ждут приказа.")
    return redirect(reverse("pairs:orders", args=[programme_id]))
