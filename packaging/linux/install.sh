#!/usr/bin/env bash
# Installs Kindly for the current user, without root, from an unpacked
# kindly-<version>-linux-<arch>.tar.gz (run it from anywhere):
#   <prefix>/lib/kindly/            the bundle (and this tarball's uninstall.sh)
#   <prefix>/bin/kindly             a link to it, for the terminal
#   <prefix>/share/applications/    the menu entry, org.kindly.Kindly.desktop
#   <prefix>/share/icons/hicolor/   the icon at each size
#   <prefix>/share/metainfo/        what software centres show, org.kindly.Kindly.metainfo.xml
# <prefix> is $PREFIX, else ~/.local. Installing again upgrades in place.
# Every file placed outside the bundle is listed in <prefix>/lib/kindly/installed-files,
# so <prefix>/lib/kindly/uninstall.sh removes exactly those, whatever $PREFIX was.
# Your practice history and settings live elsewhere and are never touched.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
app_id=org.kindly.Kindly
lib_dir=$prefix/lib/kindly
bin_dir=$prefix/bin
apps_dir=$prefix/share/applications
icons_dir=$prefix/share/icons

[ -x "$here/kindly/kindly" ] || { echo "install.sh: no bundle at $here/kindly/kindly" >&2; exit 1; }

# A path as one argument of a desktop entry's Exec key (Desktop Entry spec, "The Exec key").
exec_quote() {
  local path=$1
  path=${path//%/%%}
  if [[ $path =~ ^[A-Za-z0-9/._+-]+$ ]]; then
    printf '%s' "$path"
  else
    path=${path//\\/\\\\}; path=${path//\"/\\\"}; path=${path//\$/\\\$}; path=${path//\`/\\\`}
    printf '"%s"' "$path"
  fi
}

mkdir -p "$prefix/lib" "$bin_dir" "$apps_dir"
# Copy beside the old install, then swap, so a failed copy never leaves half a Kindly.
staging=$(mktemp -d "$prefix/lib/.kindly-install.XXXXXX")
trap 'rm -rf "$staging"' EXIT
cp -a "$here/kindly" "$staging/kindly"
cp "$here/uninstall.sh" "$staging/kindly/uninstall.sh"
rm -rf "$lib_dir"
mv "$staging/kindly" "$lib_dir"

ln -sfn "$lib_dir/kindly" "$bin_dir/kindly"
placed=("$bin_dir/kindly" "$apps_dir/$app_id.desktop")

executable=$(exec_quote "$lib_dir/kindly")
while IFS= read -r line || [ -n "$line" ]; do
  case $line in
    Exec=kindly*) printf 'Exec=%s%s\n' "$executable" "${line#Exec=kindly}" ;;
    TryExec=kindly) printf 'TryExec=%s\n' "$lib_dir/kindly" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$here/share/applications/$app_id.desktop" > "$apps_dir/$app_id.desktop"

if [ -d "$here/share/icons/hicolor" ]; then
  mkdir -p "$icons_dir"
  cp -R "$here/share/icons/hicolor" "$icons_dir/"
  touch "$icons_dir/hicolor"  # tells icon caches to look again
  while IFS= read -r -d '' icon; do
    placed+=("$icons_dir/hicolor/${icon#"$here/share/icons/hicolor/"}")
  done < <(find "$here/share/icons/hicolor" -type f -print0)
fi
if [ -f "$here/share/metainfo/$app_id.metainfo.xml" ]; then
  mkdir -p "$prefix/share/metainfo"
  cp "$here/share/metainfo/$app_id.metainfo.xml" "$prefix/share/metainfo/"
  placed+=("$prefix/share/metainfo/$app_id.metainfo.xml")
fi
# What the uninstaller removes besides the bundle: one absolute path a line.
printf '%s\n' "${placed[@]}" > "$lib_dir/installed-files"
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$apps_dir" 2>/dev/null || true
fi

echo "Kindly is installed in $lib_dir."
echo "Start it from your applications menu, or run: $bin_dir/kindly"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "($bin_dir is not on your PATH; add it to run 'kindly' by name.)" ;;
esac
echo "To remove it: $lib_dir/uninstall.sh"
