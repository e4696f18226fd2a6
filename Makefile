# Loket: `make run` (demo server + worker) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# Debian packages the project needs: WeasyPrint's Pango, fonts, poppler (pdfsig,
# pdftoppm), zbar, and Debian's chromium for the browser tests.
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core libmagic1
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils zbar-tools

.PHONY: run test lint venv debs-run debs-test demo-data clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

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

lint: venv
	$(VENV)/bin/ruff check .

test: venv debs-test lint
	$(VENV)/bin/pytest -q

clean:
	rm -rf var .pytest_cache
