"""The preschool lab: the express survey, its answers turned into the mentor map, cross-institution pairs."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from nastavnik.communities.forms import territory_of
from nastavnik.communities.models import LabPair, LabParticipant, LabRole, LabStep, LabSurvey, StepSide
from nastavnik.orgs.models import Membership, Organisation, OrganisationKind, Role
from nastavnik.people.models import Person
from nastavnik.surveys import services as surveys
from nastavnik.surveys.models import Instrument, Response

SURVEY_CODE = "preschool-express-survey"
SURVEY_DAYS = 21
STEPS_FILE = Path(__file__).resolve().parent / "data" / "lab_steps.yaml"


class LabRefused(Exception):
    pass


def kindergarten_teachers(lab: LabSurvey) -> Any:
    territory = territory_of(lab.organisation)
    members = Membership.objects.filter(
        organisation__path__startswith=territory.path,
        organisation__kind=OrganisationKind.KINDERGARTEN,
        role=Role.TEACHER,
        is_active=True,
    )
    return Person.objects.filter(pk__in=members.values("person_id"))


@transaction.atomic
def start_survey(lab: LabSurvey, user: AbstractBaseUser | AnonymousUser, day: datetime.date) -> int:
    """Sends the express survey to the teachers of the territory's kindergartens; returns how many."""
    if lab.campaign_id:
        raise LabRefused("Экспресс-опрос этого года уже проведён.")
    instrument = Instrument.objects.filter(code=SURVEY_CODE).first()
    version = instrument.current if instrument else None
    if version is None:
        raise LabRefused("Анкета экспресс-опроса не загружена: обратитесь к администратору.")
    fields = {
        "organisation": lab.organisation,
        "version": version,
        "title": f"Экспресс-опрос ДОУ, {lab.academic_year}",
        "opens_on": day,
        "closes_on": day + datetime.timedelta(days=SURVEY_DAYS),
    }
    campaign, plan = surveys.create_campaign(fields, kindergarten_teachers(lab), user)
    lab.campaign = campaign
    lab.save(update_fields=["campaign"])
    return len(plan.invited)


def _topic(definition: dict[str, Any], value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("other", "")).strip()[:200]
    for section in definition.get("sections", []):
        for question in section.get("questions", []):
            if question.get("id") == "topic":
                labels = {o["value"]: o["label"] for o in question.get("options", [])}
                return str(labels.get(value, value))
    return str(value)


def _workplace(person: Person) -> Organisation | None:
    member = (
        Membership.objects.filter(person=person, is_active=True, organisation__kind=OrganisationKind.KINDERGARTEN)
        .select_related("organisation")
        .first()
    )
    return member.organisation if member else person.organisation


@transaction.atomic
def collect(lab: LabSurvey) -> int:
    """Turns the survey's answers into map rows (repeatable: the same answer never adds a second row)."""
    if lab.campaign is None:
        raise LabRefused("Сначала проведите экспресс-опрос.")
    added = 0
    responses = Response.objects.filter(campaign=lab.campaign, refused=False, person__isnull=False)
    for response in responses.select_related("person", "version"):
        role = response.answers.get("role")
        roles = {"mentor": [LabRole.MENTOR], "mentee": [LabRole.MENTEE], "both": [LabRole.MENTOR, LabRole.MENTEE]}
        topic = _topic(response.version.definition, response.answers.get("topic"))
        org = _workplace(response.person) if response.person else None
        if not topic or org is None:
            continue
        for r in roles.get(str(role), []):
            _, created = LabParticipant.objects.get_or_create(
                lab=lab, person=response.person, role=r, topic=topic, defaults={"organisation": org}
            )
            added += int(created)
    return added


@dataclass
class MapRow:
    topic: str
    cells: dict[int, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: {"mentor": 0, "mentee": 0}))
    mentors: int = 0
    mentees: int = 0


def mentor_map(lab: LabSurvey) -> tuple[list[Organisation], list[MapRow]]:
    """The district mentor map: competence topic × institution, with mentors and mentees counted."""
    rows: dict[str, MapRow] = {}
    orgs: dict[int, Organisation] = {}
    for p in lab.participants.select_related("organisation"):
        row = rows.setdefault(p.topic, MapRow(p.topic))
        orgs[p.organisation_id] = p.organisation
        row.cells[p.organisation_id][p.role] += 1
        if p.role == LabRole.MENTOR:
            row.mentors += 1
        else:
            row.mentees += 1
    columns = sorted(orgs.values(), key=lambda o: o.short_name)
    return columns, [rows[t] for t in sorted(rows)]


def default_steps() -> dict[str, list[str]]:
    with STEPS_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {StepSide.MENTOR: list(data["mentor"]), StepSide.MENTEE: list(data["mentee"])}


@transaction.atomic
def make_pair(lab: LabSurvey, mentor: LabParticipant, mentee: LabParticipant, form: str) -> LabPair:
    """A cross-institution pair with both step checklists (the mentor's and the mentee's algorithms)."""
    if mentor.role != LabRole.MENTOR or mentee.role != LabRole.MENTEE:
        raise LabRefused("Выберите наставника из наставников и ученика из учеников.")
    if mentor.organisation_id == mentee.organisation_id:
        raise LabRefused("Наставник и ученик из одного учреждения: лаборатория соединяет педагогов разных учреждений.")
    if mentor.person_id == mentee.person_id:
        raise LabRefused("Педагог не может быть наставником самому себе.")
    if LabPair.objects.filter(mentor=mentor, mentee=mentee).exists():
        raise LabRefused("Такая пара уже есть.")
    pair = LabPair.objects.create(lab=lab, mentor=mentor, mentee=mentee, form=form)
    LabStep.objects.bulk_create(
        [
            LabStep(pair=pair, side=side, order=i, text=text)
            for side, texts in default_steps().items()
            for i, text in enumerate(texts, start=1)
        ]
    )
    return pair
