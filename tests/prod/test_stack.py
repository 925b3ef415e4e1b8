"""Smoke test of the production stack exactly as `make prod` (deploy/run-prod) starts it.

PostgreSQL (a fresh database on the server of DATABASE_URL), Redis started by the script, four
gunicorn workers on 127.0.0.1, the huey worker, collected static files through whitenoise,
DEBUG=0 and the demo data. Driven over HTTP: login, a list page, a survey answer on a personal
link, a district report made by the worker, and the dashboard cache dropped for every worker by
a change made through another one. Runs only where the stack can run (redis-server installed,
DATABASE_URL of PostgreSQL): the PostgreSQL pass of .ci/run.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from openpyxl import load_workbook

from tests.prod.stack import Browser, Stack, first_match, fresh_database, running_stack, survey_answers

DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None or not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="the production stack needs redis-server and DATABASE_URL of PostgreSQL",
)
# Migrations and the demo data take ~1 min on an idle machine; much longer on a busy one.
START_TIMEOUT = float(os.environ.get("STACK_START_TIMEOUT", "900"))
CACHED = "сохранённый расчёт"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Stack, str]]:
    var = tmp_path_factory.mktemp("stack") / "var"
    name = f"nastavnik_stack_{os.getpid()}"
    with fresh_database(DATABASE_URL, name) as url, running_stack(url, var, START_TIMEOUT) as running:
        yield running, url


def _org_pk(database_url: str, slug: str) -> int:
    with psycopg.connect(database_url) as connection:
        row = connection.execute("SELECT id FROM orgs_organisation WHERE slug = %s", [slug]).fetchone()
    assert row is not None
    return int(row[0])


def test_health_static_files_and_production_mode(stack: tuple[Stack, str]) -> None:
    running, _ = stack
    browser = Browser(running.base)
    health = browser.get("/healthz")
    assert health.status == 200 and health.text == '{"status": "ok", "database": "ok", "cache": "ok", "queue": "ok"}'
    login = browser.get("/accounts/login/")
    stylesheet = first_match(r'href="(/static/[^"]+\.css)"', login.text)
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), "collected (hashed) static files are served"
    assert browser.get(stylesheet).status == 200
    missing = browser.get("/no-such-page/")
    assert missing.status == 404 and "Traceback" not in missing.text and "Страница не найдена" in missing.text


def test_login_and_a_list_page(stack: tuple[Stack, str]) -> None:
    browser = Browser(stack[0].base)
    browser.login("curator")
    people = browser.get("/people/")
    assert people.status == 200 and "Люди" in people.text


def test_a_district_report_is_made_by_the_worker(stack: tuple[Stack, str]) -> None:
    running, url = stack
    browser = Browser(running.base)
    browser.login("district")
    district = _org_pk(url, "zarechny-rayon")
    page = browser.post(f"/monitoring/{district}/reports/start/", [("kind", "indicators_xlsx"), ("year", "2026")])
    job = first_match(r"/monitoring/jobs/(\d+)/$", page.url)
    assert re.search(r'data-status="(queued|running|done)"', page.text)
    # The page says «Готово на N %» while the job still waits, so the badge's status is what is polled.
    deadline = time.monotonic() + 300
    while 'data-status="done"' not in (detail := browser.get(f"/monitoring/jobs/{job}/")).text:
        assert time.monotonic() < deadline and 'data-status="failed"' not in detail.text, detail.text[-2000:]
        time.sleep(0.5)
    download = browser.get(f"/monitoring/jobs/{job}/file/")
    assert download.status == 200 and "attachment" in download.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(download.body))
    assert "Сводка" in workbook.sheetnames and len(workbook.sheetnames) > 2


def _dashboards(browser: Browser, path: str, count: int) -> list[str]:
    """`count` loads of one page at once: concurrent requests go to different gunicorn workers."""
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: browser.get(path).text, range(count)))


def test_a_survey_answer_drops_the_cached_dashboard_in_every_worker(stack: tuple[Stack, str]) -> None:
    running, url = stack
    curator = Browser(running.base)
    curator.login("curator")
    dashboard = f"/monitoring/{_org_pk(url, 'priozersk-school-1')}/dashboard/"
    assert curator.get(dashboard).status == 200  # computed once and cached
    assert all(CACHED in text for text in _dashboards(curator, dashboard, 8)), "one cache for every worker"

    mentee = Browser(running.base)
    mentee.login("mentee")
    link = first_match(r'href="(/surveys/a/[^"]+/)"', mentee.get("/surveys/my/").text)
    form = mentee.get(link)
    answered = mentee.post(link, survey_answers(form.text))
    assert answered.status == 200 and "Спасибо за ответы!" in answered.text, answered.text[-1500:]
    assert mentee.get(link).text.count("Вы уже ответили") == 1

    assert CACHED not in curator.get(dashboard).text, "the answer dropped the cached figures"
    assert all(CACHED in text for text in _dashboards(curator, dashboard, 8))
