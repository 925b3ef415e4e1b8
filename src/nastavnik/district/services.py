"""Operations of the district pages, each in one transaction.

* cross-organisation matching in a district programme: the questionnaire engine of the
  pairs app, with «only mentors of the same organisation» switched off;
* «Школа – Школе»: profiles → the pure engine → proposed pairs → confirmation.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from nastavnik.district.models import PairingStatus, SchoolPairing, SchoolProfile, SchoolRole
from nastavnik.district.scope import DISTRICT_PROGRAMME_KINDS
from nastavnik.engines.matching.school_pairs import (
    School,
    SchoolPairingResult,
    SchoolRules,
    evaluate_schools,
    pair_schools,
    why_alone,
)
from nastavnik.matching.models import MatchingRun, MatchingSettings, Policy
from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind, subtree_q
from nastavnik.pairs.matching import run_questionnaire
from nastavnik.programmes.models import ProgrammeFormat


class DistrictError(Exception):
    """An operation refused; the message is Russian."""


# -- cross-organisation matching in a district programme ---------------------------------


def is_district_programme(programme_form: ProgrammeFormat) -> bool:
    return programme_form.programme.organisation.kind in DISTRICT_PROGRAMME_KINDS


@transaction.atomic
def run_cross_organisation(
    programme_form: ProgrammeFormat, user: AbstractBaseUser | AnonymousUser, policy: str = Policy.MAX_MATCHED
) -> MatchingRun:
    """Questionnaire matching of a district programme across its schools.

    The entries of a district programme are people of any school of the district, so the
    rule «only mentors of the same organisation» is switched off before the run (the
    curator sees and may change it on the questionnaire page).
    """
    if not is_district_programme(programme_form):
        raise DistrictError("Подбор между школами выполняется в программе района или методического центра.")
    settings, _ = MatchingSettings.objects.get_or_create(programme_form=programme_form)
    if settings.same_organisation_only:
        settings.same_organisation_only = False
        settings.save(update_fields=["same_organisation_only"])
    return run_questionnaire(programme_form, policy, user)


# -- «Школа – Школе» ---------------------------------------------------------------------


def profiles_in(territory: Organisation, year: AcademicYear) -> QuerySet[SchoolProfile]:
    return SchoolProfile.objects.filter(
        subtree_q("organisation__path", territory.path), academic_year=year
    ).select_related("organisation")


def pairings_in(territory: Organisation, year: AcademicYear) -> QuerySet[SchoolPairing]:
    return SchoolPairing.objects.filter(
        subtree_q("leader__path", territory.path), subtree_q("supported__path", territory.path), academic_year=year
    )


def _district_of(org: Organisation, districts: list[Organisation]) -> str:
    found = next((d for d in districts if org.path.startswith(d.path)), None)
    return str(found.pk) if found else ""


def _districts(territory: Organisation) -> list[Organisation]:
    ids = [int(part) for part in territory.path.strip("/").split("/") if part]
    qs = Organisation.objects.filter(Q(pk__in=ids) | subtree_q("path", territory.path), kind=OrganisationKind.DISTRICT)
    return list(qs.only("path"))


def _school(profile: SchoolProfile, districts: list[Organisation], capacity: int = 1) -> School:
    return School(
        id=str(profile.organisation_id),
        results_index=float(profile.results_index),
        students_count=profile.students_count,
        is_rural=profile.is_rural,
        district=_district_of(profile.organisation, districts),
        capacity=capacity,
    )


def _participants(territory: Organisation, year: AcademicYear) -> tuple[list[School], list[School]]:
    """Leaders with their remaining capacity and supported schools still without a confirmed pair."""
    confirmed = SchoolPairing.objects.filter(academic_year=year, status=PairingStatus.CONFIRMED)
    used = dict(
        confirmed.filter(subtree_q("leader__path", territory.path))
        .order_by()
        .values("leader_id")
        .annotate(n=Count("id"))
        .values_list("leader_id", "n")
    )
    settled = set(confirmed.filter(subtree_q("supported__path", territory.path)).values_list("supported_id", flat=True))
    districts = _districts(territory)
    leaders, supported = [], []
    for profile in profiles_in(territory, year):
        if profile.role == SchoolRole.LEADER:
            left = profile.capacity - used.get(profile.organisation_id, 0)
            if left > 0:
                leaders.append(_school(profile, districts, left))
        elif profile.role == SchoolRole.SUPPORTED and profile.organisation_id not in settled:
            supported.append(_school(profile, districts))
    return leaders, supported


def preview_school_pairs(territory: Organisation, year: AcademicYear, rules: SchoolRules) -> SchoolPairingResult:
    leaders, supported = _participants(territory, year)
    return pair_schools(leaders, supported, rules)


def unpaired(territory: Organisation, year: AcademicYear, rules: SchoolRules) -> list[tuple[Organisation, str]]:
    """Supported schools of the territory with no pair this year, and why."""
    paired = set(
        SchoolPairing.objects.filter(subtree_q("supported__path", territory.path), academic_year=year).values_list(
            "supported_id", flat=True
        )
    )
    profiles = list(profiles_in(territory, year))
    districts = _districts(territory)
    leaders = [_school(p, districts) for p in profiles if p.role == SchoolRole.LEADER]
    alone = []
    for profile in profiles:
        if profile.role == SchoolRole.SUPPORTED and profile.organisation_id not in paired:
            school = _school(profile, districts)
            evaluations = [evaluate_schools(leader, school, rules) for leader in leaders]
            alone.append((profile.organisation, why_alone(evaluations, rules)))
    return alone


def _reasons_json(reasons: Any) -> list[dict[str, Any]]:
    return [asdict(reason) for reason in reasons]


@transaction.atomic
def run_school_pairing(
    territory: Organisation, year: AcademicYear, rules: SchoolRules, user: AbstractBaseUser | AnonymousUser
) -> SchoolPairingResult:
    """Replace the unconfirmed proposals of the territory with the optimal pairing."""
    result = preview_school_pairs(territory, year, rules)
    # Every earlier proposal for a school of the territory goes, even one made from a wider
    # territory: a supported school has one leader a year (see the unique constraint).
    SchoolPairing.objects.filter(
        subtree_q("supported__path", territory.path), academic_year=year, status=PairingStatus.PROPOSED
    ).delete()
    creator = user if user.is_authenticated else None
    SchoolPairing.objects.bulk_create(
        SchoolPairing(
            academic_year=year,
            leader_id=int(pair.leader),
            supported_id=int(pair.supported),
            score=pair.score,
            reasons=_reasons_json(pair.reasons),
            min_gap=Decimal(str(rules.min_gap)),
            created_by=creator,  # type: ignore[misc]
        )
        for pair in result.pairs
    )
    return result


@transaction.atomic
def confirm_school_pairing(pairing: SchoolPairing, user: AbstractBaseUser | AnonymousUser) -> SchoolPairing:
    """Confirm a proposal unless the leader already supports as many schools as it can."""
    pairing = SchoolPairing.objects.select_for_update().get(pk=pairing.pk)
    if pairing.status == PairingStatus.CONFIRMED:
        return pairing
    leader = (
        SchoolProfile.objects.select_for_update()
        .filter(organisation_id=pairing.leader_id, academic_year_id=pairing.academic_year_id)
        .first()
    )
    if leader is None or leader.role != SchoolRole.LEADER:
        raise DistrictError(f"{pairing.leader} больше не отмечена как школа-лидер: запустите подбор ещё раз.")
    taken = SchoolPairing.objects.filter(
        leader_id=pairing.leader_id, academic_year_id=pairing.academic_year_id, status=PairingStatus.CONFIRMED
    ).count()
    if taken >= leader.capacity:
        raise DistrictError(f"{pairing.leader} уже поддерживает столько школ, сколько может ({leader.capacity}).")
    pairing.status = PairingStatus.CONFIRMED
    pairing.confirmed_at = timezone.now()
    pairing.confirmed_by = user if user.is_authenticated else None  # type: ignore[assignment]
    pairing.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    return pairing


@transaction.atomic
def save_profile(profile: SchoolProfile, user: AbstractBaseUser | AnonymousUser) -> SchoolProfile:
    profile.updated_by = user if user.is_authenticated else None  # type: ignore[assignment]
    profile.save()
    return profile
