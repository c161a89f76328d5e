"""Starting Kindly at login: a real desktop entry in a private XDG config dir, the macOS LaunchAgent, the Run key."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fakes import FakeRunKey
from kindly.platform.login_autostart import (
    WINDOWS_VALUE_NAME,
    WindowsRunKey,  # the real one: tests/conftest.py's run_key puts a fake in the module's place
    autostart_installed,
    desktop_entry,
    desktop_exec,
    install_autostart,
    launch_command,
    remove_autostart,
)


@pytest.fixture
def xdg_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(path))
    return path


def _home_in(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Path.home() is `path`: HOME on Linux and macOS, USERPROFILE on Windows."""
    monkeypatch.setenv("HOME", str(path))
    monkeypatch.setenv("USERPROFILE", str(path))


def test_install_writes_the_login_entry_under_xdg_config_home(xdg_config: Path) -> None:
    written = install_autostart(platform="linux")
    assert written == xdg_config / "autostart" / "org.kindly.Kindly.desktop"
    assert written.is_file()


def test_the_login_entry_starts_kindly_hidden_in_the_tray(xdg_config: Path) -> None:
    text = Path(install_autostart(platform="linux")).read_text()
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" --tray")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_the_login_entry_passes_desktop_file_validate(xdg_config: Path) -> None:
    entry = install_autostart(platform="linux")
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=10)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_autostart_is_installed_after_install_and_not_after_remove(xdg_config: Path) -> None:
    assert not autostart_installed(platform="linux")
    install_autostart(platform="linux")
    assert autostart_installed(platform="linux")
    remove_autostart(platform="linux")
    assert not autostart_installed(platform="linux")
    assert not (xdg_config / "autostart" / "org.kindly.Kindly.desktop").exists()


def test_removing_autostart_that_was_never_set_up_is_harmless(xdg_config: Path) -> None:
    remove_autostart(platform="linux")
    assert not autostart_installed(platform="linux")


def test_an_entry_the_desktop_switched_off_counts_as_not_installed(xdg_config: Path) -> None:
    entry = Path(install_autostart(platform="linux"))
    entry.write_text(entry.read_text().replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"))
    assert not autostart_installed(platform="linux")


def test_a_relative_xdg_config_home_is_ignored_as_the_spec_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    _home_in(tmp_path / "home", monkeypatch)
    assert (
        Path(install_autostart(platform="linux"))
        == tmp_path / "home" / ".config" / "autostart" / "org.kindly.Kindly.desktop"
    )


def test_a_frozen_bundle_starts_its_own_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/Kindly/kindly")
    assert launch_command() == ["/opt/Kindly/kindly", "--tray"]


def test_from_source_the_command_runs_this_kindly() -> None:
    command = launch_command()
    assert command[-1] == "--tray"
    # Whatever form it takes, it is this installation's Kindly, not one found at login by chance.
    assert Path(command[0]).is_file()


def test_an_executable_path_with_spaces_and_quotes_is_quoted_for_the_exec_key() -> None:
    assert desktop_exec(['/opt/My Apps/kin"dly', "--tray"]) == '"/opt/My Apps/kin\\\\"dly" --tray'


def test_a_percent_sign_in_the_path_is_not_taken_for_a_field_code() -> None:
    assert desktop_exec(["/opt/100%/kindly"]) == "/opt/100%%/kindly"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_an_entry_for_an_awkward_path_still_validates(tmp_path: Path) -> None:
    entry = tmp_path / "org.kindly.Kindly.desktop"
    entry.write_text(desktop_entry(['/opt/My Apps/100% "kindly"', "--tray"]))
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=10)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_on_macos_a_launch_agent_runs_kindly_in_the_tray_at_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _home_in(tmp_path / "home", monkeypatch)
    path = Path(install_autostart(platform="darwin"))
    assert path == tmp_path / "home" / "Library" / "LaunchAgents" / "org.kindly.Kindly.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.kindly.Kindly"
    assert agent["ProgramArguments"] == launch_command("darwin")
    assert agent["RunAtLoad"] is True
    assert autostart_installed(platform="darwin")
    remove_autostart(platform="darwin")
    assert not autostart_installed(platform="darwin")


def test_nothing_is_written_outside_the_autostart_dir(xdg_config: Path) -> None:
    install_autostart(platform="linux")
    written = sorted(p.relative_to(xdg_config) for p in xdg_config.rglob("*") if p.is_file())
    assert written == [Path("autostart/org.kindly.Kindly.desktop")]


def test_the_login_entry_asks_to_start_after_the_panel_so_the_tray_is_there(xdg_config: Path) -> None:
    lines = Path(install_autostart(platform="linux")).read_text().splitlines()
    assert {"X-KDE-autostart-after=panel", "X-LXQt-Need-Tray=true"} <= set(lines)


def test_on_windows_the_run_key_gets_a_value_named_kindly_and_loses_it_on_remove() -> None:
    key = FakeRunKey()
    assert not autostart_installed(platform="win32", run_key=key)
    where = install_autostart(platform="win32", run_key=key)
    assert where == "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Kindly"
    assert autostart_installed(platform="win32", run_key=key)
    remove_autostart(platform="win32", run_key=key)
    assert key.values == {}
    assert not autostart_installed(platform="win32", run_key=key)


def test_on_windows_the_run_value_is_one_quoted_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/Program Files/Kindly/kindly.exe")
    key = FakeRunKey()
    install_autostart(platform="win32", run_key=key)
    assert key.values[WINDOWS_VALUE_NAME] == '"/Program Files/Kindly/kindly.exe" --tray'


def test_removing_a_run_value_that_was_never_set_is_harmless() -> None:
    remove_autostart(platform="win32", run_key=FakeRunKey())


def test_the_windows_bundle_records_the_windowed_exe_when_switched_on_from_kindly_cli(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/Kindly/kindly-cli.exe")
    assert launch_command("win32") == [str(Path("/Kindly/kindly.exe")), "--tray"]


def test_the_windows_bundle_records_its_windowed_exe_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/Kindly/kindly.exe")
    assert launch_command("win32") == ["/Kindly/kindly.exe", "--tray"]


def test_from_source_on_windows_the_login_entry_runs_pythonw_so_no_console_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("python.exe", "pythonw.exe", "kindly.exe"):
        (tmp_path / name).touch()
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python.exe"))
    assert launch_command("win32") == [str(tmp_path / "pythonw.exe"), "-m", "kindly", "--tray"]


def test_the_mac_app_is_started_by_its_bundle_id_so_moving_it_keeps_the_login_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(
        sys, "executable", "/private/var/folders/xy/AppTranslocation/1/d/Kindly.app/Contents/MacOS/kindly"
    )
    assert launch_command("darwin") == ["/usr/bin/open", "-g", "-b", "org.kindly.Kindly", "--args", "--tray"]


def test_a_frozen_mac_program_outside_an_app_runs_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/kindly/kindly")
    assert launch_command("darwin") == ["/opt/kindly/kindly", "--tray"]


def test_the_launch_agent_of_the_mac_app_holds_the_open_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _home_in(tmp_path / "home", monkeypatch)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/Applications/Kindly.app/Contents/MacOS/kindly")
    agent = plistlib.loads(Path(install_autostart(platform="darwin")).read_bytes())
    assert agent["ProgramArguments"][:4] == ["/usr/bin/open", "-g", "-b", "org.kindly.Kindly"]


def test_the_login_switch_needs_no_qt() -> None:
    code = "import sys, kindly.platform.login_autostart; print('PySide6' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.skipif(sys.platform != "win32", reason="the Windows registry is Windows' (or Wine's)")
def test_the_real_run_key_keeps_reads_and_deletes_a_value() -> None:
    key, name = WindowsRunKey(), f"Kindly test {os.getpid()}"
    try:
        key.write(name, '"C:\\Kindly\\kindly.exe" --tray')
        assert key.read(name) == '"C:\\Kindly\\kindly.exe" --tray'
    finally:
        key.delete(name)
    assert key.read(name) is None
    key.delete(name)  # a second time: nothing there, nothing raised
