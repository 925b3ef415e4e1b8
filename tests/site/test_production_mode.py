"""A production install as the README describes it: collectstatic, then gunicorn with DEBUG=0."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN_DIR = Path(sys.executable).parent


@dataclass
class Response:
    status: int
    body: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _production_env(tmp: Path) -> dict[str, str]:
    # The suite's own database and test-only switches must not leak into the "deployment".
    skipped = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_VERSION", "PYTEST_CURRENT_TEST"}
    environment = {k: v for k, v in os.environ.items() if k not in skipped}
    environment.update(
        DEBUG="0",
        SECRET_KEY="production-mode-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(tmp / "static"),
        SQLITE_PATH=str(tmp / "db.sqlite3"),
        NASTAVNIK_VAR=str(tmp / "var"),
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        HUEY_IMMEDIATE="1",
    )
    return environment


def _manage(environment: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nastavnik", *args], capture_output=True, text=True, env=environment, timeout=120
    )
    assert result.returncode == 0, result.stderr


def _get(url: str) -> Response:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return Response(answer.status, answer.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read().decode("utf-8"))


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited"
        try:
            _get(base + "/accounts/login/")
            return
        except OSError:
            # Not up yet: wait a moment for the process (it must not exit) and try again.
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=0.2)
    raise AssertionError("gunicorn did not answer within 60 s")


@pytest.fixture(scope="module")
def production_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("production")
    environment = _production_env(tmp)
    # No migrate: it costs ~30 s of CPU and the pages below touch no table (an anonymous visitor has
    # no session); a page that did would answer 500 here and fail the test.
    _manage(environment, "collectstatic", "--noinput", "-v0")
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN_DIR / "gunicorn"), "nastavnik.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_the_login_page_is_served_in_russian(production_server: str) -> None:
    page = _get(production_server + "/accounts/login/")
    assert page.status == 200
    assert "Войти" in page.body


def test_static_files_are_served_under_their_hashed_names(production_server: str) -> None:
    page = _get(production_server + "/accounts/login/")
    hashed = re.findall(r"/static/[\w/.-]+\.[0-9a-f]{12}\.(?:css|js)", page.body)
    assert hashed, "the page references no hashed static file"
    for url in hashed:
        assert _get(production_server + url).status == 200, url


def test_an_unknown_page_answers_a_russian_404_not_the_debug_page(production_server: str) -> None:
    page = _get(production_server + "/no-such-page/")
    assert page.status == 404
    assert "не найдена" in page.body
    assert "Page not found" not in page.body
    assert "DEBUG = True" not in page.body
