"""The windowed kindly.exe (no standard output, no standard error) opens the window and tells what stops it."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kindly import cli
from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.platform import windowed_messages
from kindly.ui.app import app_main

Launch = tuple[bool, "str | None"]
Kindly = Callable[[list[str]], int]


def _main_without(monkeypatch: pytest.MonkeyPatch, streams: tuple[str, ...], args: list[str]) -> int:
    """cli.main with these standard streams None, as the system started it.

    Set in the test's own call: pytest puts its capture back between a fixture and its test.
    """
    for name in streams:
        monkeypatch.setattr(sys, name, None)
    status = cli.main(args)
    if "stdout" in streams and sys.stdout is not None:
        sys.stdout.close()  # the window's stand-in, os.devnull: closed before pytest's capture is put back
    return status


@pytest.fixture
def kindly_exe(monkeypatch: pytest.MonkeyPatch) -> Iterator[Kindly]:
    """Runs cli.main as Windows runs the windowed kindly.exe: standard output and standard error None."""
    yield lambda args: _main_without(monkeypatch, ("stdout", "stderr"), args)
    windowed_messages.stop_file_log()


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> list[Launch]:
    """run_app's calls, the window itself not built."""
    seen: list[Launch] = []

    def run_app(tray: bool, start: str | None) -> int:
        seen.append((tray, start))
        return 0

    monkeypatch.setattr(app_main, "run_app", run_app)
    return seen


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the message boxes shown (none is drawn)."""
    shown: list[str] = []
    monkeypatch.setattr(windowed_messages, "show_error_box", shown.append)
    return shown


def _failing_window(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    def run_app(tray: bool, start: str | None) -> int:
        raise error

    monkeypatch.setattr(app_main, "run_app", run_app)


def _log(isolated_dirs: Path) -> str:
    return (isolated_dirs / "data" / "logs" / "kindly.log").read_text()


def test_start_name_opens_the_window_with_no_standard_output(kindly_exe: Kindly, launches: list[Launch]) -> None:
    assert kindly_exe(["--start", "timer-5"]) == 0
    assert launches == [(False, "timer-5")]


def test_the_login_entry_tray_opens_hidden_with_no_standard_output(kindly_exe: Kindly, launches: list[Launch]) -> None:
    assert kindly_exe(["--tray"]) == 0
    assert launches == [(True, None)]


def test_a_shortcut_with_no_arguments_opens_the_window(kindly_exe: Kindly, launches: list[Launch]) -> None:
    assert kindly_exe([]) == 0
    assert launches == [(False, None)]


def test_start_given_with_an_equals_sign_opens_the_window_too(kindly_exe: Kindly, launches: list[Launch]) -> None:
    assert kindly_exe(["--tray", "--start=mindful-breathing"]) == 0
    assert launches == [(True, "mindful-breathing")]


def test_a_subcommand_is_pointed_to_a_terminal_in_the_log_and_a_box(
    kindly_exe: Kindly, launches: list[Launch], boxes: list[str], isolated_dirs: Path
) -> None:
    assert kindly_exe(["stats"]) == 2
    assert launches == []
    # How to run it in a terminal is this system's (Command Prompt or PowerShell, on Windows).
    line = f"kindly: error: this Kindly has no terminal to print to: {windowed_messages.terminal_hint(['stats'])}"
    assert line.endswith(" kindly stats")
    assert line in _log(isolated_dirs)
    assert len(boxes) == 1 and boxes[0].startswith(line)


def test_help_is_pointed_to_a_terminal_too(kindly_exe: Kindly, launches: list[Launch], boxes: list[str]) -> None:
    assert kindly_exe(["--help"]) == 2
    assert launches == []
    assert "no terminal to print to" in boxes[0]


def test_a_window_that_cannot_start_is_told_in_the_log_and_a_box(
    kindly_exe: Kindly, boxes: list[str], isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_window(monkeypatch, KindlyFailure("PySide6 6.12.0 loses a reference to None on every Qt call"))
    assert kindly_exe(["--tray"]) == 1
    line = "kindly: failed: PySide6 6.12.0 loses a reference to None on every Qt call"
    assert line in _log(isolated_dirs)
    assert boxes == [f"{line}\n\nMore in {isolated_dirs / 'data' / 'logs' / 'kindly.log'}"]


def test_an_unknown_practice_handed_back_by_the_running_kindly_is_told_in_a_box(
    kindly_exe: Kindly, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A name this launch knows, which the running Kindly no longer does (its script was removed meanwhile).
    _failing_window(monkeypatch, KindlyInputError("unknown practice 'noting'"))
    assert kindly_exe(["--start", "noting"]) == 2
    assert boxes[0].startswith("kindly: error: unknown practice 'noting'")


def test_an_unknown_practice_is_told_in_a_box_before_any_window(
    kindly_exe: Kindly, launches: list[Launch], boxes: list[str]
) -> None:
    assert kindly_exe(["--start", "nope"]) == 2
    assert launches == []
    assert boxes[0].startswith("kindly: error: unknown practice or quick start 'nope' (one of: ")


def test_a_bug_escaping_the_window_is_logged_with_its_traceback(
    kindly_exe: Kindly, boxes: list[str], isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_window(monkeypatch, RuntimeError("a bug before the first paint"))
    assert kindly_exe([]) == 1
    log = _log(isolated_dirs)
    assert "kindly: internal error: RuntimeError: a bug before the first paint (the traceback is in the log)" in log
    assert "Traceback (most recent call last)" in log
    assert boxes[0].startswith("kindly: internal error: RuntimeError")


def test_with_only_standard_output_closed_the_window_still_opens(
    launches: list[Launch], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _main_without(monkeypatch, ("stdout",), ["--tray"]) == 0
    assert launches == [(True, None)]


def test_with_only_standard_output_closed_a_subcommand_says_so_on_standard_error(
    launches: list[Launch], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main_without(monkeypatch, ("stdout",), ["stats"]) == 1
    assert capsys.readouterr().err == "kindly: failed: cannot write the output: standard output is closed\n"
    assert launches == []


@pytest.mark.slow
@pytest.mark.linux_only("the shell's >&- 2>&-; with no standard error a Kindly on macOS would show a real alert")
def test_a_real_kindly_with_both_streams_closed_opens_its_window_and_logs_a_refused_command(
    isolated_dirs: Path,
) -> None:
    """As near the windowed exe as Linux comes: Python itself finds no standard output or error."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KINDLY_QUIT_AFTER_FIRST_PAINT="1")
    kindly = f"{shlex.quote(sys.executable)} -m kindly"
    window = subprocess.run(f"{kindly} --tray >&- 2>&-", shell=True, env=env, timeout=120)
    assert window.returncode == 0
    command = subprocess.run(f"{kindly} stats >&- 2>&-", shell=True, env=env, timeout=120)
    assert command.returncode == 2
    assert "kindly: error: this Kindly has no terminal to print to" in _log(isolated_dirs)
