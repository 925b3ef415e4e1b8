"""Completion of a pair: results against the request, mutual evaluation, mentee → mentor.

Who does what (a decision of the product):
- the curator, the director or the working group of the organisation completes the pair:
  they confirm each mentee's results, mark who became a mentor and take the decision
  (continue or stop); the state change itself goes through `lifecycle.complete`, which
  checks the final meeting (or the override reason) and frees the seats;
- the mentor may fill in the mentees' results beforehand (outcomes, note, satisfaction) on
  the same page while the pair is working, so the curator finds them ready; the decision
  and «стал(а) наставником» stay the curator's;
- the mentor and each mentee rate the other side from their own accounts (PairEvaluation),
  once per person, and may change their mark while the pair works and for 30 days after
  it has been completed.

Outcomes shown are the ones that make sense for the form's mentees (source 002, Appendix 2):
3.1–3.4 for teachers, 3.5–3.7 for learners and students, 3.10 for teams; «запрос решён»
always. Becoming a mentor is indicator 3.4 (teachers), 3.7 (learners) or 3.10 (teams) and
is recorded as a StatusChange plus a mentor application in the next (or this) programme.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from nastavnik.bases.models import Admission, MentorEntry
from nastavnik.diary import levels
from nastavnik.diary.models import PairEvaluation, StatusChange, StatusChangeKind
from nastavnik.pairs import lifecycle
from nastavnik.pairs.lifecycle import PairError
from nastavnik.pairs.models import Outcome, Pair, PairMentee, PairStatus
from nastavnik.people.models import Person
from nastavnik.programmes.models import ParticipantKind, Programme, ProgrammeFormat, ProgrammeStatus

__all__ = [
    "EVALUATION_DAYS",
    "MenteeResult",
    "PairError",
    "complete_pair",
    "evaluation_open",
    "outcome_choices",
    "record_new_mentor",
    "save_evaluation",
    "save_results",
]

EVALUATION_DAYS = 30

TEACHER_OUTCOMES = (Outcome.PERSONNEL_RESERVE, Outcome.PROJECT_LEAD, Outcome.SKILLS_COMPETITION)
STUDENT_OUTCOMES = (Outcome.GRADES_IMPROVED, Outcome.OLYMPIAD)
TEAM_OUTCOMES = (Outcome.TEAM_MENTOR,)


def mentee_kind(pair: Pair) -> str | None:
    programme_form = pair.programme_form
    return programme_form.form.mentee_kind if programme_form is not None else None


def outcome_choices(pair: Pair) -> list[tuple[str, str]]:
    """The outcomes that make sense for the pair's form, «запрос решён» first."""
    kind = mentee_kind(pair)
    if kind == ParticipantKind.TEACHER:
        specific: tuple[Outcome, ...] = TEACHER_OUTCOMES
    elif kind in {ParticipantKind.STUDENT, ParticipantKind.STUDENT_COLLEGE}:
        specific = STUDENT_OUTCOMES
    elif kind == ParticipantKind.TEAM:
        specific = TEAM_OUTCOMES
    else:
        specific = (*TEACHER_OUTCOMES, *STUDENT_OUTCOMES, *TEAM_OUTCOMES)
    return [(o.value, str(o.label)) for o in (Outcome.REQUEST_MET, *specific)]


def became_mentor_label(pair: Pair) -> str:
    kind = mentee_kind(pair)
    indicators: dict[str, str] = {
        ParticipantKind.TEACHER: " (3.4)",
        ParticipantKind.STUDENT: " (3.7)",
        ParticipantKind.STUDENT_COLLEGE: " (3.7)",
        ParticipantKind.TEAM: " (3.10)",
    }
    return f"Стал(а) наставником{indicators.get(kind or '', '')}"


def outcome_labels(codes: Sequence[str]) -> list[str]:
    labels = dict(Outcome.choices)
    return [str(labels.get(code, code)) for code in codes]


@dataclass
class MenteeResult:
    """What the form says about one mentee of the pair."""

    member_id: int
    outcomes: list[str] = field(default_factory=list)
    note: str = ""
    satisfaction: int | None = None
    became_mentor: bool = False


def save_results(pair: Pair, results: Sequence[MenteeResult]) -> None:
    """Store each mentee's results (outcomes, note, satisfaction) on the pair's members."""
    members = {m.pk: m for m in pair.members.all()}
    allowed = {code for code, _ in outcome_choices(pair)}
    for result in results:
        member = members.get(result.member_id)
        if member is None:
            raise PairError("Этот наставляемый не состоит в паре.")
        wrong = [code for code in result.outcomes if code not in allowed]
        if wrong:
            raise PairError("Такой результат не относится к форме наставничества этой пары.")
        if result.satisfaction is not None and not 1 <= result.satisfaction <= 5:
            raise PairError("Удовлетворённость — от 1 до 5.")
        member.outcomes = [code for code, _ in outcome_choices(pair) if code in result.outcomes]
        member.result_note = result.note.strip()
        member.satisfaction = result.satisfaction
        member.save(update_fields=["outcomes", "result_note", "satisfaction"])


def _target_programme(programme: Programme) -> Programme:
    """Where a new mentor applies: the programme's next academic year when there is one, else itself.

    The next year is the programme it was carried over to or, for a finished programme, the
    organisation's later programme with the same title.
    """
    following = programme.carried_to.order_by("-academic_year__start_year", "-id").first()
    if following is None and programme.status == ProgrammeStatus.FINISHED:
        following = (
            Programme.objects.filter(
                organisation_id=programme.organisation_id,
                title=programme.title,
                academic_year__start_year__gt=programme.academic_year.start_year,
            )
            .order_by("-academic_year__start_year", "-id")
            .first()
        )
    return following or programme


