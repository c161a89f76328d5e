# Kindly's two everyday commands: `make run` and `make test`.
# Each creates the virtual environment, installs what it needs, then acts.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.kindly-installed

.PHONY: run test bench bench-quick bundle system-packages sounds narration clean

system-packages:
	@bash packaging/ensure-debian-packages.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bundle]'
	@touch $(STAMP)

run: system-packages $(STAMP)
	$(VENV)/bin/kindly

test: system-packages $(STAMP)
	$(PY) -m pytest

bench: system-packages $(STAMP)
	$(PY) benchmarks/run_benchmarks.py

bench-quick: system-packages $(STAMP)
	$(PY) benchmarks/run_benchmarks.py --quick

bundle: system-packages $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/kindly.spec

# Regenerate the synthesized bells, breath cues and ambient beds in assets/audio/.
sounds: $(STAMP)
	$(PY) -m kindly.tools.synthesize_sounds

# Re-render the narration clips of every practice (needs festival or espeak-ng).
narration: $(STAMP)
	$(PY) -m kindly.tools.render_narration

clean:
	rm -rf $(VENV) build dist .pytest_cache
