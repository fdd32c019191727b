# Terugkeer: the two commands are `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist): the machines have two cores; 0 runs in one process. The PostgreSQL
# pass stays in one process until it has been proven in two (docs: the closing note of 2026-12-02).
PYTEST_WORKERS ?= 2
PYTEST_POSTGRES_WORKERS ?= 0
STAMP := $(VENV)/.installed

.PHONY: install run test test-sqlite test-postgres test-moved-clock lint format messages migrations-check clean bench load

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## make run: set up, migrate the embedded SQLite database, load demo data when empty, serve.
run: install
	mkdir -p var/static
	TERUGKEER_DEBUG=1 TERUGKEER_TWO_FACTOR_DEMO=1 $(BIN)/python manage.py migrate --noinput
	TERUGKEER_DEBUG=1 TERUGKEER_TWO_FACTOR_DEMO=1 $(BIN)/python manage.py seed_demo --if-empty
	TERUGKEER_DEBUG=1 TERUGKEER_TWO_FACTOR_DEMO=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## make test: the whole suite on SQLite, then again on a throwaway PostgreSQL cluster.
test: install migrations-check test-sqlite test-postgres

migrations-check: install
	SECRET_KEY=check $(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY=check $(BIN)/python manage.py check

test-sqlite: install
	@echo "== Test suite on SQLite =="
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-postgres: install
	@echo "== Test suite on PostgreSQL =="
	$(BIN)/python tools/pgcluster.py -- $(BIN)/pytest -n $(PYTEST_POSTGRES_WORKERS) $(PYTEST_ARGS)

## make test-moved-clock: the SQLite pass again with the suite's clock moved (terugkeer/testing_clock.py),
## by default to a leap day more than a year after the fixed suite date; CI runs it after make test.
MOVED_CLOCK ?= 2028-02-29
test-moved-clock: install
	@echo "== Test suite on SQLite with the clock moved to $(MOVED_CLOCK) =="
	TERUGKEER_TEST_TODAY=$(MOVED_CLOCK) $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make messages: refresh the English catalogue (Dutch is the source language).
messages: install
	cd terugkeer && ../$(BIN)/python ../manage.py makemessages -l en --no-obsolete
	cd terugkeer && ../$(BIN)/python ../manage.py compilemessages -l en

## make bench: generate a dataset (SCALE=tiny|small|medium|national) on a throwaway PostgreSQL
## cluster and measure pages, reports and an import through gunicorn (docs/performance.md).
SCALE ?= small
BENCH_ARGS ?=
bench: install
	$(BIN)/python tools/bench.py --scale $(SCALE) $(BENCH_ARGS)

## make load: USERS concurrent simulated users for DURATION seconds against gunicorn; fails on any error.
USERS ?= 50
DURATION ?= 60
LOAD_ARGS ?=
load: install
	$(BIN)/python tools/load.py --scale $(SCALE) --users $(USERS) --seconds $(DURATION) $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache
