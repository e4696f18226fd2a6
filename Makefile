# Loket: `make run` (demo server + worker) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# Debian packages the project needs: WeasyPrint's Pango, fonts, poppler (pdfsig,
# pdftoppm), zbar, Debian's chromium for the browser tests, and gettext (makemessages
# and compilemessages; the test that every message has its English).
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-urw-base35 libmagic1
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils zbar-tools gettext

.PHONY: run test lint venv debs-run debs-test demo-data clean check-deploy test-postgres serve

# Installs come from requirements.lock: exact versions with their hashes, so a fresh
# machine gets the same packages on any day. requirements*.txt hold the ranges we accept;
# `make lock` re-resolves them into the lock file (and is the only step that may move a
# version).
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

UV_VERSION := 0.13.9
.PHONY: lock
lock:
	$(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet uv==$(UV_VERSION)
	var/lock-venv/bin/uv pip compile requirements-dev.txt --generate-hashes --upgrade \
		--python-version 3.11 --python-platform linux --quiet -o requirements.lock

venv: $(VENV)/.installed

debs-run:
	@bin/ensure-debs $(RUN_DEBS)

debs-test:
	@bin/ensure-debs $(TEST_DEBS)

demo-data: venv debs-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_standard standards/*.yaml
	$(PY) manage.py make_demo_pki && $(PY) manage.py schedule_jobs
	$(PY) manage.py demo

run: demo-data
	bin/run-dev

# Production-style: gunicorn, DEBUG off, the collected static files served by WhiteNoise
# (loket/wsgi_static.py). Tasks need a worker too: `.venv/bin/python manage.py db_worker`.
serve: venv debs-run
	@# Refuses development secrets first, each error saying how to make the real one.
	DEBUG=false $(PY) manage.py check --deploy --tag loket_secrets --fail-level ERROR
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=false $(VENV)/bin/gunicorn loket.wsgi_static -b $${BIND:-127.0.0.1:8000} -w 3 --access-logfile - \
		--logger-class loket.ops.access_log.MaskedAccessLogger

# Every page of every role (loket/testing_pages.py), in Indonesian and English, at
# desktop and phone width: PNGs in var/screenshots/<lang>/<width>/<role>/<page>.png,
# from a throw-away demo server on a temporary database (docs/screenshots.md).
.PHONY: screenshots
screenshots: venv debs-test
	$(PY) manage.py screenshots

# The layers (pyproject.toml [tool.importlinter]): an app imports only from below it.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: venv debs-test lint
	$(VENV)/bin/pytest -q

# The whole suite on a throw-away PostgreSQL server (Debian's, installed if missing).
# Tests marked own_database (axe over the demo server) run on SQLite whatever the
# database, so they are not repeated here.
test-postgres: venv debs-test
	bin/pg-throwaway $(VENV)/bin/pytest -q -m "not own_database"

# `manage.py check --deploy` with production settings; fails on any warning. Values
# already in the environment win, so an operator can check their own.
check-deploy: venv
	DEBUG=$${DEBUG:-false} \
	SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	FIELD_ENCRYPTION_KEYS="$${FIELD_ENCRYPTION_KEYS:-$$($(PY) -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')}" \
	FIELD_HASH_KEY="$${FIELD_HASH_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(48))')}" \
	AUDIT_KEY="$${AUDIT_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(48))')}" \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-loket.example.go.id} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-true} \
	SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-true} \
	CSRF_COOKIE_SECURE=$${CSRF_COOKIE_SECURE:-true} \
	SECURE_HSTS_SECONDS=$${SECURE_HSTS_SECONDS:-31536000} \
	SECURE_HSTS_INCLUDE_SUBDOMAINS=$${SECURE_HSTS_INCLUDE_SUBDOMAINS:-true} \
	SECURE_HSTS_PRELOAD=$${SECURE_HSTS_PRELOAD:-true} \
	$(PY) manage.py check --deploy --fail-level WARNING

# A longer schemathesis run over the API than the bounded one in `make test`: every
# check, as anonymous, an officer and an API client per scope (FUZZ_EXAMPLES generated
# requests per operation, data mode and known record; default 200).
.PHONY: fuzz
fuzz: venv
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} $(VENV)/bin/pytest -q loket/permits/tests/test_api_schema.py

# The fault test with more SIGKILLs and files than its bounded run in `make test`
# (FAULT_KILLS kills of the server and the worker, FAULT_FILES files; FAULT_SEED picks
# the kill moments, so a failing run can be replayed). On PostgreSQL:
# `bin/pg-throwaway make faults`.
.PHONY: faults
faults: venv debs-run
	FAULT_KILLS=$${FAULT_KILLS:-6} FAULT_FILES=$${FAULT_FILES:-6} $(VENV)/bin/pytest -q -s \
		loket/permits/tests/test_it_survives_being_killed.py

# The benchmark harness (docs/bench.md): generate SCALE files, run every scenario,
# write bench/results.json and docs/bench-results.md. DB=postgres runs it on a
# throw-away PostgreSQL (bin/pg-throwaway). FRESH=1 regenerates the data.
SCALE ?= 100000
DB ?= sqlite
# On PostgreSQL, durable (fsync and synchronous_commit on, as in production) with the
# memory settings docs/deploy.md recommends for a dedicated server: shared_buffers a
# quarter of RAM, effective_cache_size 70 %.
MEM_MB := $(shell awk '/^MemTotal:/ {print int($$2 / 1024)}' /proc/meminfo)
BENCH_PG_OPTIONS := -c shared_buffers=$(shell echo $$(( $(MEM_MB) / 4 )))MB \
	-c effective_cache_size=$(shell echo $$(( $(MEM_MB) * 7 / 10 )))MB \
	-c work_mem=32MB -c random_page_cost=1.1
.PHONY: bench
bench: venv
	@bin/ensure-debs wrk
	$(if $(filter postgres,$(DB)),PG_DURABLE=1 PG_SERVER_OPTIONS="$(BENCH_PG_OPTIONS)" bin/pg-throwaway) \
		$(PY) -m bench.run --scale $(SCALE) $(if $(FRESH),--fresh)

clean:
	rm -rf var .pytest_cache
