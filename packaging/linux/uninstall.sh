#!/usr/bin/env bash
# Removes what install.sh installed for this user: the bundle, the `kindly`
# link, the menu entry, the icons, and a login autostart entry that points at
# this bundle. Your practice history and settings stay where they are.
# Honours the same $PREFIX as install.sh (default ~/.local).
set -euo pipefail

prefix=${PREFIX:-$HOME/.local}
app_id=org.kindly.Kindly
lib_dir=$prefix/lib/kindly
link=$prefix/bin/kindly
apps_dir=$prefix/share/applications

if [ -L "$link" ] && [ "$(readlink "$link")" = "$lib_dir/kindly" ]; then
  rm -f "$link"
fi
rm -f "$apps_dir/$app_id.desktop"
for icon in "$prefix"/share/icons/hicolor/*/apps/"$app_id".png "$prefix"/share/icons/hicolor/*/apps/"$app_id".svg; do
  [ -e "$icon" ] && rm -f "$icon"
done
autostart=${XDG_CONFIG_HOME:-$HOME/.config}/autostart/$app_id.desktop
if [ -f "$autostart" ] && grep -qF -e "$lib_dir/kindly" -e "$link" "$autostart"; then
  rm -f "$autostart"
fi
rm -rf "$lib_dir"
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$apps_dir" 2>/dev/null || true
fi
echo "Kindly is uninstalled. Your history and settings are kept, in"
echo "  ${XDG_DATA_HOME:-$HOME/.local/share}/Kindly and ${XDG_CONFIG_HOME:-$HOME/.config}/Kindly"
