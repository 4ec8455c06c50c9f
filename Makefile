# Two commands for a fresh machine:  make demo  (set up, then the bundled example end to end)
#                                    make test  (set up, then the test suite)
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

export NO_GCE_CHECK = true
export TF_CPP_MIN_LOG_LEVEL = 2

.PHONY: setup test demo fixtures bench explain-provoke fuzz clean compat-test beam-venv test-beam

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

# Opt-in: load models (the fixtures, and models using ops/attrs newer than $(COMPAT_TF)) in a real TensorFlow
# $(COMPAT_TF), installed in a throwaway venv, the way TF Serving does, and check gate --runtime's verdict on each.
COMPAT_TF   ?= 2.15
COMPAT_VENV ?= /tmp/sigcheck-compat-tf$(COMPAT_TF)
compat-test: setup
	rm -rf $(COMPAT_VENV)
	$(BIN)/python -m venv $(COMPAT_VENV)
	@echo "installing tensorflow-cpu $(COMPAT_TF) into $(COMPAT_VENV) (~500 MB)..."
	$(COMPAT_VENV)/bin/pip install --quiet --disable-pip-version-check "tensorflow-cpu==$(COMPAT_TF).*"
	SIGCHECK_COMPAT_PYTHON=$(COMPAT_VENV)/bin/python $(BIN)/python -m pytest tests/runtime/test_compat.py -q -rA -s; \
	  status=$$?; rm -rf $(COMPAT_VENV); exit $$status

# The fuzz tests with thousands of examples each (FUZZ_EXAMPLES per target); figures to fuzz-stats.json.
FUZZ_EXAMPLES ?= 2000
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz SIGCHECK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) SIGCHECK_FUZZ_STATS=fuzz-stats.json \
		$(BIN)/python -m pytest tests/fuzz -q -p no:cacheprovider --hypothesis-show-statistics
	@cat fuzz-stats.json

bench: setup
	$(BIN)/python benchmarks/run_all.py

# Regenerate tests/explain/data/provoked.jsonl: real error texts provoked with TensorFlow, Keras, sigcheck predict and gRPC
# on loopback (a few minutes; tests read the committed file and never run this).
explain-provoke: setup
	$(BIN)/python scripts/explain_provoke.py

# sigcheck batch --runner beam: apache-beam cannot share .venv with TensorFlow's protobuf 7 (it pins protobuf < 7),
# so it gets its own venv (no TensorFlow: Beam workers never need it).
BEAM_VENV ?= .venv-beam

beam-venv: $(BEAM_VENV)/.installed

$(BEAM_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(BEAM_VENV)
	$(BEAM_VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[beam]' pytest
	touch $@

test-beam: beam-venv
	$(BEAM_VENV)/bin/python -m pytest -p no:cacheprovider tests/batch/test_beam.py -q

clean:
	rm -rf $(VENV) $(BEAM_VENV) demo-out .pytest_cache
