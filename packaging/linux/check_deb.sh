#!/usr/bin/env bash
# Checks the .deb with lintian, installs it as a person would (apt-get, as root), runs Kindly from the installed
# copy (`kindly self-test`, then the bundle smoke test on /opt/kindly: the window, a
# session kept on screen for a minute), removes it, and fails if anything it installed
# is left. Usage: packaging/linux/check_deb.sh dist/kindly_<version>_<arch>.deb
set -euo pipefail

deb=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
[ "$(id -u)" = 0 ] || { echo "check_deb.sh: installs a package, so runs as root" >&2; exit 1; }

# lintian first: any tag not explained in packaging/linux/lintian-overrides fails.
command -v lintian >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q lintian >/dev/null
lintian --fail-on error,warning --tag-display-limit 0 "$deb"
echo "check_deb.sh: lintian: no error or warning beyond the explained overrides"

DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb"
files=$(mktemp)
trap 'rm -f "$files"' EXIT
dpkg-query -L kindly > "$files"
echo "check_deb.sh: installed $(grep -c . "$files") paths; $(dpkg-query -W -f='${Installed-Size}' kindly) KiB"

home=$(mktemp -d)
KINDLY_DATA_DIR=$home/data KINDLY_CONFIG_DIR=$home/config kindly self-test
"$python" "$here/../bundle_smoke.py" /opt
rm -rf "$home"

DEBIAN_FRONTEND=noninteractive apt-get remove -y -q kindly
left=()
while IFS= read -r path; do
  # Folders the package shared with others (/usr/share/icons/hicolor/48x48/apps...) stay.
  if [ -e "$path" ] || [ -L "$path" ]; then
    [ -d "$path" ] && [ ! -L "$path" ] && [[ $path != /opt/kindly* ]] && continue
    left+=("$path")
  fi
done < "$files"
if [ ${#left[@]} -gt 0 ]; then
  printf 'check_deb.sh: left behind after removal: %s\n' "${left[@]}" >&2
  exit 1
fi
echo "check_deb.sh: installed, ran and removed; nothing of it is left"
