"""Linux bundle budgets: size against a minimal PySide6 bundle, start-up against running from source.

    .venv/bin/python benchmarks/bundle_size_and_startup.py [--runs 9] [--kindly-dist dist]

- Size: Kindly's bundle (packaging/kindly.spec) beside a minimal PySide6
  widgets app (one QWidget) bundled the same way: onedir, strip, no UPX, and
  the same exclusions and Qt pruning from packaging/bundle_config.py.
  Budget: Kindly <= 1.3x the minimal bundle.
- Start-up: from process start until the process ends right after the main
  window's first paint (KINDLY_QUIT_AFTER_FIRST_PAINT=1, offscreen platform),
  the bundled executable against `python -m kindly` from the source tree;
  runs alternate, the first of each is a discarded warm-up, median reported.
  Budget: bundled <= 1.3x source.

Both bundles are built into a temporary directory (Kindly's as `make bundle`
builds it, against numpy without BLAS) unless --kindly-dist names an existing
one (e.g. `dist` after `make bundle`). Results also go to
benchmarks/results/bundle.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUDGET = 1.3

MINIMAL_APP = """\
import sys
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv)
window = QWidget()
window.resize(400, 300)
window.show()
sys.exit(0)
"""

# The same Analysis exclusions, pruning, EXE and COLLECT options as packaging/kindly.spec (Linux branch).
MINIMAL_SPEC = """\
import sys
from pathlib import Path
sys.path.insert(0, {packaging!r})
import bundle_config

a = Analysis([{script!r}], excludes=list(bundle_config.EXCLUDED_MODULES))
a.binaries, a.datas = bundle_config.prune_bundle(a.binaries, a.datas, bundle_config.linked_libraries)
pyz = PYZ(a.pure)
exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name="minimal", console=True, strip=True, upx=False,
          contents_directory="_internal")
coll = COLLECT(exe, a.binaries, a.datas, strip=True, upx=False, name="minimal")
bundle_config.restore_vendored_libraries(a.binaries, Path(DISTPATH) / "minimal" / "_internal")
"""


def pyinstaller(spec: Path, work: Path, pythonpath: Path | None = None) -> Path:
    dist = work / "dist"
    env = {**os.environ, "PYTHONPATH": str(pythonpath)} if pythonpath else None
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "build"),
            str(spec),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return dist


def build_kindly(work: Path) -> Path:
    """Kindly's bundle as `make bundle` builds it: against numpy without BLAS."""
    lean_numpy = ROOT / "build" / "lean-numpy"
    subprocess.run(["bash", str(PACKAGING / "linux" / "lean_numpy.sh"), sys.executable, str(lean_numpy)], check=True)
    return pyinstaller(PACKAGING / "kindly.spec", work, pythonpath=lean_numpy)


def tree_size(root: Path) -> int:
    """Bytes of every file under root, symlinks counted once as links (as `du --apparent-size`)."""
    return sum(path.lstat().st_size for path in root.rglob("*") if not path.is_dir() or path.is_symlink())


def time_to_first_paint(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()[-500:]}")
    return elapsed


def measure_startup(bundled: Path, runs: int, tmp: Path) -> tuple[list[float], list[float]]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KINDLY_QUIT_AFTER_FIRST_PAINT": "1",
        "KINDLY_DATA_DIR": str(tmp / "data"),
        "KINDLY_CONFIG_DIR": str(tmp / "config"),
    }
    source_command = [sys.executable, "-m", "kindly"]
    source_env = {**env, "PYTHONPATH": str(ROOT / "desktop")}
    bundle_times, source_times = [], []
    for run in range(runs + 1):  # run 0 warms the page cache and is not counted
        bundle_time = time_to_first_paint([str(bundled)], env)
        source_time = time_to_first_paint(source_command, source_env)
        if run:
            bundle_times.append(bundle_time)
            source_times.append(source_time)
    return bundle_times, source_times


def verdict(ratio: float) -> str:
    return "within budget" if ratio <= BUDGET else "OVER BUDGET"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed start-ups of each kind (default 9)")
    parser.add_argument("--kindly-dist", type=Path, help="use the Kindly bundle already in DIR/kindly")
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kindly-bundle-bench-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "minimal_app.py").write_text(MINIMAL_APP)
        minimal_spec = tmp / "minimal.spec"
        minimal_spec.write_text(MINIMAL_SPEC.format(packaging=str(PACKAGING), script=str(tmp / "minimal_app.py")))
        print("building the minimal PySide6 bundle...", flush=True)
        minimal = pyinstaller(minimal_spec, tmp / "minimal") / "minimal"
        if options.kindly_dist:
            kindly = options.kindly_dist.resolve() / "kindly"
        else:
            print("building Kindly's bundle...", flush=True)
            kindly = build_kindly(tmp / "kindly") / "kindly"

        kindly_mib = tree_size(kindly) / 2**20
        minimal_mib = tree_size(minimal) / 2**20
        size_ratio = kindly_mib / minimal_mib
        print(f"timing start-up ({options.runs} runs each, after one warm-up)...", flush=True)
        bundle_times, source_times = measure_startup(kindly / "kindly", options.runs, tmp)

    bundle_median = statistics.median(bundle_times)
    source_median = statistics.median(source_times)
    startup_ratio = bundle_median / source_median
    print()
    print(f"{'what':<34}{'figure':>12}{'baseline':>12}{'ratio':>8}  budget {BUDGET}x")
    print(
        f"{'bundle size (MiB)':<34}{kindly_mib:>12.1f}{minimal_mib:>12.1f}{size_ratio:>8.2f}  "
        f"{verdict(size_ratio)} (baseline: minimal PySide6 bundle)"
    )
    print(
        f"{'start-up to first paint (s, median)':<34}{bundle_median:>12.3f}{source_median:>12.3f}"
        f"{startup_ratio:>8.2f}  {verdict(startup_ratio)} (baseline: from source)"
    )

    results_dir = ROOT / "benchmarks" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "bundle.json").write_text(
        json.dumps(
            {
                "bundle_mib": kindly_mib,
                "minimal_bundle_mib": minimal_mib,
                "size_ratio": size_ratio,
                "startup_bundled_s": bundle_times,
                "startup_source_s": source_times,
                "startup_ratio": startup_ratio,
                "budget": BUDGET,
            },
            indent=2,
        )
        + "\n"
    )
    return 0 if size_ratio <= BUDGET and startup_ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
