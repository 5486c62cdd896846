# Tech Corridor Portal — the two commands are `make run` and `make test`.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Tests run against PostgreSQL, the database of record.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
# Where beat keeps the last run of each periodic entry.
BEAT_SCHEDULE ?= .celerybeat-schedule

.PHONY: run test venv dev-venv node-tools migrate demo lint check worker beat bench backup restore clean browser documents documents-if-possible office java checkers fuzz loadtest

$(BIN)/.runtime: requirements.txt
	@echo "Installing the requirements into $(VENV)/ …"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --upgrade pip
	@$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(BIN)/.dev: requirements.txt requirements-dev.txt $(BIN)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.runtime
dev-venv: $(BIN)/.dev

## make run: install, migrate, load the demo corridor with demo users, serve on PORT.
## The demo's email is written as files under ./var/mail/ unless EMAIL_URL is set.
## Quiet: what it prints before the server starts is a short summary and how to sign in.
run: export EMAIL_URL ?= filemail:///var/mail
run: venv
	@$(BIN)/python manage.py migrate --noinput --verbosity 0
	@$(BIN)/python manage.py load_demo --with-demo-users --url http://127.0.0.1:$(PORT)/
	@$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## The npm tools, pinned in package-lock.json, into ./node_modules: the API contract's linter
## (Redocly CLI) and the Nu Html Checker (vnu-jar). Install scripts stay off: vnu-jar's would
## download a JDK of its own.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || (command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) \
		|| (echo "npm is missing and could not be installed" && exit 1)
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

node-tools: node_modules/.installed

## make test: install the dev requirements, lint, check, then the whole suite.
test: dev-venv browser documents office checkers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/python manage.py check
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/python manage.py makemigrations --check --dry-run
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null
	DATABASE_URL=$(TEST_DATABASE_URL) TEST_BROKER_URL=$(TEST_BROKER_URL) $(BIN)/pytest $(PYTEST_ARGS)

## The system Chromium for the browser tests (Debian package), installed when missing.
browser:
	@test -x /usr/bin/chromium || (command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) ) \
		|| (echo "Chromium is missing and could not be installed" && exit 1)

## WeasyPrint's system libraries (Pango, HarfBuzz), for the dossier as PDF; installed when missing.
DOCUMENT_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
documents:
	@dpkg -s $(DOCUMENT_LIBS) >/dev/null 2>&1 || (command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DOCUMENT_LIBS)) ) \
		|| (echo "WeasyPrint's libraries ($(DOCUMENT_LIBS)) are missing and could not be installed" && exit 1)

## make run tries it too, and goes on without (the dossier's PDF then answers with an error).
run: documents-if-possible
documents-if-possible:
	@$(MAKE) --no-print-directory documents || echo "The dossier as PDF will be missing."

## LibreOffice without a GUI: the tests open the dossier's DOCX with it; installed when missing.
office:
	@command -v soffice >/dev/null || (command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui) ) \
		|| (echo "LibreOffice (libreoffice-writer-nogui) is missing and could not be installed" && exit 1)
## The Java runtime the Nu Html Checker runs on (Debian package), installed when missing.
java:
	@command -v java >/dev/null || (command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless) ) \
		|| (echo "Java is missing and could not be installed" && exit 1)

## The Nu Html Checker (vnu-jar, from node_modules) and the Java it runs on.
checkers: java node_modules/.installed

## make bench: the large synthetic corridor against the framework floor (not part of make test).
bench: dev-venv
	@command -v wrk >/dev/null || (command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) \
		|| echo "wrk is missing: measuring with the Python generator"
	$(BIN)/python -m bench.run

## make fuzz: Schemathesis at length (FUZZ_EXAMPLES per operation, mode and role; not part of make test).
FUZZ_EXAMPLES ?= 100
fuzz: dev-venv
	DATABASE_URL=$(TEST_DATABASE_URL) FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:cacheprovider corridor/api/tests/test_schemathesis.py

## make loadtest: 60 s of mixed reads and writes at concurrency 16 against gunicorn (not part of make test).
loadtest: dev-venv
	$(BIN)/python -m bench.loadtest

## make backup: a timestamped pg_dump archive under backups/ (DATABASE_URL names the database).
backup: venv
	$(BIN)/python manage.py backup_db --directory backups

## make restore FILE=backups/corridor-….dump: restore into an empty database.
restore: venv
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/corridor-YYYYmmddTHHMMSSZ.dump" && exit 2)
	$(BIN)/python manage.py restore_db "$(FILE)"

lint: dev-venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make worker: one Celery worker (needs CELERY_BROKER_URL); start as many as the load needs.
## It runs at a lower CPU priority (WORKER_NICE), so on a machine it shares with
## the web processes, sending mail and webhooks yields to the pages people wait for.
WORKER_NICE ?= 10
worker: venv
	nice -n $(WORKER_NICE) $(BIN)/celery -A corridor worker --loglevel=INFO

## make beat: the one scheduler (digests, outbox sweep). Run exactly one per deployment.
beat: venv
	$(BIN)/celery -A corridor beat --loglevel=INFO --schedule=$(BEAT_SCHEDULE)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var node_modules
