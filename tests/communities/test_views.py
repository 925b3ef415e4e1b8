"""Pages of communities, the reserve and the lab, driven as their users drive them."""

from __future__ import annotations

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.communities.models import Attendance, LabPair, LabParticipant, Material, SelfCheck
from nastavnik.surveys import engine
from nastavnik.surveys.models import Invitation
from nastavnik.surveys.services import store_response
from tests.communities.conftest import Centre
from tests.conftest import World


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def test_registration_below_five_is_refused_on_the_page_with_the_count(world: World, centre: Centre) -> None:
    url = reverse("communities:register", kwargs={"pk": centre.community.pk})
    response = world.client_for("mentor").post(url)
    assert response.status_code == 400
    assert "сейчас 2 участника, не хватает 3" in _text(response)
    centre.community.refresh_from_db()
    assert centre.community.registered_on is None


def test_the_leaderboard_ranks_members_by_their_contribution(world: World, centre: Centre) -> None:
    event = centre.community.events.create(title="Семинар", held_on=datetime.date(2026, 11, 5))
    Attendance.objects.create(event=event, person=world.people["teacher"])
    Material.objects.create(community=centre.community, title="Памятка", author=world.people["teacher"])
    response = world.client_for("district").get(reverse("communities:detail", kwargs={"pk": centre.community.pk}))
    assert response.status_code == 200
    standings = response.context["standings"]
    assert standings[0].name == world.people["teacher"].full_name
    assert standings[0].points > standings[1].points
    assert "Как начисляются баллы" in _text(response)


def test_self_check_started_on_the_page_and_its_result_shown(world: World, centre: Centre) -> None:
    client = world.client_for("mentor")  # the community's leader
    response = client.post(reverse("communities:self_check", kwargs={"pk": centre.community.pk}))
    assert response.status_code == 302
    check = SelfCheck.objects.get(community=centre.community)
    invitation = Invitation.objects.get(campaign=check.campaign, person=world.people["teacher"])
    answers = dict.fromkeys(("goals", "tasks", "newcomers", "materials", "benefit", "rhythm"), 4)
    store_response(invitation, engine.check(check.campaign.version.definition, answers))
    page = _text(client.get(reverse("communities:detail", kwargs={"pk": centre.community.pk})))
    assert "ответили 1 из 2" in page
    assert "средняя «Актуальность сообщества» 24,0 из 30" in page


def test_the_lab_flow_survey_collect_map_and_pairs_through_the_pages(world: World, centre: Centre) -> None:
    client = world.client_for("district")
    lab_url = reverse("communities:lab", kwargs={"pk": centre.lab.pk})
    assert client.post(reverse("communities:lab_survey", kwargs={"pk": centre.lab.pk})).status_code == 302
    centre.lab.refresh_from_db()
    campaign = centre.lab.campaign
    assert campaign is not None
    first, second, third, _ = centre.educators
    for person, answers in (
        (first, {"role": "mentor", "topic": "speech"}),
        (second, {"role": "mentee", "topic": "speech"}),
        (third, {"role": "mentee", "topic": "speech"}),
    ):
        invitation = Invitation.objects.get(campaign=campaign, person=person)
        store_response(invitation, engine.check(campaign.version.definition, answers))
    response = client.post(reverse("communities:lab_collect", kwargs={"pk": centre.lab.pk}), follow=True)
    assert "новых строк: 3" in _text(response)
    page = _text(client.get(lab_url))
    assert "Речевое развитие дошкольников" in page
    assert "ответили 3 из 4" in page

    mentor = LabParticipant.objects.get(person=first)
    same = LabParticipant.objects.get(person=second)
    other = LabParticipant.objects.get(person=third)
    pair_url = reverse("communities:lab_pair_add", kwargs={"pk": centre.lab.pk})
    refused = client.post(pair_url, {"mentor": mentor.pk, "mentee": same.pk, "form": "consultation"})
    assert refused.status_code == 400
    assert "из одного учреждения" in _text(refused)
    assert not LabPair.objects.exists()
    made = client.post(pair_url, {"mentor": mentor.pk, "mentee": other.pk, "form": "practicum"})
    assert made.status_code == 302
    pair = LabPair.objects.get()
    page = _text(client.get(reverse("communities:lab_pair", kwargs={"pk": pair.pk})))
    assert pair.steps.first().text in page  # type: ignore[union-attr]
    # Another district's coordinator learns nothing of the lab.
    assert world.client_for("other_district").get(lab_url).status_code == 404


def test_reserve_export_downloads_an_xlsx_with_the_candidate(world: World, centre: Centre) -> None:
    url = reverse("communities:reserve_export", kwargs={"pk": centre.cycle.pk})
    response = world.client_for("district").get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ФИО"
    assert rows[1][0] == world.people["teacher"].full_name
    assert world.client_for("other_district").get(url).status_code == 404


def test_the_candidate_reads_his_own_record_and_cannot_change_it(world: World, centre: Centre) -> None:
    client = world.client_for("teacher")
    url = reverse("communities:reserve_entry", kwargs={"pk": centre.entry.pk})
    mine = client.get(reverse("communities:my_reserve"))
    assert mine.status_code == 200
    assert url in _text(mine)
    assert client.get(url).status_code == 200
    assert client.post(url, {"position": "директор", "status": "member"}).status_code == 403
    centre.entry.refresh_from_db()
    assert centre.entry.position == "заместитель директора"
