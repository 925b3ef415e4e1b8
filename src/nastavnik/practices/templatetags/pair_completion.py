"""`{% pair_completion pair as card %}`: what the completion card of a pair's page shows."""

from __future__ import annotations

from typing import Any

from django import template

from nastavnik.access.rules import access_for
from nastavnik.pairs import completion
from nastavnik.pairs.models import Decision, PairStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def pair_completion(context: template.Context, pair: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    access = access_for(user)
    organisation = pair.programme.organisation
    side = completion.side_of(pair, access.person_id)
    staff = access.can_read_org(organisation)
    data = completion.summary_context(pair)
    evaluations = data["evaluations"]
    if not staff:
        # A participant sees their own mark only: the other side's comment stays with the curator.
        evaluations = [e for e in evaluations if e.author_id == access.person_id]
    awards = [a for a in data["awards"] if staff or a.person_id == access.person_id]
    members = [
        {
            "member": m,
            "outcomes": completion.outcome_labels(m.outcomes or []),
            "became_mentor": m.mentee.person_id in data["new_mentor_ids"],
        }
        for m in pair.members.all()
    ]
    own = next((e for e in data["evaluations"] if e.author_id == access.person_id), None)
    return {
        "members": members,
        "is_active": pair.status == PairStatus.ACTIVE,
        "is_completed": pair.status == PairStatus.COMPLETED,
        "decision": Decision(pair.decision).label if pair.decision else "",
        "can_complete": pair.status == PairStatus.ACTIVE and access.can_manage_org(organisation),
        "can_fill_results": pair.status == PairStatus.ACTIVE and side == "mentor",
        "side": side,
        "can_evaluate": side is not None and completion.evaluation_open(pair),
        "own_evaluation": own,
        "evaluation_deadline": completion.evaluation_deadline(pair),
        "evaluations": evaluations,
        "staff": staff,
        "awards": awards,
        "can_award": pair.status == PairStatus.COMPLETED and access.can_decide_in(organisation),
        "practices": data["practices"] if staff else [],
        "can_add_practice": pair.status == PairStatus.COMPLETED and access.can_manage_org(organisation),
        "has_results": any(m.outcomes or m.result_note or m.satisfaction for m in pair.members.all()),
    }
