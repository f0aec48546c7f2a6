# Visionsdag: `make run` serves the app, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
HOST ?= 0.0.0.0
export VISIONSDAG_DB ?= data/visionsdag.duckdb

.PHONY: run test install install-dev init chromium user backup restore chaos bench archive-bench screenshots clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

secrets/cookie.key:
	@mkdir -p secrets && chmod 700 secrets
	@$(PY) -c "import secrets; print(secrets.token_urlsafe(48))" > $@ && chmod 600 $@
	@echo "Made a random login-cookie key in $@"

init: install secrets/cookie.key
	$(PY) -m vision.manage init

run: init
	@$(PY) -m vision.manage space
	@if [ ! -f secrets/credentials.yaml ]; then \
	  echo "No logins yet. Create the first admin with: make user USERNAME=yourname ROLE=admin"; fi
	@echo "Visionsdag serves on http://$$(hostname -I 2>/dev/null | awk '{print $$1}' || echo localhost):$(PORT)/ (phones on the same network) and http://localhost:$(PORT)/"
	$(PY) -m vision.serve --server.port $(PORT) --server.address $(HOST)

# Create or replace a login: make user USERNAME=anna ROLE=organiser (asks for the password).
user: install
	$(PY) -m vision.users add $(USERNAME) --role $(ROLE)

# Browser tests use Debian's chromium. Installed when missing and we are root.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and we are not root: browser tests will be skipped"; fi; fi

test: install-dev chromium secrets/cookie.key
	$(PY) -m vision.manage init
	$(PY) -m pytest -q

# A consistent copy while the app serves goes through the app (admin page); this
# command is for a stopped server. BACKUP_DIR=dir chooses the (new or empty) folder.
backup: install
	$(PY) -m vision.manage backup $(BACKUP_DIR)

# Restore a backup into a new database file, never over one: make restore BACKUP=data/backups/DIR [DB=new.duckdb]
restore: install
	$(PY) -m vision.manage restore $(BACKUP) $(DB)

bench: install-dev
	$(PY) bench/load.py

# A day of 48 rounds with 300 phones while the server is killed 10 times (at most 10 minutes).
chaos: install-dev
	$(PY) bench/chaos.py

archive-bench: install-dev
	$(PY) bench/archive.py

# Pictures for README and docs, from a real server in Chromium.
screenshots: install-dev chromium
	$(PY) -m tests.e2e.screenshots
	VISIONSDAG_SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest -q tests/e2e/test_timeline_governance_e2e.py \
	  tests/e2e/test_setup_e2e.py tests/e2e/test_review_e2e.py

clean:
	rm -rf $(VENV) .pytest_cache
