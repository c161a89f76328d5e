"""`kindly practices [--json]`: the listing people and scripts rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kindly import locations
from kindly.cli import main
from user_scripts import USER_SCRIPT, write_user_script


def listing(capsys: pytest.CaptureFixture[str]) -> tuple[dict, str]:
    assert main(["practices", "--json"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_json_lists_every_bundled_practice_with_its_lengths_and_voice(capsys: pytest.CaptureFixture[str]) -> None:
    data, err = listing(capsys)
    by_id = {p["id"]: p for p in data["practices"]}
    assert err == "" and data["errors"] == []
    assert by_id["self-compassion-break"] | {"path": "", "description": "", "safety": ""} == {
        "id": "self-compassion-break",
        "title": "A break for a hard moment",
        "default_minutes": 6.0,
        "min_minutes": 5.0,
        "max_minutes": 15.0,
        "breath_cues": True,
        "end_bell": "full",
        "safety": "",
        "breath": "4-6",
        "description": "",
        "source": "bundled",
        "narration": "recorded",
        "path": "",
    }
    assert by_id["body-scan-lying-down"]["end_bell"] == "soft" and "stop" in by_id["inner-critic"]["safety"]
    assert by_id["mindful-breathing"]["max_minutes"] == 240.0 and by_id["mindful-breathing"]["breath_cues"] is False
    assert len(by_id) >= 12


def test_a_user_script_is_listed_as_the_users(capsys: pytest.CaptureFixture[str]) -> None:
    write_user_script("evening.txt")
    data, _err = listing(capsys)
    mine = next(p for p in data["practices"] if p["id"] == "my-evening")
    assert mine["source"] == "user"
    assert mine["narration"] in ("system voice", "captions only")


def test_a_broken_script_is_a_warning_and_the_rest_are_still_listed(capsys: pytest.CaptureFixture[str]) -> None:
    broken = write_user_script("broken.txt", USER_SCRIPT.replace("minutes: 6", "minutes: six"))
    data, err = listing(capsys)
    assert data["errors"] == [f"{broken}:3: minutes 'six' is not a number of minutes"]
    assert err == f"kindly: warning: skipped a script: {broken}:3: minutes 'six' is not a number of minutes\n"
    assert len(data["practices"]) >= 7


def test_text_lists_id_title_minutes_voice_and_description(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["practices"]) == 0
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if ln.startswith("inner-critic "))
    assert "Meeting the inner critic" in line and "15 min (11-25)" in line and line.endswith("recorded")
    assert "answer it in a kinder voice of your own." in out
    assert "10 min (at least 6)" in next(ln for ln in out.splitlines() if ln.startswith("mindful-breathing "))


def test_text_ends_by_saying_where_your_own_scripts_go(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["practices"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(f"Your own scripts go in {locations.user_scripts_dir()} ")
    assert "README.md" in last


def test_a_listing_redirected_to_a_file_keeps_every_letter_of_a_title() -> None:
    """Python on Windows would write the ANSI code page to a pipe or file, which has no ā nor →."""
    write_user_script("metta.txt", USER_SCRIPT.replace("title: My evening", "title: Mettā → kindness"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING")}
    done = subprocess.run([sys.executable, "-m", "kindly", "practices"], capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Mettā → kindness" in done.stdout.decode("utf-8")