def _matching_form(programme: Programme, programme_form: ProgrammeFormat | None) -> ProgrammeFormat | None:
    if programme_form is None:
        return programme.forms.order_by("id").first()
    if programme_form.programme_id == programme.pk:
        return programme_form
    same = programme.forms.filter(form_id=programme_form.form_id).order_by("id").first()
    return same or programme.forms.order_by("id").first()


def record_new_mentor(
    member: PairMentee, pair: Pair, user: AbstractBaseUser | AnonymousUser | None
) -> tuple[StatusChange, MentorEntry]:
    """The mentee became a mentor: a StatusChange and a mentor application (an existing one is reused)."""
    person = member.mentee.person
    by: Any = user if user is not None and user.is_authenticated else None
    target = _target_programme(pair.programme)
    entry, created = MentorEntry.objects.get_or_create(
        person=person,
        programme=target,
        defaults={
            "programme_form": _matching_form(target, pair.programme_form),
            "admission": Admission.APPLIED,
            "motivation": f"Был(а) наставляемым(ой) в программе «{pair.programme.title}» "
            f"({pair.programme.academic_year}); по итогам стал(а) наставником.",
            "created_by": by,
        },
    )
    change = StatusChange.objects.filter(
        person=person, pair=pair, kind=StatusChangeKind.MENTEE_TO_MENTOR
    ).first() or StatusChange.objects.create(
        person=person,
        programme=pair.programme,
        pair=pair,
        kind=StatusChangeKind.MENTEE_TO_MENTOR,
        old_value="наставляемый",
        new_value="наставник",
        reason=(
            f"По итогам работы с наставником {pair.mentor.person.short_name}; "
            + ("подана заявка" if created else "заявка уже есть")
            + f" в базу наставников программы «{target.title}» ({target.academic_year})."
        ),
        changed_by=by,
    )
    return change, entry


@dataclass
class CompletionSummary:
    pair: Pair
    new_mentors: list[MentorEntry]
    level_changes: list[StatusChange]


@transaction.atomic
def complete_pair(
    pair: Pair,
    user: AbstractBaseUser | AnonymousUser | None,
    decision: str,
    override_reason: str,
    results: Sequence[MenteeResult],
) -> CompletionSummary:
    """Complete the pair in one transaction: the transition (lifecycle), results, new mentors, levels."""
    pair = lifecycle.complete(pair, user, decision, override_reason)
    save_results(pair, results)
    members = {m.pk: m for m in pair.members.select_related("mentee__person")}
    new_mentors = []
    for result in results:
        if result.became_mentor:
            _change, entry = record_new_mentor(members[result.member_id], pair, user)
            new_mentors.append(entry)
    mentor = MentorEntry.objects.select_related("programme").get(pk=pair.mentor_id)
    others = MentorEntry.objects.filter(person_id=mentor.person_id).exclude(pk=mentor.pk)
    others = others.exclude(programme__status=ProgrammeStatus.FINISHED).select_related("programme")
    level_changes = levels.apply_levels([mentor, *others], user)
    return CompletionSummary(pair=pair, new_mentors=new_mentors, level_changes=level_changes)


# -- mutual evaluation ----------------------------------------------------------------------


def evaluation_deadline(pair: Pair) -> datetime.datetime | None:
    if pair.completed_at is None:
        return None
    return pair.completed_at + datetime.timedelta(days=EVALUATION_DAYS)


def evaluation_open(pair: Pair, now: datetime.datetime | None = None) -> bool:
    """Marks are given while the pair works and for 30 days after its completion."""
    now = now or timezone.now()
    if pair.status == PairStatus.ACTIVE:
        return True
    if pair.status == PairStatus.COMPLETED:
        deadline = evaluation_deadline(pair)
        return deadline is not None and now <= deadline
    return False


def side_of(pair: Pair, person_id: int | None) -> str | None:
    """«mentor» or «mentee» for a participant of the pair, None for anyone else."""
    if person_id is None:
        return None
    if pair.mentor.person_id == person_id:
        return "mentor"
    if any(m.mentee.person_id == person_id for m in pair.members.all()):
        return "mentee"
    return None


def save_evaluation(pair: Pair, person: Person, score: int, comment: str) -> PairEvaluation:
    """The participant's mark of the other side (one per person; changed while evaluation is open)."""
    side = side_of(pair, person.pk)
    if side is None:
        raise PairError("Оценивать пару могут только её наставник и наставляемые.")
    if not evaluation_open(pair):
        if pair.status == PairStatus.COMPLETED:
            raise PairError(f"Оценки принимаются в течение {EVALUATION_DAYS} дней после завершения пары.")
        raise PairError("Оценить можно работающую или недавно завершённую пару.")
    if not 1 <= int(score) <= 5:
        raise PairError("Оценка — от 1 до 5.")
    evaluation, _ = PairEvaluation.objects.update_or_create(
        pair=pair, author=person, defaults={"side": side, "score": int(score), "comment": comment.strip()}
    )
    return evaluation


def summary_context(pair: Pair) -> dict[str, Any]:
    """Everything the completion card shows (a few queries, bounded by the pair's size)."""
    evaluations = list(pair.evaluations.select_related("author").order_by("side", "id"))
    changes = list(
        StatusChange.objects.filter(pair=pair, kind=StatusChangeKind.MENTEE_TO_MENTOR).select_related("person")
    )
    return {
        "evaluations": evaluations,
        "mentor_evaluations": [e for e in evaluations if e.side == "mentor"],
        "mentee_evaluations": [e for e in evaluations if e.side == "mentee"],
        "new_mentor_ids": {c.person_id for c in changes},
        "awards": list(pair.awards.select_related("person").order_by("kind", "id")),
        "practices": list(pair.practices.order_by("-id")[:5]),
    }
