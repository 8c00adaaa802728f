# The two commands of the README: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-stamp

.PHONY: demo test install lint clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

install: $(INSTALLED)

demo: $(INSTALLED)
	$(BIN)/munitext extract corpora/sample --out out/sample.jsonl
	@echo "first entities of out/sample.jsonl:"
	@$(BIN)/python -c "print(open('out/sample.jsonl', encoding='utf-8').readline()[:600], '...')"
	$(BIN)/munitext stats out/sample.jsonl --out out/region_topics.csv --plot out/region_topics.png

test: $(INSTALLED)
	$(BIN)/python -m pytest -q

lint: $(INSTALLED)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf out .pytest_cache
