"""Start and drive the production stack (deploy/run-prod) for the smoke test: processes, database, HTTP.

Everything here talks to the stack from outside, as a browser and an operator would: a fresh
PostgreSQL database on the server of DATABASE_URL, deploy/run-prod in its own process group on
free ports, and HTTP with cookies and the CSRF token.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[2]
RUN_PROD = REPO / "deploy" / "run-prod"
PASSWORD = "nastavnik-demo"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _server_url(database_url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


@contextlib.contextmanager
def fresh_database(database_url: str, name: str) -> Iterator[str]:
    """An empty database `name` on the server of `database_url`, dropped afterwards."""
    admin = _server_url(database_url, "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _server_url(database_url, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Stack:
    process: subprocess.Popen[bytes]
    base: str
    redis_port: int
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@contextlib.contextmanager
def running_stack(database_url: str, var: Path, start_timeout: float) -> Iterator[Stack]:
    """deploy/run-prod with the demo data on free ports; stopped (the whole process group) on exit."""
    port, redis_port = free_port(), free_port()
    skipped = {"REDIS_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_VERSION", "PYTEST_CURRENT_TEST"}
    environment = {k: v for k, v in os.environ.items() if k not in skipped and not k.startswith("HUEY")}
    environment.update(
        DATABASE_URL=database_url,
        PORT=str(port),
        REDIS_PORT=str(redis_port),
        NASTAVNIK_VAR=str(var),
        NASTAVNIK_BIN=str(Path(sys.executable).parent),
        DEMO_DATA="1",
        ACCESS_LOG="/dev/null",
    )
    log = var.parent / "run-prod.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(RUN_PROD)], cwd=REPO, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    stack = Stack(process, f"http://127.0.0.1:{port}", redis_port, log)
    try:
        wait_until_healthy(stack, start_timeout)
        yield stack
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_until_healthy(stack: Stack, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert stack.process.poll() is None, "run-prod stopped:\n" + stack.output()
        with contextlib.suppress(OSError), urllib.request.urlopen(stack.base + "/healthz", timeout=5) as answer:
            if answer.status == 200:
                return
        with contextlib.suppress(subprocess.TimeoutExpired):
            stack.process.wait(timeout=0.5)  # a pause that ends early if the script exits
    raise AssertionError(f"the stack did not become healthy in {timeout:.0f} s:\n" + stack.output())


@dataclass
class Page:
    status: int
    url: str
    body: bytes
    headers: dict[str, str]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """Cookies, the CSRF token and redirects, like a browser without JavaScript."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            with self.opener.open(request, timeout=60) as answer:
                return Page(answer.status, answer.geturl(), answer.read(), dict(answer.headers))
        except urllib.error.HTTPError as error:
            return Page(error.code, error.geturl(), error.read(), dict(error.headers))

    def get(self, path: str) -> Page:
        return self._open(urllib.request.Request(self.base + path))

    def csrf(self) -> str:
        return next(cookie.value or "" for cookie in self.jar if cookie.name == "csrftoken")

    def post(self, path: str, fields: list[tuple[str, str]]) -> Page:
        data = urllib.parse.urlencode([("csrfmiddlewaretoken", self.csrf()), *fields]).encode()
        return self._open(urllib.request.Request(self.base + path, data=data, method="POST"))

    def login(self, username: str) -> Page:
        self.get("/accounts/login/")
        page = self.post("/accounts/login/", [("username", username), ("password", PASSWORD)])
        assert page.status == 200 and not page.url.endswith("/accounts/login/"), page.text[:500]
        return page


class _FormFields(HTMLParser):
    """The answerable fields of a survey form: radios, check boxes, text inputs and text areas."""

    def __init__(self) -> None:
        super().__init__()
        self.choices: dict[str, str] = {}
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name") or ""
        if not name.startswith("q_"):
            return
        kind = attributes.get("type")
        if tag == "input" and kind in {"radio", "checkbox"} and attributes.get("value") != "__other__":
            self.choices.setdefault(name, attributes.get("value") or "")
        elif (tag == "input" and kind == "text" and not name.endswith("_other")) or tag == "textarea":
            self.texts.append(name)


def survey_answers(html: str) -> list[tuple[str, str]]:
    """The first option of every choice and a short text for every text field: a complete answer."""
    parser = _FormFields()
    parser.feed(html)
    return [*parser.choices.items(), *((name, "Всё получается") for name in parser.texts)]


def first_match(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found is not None, f"{pattern!r} not found in the page"
    return found.group(1)
