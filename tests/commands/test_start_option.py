"""`kindly --start NAME` from a terminal: a name that starts nothing is refused in one line before any window.

The name is checked in the launching process, before the window is made and
before a running Kindly is handed the request: exit 2, one line, saying where
the names are listed. (From the window or the tray it stays a notice.) The
window is stood in for here, so these tests need no Qt.
"""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindly.cli import main
from kindly.library.practice_library import read_practice_ids
from kindly.library.quick_starts import LAST, TIMER_PRESETS
from user_scripts import write_user_script

Launch = tuple[bool, "str | None"]
BUNDLED_IDS = read_practice_ids()[0]
STARTABLE = {LAST, *TIMER_PRESETS, *BUNDLED_IDS}
REFUSAL = "kindly: error: unknown practice or quick start "
LISTED = "'kindly practices' lists the practices)\n"


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> list[Launch]:
    """The window (and the hand-over to a running Kindly) as a list of what it was asked to start."""
    asked: list[Launch] = []

    def run_app(tray: bool, start: str | None) -> int:
        asked.append((tray, start))
        return 0

    window = types.ModuleType("kindly.ui.app.app_main")
    window.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kindly.ui.app.app_main", window)
    return asked


def _refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.endswith("\n")
    return captured.err


UNKNOWN_NAMES = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"[a-z][a-z0-9-]{0,30}", fullmatch=True),
    st.sampled_from(sorted(STARTABLE)).map(lambda name: name + "x"),
).filter(lambda name: name.strip() not in STARTABLE and "\x00" not in name)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=UNKNOWN_NAMES, tray=st.booleans(), equals=st.booleans())
def test_an_unknown_name_exits_2_in_one_line_and_no_window_is_made(
    capsys: pytest.CaptureFixture[str], launches: list[Launch], name: str, tray: bool, equals: bool
) -> None:
    start = [f"--start={name}"] if equals else ["--start", name]
    said = _refused(capsys, *(["--tray"] if tray else []), *start)
    assert launches == []
    if not equals and name.startswith("-") and said.startswith("kindly: error: argument --start: expected one"):
        return  # an option, to argparse, as `--start=-x` is not
    assert said.startswith(f"{REFUSAL}{name!r} (one of: timer-5, timer-10, timer-20, last, ")
    assert said.endswith(LISTED)


@pytest.mark.parametrize("name", sorted(STARTABLE | {" timer-5 "}))
def test_every_preset_and_practice_id_opens_the_window_as_before(
    capsys: pytest.CaptureFixture[str], launches: list[Launch], name: str
) -> None:
    assert main(["--start", name]) == 0
    assert launches == [(False, name)]
    assert capsys.readouterr().err == ""


def test_a_users_own_practice_can_be_started(launches: list[Launch]) -> None:
    write_user_script("my-evening.txt")
    assert main(["--start", "my-evening"]) == 0
    assert launches == [(False, "my-evening")]


def test_a_refused_users_practice_is_named_with_its_file_and_line(
    capsys: pytest.CaptureFixture[str], launches: list[Launch]
) -> None:
    script = write_user_script("evening.txt", "id: my-evening\ntitle: Mine\nminutes: 6\ndescription: d\n---\n[wait]\n")
    said = _refused(capsys, "--start", "my-evening")
    assert said.startswith(f"{REFUSAL}'my-evening': {script}:6: ")
    assert launches == []


def test_from_a_terminal_the_real_kindly_exits_2_at_once(isolated_dirs: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kindly", "--start", "no-such-practice"],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"{REFUSAL}'no-such-practice' (one of: ")
    assert done.stderr.count("\n") == 1
