"""Scheme 2 (questionnaire matching): scores → exact optimal assignment → proposals with reasons."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import asdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from nastavnik.engines.matching import Link, MatchingError, Mentor, solve_optimal
from nastavnik.engines.matching.scoring import Evaluation, Reason, build_edges, evaluate, explain_unmatched
from nastavnik.matching.exclusions import self_links
from nastavnik.matching.models import ConstraintKind, MatchingConstraint, MatchingRun, Policy, Scheme
from nastavnik.matching.profiles import MatchingInput, build_input
from nastavnik.pairs import services
from nastavnik.programmes.models import ProgrammeFormat

# Enough candidates per mentee for an exact answer in practice, and a bounded edge count at scale.
MAX_CANDIDATES = 60


class MatchingRefused(Exception):
    """The engine refused the input (e.g. a lock over capacity); the message is Russian."""


def reasons_json(reasons: tuple[Reason, ...] | list[Reason]) -> list[dict[str, Any]]:
    return [asdict(reason) for reason in reasons]


def _constraints(programme_form: ProgrammeFormat, data: MatchingInput) -> tuple[list[Link], list[Link]]:
    locked: list[Link] = []
    # A person is never her own mentor, whatever the scores say.
    forbidden = self_links(data.mentor_entries.values(), data.mentee_entries.values())
    for item in MatchingConstraint.objects.filter(programme=programme_form.programme):
        link = Link(str(item.mentor_id), str(item.mentee_id))
        if link.mentor not in data.mentor_entries or link.mentee not in data.mentee_entries:
            continue  # the mentor or mentee is no longer available: the constraint does not apply
        if link in forbidden:
            continue  # a lock of a person with herself is void; the self-ban already stands
        (locked if item.kind == ConstraintKind.LOCK else forbidden).append(link)
    return locked, forbidden


def _evaluation_for_lock(data: MatchingInput, link: Link) -> Evaluation:
    mentee = next(p for p in data.mentees if p.id == link.mentee)
    mentor = next(p for p in data.mentors if p.id == link.mentor)
    found = evaluate(mentee, mentor, data.weights, data.rules, data.labels)
    locked = Reason("locked", "Пару закрепил куратор", 0.0)
    return Evaluation(found.mentor, found.mentee, found.eligible, found.score, (locked, *found.reasons))


def _unmatched(data: MatchingInput, scored: Any, result: Any) -> list[dict[str, Any]]:
    load = Counter(pair.mentor for pair in result.pairs)
    capacities = {p.id: p.capacity for p in data.mentors}
    by_mentee = scored.by_mentee()
    rows = []
    for mentee_id in result.unmatched:
        reason = scored.no_eligible.get(mentee_id) or explain_unmatched(
            mentee_id, by_mentee.get(mentee_id, []), load, capacities
        )
        rows.append({"mentee": int(mentee_id), "reason": reason.text})
    return rows


@transaction.atomic
def run_questionnaire(
    programme_form: ProgrammeFormat, policy: str, user: AbstractBaseUser | AnonymousUser
) -> MatchingRun:
    """Propose pairs for all waiting mentees of a form; earlier unconfirmed proposals are replaced."""
    started = time.perf_counter()
    data = build_input(programme_form)
    scored = build_edges(
        data.mentees, data.mentors, data.weights, data.rules, data.labels, max_candidates_per_mentee=MAX_CANDIDATES
    )
    locked, forbidden = _constraints(programme_form, data)
    try:
        result = solve_optimal(
            [Mentor(p.id, p.capacity) for p in data.mentors],
            [p.id for p in data.mentees],
            scored.edges(),
            locked,
            forbidden,
            policy="max_score" if policy == Policy.MAX_SCORE else "max_matched",
        )
    except MatchingError as error:
        raise MatchingRefused(f"Подбор невозможен: {error}") from error
    services.discard_proposals(programme_form.programme_id, programme_form.pk, Scheme.QUESTIONNAIRE)
    run = MatchingRun.objects.create(
        programme=programme_form.programme,
        programme_form=programme_form,
        scheme=Scheme.QUESTIONNAIRE,
        policy=policy,
        settings_snapshot={"weights": asdict(data.weights), "rules": asdict(data.rules)},
        created_by=user if user.is_authenticated else None,  # type: ignore[misc]
    )
    _store_proposals(run, data, scored, result, {(link.mentor, link.mentee) for link in locked}, user)
    run.summary = {
        "matched": len(result.pairs),
        "waiting": len(data.mentees),
        "mentors": len(data.mentors),
        "total_score": round(result.total_score, 2),
        "unmatched": _unmatched(data, scored, result),
        "seconds": round(time.perf_counter() - started, 3),
    }
    run.save(update_fields=["summary"])
    return run


def _store_proposals(
    run: MatchingRun,
    data: MatchingInput,
    scored: Any,
    result: Any,
    locked: set[tuple[str, str]],
    user: AbstractBaseUser | AnonymousUser,
) -> None:
    evaluations = {(e.mentor, e.mentee): e for e in scored.evaluations}
    by_mentor: dict[str, list[Evaluation]] = defaultdict(list)
    for pair in result.pairs:
        key = (pair.mentor, pair.mentee)
        found = _evaluation_for_lock(data, Link(*key)) if key in locked else evaluations[key]
        by_mentor[pair.mentor].append(found)
    for mentor_id, chosen in by_mentor.items():
        mentor = data.mentor_entries[mentor_id]
        groups = [chosen] if mentor.takes_group else [[item] for item in chosen]
        for group in groups:
            services.propose(
                mentor,
                [data.mentee_entries[item.mentee] for item in group],
                Scheme.QUESTIONNAIRE,
                user,
                score=sum(item.score for item in group),
                reasons=reasons_json(group[0].reasons) if len(group) == 1 else [],
                per_mentee={int(item.mentee): (item.score, reasons_json(item.reasons)) for item in group},
                run=run,
            )
