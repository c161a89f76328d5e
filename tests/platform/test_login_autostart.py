"""Starting Kindly at login: a real desktop entry in a private XDG config dir, and the macOS LaunchAgent."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kindly.platform.login_autostart import (
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
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
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
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = Path(install_autostart(platform="darwin"))
    assert path == tmp_path / "home" / "Library" / "LaunchAgents" / "org.kindly.Kindly.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.kindly.Kindly"
    assert agent["ProgramArguments"] == launch_command()
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
