"""Starting Kindly at login, hidden in the tray: install, remove and ask, per platform.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/org.kindly.Kindly.desktop`
  (the XDG Autostart spec; GNOME, KDE, Xfce and others read it).
- macOS: a LaunchAgent, `~/Library/LaunchAgents/org.kindly.Kindly.plist`.
- Windows: a value named "Kindly" under the current user's `Run` registry key
  (written with the standard library's winreg: this module needs no Qt).

The command is `kindly --tray`, always a program that opens no console:
- a bundle: its own executable; on Windows the windowed `kindly.exe`, even
  when the switch was turned on from its console twin `kindly-cli.exe`; on
  macOS `open -b org.kindly.Kindly`, so Launch Services finds the app
  wherever it has been moved (or translocated) since;
- from source: on Windows `pythonw.exe -m kindly` (the `kindly.exe` script
  is a console program, which would open a console at every login); else
  the `kindly` script beside this Python, else `python -m kindly`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Protocol

from kindly import APP_ID

WINDOWS_RUN_KEY = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
WINDOWS_RUN_SUBKEY = "Software\\Microsoft\\Windows\\CurrentVersion\\Run"
WINDOWS_VALUE_NAME = "Kindly"
WINDOWS_CONSOLE_TWIN = "kindly-cli.exe"
WINDOWS_WINDOWED_EXE = "kindly.exe"
_NO_REGISTRY = "the Windows registry is only on Windows"
_DESKTOP_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class RunKey(Protocol):
    """The current user's Run key in the Windows registry: what starts at login."""

    def read(self, name: str) -> str | None:
        """The value named `name`, or None when there is none."""

    def write(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None:
        """Remove the value named `name`; nothing happens when there is none."""


def launch_command(platform: str = sys.platform) -> list[str]:
    """The command line that starts this Kindly hidden in the tray, with no console."""
    executable = Path(sys.executable)
    if getattr(sys, "frozen", False):
        if platform == "win32" and executable.name.lower() == WINDOWS_CONSOLE_TWIN:
            return [str(executable.with_name(WINDOWS_WINDOWED_EXE)), "--tray"]
        if platform == "darwin" and _in_app_bundle(executable):
            # `-g`: in the background, as a login item should; `--args` reach Kindly itself.
            return ["/usr/bin/open", "-g", "-b", APP_ID, "--args", "--tray"]
        return [sys.executable, "--tray"]
    if platform == "win32":
        windowed_python = executable.with_name("pythonw.exe")
        python = windowed_python if windowed_python.is_file() else executable
        return [str(python), "-m", "kindly", "--tray"]
    script = executable.with_name("kindly")
    if script.is_file():
        return [str(script), "--tray"]
    import shutil

    found = shutil.which("kindly")
    if found:
        return [str(Path(found).resolve()), "--tray"]
    return [sys.executable, "-m", "kindly", "--tray"]


def _in_app_bundle(executable: Path) -> bool:
    """Whether `executable` is an app's `Something.app/Contents/MacOS/kindly`."""
    macos = executable.parent
    return macos.name == "MacOS" and macos.parent.name == "Contents" and macos.parent.parent.suffix == ".app"


def install_autostart(platform: str = sys.platform, run_key: RunKey | None = None) -> Path | str:
    """Start Kindly in the tray at every login; returns where the entry was written.

    `run_key` stands in for the Windows registry (the tests' fake).

    Raises:
        OSError: the entry could not be written (the message names the file).
    """
    command = launch_command(platform)
    if platform == "win32":
        import subprocess

        (run_key or WindowsRunKey()).write(WINDOWS_VALUE_NAME, subprocess.list2cmdline(command))
        return f"{WINDOWS_RUN_KEY}\\{WINDOWS_VALUE_NAME}"
    path = launch_agent_path() if platform == "darwin" else desktop_entry_path()
    contents = launch_agent_plist(command) if platform == "darwin" else desktop_entry(command).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(contents)
    os.replace(temporary, path)
    return path


def remove_autostart(platform: str = sys.platform, run_key: RunKey | None = None) -> None:
    """No longer start Kindly at login (nothing happens when it was not set up)."""
    if platform == "win32":
        (run_key or WindowsRunKey()).delete(WINDOWS_VALUE_NAME)
        return
    path = launch_agent_path() if platform == "darwin" else desktop_entry_path()
    path.unlink(missing_ok=True)


def autostart_installed(platform: str = sys.platform, run_key: RunKey | None = None) -> bool:
    """Whether Kindly starts at login: the entry exists and the desktop has not switched it off."""
    if platform == "win32":
        return (run_key or WindowsRunKey()).read(WINDOWS_VALUE_NAME) is not None
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
class WindowsRunKey:
    """The Run key itself, through winreg (imported when used: Windows' standard library alone has it).

    Each method checks for Windows first, which also tells the type checker on
    other systems that winreg's Windows-only names are not reached there.
    """

    def read(self, name: str) -> str | None:
        if sys.platform != "win32":
            raise OSError(_NO_REGISTRY)
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_SUBKEY) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value)

    def write(self, name: str, value: str) -> None:
        if sys.platform != "win32":
            raise OSError(_NO_REGISTRY)
        import winreg

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_SUBKEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        if sys.platform != "win32":
            raise OSError(_NO_REGISTRY)
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_SUBKEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            return
