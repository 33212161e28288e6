# Jiuye: the two commands a newcomer needs are `make demo` and `make test`.
# With DATABASE_URL=postgres://... both use PostgreSQL instead of the embedded SQLite.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=config.test_settings
PYTEST_ARGS ?=

.PHONY: demo serve test quality pytest browser messages bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(VENV)/bin/python
	$(PIP) install -r requirements-dev.txt
	touch $(VENV)/.runtime $@

.env:
	$(PYTHON) scripts/make_local_env.py

## demo: install, migrate, load reference data and the demo city, serve on http://127.0.0.1:8000
demo: $(VENV)/.runtime .env
	mkdir -p var/static
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference
	$(PY) manage.py seed_demo
	$(MAKE) --no-print-directory serve

serve:
	@echo "Serving http://$(HOST):$(PORT)/ (background worker running beside it). Ctrl-C stops both."
	@$(PY) manage.py db_worker --queue-name '*' --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

## test: quality gate, then the whole suite (browser tests included)
test: quality pytest

quality: $(VENV)/.dev
	mkdir -p var
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/djlint jiuye --lint
	$(TEST_SETTINGS) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_SETTINGS) $(PY) scripts/check_translations.py

pytest: $(VENV)/.dev browser
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser tests need Debian's chromium: apt-get install chromium" >&2; exit 1; fi; \
	fi

## messages: extract strings and compile translations (needs GNU gettext)
messages: $(VENV)/.dev
	$(TEST_SETTINGS) $(PY) scripts/make_messages.py

bench: $(VENV)/.dev
	$(PY) -m bench --help

clean:
	rm -rf $(VENV) var
