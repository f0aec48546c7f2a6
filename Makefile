# Visionsdag: `make run` serves the app, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
HOST ?= 0.0.0.0
# A public name for the real day: HTTPS on 443 with an ACME certificate (README: Running the day for real).
DOMAIN ?=
export VISIONSDAG_DB ?= data/visionsdag.duckdb
# Compiled modules are kept in __pycache__ (git ignores it) even where the environment says
# not to (some Python images set PYTHONDONTWRITEBYTECODE=1): pytest otherwise rewrites every
# test module's asserts again in each worker (about 6 of a worker's 13 s of collection), and
# every server a test starts compiles the app again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run space proxy static bench-door bench-pages test test-fast install install-dev init chromium office user backup restore chaos bench archive-bench screenshots clean

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

# Free space is checked first: on a full disk init (the database) and static (the compressed
# files) would otherwise fail before the one-line message that says why (vision/health.py).
space: install
	@$(PY) -m vision.manage space

# The app behind Caddy (vision/door.py, deploy/Caddyfile.template); without Caddy, the app alone.
run: space init proxy static office
	@if [ ! -f secrets/credentials.yaml ]; then \
	  echo "No logins yet. Create the first admin with: make user USERNAME=yourname ROLE=admin"; fi
	$(PY) -m vision.door --port $(PORT) --host $(HOST) $(if $(DOMAIN),--domain $(DOMAIN))

# The web server in front (Debian's caddy), the brotli compressor and certutil (to trust Caddy's
# local CA, in the browser tests), installed when missing and we are root. Debian's package starts its own caddy service on port 80: it is stopped, ours serves.
proxy:
	@if ! command -v caddy >/dev/null 2>&1 || ! command -v brotli >/dev/null 2>&1 || ! command -v certutil >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy brotli libnss3-tools >/dev/null 2>&1 || \
	     (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy brotli libnss3-tools >/dev/null)) && \
	    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet caddy 2>/dev/null; then \
	      systemctl disable --now caddy >/dev/null 2>&1; echo "Stopped Debian's default caddy service (ours serves)"; fi; \
	  fi; fi

# Streamlit's static files, compressed once (br, gzip) for Caddy to serve from disk
# (vision/door.py; about 40 s, then nothing until Streamlit's version changes).
static: install proxy
	@if command -v caddy >/dev/null 2>&1; then $(PY) -c "from vision import door; door.prepare_static()"; fi

# Create or replace a login: make user USERNAME=anna ROLE=organiser (asks for the password).
user: install
	$(PY) -m vision.users add $(USERNAME) --role $(ROLE)

# Browser tests use Debian's chromium. Installed when missing and we are root.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and we are not root: browser tests will be skipped"; fi; fi

# LibreOffice makes the committee paper's tagged PDF (vision/tagged_pdf.py) and its test renders
# the Word file; the PDF report's pages are looked at with pdftoppm. Installed when missing and we are root.
office:
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui poppler-utils >/dev/null 2>&1 || \
	     (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui poppler-utils >/dev/null)); \
	  else echo "LibreOffice is missing and we are not root: the Word file's rendering test will be skipped"; fi; fi

# Every test, browser tests included, on TEST_WORKERS processes (pytest-xdist). A file whose
# tests share a server or a browser stays on one worker (--dist loadgroup, tests/conftest.py);
# the slowest tiers go first (--no-loadscope-reorder keeps that order). Three processes on two
# cores: many browser and server tests wait (a phone's next question, a guesser's delay, a
# live day in real time), and a third worker runs meanwhile (server and browser tiers: 627 s
# on 2 workers, 537 s on 3; docs/performance-history.md).
TEST_WORKERS ?= 3
test: install-dev chromium proxy static office secrets/cookie.key
	$(PY) -m vision.manage init
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder --durations=20

# Every test that needs no server and no browser (unit, store, apptest; tiers in tests/conftest.py),
# on three processes too: a third keeps the cores busy while the others wait on a subprocess,
# a timer or the disk (2 workers: 106 s, 3: 92-98 s, 4: 117 s; docs/performance-history.md).
# Property tests try a fifth of their examples (tests/support/examples.py).
test-fast: install-dev
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder -m "not server and not browser" \
	  --hypothesis-profile=fast

# A consistent copy while the app serves goes through the app (admin page); this
# command is for a stopped server. BACKUP_DIR=dir chooses the (new or empty) folder.
backup: install
	$(PY) -m vision.manage backup $(BACKUP_DIR)

# Restore a backup into a new database file, never over one: make restore BACKUP=data/backups/DIR [DB=new.duckdb]
restore: install
	$(PY) -m vision.manage restore $(BACKUP) $(DB)

bench: install-dev bench-door
	$(PY) bench/load.py

# The join wave: phones that fetch what Chromium fetched, directly and through Caddy (bench/door.py).
bench-door: install-dev chromium proxy
	$(PY) bench/door.py

# A day of 48 rounds with 300 phones while the server is killed 10 times (at most 10 minutes).
chaos: install-dev
	$(PY) bench/chaos.py

# How long each page's run takes on the demo events, against a one-button page (bench/pages.py, about 30 s).
bench-pages: install-dev
	$(PY) bench/pages.py

archive-bench: install-dev
	$(PY) bench/archive.py

# Pictures for README and docs, from a real server in Chromium.
screenshots: install-dev chromium
	$(PY) -m tests.e2e.screenshots
	VISIONSDAG_SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest -q tests/e2e/test_timeline_governance_e2e.py \
	  tests/e2e/test_setup_e2e.py tests/e2e/test_review_e2e.py tests/e2e/test_projector_e2e.py

clean:
	rm -rf $(VENV) .pytest_cache
