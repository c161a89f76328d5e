#!/usr/bin/env bash
# Usage: packaging/linux/lean_numpy.sh PYTHON TARGET_DIR
#
# Installs into TARGET_DIR the numpy version PYTHON already has, compiled here
# without BLAS or LAPACK. numpy's Linux wheels carry OpenBLAS (27 MB with its
# gfortran runtime), which Kindly never calls: it adds, scales and FFTs sound,
# and pocketfft needs no BLAS. The Linux bundle is built with TARGET_DIR first
# on PYTHONPATH (`make bundle`), which keeps it within its size budget; the
# development environment keeps the ordinary wheel.
#
# Needs a C and C++ compiler (g++). The first build takes several minutes on
# two cores; the wheel is cached (~/.cache/kindly-build), so later runs take seconds.
set -euo pipefail
python=$1
target=$2
version=$("$python" -c 'import numpy; print(numpy.__version__)')
[ -f "$target/.numpy-$version-noblas" ] && exit 0

echo "Building numpy $version without BLAS/LAPACK for the bundle (cached after the first time)..."
rm -rf "$target"
# The source archive is checked against the lock's hashes, like every other install.
lock=$(cd "$(dirname "$0")/../.." && pwd)/requirements/lock.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" - "$lock" "$version" >"$work/pinned.txt" <<'PY'
import re, sys
lock, version = sys.argv[1], sys.argv[2]
blocks = re.split(r"\n(?=\S)", open(lock).read())
block = next(b for b in blocks if b.startswith(f"numpy=={version} "))
hashes = " ".join(re.findall(r"--hash=sha256:[0-9a-f]+", block))
# Per requirement: pip 23.2 drops command-line --config-settings for requirements read from a file.
print(f"numpy=={version} --config-settings=setup-args=-Dblas=none --config-settings=setup-args=-Dlapack=none {hashes}")
PY
# The wheel built is kept per version in the user's cache, so later builds (and CI runs) take seconds.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/kindly-build/numpy-$version-noblas
wheel=$(ls "$cache"/numpy-"$version"-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
  "$python" -m pip wheel --quiet --no-deps --no-binary numpy --no-cache-dir --require-hashes \
    -r "$work/pinned.txt" -w "$work/wheel"
  mkdir -p "$cache"
  cp "$work"/wheel/numpy-"$version"-*.whl "$cache"/
  wheel=$(ls "$cache"/numpy-"$version"-*.whl | head -n 1)
fi
"$python" -m pip install --quiet --no-deps --no-cache-dir --target "$target" "$wheel"
blas=$(PYTHONPATH="$target" "$python" -c 'import numpy; print(numpy.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"])')
if [ "$blas" != "none" ]; then
  echo "lean_numpy.sh: the numpy in $target still uses BLAS ($blas); remove $cache and build again" >&2
  exit 1
fi
touch "$target/.numpy-$version-noblas"
