"""Shapes of the API's answers and of the query filters shared by the list endpoints."""

from __future__ import annotations

import datetime
from typing import Generic, TypeVar

from ninja import Field, Schema

T = TypeVar("T")
# Ids fit the 32-bit integer column of PostgreSQL; anything above is refused as input (422), not a 500.
MAX_ID = 2_147_483_647
YEAR_PATTERN = r"^\d{4}(/\d{4})?$"


class Message(Schema):
    detail: str


class Paging(Schema):
    page: int = Field(1, ge=1, le=100_000, description="номер страницы, с 1")
    page_size: int = Field(25, ge=1, le=100, description="записей на странице, до 100")


class Filters(Paging):
    organisation: int | None = Field(None, ge=1, le=MAX_ID, description="id организации")
    programme: int | None = Field(None, ge=1, le=MAX_ID, description="id программы")
    year: str | None = Field(None, pattern=YEAR_PATTERN, description="учебный год: 2026/2027 или 2026")


class Page(Schema, Generic[T]):
    count: int
    page: int
    page_size: int
    results: list[T]


class Ref(Schema):
    id: int
    name: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    kind: str
    parent_id: int | None


class MembershipOut(Schema):
    organisation_id: int
    role: str
    grade: int | None
    class_letter: str


class PersonOut(Schema):
    id: int
    last_name: str
    first_name: str
    middle_name: str
    organisation_id: int | None
    memberships: list[MembershipOut]
    # Contacts and the birth date: only for the staff who manage the person, the person and their parents.
    birth_date: datetime.date | None = None
    email: str | None = None
    phone: str | None = None


class EntryOut(Schema):
    id: int
    person: Ref
    programme_id: int
    organisation_id: int
    academic_year: str
    programme_form_id: int | None


class MentorEntryOut(EntryOut):
    contour: str
    admission: str
    capacity: int
    load: int
    status_level: str


class MenteeEntryOut(EntryOut):
    status: str
    activity: str
    referred_by: str
    problems: list[int]
    # The request's own words: the organisation's staff and the mentee only.
    area: str | None = None
    goal: str | None = None
    desired_result: str | None = None


class PairOut(Schema):
    id: int
    programme_id: int
    organisation_id: int
    academic_year: str
    status: str
    scheme: str
    is_group: bool
    mentor: Ref
    mentees: list[Ref]
    confirmed_at: datetime.datetime | None
    started_on: datetime.date | None
    planned_end_on: datetime.date | None


class MeetingOut(Schema):
    id: int
    pair_id: int
    held_on: datetime.date
    kind: str
    topic: str
    duration_minutes: int
    format: str
    notes: str
    ratings_count: int
    average_rating: float | None


class RatingOut(Schema):
    meeting_id: int
    score: int
    comment: str


class QuestionResult(Schema):
    id: str
    text: str
    type: str
    answered: int
    counts: list[tuple[str, int]]


class ScaleResult(Schema):
    slug: str
    name: str
    mean: float
    bands: list[tuple[str, int]]


class CampaignOut(Schema):
    id: int
    title: str
    organisation_id: int
    programme_id: int | None
    instrument: str
    anonymous: bool
    status: str
    opens_on: datetime.date
    closes_on: datetime.date
    invited: int
    answered: int


class CampaignResults(Schema):
    campaign: CampaignOut
    responses: int
    refused: int
    questions: list[QuestionResult]
    scales: list[ScaleResult]


class IndicatorOut(Schema):
    code: str
    name: str
    value: int | None
    source: str


class IndicatorsOut(Schema):
    organisation_id: int
    academic_year: str
    as_of: datetime.date
    organisations: int
    indicators: list[IndicatorOut]


class MeetingIn(Schema):
    held_on: datetime.date
    kind: str = "regular"
    topic: str = Field(..., max_length=300)
    duration_minutes: int = Field(45, ge=1, le=10_000)
    format: str = "offline"
    notes: str = Field("", max_length=20_000)


class RatingIn(Schema):
    score: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=2000)


class MenteeRequestIn(Schema):
    programme: int = Field(..., ge=1, le=MAX_ID)
    programme_form: int | None = Field(None, ge=1, le=MAX_ID)
    problems: list[int] = Field(..., min_length=1, max_length=50)
    area: str = Field("", max_length=200)
    goal: str = Field(..., max_length=5000)
    desired_result: str = Field("", max_length=5000)
    preferred_format: str = "offline"
    preferred_time: str = Field("", max_length=200)
    interests: str = Field("", max_length=300)
