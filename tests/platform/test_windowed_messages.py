"""With no standard error (the windowed kindly.exe): a private rotating log, and a native message box."""

from __future__ import annotations

import ctypes
import logging
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from kindly.platform import windowed_messages
from kindly.platform.windowed_messages import (
    LOG_BACKUPS,
    LOG_FILE_BYTES,
    MB_ICONERROR,
    error_box_for,
    macos_error_box,
    report,
    show_error_box,
    start_file_log,
    stop_file_log,
    terminal_hint,
    windows_error_box,
)

# Windows has no modes: what "private" means there is kindly.platform.private_files' to check.
NO_MODES = pytest.mark.skipif(sys.platform == "win32", reason="Windows files have no permission modes")


@pytest.fixture
def file_log() -> Iterator[None]:
    """The log a test starts is stopped after it, and the exception hooks given back."""
    yield
    stop_file_log()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the message boxes shown meanwhile (none is drawn)."""
    shown: list[str] = []
    monkeypatch.setattr(windowed_messages, "show_error_box", shown.append)
    return shown


def _log_file(data: Path) -> Path:
    return data / "logs" / "kindly.log"


def test_the_log_is_kindly_log_in_the_data_folders_logs(file_log: None, isolated_dirs: Path) -> None:
    assert start_file_log() == _log_file(isolated_dirs / "data")


@NO_MODES
def test_the_log_and_its_folder_are_the_users_alone(file_log: None, isolated_dirs: Path) -> None:
    path = start_file_log()
    assert path is not None
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_line_for_the_user_is_kept_in_the_log(file_log: None, isolated_dirs: Path) -> None:
    start_file_log()
    report("kindly: failed: the history is damaged")
    assert "kindly: failed: the history is damaged" in _log_file(isolated_dirs / "data").read_text()


def test_kindlys_logging_reaches_the_log(file_log: None, isolated_dirs: Path) -> None:
    start_file_log()
    logging.getLogger("kindly.ui.tray").warning("no system tray")
    assert "WARNING kindly.ui.tray: no system tray" in _log_file(isolated_dirs / "data").read_text()


def test_an_error_is_kept_with_its_traceback(file_log: None, isolated_dirs: Path) -> None:
    start_file_log()
    try:
        raise RuntimeError("a bug")
    except RuntimeError as exc:
        report("kindly: internal error: RuntimeError: a bug", error=exc)
    text = _log_file(isolated_dirs / "data").read_text()
    assert "Traceback (most recent call last)" in text
    assert "test_an_error_is_kept_with_its_traceback" in text


def test_an_uncaught_exception_is_kept_in_the_log(file_log: None, isolated_dirs: Path) -> None:
    start_file_log()
    try:
        raise ValueError("raised in a slot")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert "ValueError: raised in a slot" in _log_file(isolated_dirs / "data").read_text()


def test_an_uncaught_exception_in_a_thread_is_kept_in_the_log(file_log: None, isolated_dirs: Path) -> None:
    start_file_log()

    def fail() -> None:
        raise LookupError("raised in the history's thread")

    thread = threading.Thread(target=fail, name="history")
    thread.start()
    thread.join()
    text = _log_file(isolated_dirs / "data").read_text()
    assert "uncaught exception in history" in text
    assert "LookupError: raised in the history's thread" in text


def test_stopping_the_log_gives_back_the_exception_hooks(file_log: None) -> None:
    hooks = (sys.excepthook, threading.excepthook)
    start_file_log()
    stop_file_log()
    assert (sys.excepthook, threading.excepthook) == hooks


def test_starting_the_log_twice_keeps_one_log(file_log: None) -> None:
    first = start_file_log()
    assert start_file_log() == first
    assert sum(isinstance(h, windowed_messages.PrivateRotatingLog) for h in logging.getLogger().handlers) == 1


def _fill_the_log(isolated_dirs: Path) -> Path:
    """Enough lines for the log to rotate past its last backup; returns the logs folder."""
    start_file_log()
    line = "x" * 1000
    for _ in range((LOG_BACKUPS + 3) * LOG_FILE_BYTES // len(line)):
        report(line)
    return _log_file(isolated_dirs / "data").parent


def test_the_log_rotates_into_five_files_of_256_kib_at_most(file_log: None, isolated_dirs: Path) -> None:
    logs = _fill_the_log(isolated_dirs)
    names = sorted(path.name for path in logs.iterdir())
    assert names == ["kindly.log", "kindly.log.1", "kindly.log.2", "kindly.log.3", "kindly.log.4"]
    assert all(path.stat().st_size <= LOG_FILE_BYTES for path in logs.iterdir())


@NO_MODES
def test_every_file_of_a_rotated_log_is_the_users_alone(file_log: None, isolated_dirs: Path) -> None:
    logs = _fill_the_log(isolated_dirs)
    assert {stat.S_IMODE(path.stat().st_mode) for path in logs.iterdir()} == {0o600}


def test_a_data_folder_that_cannot_hold_the_log_leaves_kindly_running(
    file_log: None, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = isolated_dirs / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("KINDLY_DATA_DIR", str(blocked))
    assert start_file_log() is None
    report("kindly: failed: nowhere to keep this")


def test_an_alert_shows_the_line_and_where_the_log_is(file_log: None, boxes: list[str]) -> None:
    path = start_file_log()
    report("kindly: failed: Qt could not load its platform plugin", alert=True)
    assert boxes == [f"kindly: failed: Qt could not load its platform plugin\n\nMore in {path}"]


def test_a_line_without_alert_shows_no_box(file_log: None, boxes: list[str]) -> None:
    start_file_log()
    report("kindly: interrupted")
    assert boxes == []


# --- The message box -----------------------------------------------------------------
def test_windows_shows_a_messageboxw_and_macos_an_osascript_alert_and_linux_none() -> None:
    assert error_box_for("win32") is windows_error_box
    assert error_box_for("darwin") is macos_error_box
    assert error_box_for("linux") is None


def test_on_windows_the_box_is_user32s_messageboxw_with_the_error_icon(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, ...]] = []
    user32 = SimpleNamespace(MessageBoxW=lambda *args: calls.append(args))
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(user32=user32), raising=False)
    show_error_box("kindly: failed: no platform plugin", platform="win32")
    assert calls == [(None, "kindly: failed: no platform plugin", "Kindly", MB_ICONERROR)]


def test_on_macos_the_box_is_an_osascript_alert_with_the_text_as_an_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[list[str]] = []

    def run(command: list[str], **_options: object) -> subprocess.CompletedProcess[bytes]:
        commands.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", run)
    text = 'kindly: failed: "quoted" \\ and end run'
    show_error_box(text, platform="darwin")
    [command] = commands
    assert command[0] == "/usr/bin/osascript"
    assert command[-2:] == ["Kindly", text]
    assert "display alert (item 1 of argv) message (item 2 of argv) as critical" in command


def test_on_linux_no_box_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*_args: object, **_options: object) -> None:
        raise AssertionError("nothing is started on Linux")

    monkeypatch.setattr(subprocess, "run", run)
    show_error_box("kindly: failed: anything", platform="linux")


def test_a_box_that_cannot_be_shown_raises_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*_args: object, **_options: object) -> None:
        raise FileNotFoundError("/usr/bin/osascript")

    monkeypatch.setattr(subprocess, "run", run)
    show_error_box("kindly: failed: anything", platform="darwin")


# --- Where a subcommand can print ------------------------------------------------------
def test_the_windows_bundle_points_at_its_console_twin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/Kindly/kindly.exe")
    twin = Path("/Kindly/kindly-cli.exe")
    assert terminal_hint(["stats"], platform="win32") == (
        f'run it in a terminal (Command Prompt or PowerShell) as "{twin}" stats'
    )


def test_elsewhere_the_hint_is_the_kindly_command_quoted_for_the_shell() -> None:
    assert terminal_hint(["history", "export", "my file.csv"], platform="linux") == (
        "run it in a terminal as kindly history export 'my file.csv'"
    )
