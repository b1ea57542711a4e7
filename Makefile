# DGCIN portal. `make help` lists the targets; the README's two commands are
# `make run` (set up and serve) and `make test` (lint, checks and unit tests; CI runs
# it, then the unit tests with coverage and the browser tests on PostgreSQL).

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Unit tests run in this many processes (pytest-xdist), each with its own test
# database, stealing work from each other so both finish together; WORKERS=0 runs
# them in this process (for pdb).
WORKERS ?= 2

# The first interpreter on PATH that is Python 3.12 or newer.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: help install install-dev setup run test lint format check messages compilemessages \
	test-unit test-e2e coverage superuser clean backup restore

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.12 on PATH)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes, so a second run is fast.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create the virtualenv and install the portal

install-dev: $(VENV)/.installed-dev ## Install the portal with the development tools

compilemessages: install ## Compile the translation catalogues
	$(MANAGE) compilemessages --ignore=.venv --verbosity=0

setup: install compilemessages ## Install, migrate and load the reference data (no server)
	$(MANAGE) migrate --noinput --verbosity=1
	$(MANAGE) createcachetable
	$(MANAGE) load_partners
	$(MANAGE) load_directory
	$(MANAGE) load_project_references
	$(MANAGE) load_sample_projects
	$(MANAGE) load_sample_calls
	$(MANAGE) publish_iati

run: setup ## Set up and serve the portal at http://127.0.0.1:8000/
	$(MANAGE) runserver $(HOST):$(PORT)

superuser: install ## Create a staff account with every permission
	$(MANAGE) createsuperuser

messages: install-dev ## Extract new strings into locale/es and locale/en
	$(MANAGE) makemessages --locale=es --locale=en --ignore=.venv --ignore=bench \
		--ignore=tests --no-obsolete --add-location=file

lint: install-dev ## Ruff: lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Ruff: fix and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-dev ## Django system checks, missing migrations, message compilation
	DJANGO_SETTINGS_MODULE=dgcin.settings.test $(MANAGE) check --fail-level=WARNING
	DJANGO_SETTINGS_MODULE=dgcin.settings.test $(MANAGE) makemigrations --check --dry-run
	$(MANAGE) compilemessages --ignore=.venv --verbosity=0

test-unit: install-dev ## The pytest suite without the browser tests
	$(BIN)/pytest -m "not e2e" -n $(WORKERS) --dist worksteal $(PYTEST_ARGS)

test-e2e: install-dev ## The browser tests in Chromium (/usr/bin/chromium)
	$(BIN)/pytest -m e2e $(PYTEST_ARGS)

test: lint check test-unit ## Lint, checks, then the suite without the browser tests

coverage: install-dev ## The unit suite with branch coverage (90 % at least); HTML in htmlcov/
	$(BIN)/pytest -m "not e2e" -n $(WORKERS) --dist worksteal --cov --cov-report=term \
		--cov-report=html $(PYTEST_ARGS)

# Backups of a PostgreSQL portal: the database (pg_dump, custom format) and the
# uploads (a tar of DJANGO_MEDIA_ROOT), named by the time they were taken, in
# backups/ (git-ignored). DATABASE_URL, DJANGO_MEDIA_STORAGE and DJANGO_MEDIA_ROOT
# come from the environment or .env, as for the portal. With DJANGO_MEDIA_STORAGE=s3
# the uploads are in the bucket, which its own versioning or replication backs up:
# only the database is dumped and restored. `make restore BACKUP=backups/dgcin-<time>.dump`
# puts both back; README.md says when, and bench/backup_check.py proves a backup.
BACKUPS ?= backups
dotenv = $(shell sed -n 's/^$(1)=//p' .env 2>/dev/null | tail -1)
DATABASE_URL ?= $(call dotenv,DATABASE_URL)
DJANGO_MEDIA_STORAGE ?= $(or $(call dotenv,DJANGO_MEDIA_STORAGE),filesystem)
MEDIA_STORAGE := $(shell printf '%s' '$(or $(strip $(DJANGO_MEDIA_STORAGE)),filesystem)' | tr A-Z a-z)
DJANGO_MEDIA_ROOT ?= $(or $(call dotenv,DJANGO_MEDIA_ROOT),media)
STAMP := $(shell date -u +%Y%m%d-%H%M%S)
IN_BUCKET := Uploads are in the S3 bucket (DJANGO_MEDIA_STORAGE=s3): its own \
	versioning or replication backs them up, not this backup (README.md).

backup: ## Dump the database and tar the uploads into backups/dgcin-<time>.*
	@case "$(DATABASE_URL)" in postgres*|pgsql*) ;; \
	  *) echo "make backup: DATABASE_URL must name a PostgreSQL database."; exit 1;; esac
	@case "$(MEDIA_STORAGE)" in filesystem|s3) ;; \
	  *) echo "make backup: DJANGO_MEDIA_STORAGE must be filesystem or s3."; exit 1;; esac
	@mkdir -p $(BACKUPS)
	pg_dump --format=custom --no-owner --no-acl --dbname="$(DATABASE_URL)" \
		--file=$(BACKUPS)/dgcin-$(STAMP).dump
ifeq ($(MEDIA_STORAGE),s3)
	@echo "Backup: $(BACKUPS)/dgcin-$(STAMP).dump"
	@echo "$(IN_BUCKET)"
else
	@if [ -d "$(DJANGO_MEDIA_ROOT)" ]; then \
	  tar -czf $(BACKUPS)/dgcin-$(STAMP)-media.tar.gz -C "$(DJANGO_MEDIA_ROOT)" .; \
	else tar -czf $(BACKUPS)/dgcin-$(STAMP)-media.tar.gz -T /dev/null; fi
	@echo "Backup: $(BACKUPS)/dgcin-$(STAMP).dump and $(BACKUPS)/dgcin-$(STAMP)-media.tar.gz"
endif

restore: ## Restore BACKUP=backups/dgcin-<time>.dump and its uploads (stop the portal first)
	@test -f "$(BACKUP)" || { echo "make restore BACKUP=backups/dgcin-<time>.dump"; exit 1; }
	@case "$(DATABASE_URL)" in postgres*|pgsql*) ;; \
	  *) echo "make restore: DATABASE_URL must name a PostgreSQL database."; exit 1;; esac
	@case "$(MEDIA_STORAGE)" in filesystem|s3) ;; \
	  *) echo "make restore: DJANGO_MEDIA_STORAGE must be filesystem or s3."; exit 1;; esac
	pg_restore --clean --if-exists --no-owner --no-acl --single-transaction \
		--exit-on-error --dbname="$(DATABASE_URL)" "$(BACKUP)"
ifeq ($(MEDIA_STORAGE),s3)
	@echo "$(IN_BUCKET) Restore them from the bucket's versions (as of the dump's time)."
else
	@media="$(BACKUP:.dump=-media.tar.gz)"; if [ -f "$$media" ]; then \
	  mkdir -p "$(DJANGO_MEDIA_ROOT)" && tar -xzf "$$media" -C "$(DJANGO_MEDIA_ROOT)" \
	  && echo "Uploads restored into $(DJANGO_MEDIA_ROOT)"; \
	else echo "No $$media: uploads left as they are"; fi
endif

clean: ## Remove the virtualenv, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache .coverage htmlcov
