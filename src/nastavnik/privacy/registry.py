"""Every model that names a person, and how to reach the person from it.

Export walks this registry; erasure and withdrawal use it to find what to clear. A model with a
foreign key to people.Person or to the user account must be listed here (tests/privacy/test_registry.py
fails otherwise): `lookups` lead to the Person's id, `users` are the fields naming the person's account.
A model that names a person only by an e-mail address (the reminders' recipient, the notification topics)
lists that field in `emails`: it matches the person's and the account's address in any case
(tests/privacy/test_topic_choice.py fails for an unregistered model with an e-mail field).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet

from nastavnik.people.models import Person

MENTOR = "pair__mentor__person"
MENTEE = "pair__members__mentee__person"


@dataclass(frozen=True)
class Link:
    model: str
    lookups: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def condition(self, person: Person) -> Q:
        condition = Q(pk__in=[])
        for lookup in self.lookups:
            condition |= Q(**{lookup: person.pk})
        if person.user_id is not None:
            for field in self.users:
                condition |= Q(**{field: person.user_id})
        for address in addresses(person) if self.emails else []:
            for field in self.emails:
                condition |= Q(**{f"{field}__iexact": address})
        return condition

    def rows(self, person: Person) -> QuerySet[Any]:
        return self.model_class._base_manager.filter(self.condition(person)).distinct().order_by("pk")


def addresses(person: Person) -> list[str]:
    """The person's e-mail addresses (the person's own and the account's), trimmed, without duplicates."""
    found = [person.email]
    if person.user_id is not None:
        found += get_user_model()._base_manager.filter(pk=person.user_id).values_list("email", flat=True)
    return sorted({address.strip().lower() for address in found if address and address.strip()})


REGISTRY: tuple[Link, ...] = (
    Link("people.Person", ("pk",), ("user",)),
    Link("people.Consent", ("person", "guardian"), ("recorded_by",)),
    Link("people.SensitiveInfo", ("person",)),
    Link("people.GuardianLink", ("guardian", "child")),
    Link("orgs.Membership", ("person", "class_teacher")),
    Link("programmes.Programme", ("curator",)),
    Link("programmes.ManagementTask", ("responsible",)),
    Link("programmes.RoadmapItem", ("responsible",)),
    Link("programmes.CalendarFeed", ("person",)),
    Link("bases.MentorEntry", ("person",), ("created_by", "decided_by")),
    Link("bases.MentorAssessment", ("entry__person",), ("assessor",)),
    Link("bases.MenteeEntry", ("person",), ("created_by",)),
    Link("diary.StatusChange", ("person",), ("changed_by",)),
    Link("imports.ImportBatch", (), ("uploaded_by",)),
    Link("pairs.Pair", ("mentor__person", "members__mentee__person"), ("created_by", "confirmed_by")),
    Link("pairs.PairMentee", ("mentee__person", MENTOR)),
    Link("matching.MatchingConstraint", ("mentor__person", "mentee__person"), ("created_by",)),
    Link("matching.MatchingRun", (), ("created_by",)),
    Link("matching.SpeedMeeting", (), ("created_by",)),
    Link("matching.SpeedMeetingMentor", ("mentor__person",)),
    Link("matching.SpeedMeetingMentee", ("mentee__person",)),
    Link("matching.SpeedMeetingChoice", (), ("entered_by",)),
    Link("pairs.PairTransition", (MENTOR, MENTEE), ("by",)),
    Link(
        "pairs.PairOrder", ("pairs__mentor__person", "pairs__members__mentee__person"), ("created_by", "registered_by")
    ),
    Link("diary.PairMeeting", (MENTOR, MENTEE), ("created_by",)),
    Link("diary.MeetingAttachment", ("meeting__" + MENTOR, "meeting__" + MENTEE), ("uploaded_by",)),
    Link("diary.MeetingRating", ("person",)),
    Link("diary.IndividualPlan", ("member__mentee__person", "member__" + MENTOR)),
    Link("diary.PlanTask", ("plan__member__mentee__person", "plan__member__" + MENTOR)),
    Link("diary.PairEvaluation", ("author",)),
    Link("pairs.MentorChangeRequest", ("person",), ("resolved_by",)),
    Link("district.SchoolProfile", (), ("updated_by",)),
    Link("district.SchoolPairing", (), ("created_by", "confirmed_by")),
    Link("communities.Community", ("leader", "curator")),
    Link("communities.Member", ("person",)),
    Link("communities.Material", ("author",)),
    Link("communities.Attendance", ("person",)),
    Link("communities.Training", ("trainer", "trainee")),
    Link("communities.ReserveEntry", ("person",)),
    Link("communities.CompetenceRating", ("entry__person",)),
    Link("communities.LabParticipant", ("person",)),
    Link("communities.LabPair", ("mentor__person", "mentee__person")),
    Link("communities.LabStep", ("pair__mentor__person", "pair__mentee__person")),
    Link("courses.Cohort", ("tutor",)),
    Link("courses.Enrolment", ("person",)),
    Link("courses.Submission", ("enrolment__person",)),
    Link("courses.LogEntry", ("enrolment__person",)),
    Link("courses.RouteItem", ("person",)),
    Link("courses.Deficit", ("person",), ("created_by",)),
    Link("courses.Observation", ("teacher",)),
    Link("courses.ResultUpload", (), ("created_by",)),
    Link("projects.Project", ("leaders",)),
    Link("projects.Activity", ("responsible",)),
    Link("projects.ActivityItem", (), ("done_by",)),
    Link("projects.StatusChange", (), ("changed_by",)),
    Link("projects.LogEntry", (), ("user",)),
    Link("projects.Task", ("assignee",)),
    Link("api.ApiToken", (), ("user",)),
    Link("workshops.Workshop", ("master", "coordinator", "librarian", "director")),
    Link("workshops.WorkshopMember", ("person",)),
    Link("workshops.WorkshopMeeting", ("attendees",)),
    Link("workshops.Enrolment", ("person",)),
    Link("workshops.Shift", ("participants",)),
    Link("workshops.Reading", ("person",)),
    Link("workshops.QuestTeam", ("keeper",)),
    Link("workshops.ConferenceApplication", ("person",)),
    Link("workshops.ConferenceParticipant", ("person",)),
    Link("surveys.Campaign", (), ("created_by",)),
    Link("surveys.Invitation", ("person",)),
    Link("surveys.Response", ("person",)),
    Link("surveys.AnswerImport", (), ("uploaded_by",)),
    Link("documents.DocumentTemplate", (), ("uploaded_by",)),
    Link("diary.Award", ("person",), ("issued_by",)),
    Link("practices.BestPractice", (MENTOR, MENTEE), ("created_by",)),
    Link("practices.RegionalPractice", (), ("proposed_by", "decided_by")),
    Link("monitoring.Snapshot", (), ("created_by",)),
    Link("monitoring.ManualValue", (), ("entered_by",)),
    Link("monitoring.Target", (), ("updated_by",)),
    Link("monitoring.Event", (), ("created_by",)),
    Link("monitoring.ReportJob", (), ("owner",)),
    Link("admin.LogEntry", (), ("user",)),
    Link("privacy.ErasureRecord", ("person_id",)),
    Link("people.SensitiveDataAccess", ("person",), ("user",)),
    Link("reminders.TopicChoice", emails=("email",)),
    Link("reminders.SentReminder", emails=("recipient",)),
)


def link_for(label: str) -> Link | None:
    return next((link for link in REGISTRY if link.model == label), None)
