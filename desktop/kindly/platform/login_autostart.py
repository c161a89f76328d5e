"""Starting Kindly at login, hidden in the tray: install, remove and ask, per platform.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/org.kindly.Kindly.desktop`
  (the XDG Autostart spec; GNOME, KDE, Xfce and others read it).
- macOS: a LaunchAgent, `~/Library/LaunchAgents/org.kindly.Kindly.plist`.
- Windows: a value named "Kindly" under the current user's `Run` registry key.

The command is `kindly --tray`: the frozen executable in a bundle, else the
`kindly` script beside this Python, else `python -m kindly`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from kindly import APP_ID

WINDOWS_RUN_KEY = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
WINDOWS_VALUE_NAME = "Kindly"
_DESKTOP_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def launch_command() -> list[str]:
    """The command line that starts this Kindly hidden in the tray."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--tray"]
    script = Path(sys.executable).with_name("kindly.exe" if sys.platform == "win32" else "kindly")
    if script.is_file():
        return [str(script), "--tray"]
    import shutil

    found = shutil.which("kindly")
    if found:
        return [str(Path(found).resolve()), "--tray"]
    return [sys.executable, "-m", "kindly", "--tray"]


def install_autostart(platform: str = sys.platform) -> Path | str:
    """Start Kindly in the tray at every login; returns where the entry was written.

    Raises:
        OSError: the entry could not be written (the message names the file).
    """
    command = launch_command()
    if platform == "win32":
        store = _windows_run_key()
        import subprocess

        store.setValue(WINDOWS_VALUE_NAME, subprocess.list2cmdline(command))
        store.sync()
        return f"{WINDOWS_RUN_KEY}\\{WINDOWS_VALUE_NAME}"
    path = launch_agent_path() if platform == "darwin" else desktop_entry_path()
    contents = launch_agent_plist(command) if platform == "darwin" else desktop_entry(command).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(contents)
    os.replace(temporary, path)
    return path


def remove_autostart(platform: str = sys.platform) -> None:
    """No longer start Kindly at login (nothing happens when it was not set up)."""
    if platform == "win32":
        store = _windows_run_key()
        store.remove(WINDOWS_VALUE_NAME)
        store.sync()
        return
    path = launch_agent_path() if platform == "darwin" else desktop_entry_path()
    path.unlink(missing_ok=True)


def autostart_installed(platform: str = sys.platform) -> bool:
    """Whether Kindly starts at login: the entry exists and the desktop has not switched it off."""
    if platform == "win32":
        return _windows_run_key().contains(WINDOWS_VALUE_NAME)
    if platform == "darwin":
        return launch_agent_path().is_file()
    path = desktop_entry_path()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    # Session settings tools switch an entry off in place rather than deleting it.
    switched_off = {"hidden=true", "x-gnome-autostart-enabled=false"}
    return not any(line.strip().replace(" ", "").lower() in switched_off for line in text.splitlines())


# --- Linux and other XDG desktops ------------------------------------------------
def desktop_entry_path() -> Path:
    """`$XDG_CONFIG_HOME/autostart/` (an absolute XDG_CONFIG_HOME only, as the spec says), else `~/.config`."""
    configured = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(configured) if os.path.isabs(configured) else Path.home() / ".config"
    return base / "autostart" / f"{APP_ID}.desktop"


def desktop_entry(command: list[str]) -> str:
    """The autostart desktop entry that runs `command`."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Kindly\n"
        "Comment=Start Kindly hidden in the system tray\n"
        f"Exec={desktop_exec(command)}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        # At login the panel may not hold a tray yet: ask to start after it, where a session can.
        "X-GNOME-Autostart-Delay=5\n"
        "X-KDE-autostart-after=panel\n"
        "X-LXQt-Need-Tray=true\n"
    )


def desktop_exec(command: list[str]) -> str:
    """`command` written as a desktop entry's Exec value (quoted and escaped as the spec requires)."""
    words = []
    for argument in command:
        argument = argument.replace("%", "%%")
        if argument and not _DESKTOP_RESERVED & set(argument):
            words.append(argument)
            continue
        quoted = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        words.append(f'"{quoted}"')
    # The Exec value is itself a desktop-entry string, where a backslash is written twice.
    return " ".join(words).replace("\\", "\\\\")


# --- macOS -------------------------------------------------------------------------
def launch_agent_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def launch_agent_plist(command: list[str]) -> bytes:
    """A LaunchAgent that runs `command` once at login, as an interactive (not background) process."""
    import plistlib

    return plistlib.dumps(
        {"Label": APP_ID, "ProgramArguments": command, "RunAtLoad": True, "ProcessType": "Interactive"}
    )


# --- Windows ------------------------------------------------------------------------
def _windows_run_key() -> QSettings:
    return QSettings(WINDOWS_RUN_KEY, QSettings.Format.NativeFormat)
