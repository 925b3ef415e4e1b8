"""A methodological centre in the test world's district with a project, its stages and activities."""

from __future__ import annotations

import datetime

from nastavnik.orgs.models import Organisation, OrganisationKind
from nastavnik.projects.models import Activity, Level, NationalDirection, Project, Stage, StageKind, Status
from tests.conftest import World
from tests.factories import OrganisationFactory


def centre(w: World) -> Organisation:
    existing = Organisation.objects.filter(parent=w.district, kind=OrganisationKind.METHODOLOGICAL_CENTRE).first()
    if existing is not None:
        return existing
    return OrganisationFactory(parent=w.district, kind=OrganisationKind.METHODOLOGICAL_CENTRE, short_name="ИМЦ")


def make_project(w: World, name: str = "Школа Лидеров образования", **fields: object) -> Project:
    """A running project of the centre; the world's teacher leads it, the world's school takes part."""
    fields.setdefault("status", Status.RUNNING)
    project = Project.objects.create(
        organisation=centre(w), level=Level.PROJECT, name=name, goal="Цель проекта", **fields
    )
    project.leaders.add(w.people["teacher"])
    project.schools.add(w.school)
    project.directions.add(NationalDirection.objects.get(name="Современная школа"))
    Stage.objects.create(
        project=project,
        kind=StageKind.MAIN,
        name="основной",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2029, 8, 31),
    )
    Activity.objects.create(
        project=project,
        number="2.5",
        title="Профессиональный конкурс «Управленцы будущего»",
        timing_text="ежегодно, октябрь-февраль",
        kind="annual",
        month_from=10,
        month_to=2,
        responsible=w.people["teacher"],
    )
    Activity.objects.create(
        project=project,
        number="2.4",
        title="Сбор и обработка информации на кандидатов в кадровый резерв",
        timing_text="ежегодно, сентябрь-октябрь",
        kind="annual",
        month_from=9,
        month_to=10,
    )
    return project
