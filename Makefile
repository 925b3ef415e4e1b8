# Nastavnik: `make demo` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install lock demo demo-static serve migrate demo-data test lint typecheck pytest browser-deps pdf-deps migrations-check bench prod clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"

# Production installs only requirements/runtime.lock; a developer's venv gets the dev lock on top
# (same versions: dev.lock is compiled with runtime.lock as constraints). Hashes are checked.
$(STAMP): requirements/runtime.lock requirements/dev.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes \
	  -r requirements/runtime.lock -r requirements/dev.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Regenerates both locks from pyproject.toml, keeping the current pins where they still fit;
# `make lock LOCK_ARGS=--upgrade` (or `--upgrade-package NAME`) moves them forward.
LOCK_ARGS ?=
LOCK := $(BIN)/uv pip compile --quiet pyproject.toml --python-version 3.11 --generate-hashes \
  --custom-compile-command "make lock" $(LOCK_ARGS)
lock: | $(BIN)/uv
	$(LOCK) -o requirements/runtime.lock
	$(LOCK) --extra dev -c requirements/runtime.lock -o requirements/dev.lock

migrate: install
	mkdir -p var
	$(BIN)/nastavnik migrate --noinput -v0

demo-data: migrate pdf-deps
	$(BIN)/nastavnik demo-data

# The demo runs like production (DEBUG=0, collected static files served by whitenoise, the
# product's Russian error pages) over plain http on loopback, with a demo-only secret key made
# once in var/. `make demo DEBUG=1` (or DEBUG in the environment) serves Django's debug pages.
ifeq ($(origin DEBUG),undefined)
DEMO_ENV := DEBUG=0 SECRET_KEY="$$(cat var/demo_secret_key)" ALLOWED_HOSTS=127.0.0.1,localhost \
  SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0
DEMO_STATIC := demo-static
else
DEMO_ENV :=
DEMO_STATIC :=
endif

var/demo_secret_key:
	mkdir -p var
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

demo-static: install var/demo_secret_key
	$(DEMO_ENV) $(BIN)/nastavnik collectstatic --noinput -v0

# The background-job worker (reports of a district or the region) runs beside the server with the
# same settings and is stopped when the server stops (Ctrl+C or exit).
demo: demo-data $(DEMO_STATIC)
	@echo "Наставник: http://127.0.0.1:$(PORT)/"
	@$(DEMO_ENV) $(BIN)/nastavnik run_huey --quiet & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(DEMO_ENV) $(BIN)/nastavnik runserver 127.0.0.1:$(PORT)

# The production shape on one machine (README, «Рабочая установка»): PostgreSQL from DATABASE_URL,
# Redis, gunicorn with 4 workers on 127.0.0.1:$(PORT), the huey worker, DEBUG=0 — deploy/run-prod.
prod: install pdf-deps
	PORT=$(PORT) deploy/run-prod

serve: migrate
	$(BIN)/nastavnik runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/python tools/check_module_length.py src tests bench tools
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/lint-imports .importlinter

typecheck: install
	$(BIN)/mypy

migrations-check: install
	$(BIN)/nastavnik makemigrations --check --dry-run

# Browser tests drive Debian's Chromium; install it when missing (needs root, as on CI).
browser-deps:
	@test -x /usr/bin/chromium || { \
	  echo "Устанавливаю chromium (apt-get)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# PDF generation (WeasyPrint) needs Pango; install it when missing (needs root, as on CI).
pdf-deps:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  echo "Устанавливаю Pango для PDF (apt-get)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; }

# Two xdist workers (each with its own test database); a test file stays on one worker, so a
# module's shared fixtures (the demo world, a browser context) are built once. PYTEST_WORKERS=0
# runs in one process (for --pdb or -x on a single failure).
PYTEST_WORKERS ?= 2
pytest: install browser-deps pdf-deps
	$(BIN)/python -m pytest -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

test: lint typecheck migrations-check pytest

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
