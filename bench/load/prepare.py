"""Prepare a region-sized database for the load run: personal survey links and the ids the users need.

Usage (after `nastavnik migrate` and `nastavnik demo-data --scale region` on that database):
    DATABASE_URL=postgres://…/nastavnik_load .venv/bin/python bench/load/prepare.py [--links 20000]

Writes var/load/plan.json: survey tokens (one answer each, the students' personal links of an open
campaign «Что понравилось, что спросить, что предложить» in the region's schools), the demo
school's waiting mentees (the curator's matching), the meetings the demo mentee rates, and the
organisations whose dashboards and reports the coordinators open, and signed-in sessions of the
accounts the users play (a working day's requests come from sessions opened earlier: a session lasts
8 hours; the mix's own logins arrive at a steady rate, see locustfile.py). Running it again adds a
new campaign with fresh links and new sessions, and dissolves the pairs the last runs confirmed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import secrets
import sys
import time
from importlib import import_module
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")
# Sessions are signed with the stack's key: the one deploy/run-prod keeps in NASTAVNIK_VAR.
_KEY_FILE = Path(os.environ.get("NASTAVNIK_VAR", "var")) / "secret_key"
if not os.environ.get("SECRET_KEY") and _KEY_FILE.exists():
    os.environ["SECRET_KEY"] = _KEY_FILE.read_text().strip()
import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.utils import timezone  # noqa: E402

from nastavnik.bases.models import MenteeEntry, MenteeStatus  # noqa: E402
from nastavnik.common.sessions import REFRESHED_AT  # noqa: E402
from nastavnik.diary.models import PairMeeting  # noqa: E402
from nastavnik.orgs.models import Membership, Organisation, OrganisationKind, Role  # noqa: E402
from nastavnik.pairs.lifecycle import dissolve  # noqa: E402
from nastavnik.pairs.models import Pair, PairStatus  # noqa: E402
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation  # noqa: E402

PLAN = Path(os.environ.get("NASTAVNIK_VAR", "var")) / "load" / "plan.json"


def survey_links(count: int) -> list[str]:
    version = InstrumentVersion.objects.filter(instrument__code="liked-ask-suggest").latest("pk")
    today = timezone.localdate()
    owner = User.objects.get(username="region")
    tokens: list[str] = []
    schools = Organisation.objects.filter(kind=OrganisationKind.SCHOOL).order_by("pk")
    for school in schools:
        if len(tokens) >= count:
            break
        students = list(
            Membership.objects.filter(organisation=school, role=Role.STUDENT)
            .values_list("person_id", flat=True)
            .distinct()[: count - len(tokens)]
        )
        if not students:
            continue
        campaign = Campaign.objects.create(
            organisation=school,
            version=version,
            title="Что понравилось, что спросить, что предложить (нагрузочный замер)",
            opens_on=today - datetime.timedelta(days=1),
            closes_on=today + datetime.timedelta(days=60),
            created_by=owner,
        )
        links = [Invitation(campaign=campaign, person_id=pk, token=secrets.token_urlsafe(24)) for pk in students]
        Invitation.objects.bulk_create(links, batch_size=2000)
        tokens += [link.token for link in links]
    return tokens


def sessions(username: str, count: int) -> list[str]:
    """Session keys of `username` signed in as a login would leave them (what the browser's cookie holds)."""
    user = User.objects.get(username=username)
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for _ in range(count):
        store = store_class()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[REFRESHED_AT] = int(time.time())
        store.save(must_create=True)
        keys.append(str(store.session_key))
    return keys


def release_confirmed() -> int:
    """Dissolve the pairs the curators of the last runs confirmed (the waiting mentees of the last plan),
    so their mentees wait again and their mentors have free seats: without it the demo school's mentors
    are full after a few runs and the mix confirms nothing (no staff change during the run)."""
    if not PLAN.exists():
        return 0
    mentees = json.loads(PLAN.read_text()).get("waiting_mentees", [])
    confirmed = Pair.objects.filter(status=PairStatus.CONFIRMED, members__mentee_id__in=mentees).distinct()
    curator = User.objects.get(username="curator")
    for pair in confirmed:
        dissolve(pair, "нагрузочный прогон: пара подтверждена ботом", curator)
    return len(confirmed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--links", type=int, default=20000)
    parser.add_argument("--sessions", type=int, default=200, help="signed-in sessions per account played")
    args = parser.parse_args()
    released = release_confirmed()
    school = Organisation.objects.get(slug="priozersk-school-1")
    district = Organisation.objects.get(slug="zarechny-rayon")
    region = Organisation.objects.get(kind=OrganisationKind.REGION, parent=None, slug="priozernaya-oblast")
    waiting = MenteeEntry.objects.filter(programme__organisation=school, status=MenteeStatus.WAITING)
    mentee_user = User.objects.get(username="mentee")
    meetings = PairMeeting.objects.filter(pair__members__mentee__person__user=mentee_user).order_by("pk")
    plan = {
        "tokens": survey_links(args.links),
        "waiting_mentees": list(waiting.values_list("pk", flat=True)[:200]),
        "mentee_meetings": list(meetings.values_list("pk", flat=True).distinct()[:20]),
        "school": school.pk,
        "district": district.pk,
        "region": region.pk,
        "sessions": {name: sessions(name, args.sessions) for name in ("mentee", "curator", "district", "region")},
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "year": timezone.localdate().year if timezone.localdate().month >= 9 else timezone.localdate().year - 1,
    }
    PLAN.parent.mkdir(parents=True, exist_ok=True)
    PLAN.write_text(json.dumps(plan))
    (PLAN.parent / "tokens-used.txt").unlink(missing_ok=True)  # the links are new: locust starts at the first
    print(
        f"{PLAN}: {len(plan['tokens'])} survey links, {len(plan['waiting_mentees'])} waiting mentees, "
        f"{len(plan['mentee_meetings'])} meetings to rate ({released} pairs of the last runs dissolved)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
