# Two commands for a fresh machine:  make demo  (set up, then the bundled example end to end)
#                                    make test  (set up, then the test suite)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

export NO_GCE_CHECK = true
export TF_CPP_MIN_LOG_LEVEL = 2

.PHONY: setup test demo fixtures bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip >/dev/null
	@echo "installing sigcheck and its extras into $(VENV) (TensorFlow is ~600 MB: a minute or two)..."
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[tf,gcs,dev]'
	touch $(STAMP)

test: setup
	$(BIN)/python -m pytest -q

demo: setup
	bash scripts/demo.sh

fixtures: setup
	$(BIN)/python fixtures/make_fixtures.py

bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache
