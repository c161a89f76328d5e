#!/usr/bin/env bash
# Removes what install.sh installed for this user, wherever it was installed: the
# files listed in installed-files beside this script (the `kindly` link, the menu
# entry, the icons, the software-centre metadata), a login autostart entry that points at this bundle, and the
# bundle itself, this script's own folder. It says each thing it removes.
# Your practice history and settings stay where they are.
set -euo pipefail

lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
app_id=org.kindly.Kindly
manifest=$lib_dir/installed-files
[ -x "$lib_dir/kindly" ] || { echo "uninstall.sh: no Kindly bundle beside this script, in $lib_dir" >&2; exit 1; }
if [ ! -f "$manifest" ]; then
  # Installed before install.sh kept a list: what it placed, under the prefix this bundle sits in.
  prefix=$(dirname "$(dirname "$lib_dir")")
  manifest=$(mktemp)
  trap 'rm -f "$manifest"' EXIT
  {
    echo "$prefix/bin/kindly"
    echo "$prefix/share/applications/$app_id.desktop"
    echo "$prefix/share/metainfo/$app_id.metainfo.xml"
    find "$prefix/share/icons/hicolor" -path "*/apps/$app_id.*" 2>/dev/null || true
  } > "$manifest"
fi

removed=0
remove() {
  rm -f "$1"
  echo "removed $1"
  removed=$((removed + 1))
}

while IFS= read -r path || [ -n "$path" ]; do
  [ -n "$path" ] || continue
  if [ -L "$path" ]; then
    # The link only if it is still ours: a later install elsewhere may have taken the name.
    [ "$(readlink "$path")" = "$lib_dir/kindly" ] && remove "$path"
  elif [ -f "$path" ]; then
    remove "$path"
  fi
done < "$manifest"

autostart=${XDG_CONFIG_HOME:-$HOME/.config}/autostart/$app_id.desktop
if [ -f "$autostart" ] && grep -qF "$lib_dir/kindly" "$autostart"; then
  remove "$autostart"
fi

apps_dir=$(sed -n 's#/'"$app_id"'\.desktop$##p' "$manifest" | head -n 1)
rm -rf "$lib_dir"
echo "removed $lib_dir (the bundle)"
if [ -n "$apps_dir" ] && [ -d "$apps_dir" ] && command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$apps_dir" 2>/dev/null || true
fi
echo "Kindly is uninstalled ($removed files and the bundle). Your history and settings are kept, in"
echo "  ${XDG_DATA_HOME:-$HOME/.local/share}/Kindly and ${XDG_CONFIG_HOME:-$HOME/.config}/Kindly"
