"""Load mix for the production stack (deploy/run-prod) on a region-sized database.

Run by bench/load/run.py (one headless locust run per user count); var/load/plan.json comes from
bench/load/prepare.py. Request names are page kinds, so the figures group by kind:

- students on phones: answer a survey by a personal link (no account), rate a meeting in the
  diary (the demo mentee), open their cabinet;
- curators: browse people, the mentee base and the pairs board, open the matching page for a
  waiting mentee (mentors ranked by score) and now and then confirm the best mentor;
- coordinators (district and region): open the dashboards and start an indicator report
  (made by the huey worker);
- arrivals: people logging in with their password during the day (Argon2id, the costliest request
  of the product), one login every 20–40 s per arrival user;
- the floor: /healthz, a trivial view, in the same run.

Students, curators and coordinators start in sessions signed in earlier (prepare.py makes them;
a session lasts 8 hours, so most of a day's requests come from such sessions), the way a working
day looks; without prepared sessions each of them logs in first, which turns the start of every
run into a wave of password hashes (the figures of the first series in README.md).
"""

from __future__ import annotations

import json
import os
import random
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

LOAD_DIR = Path(os.environ.get("NASTAVNIK_VAR", "var")) / "load"
PLAN = json.loads((LOAD_DIR / "plan.json").read_text())
# Each personal link takes one answer: a run starts after the links earlier runs handed out.
USED = LOAD_DIR / "tokens-used.txt"
FIRST = int(USED.read_text()) if USED.exists() else 0
TOKENS: deque[str] = deque(PLAN["tokens"][FIRST:])


@events.test_stop.add_listener
def _remember_used_links(**_: Any) -> None:
    USED.write_text(str(len(PLAN["tokens"]) - len(TOKENS)))


WAITING: deque[int] = deque(PLAN["waiting_mentees"])
# Signed-in sessions made by prepare.py, one per simulated user while they last.
SESSIONS: dict[str, deque[str]] = {name: deque(keys) for name, keys in PLAN.get("sessions", {}).items()}
PASSWORD = "nastavnik-demo"
PHONE = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
)


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = dict(attrs).get("name") or ""
        if tag == "textarea" and name.startswith("q_"):
            self.texts.append(name)


def _csrf(user: HttpUser) -> str:
    return str(user.client.cookies.get("csrftoken", ""))


def _login(user: HttpUser, username: str) -> None:
    user.client.get("/accounts/login/", name="вход (форма)")
    user.client.post(
        "/accounts/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(user)},
        name="вход",
    )


def _sign_in(user: HttpUser, username: str) -> None:
    """Take over a session signed in earlier (the day's usual case); log in only when none is left."""
    keys = SESSIONS.get(username)
    if not keys:
        _login(user, username)
        return
    key = keys[0]
    keys.rotate(-1)
    user.client.cookies.set(PLAN["session_cookie"], key)
    # The page a returning user opens first (it sets the CSRF cookie); a session the stack does not
    # accept (signed with another SECRET_KEY) would turn the whole run into login pages: fail loudly.
    with user.client.get("/", name="кабинет (начало)", catch_response=True) as page:
        if "/accounts/login/" in page.url:
            page.failure("подготовленная сессия не принята: prepare.py запущен с другим SECRET_KEY")


class Student(HttpUser):
    weight = 5
    wait_time = between(2, 6)

    def on_start(self) -> None:
        self.client.headers["User-Agent"] = PHONE
        self.logged_in = False

    @task(3)
    def answer_survey(self) -> None:
        if not TOKENS:
            return
        token = TOKENS.popleft()
        url = f"/surveys/a/{token}/"
        form = self.client.get(url, name="ученик: опрос (форма)")
        if "csrfmiddlewaretoken" not in form.text:
            return  # answered already (a link of an earlier, interrupted run) or the page failed
        parser = _Fields()
        parser.feed(form.text)
        fields: dict[str, Any] = {name: "Понравилось обсуждать планы" for name in parser.texts}
        fields["csrfmiddlewaretoken"] = _csrf(self)
        self.client.post(url, fields, name="ученик: опрос (ответ)")

    @task(2)
    def rate_meeting(self) -> None:
        if not PLAN["mentee_meetings"]:
            return
        if not self.logged_in:
            _sign_in(self, "mentee")
            self.logged_in = True
        meeting = random.choice(PLAN["mentee_meetings"])
        url = f"/pairs/diary/{meeting}/rate/"
        self.client.get(url, name="ученик: оценка встречи (форма)")
        data = {"score": random.randint(3, 5), "comment": "", "csrfmiddlewaretoken": _csrf(self)}
        self.client.post(url, data, name="ученик: оценка встречи (ответ)")

    @task(1)
    def cabinet(self) -> None:
        if self.logged_in:
            self.client.get("/", name="ученик: кабинет")


class Curator(HttpUser):
    weight = 3
    wait_time = between(3, 8)

    def on_start(self) -> None:
        _sign_in(self, "curator")

    @task(3)
    def people(self) -> None:
        self.client.get(f"/people/?page={random.randint(1, 5)}", name="куратор: люди")

    @task(2)
    def mentees(self) -> None:
        self.client.get("/bases/mentees/?status=waiting", name="куратор: база наставляемых")

    @task(2)
    def board(self) -> None:
        self.client.get("/pairs/", name="куратор: пары")

    @task(2)
    def matching(self) -> None:
        if not WAITING:
            return
        mentee = WAITING[0]
        WAITING.rotate(-1)
        page = self.client.get(f"/pairs/mentees/{mentee}/appoint/", name="куратор: подбор наставника")
        mentor = re.search(r'name="mentor" value="(\d+)"', page.text)
        if mentor and random.random() < 0.2 and mentee in WAITING:
            WAITING.remove(mentee)  # confirmed once: no other curator appoints her again
            data = {"mentor": mentor.group(1), "csrfmiddlewaretoken": _csrf(self)}
            self.client.post(f"/pairs/mentees/{mentee}/appoint/", data, name="куратор: подтверждение пары")


class Coordinator(HttpUser):
    weight = 1
    wait_time = between(5, 12)

    def on_start(self) -> None:
        self.username = random.choice(["district", "region"])
        self.org = PLAN["district"] if self.username == "district" else PLAN["region"]
        _sign_in(self, self.username)

    @task(4)
    def dashboard(self) -> None:
        self.client.get(f"/monitoring/{self.org}/dashboard/", name="координатор: панель")

    @task(2)
    def people(self) -> None:
        self.client.get("/people/", name="координатор: люди")

    @task(1)
    def report(self) -> None:
        data = {"kind": "indicators_xlsx", "year": str(PLAN["year"]), "csrfmiddlewaretoken": _csrf(self)}
        self.client.post(f"/monitoring/{self.org}/reports/start/", data, name="координатор: заказ отчёта")


class Arrival(HttpUser):
    """People arriving during the day: a login with the password (Argon2id) about every 30 s per user."""

    weight = 1
    wait_time = between(20, 40)

    @task
    def arrive(self) -> None:
        self.client.cookies.clear()
        _login(self, random.choice(["mentee", "curator", "district"]))


class Probe(HttpUser):
    """The floor: a trivial view measured in the same run."""

    weight = 1
    wait_time = between(1, 2)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="пол: /healthz")
