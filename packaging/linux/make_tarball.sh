#!/usr/bin/env bash
# Packs the Linux bundle (`make bundle` first) with its menu entry, icons and
# install/uninstall scripts into dist/kindly-<version>-linux-<arch>.tar.gz.
# Usage: packaging/linux/make_tarball.sh [DIST_DIR]   (default: dist)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
packaging=$(dirname "$here")
dist=$(cd "${1:-dist}" && pwd)
python=${PYTHON:-python3}
[ -x "$dist/kindly/kindly" ] || { echo "make_tarball.sh: no bundle at $dist/kindly (run 'make bundle')" >&2; exit 1; }

version=$("$python" -c 'import sys; sys.path.insert(0, sys.argv[1]); import bundle_config; print(bundle_config.read_version())' "$packaging")
name=kindly-$version-linux-$(uname -m)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/$name

mkdir -p "$stage/share/applications" "$stage/share/metainfo"
cp -a "$dist/kindly" "$stage/kindly"
cp "$here/org.kindly.Kindly.desktop" "$stage/share/applications/"
cp "$here/org.kindly.Kindly.metainfo.xml" "$stage/share/metainfo/"
"$python" "$packaging/bundle_icons.py" hicolor "$stage/share/icons" >/dev/null
cp "$here/install.sh" "$here/uninstall.sh" "$stage/"

tar -C "$work" -czf "$dist/$name.tar.gz" "$name"
echo "$dist/$name.tar.gz"
