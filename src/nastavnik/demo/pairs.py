"""Demo pairs: confirmed by appointment, working, fixed by order, dissolved, completed last year,
and a questionnaire run whose proposals wait for the curator."""

from __future__ import annotations

from django.contrib.auth.models import User

from nastavnik.bases.models import MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.engines.matching.scoring import rank_mentors
from nastavnik.matching.models import ConstraintKind, MatchingConstraint, MatchingSettings, Scheme
from nastavnik.matching.profiles import build_input
from nastavnik.pairs import matching, services
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.programmes.models import ProblemCategory

DISSOLVE_REASON = "Наставник перешёл в другую школу в середине года."


def _appoint_best(entry: MenteeEntry, curator: User) -> Pair | None:
    if entry.programme_form is None:
        return None
    data = build_input(entry.programme_form, mentees=[entry])
    for evaluation in rank_mentors(data.mentees[0], data.mentors, data.weights, data.rules, data.labels):
        mentor = data.mentor_entries[evaluation.mentor]
        if evaluation.eligible and mentor.free_seats:
            return services.appoint(
                mentor, entry, curator, score=evaluation.score, reasons=matching.reasons_json(evaluation.reasons)
            )
    return None


def _completed_last_year(world: DemoWorld, curator: User) -> None:
    finished = MenteeEntry.objects.filter(programme__academic_year=world.previous_year, status=MenteeStatus.COMPLETED)
    for entry in finished:
        mentor = MentorEntry.objects.filter(programme=entry.programme).order_by("id").first()
        if mentor is None:
            continue
        pair = services.propose(mentor, [entry], Scheme.APPOINTMENT, curator)
        pair.status = PairStatus.COMPLETED
        pair.save(update_fields=["status"])


# What senior students in «Точка развития» help first-graders with (source 001: adaptation,
# communication, learning), in addition to what each of them wrote in the application.
PEER_HELP = ("student_adaptation", "communication_skills", "low_academic_performance", "conflict")


def _broaden_peer_mentors(world: DemoWorld) -> None:
    school = world.orgs[catalog.SCHOOL1_SLUG]
    problems = list(ProblemCategory.objects.filter(code__in=PEER_HELP))
    mentors = MentorEntry.objects.filter(
        programme__organisation=school, programme__academic_year=world.year, programme__title__startswith="Точка"
    ).order_by("id")
    for mentor in mentors:
        mentor.capabilities.add(*world.rng.sample(problems, min(2, len(problems))))


def create_pairs(world: DemoWorld, users: dict[str, User]) -> None:
    curator = users["curator"]
    _broaden_peer_mentors(world)
    matched = MenteeEntry.objects.filter(programme__academic_year=world.year, status=MenteeStatus.MATCHED)
    appointed: list[Pair] = []
    for entry in matched.select_related("programme_form", "person").order_by("id"):
        entry.status = MenteeStatus.WAITING
        entry.save(update_fields=["status"])
        pair = _appoint_best(entry, curator)
        if pair is not None:
            appointed.append(pair)
    # Later stages of the lifecycle, so that the board shows every state.
    for pair, status in zip(appointed, (PairStatus.ACTIVE, PairStatus.ACTIVE, PairStatus.FIXED), strict=False):
        pair.status = status
        pair.save(update_fields=["status"])
    if len(appointed) > 3:
        services.dissolve(appointed[3], DISSOLVE_REASON, curator)
    _completed_last_year(world, curator)
    _questionnaire_run(world, curator)


def _questionnaire_run(world: DemoWorld, curator: User) -> None:
    school = world.orgs[catalog.SCHOOL1_SLUG]
    programme = school.programmes.filter(academic_year=world.year, title__startswith="Точка").first()
    programme_form = programme.forms.first() if programme else None
    if programme_form is None:
        return
    MatchingSettings.objects.get_or_create(programme_form=programme_form, defaults={"same_organisation_only": True})
    waiting = MenteeEntry.objects.filter(programme_form=programme_form, status=MenteeStatus.WAITING).order_by("id")
    mentor = MentorEntry.objects.filter(programme=programme, admission="admitted").order_by("id").first()
    if mentor is not None and waiting.exists():
        MatchingConstraint.objects.get_or_create(
            mentor=mentor,
            mentee=waiting.first(),
            defaults={
                "programme": programme,
                "kind": ConstraintKind.FORBID,
                "reason": "Родственники: не ставить в пару",
                "created_by": curator,
            },
        )
    matching.run_questionnaire(programme_form, "max_matched", curator)
