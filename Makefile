# Sozialraum-Portal: `make run` sets everything up and serves http://127.0.0.1:8000,
# `make test` runs the whole test suite (SQLite, or PostgreSQL through DATABASE_URL).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages the Python packages need: Pango for WeasyPrint, GDAL/GEOS for
# django-leaflet's map widgets, fonts for the PDF, gettext for translations,
# Chromium for the browser tests.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libgdal32 libgeos-c1v5 \
	fonts-dejavu-core gettext
TEST_SYSTEM_PACKAGES := chromium openjdk-17-jre-headless $(if $(shell command -v npm),,nodejs npm)

# `make run` and `make test` are development commands: DEBUG on, dev-only secret key.
export DJANGO_DEBUG ?= 1

.PHONY: run test lint system-deps test-system-deps venv node-modules messages messages-collect migrate demo clean bench

# The development server and, next to it, the worker of the background jobs (draft and
# publishing of the concept, import, exports); Ctrl-C stops both.
run: system-deps venv messages migrate demo
	@$(PY) manage.py jobs_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: system-deps test-system-deps venv node-modules lint
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory messages
	$(PY) -m pytest $(PYTEST_ARGS)

# Code style (ruff) and the direction of dependencies (import-linter, see pyproject.toml).
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

system-deps:
	@$(MAKE) --no-print-directory _apt PACKAGES="$(SYSTEM_PACKAGES)"

test-system-deps:
	@$(MAKE) --no-print-directory _apt PACKAGES="$(TEST_SYSTEM_PACKAGES)"

# Installs the missing Debian packages when it can (root with apt-get), otherwise
# stops and names the exact command.
_apt:
	@missing=""; \
	for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installiere Systempakete:$$missing"; \
			(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing; \
		else \
			echo "Es fehlen Systempakete. Bitte ausführen:"; \
			echo "  sudo apt-get install -y$$missing"; \
			exit 1; \
		fi; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# The page checkers of tests/checkers/ (W3C Nu validator, pa11y), pinned in package-lock.json.
# No install scripts run and no browser is downloaded: pa11y runs on Debian's Chromium,
# vnu.jar on Java 17.
node-modules: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

migrate: venv
	$(PY) manage.py migrate --no-input

demo: venv
	$(PY) manage.py load_demo

# The page benchmark over HTTP (wrk, gunicorn; see README "Demo data and benchmarks") on a
# throwaway database: 10,000 synthetic providers. REDIS_URL=… measures with Redis.
BENCH_DATABASE_URL ?= sqlite:////tmp/sozialraum-bench.sqlite3
bench: venv
	@$(MAKE) --no-print-directory _apt PACKAGES="wrk"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --no-input -v 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_pages --http $(BENCH_ARGS)

# Compiles the interface translations (locale/*/LC_MESSAGES/django.po).
messages: venv
	@if [ -d locale ]; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi

# Collects new interface strings into locale/en/LC_MESSAGES/django.po; then translate its
# empty msgstr entries (tests/sozialraum/test_translations.py fails while any is left).
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=media \
	--ignore=tests --ignore=build --ignore=*.egg-info
messages-collect: venv
	$(PY) manage.py makemessages -l en $(MAKEMESSAGES_IGNORE)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles
