#!/usr/bin/env bash
# Installs the Debian packages Kindly's set-up needs when run as root, or
# prints the exact command to run otherwise. Does nothing off Debian/Ubuntu.
# The list is packaging/debian-packages.txt, or the file given as the first argument.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v dpkg-query >/dev/null 2>&1 || exit 0

mapfile -t wanted < <(grep -vE '^\s*(#|$)' "${1:-$here/debian-packages.txt}")
missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Kindly needs these Debian packages. Install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
