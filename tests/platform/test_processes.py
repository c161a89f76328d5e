"""A speech engine started from the windowed exe flashes no console on Windows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kindly.core.errors import KindlyFailure
from kindly.platform.processes import CREATE_NO_WINDOW, quiet_process_options


def test_on_windows_a_helper_program_is_created_without_a_console_window() -> None:
    assert quiet_process_options("win32") == {"creationflags": CREATE_NO_WINDOW}


def test_the_flag_is_windows_own_create_no_window() -> None:
    assert CREATE_NO_WINDOW == 0x08000000


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_elsewhere_a_helper_program_needs_no_options(platform: str) -> None:
    assert quiet_process_options(platform) == {}


def test_a_speech_engine_is_run_with_the_quiet_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("numpy", reason="the speech engines need numpy (not in the Windows lane under Wine)")
    from kindly.audio.speech import program_engine
    from kindly.audio.speech.espeak_engine import EspeakEngine

    seen: dict[str, object] = {}

    def run(command: list[str], **options: object) -> subprocess.CompletedProcess[bytes]:
        seen.update(options)
        return subprocess.CompletedProcess(command, 1, b"", b"no voice")

    monkeypatch.setattr(program_engine, "quiet_process_options", lambda: quiet_process_options("win32"))
    monkeypatch.setattr(subprocess, "run", run)
    engine = EspeakEngine(str(tmp_path / "espeak-ng"))
    with pytest.raises(KindlyFailure):
        engine.speak("Breathe in.")
    assert seen["creationflags"] == CREATE_NO_WINDOW


@pytest.mark.skipif(sys.platform != "win32", reason="CREATE_NO_WINDOW is Windows' (or Wine's)")
def test_windows_starts_a_console_program_with_the_quiet_options() -> None:
    done = subprocess.run(["cmd", "/c", "exit 3"], capture_output=True, timeout=60, **quiet_process_options())
    assert done.returncode == 3
