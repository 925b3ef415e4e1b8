"""Who sees which cohort, pair of schools and school results.

Methodologists are the coordinators (district, region) of the subtree holding the cohort's
organisation, the administrator, and, for a cohort run by a methodological centre, the centre's
administration (its director, curator and working group). The tutor is the cohort's `tutor` person. A trainee reads
only his own enrolment, submissions, logbook and ИОМ. School heads (director, curator, working
group) read the «Школа – Школе» pairs their school is in and their school's results; the
coordinator of another district gets 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from nastavnik.access.rules import Access, require
from nastavnik.courses.models import Cohort, Enrolment
from nastavnik.district.models import PairingStatus, SchoolPairing
from nastavnik.district.scope import coordinates, is_coordinator, pairings_visible
from nastavnik.orgs.models import MANAGING_ROLES, Organisation, OrganisationKind, subtree_q
from nastavnik.people.models import Person


def centres_run(access: Access) -> list[Organisation]:
    """Methodological centres the user administers (director, curator or working group there)."""
    own = access.orgs_with(MANAGING_ROLES)
    if not own:
        return []
    return list(Organisation.objects.filter(pk__in=own, kind=OrganisationKind.METHODOLOGICAL_CENTRE))


def is_methodologist(access: Access) -> bool:
    """May start a cohort: the administrator, a coordinator or a methodological centre's administration."""
    return is_coordinator(access) or bool(centres_run(access))


def manages(access: Access, cohort: Cohort) -> bool:
    org = cohort.organisation
    if coordinates(access, org):
        return True
    return org.kind == OrganisationKind.METHODOLOGICAL_CENTRE and bool(
        access.roles.get(org.pk, set()) & set(MANAGING_ROLES)
    )


def tutors(access: Access, cohort: Cohort) -> bool:
    return manages(access, cohort) or (access.person_id is not None and cohort.tutor_id == access.person_id)


def cohorts_visible(access: Access) -> QuerySet[Cohort]:
    """Cohorts a methodologist coordinates or a tutor leads."""
    qs = Cohort.objects.select_related("organisation", "tutor", "academic_year")
    if access.is_admin:
        return qs
    parts = Q(tutor_id=access.person_id) if access.person_id else Q(pk__in=[])
    for path in access.coordinated_paths:
        parts |= subtree_q("organisation__path", path)
    centres = [centre.pk for centre in centres_run(access)]
    if centres:
        parts |= Q(organisation_id__in=centres)
    return qs.filter(parts)


def cohort_for_staff(access: Access, pk: int) -> Cohort:
    """The cohort for its methodologist or tutor; its own trainee gets 403, anyone else 404."""
    cohort = cohorts_visible(access).filter(pk=pk).first()
    if cohort is not None:
        return cohort
    if access.person_id and Enrolment.objects.filter(cohort_id=pk, person_id=access.person_id).exists():
        require(False, "Страница группы доступна тьютору и методисту")
    raise Http404("Группа не найдена")


def enrolment_for_staff(access: Access, pk: int) -> Enrolment:
    enrolment = Enrolment.objects.select_related("cohort", "cohort__organisation", "person").filter(pk=pk).first()
    if enrolment is None:
        raise Http404("Слушатель не найден")
    if not tutors(access, enrolment.cohort):
        if enrolment.person_id == access.person_id:
            require(False, "Это может сделать тьютор или методист")
        raise Http404("Слушатель не найден")
    return enrolment


def own_enrolment(access: Access, pk: int) -> Enrolment:
    """The trainee's own enrolment (the page he writes to); staff of the cohort get 403, others 404."""
    enrolment = Enrolment.objects.select_related("cohort").filter(pk=pk).first()
    if enrolment is None:
        raise Http404("Слушатель не найден")
    if enrolment.person_id != access.person_id:
        if tutors(access, enrolment.cohort):
            require(False, "Писать может только сам слушатель")
        raise Http404("Слушатель не найден")
    return enrolment


def can_see_route(access: Access, person: Person) -> bool:
    """The person himself, a tutor of his cohort, his organisation's heads and its coordinators."""
    if access.is_admin or person.pk == access.person_id:
        return True
    cohorts = Cohort.objects.filter(enrolments__person=person)
    if access.person_id and cohorts.filter(tutor_id=access.person_id).exists():
        return True
    if any(manages(access, cohort) for cohort in cohorts.select_related("organisation")):
        return True
    orgs = access.person_org_ids(person)
    return bool(orgs & access.orgs_with(MANAGING_ROLES)) or any(
        coordinates(access, org) for org in Organisation.objects.filter(pk__in=orgs)
    )


# -- «Школа – Школе» ---------------------------------------------------------------------------


def school_pairs_visible(access: Access) -> QuerySet[SchoolPairing]:
    """Confirmed pairs: the coordinators' (both schools in their subtree) and the pair's own schools' heads."""
    confirmed = SchoolPairing.objects.filter(status=PairingStatus.CONFIRMED).select_related(
        "leader", "supported", "academic_year"
    )
    if access.is_admin:
        return confirmed
    own = access.orgs_with(MANAGING_ROLES)
    coordinated = pairings_visible(access).values("pk")
    return confirmed.filter(Q(pk__in=coordinated) | Q(leader_id__in=own) | Q(supported_id__in=own))


def pairing_for(access: Access, pk: int) -> SchoolPairing:
    require(access.is_staff_reader, "Раздел «Школа – Школе» доступен методистам и руководителям школ")
    pairing = school_pairs_visible(access).filter(pk=pk).first()
    if pairing is None:
        raise Http404("Пара школ не найдена")
    return pairing


def reads_school(access: Access, school: Organisation) -> bool:
    return access.is_admin or school.pk in access.orgs_with(MANAGING_ROLES) or coordinates(access, school)
