"""`kindly path`: the twelve weeks, starting, moving on, coming back, stepping off."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from kindly import locations
from kindly.cli import main
from kindly.core.path_progress import PathProgress
from kindly.store.history_opening import open_history
from kindly.store.path_store import current_path, keep_progress


def path_json(capsys: pytest.CaptureFixture[str], *action: str) -> dict:
    capsys.readouterr()
    if action:
        assert main(["path", *action]) == 0
        capsys.readouterr()
    assert main(["path", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _on_week(week: int, began_days_ago: float) -> None:
    now = datetime.now(UTC)
    with open_history() as store:
        started = now - timedelta(days=7 * (week - 1) + began_days_ago)
        keep_progress(
            store, PathProgress("twelve-weeks-of-kindness", started, week, now - timedelta(days=began_days_ago))
        )


def test_before_starting_the_path_is_shown_with_no_progress(capsys: pytest.CaptureFixture[str]) -> None:
    shown = path_json(capsys)
    assert (shown["id"], len(shown["weeks"])) == ("twelve-weeks-of-kindness", 12)
    assert shown["weeks"][0] | {"reading": "", "prompt": ""} == {
        "week": 1,
        "title": "Arriving in the breath",
        "practice": "mindful-breathing",
        "daily": "one-minute-pause",
        "reading": "",
        "prompt": "",
    }
    assert (shown["progress"]["started"], shown["progress"]["current_week"]) == (None, None)


def test_starting_puts_the_person_on_week_one_today(capsys: pytest.CaptureFixture[str]) -> None:
    progress = path_json(capsys, "start")["progress"]
    today = datetime.now(UTC).date().isoformat()
    assert (progress["started"], progress["current_week"], progress["days_into_week"]) == (today, 1, 0)


def test_next_moves_on_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    path_json(capsys, "start")
    assert path_json(capsys, "next")["progress"]["current_week"] == 2


def test_coming_back_after_a_month_in_week_five_opens_week_six_not_nine(capsys: pytest.CaptureFixture[str]) -> None:
    _on_week(5, began_days_ago=31)
    progress = path_json(capsys)["progress"]
    assert (progress["current_week"], progress["days_into_week"]) == (6, 0)


def test_a_week_not_yet_over_stays(capsys: pytest.CaptureFixture[str]) -> None:
    _on_week(5, began_days_ago=3)
    assert path_json(capsys)["progress"]["current_week"] == 5


def test_leaving_steps_off_and_keeps_the_sessions(capsys: pytest.CaptureFixture[str]) -> None:
    path_json(capsys, "start")
    assert main(["history", "add", "--start", "2026-11-24T07:30", "--minutes", "10"]) == 0
    assert main(["path", "leave"]) == 0
    with open_history() as store:
        assert (current_path(store), len(store.sessions())) == (None, 1)


def test_an_unknown_path_exits_2_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "start", "no-such-path"]) == 2
    err = capsys.readouterr().err
    assert err == "kindly: error: unknown path 'no-such-path' (one of: twelve-weeks-of-kindness)\n"


BAD_PATH = """\
id: bad-path
title: A path with a mistake
description: Its second week names a practice there is none of.
---
week 1: A start
practice: noting
daily: right-now
reading: Settle.
prompt: How was it?

week 2: Nowhere
practice: no-such-practice
daily: right-now
reading: Go on.
prompt: And now?
"""


def test_asking_for_a_refused_path_is_one_line_naming_its_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    folder = locations.user_paths_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bad.txt").write_text(BAD_PATH, encoding="utf-8")
    capsys.readouterr()
    assert main(["path", "start", "bad-path"]) == 2
    problem = f"{folder / 'bad.txt'}:12: week 2: no practice 'no-such-practice' (see 'kindly practices')"
    assert capsys.readouterr().err == f"kindly: error: unknown path 'bad-path': {problem}\n"
    # Shown, not asked for, it is the notice it was: the other paths are not hidden by it.
    assert main(["path"]) == 0
    assert capsys.readouterr().err == f"kindly: notice: {problem}\n"


def test_the_path_travels_in_a_json_export_and_import(
    capsys: pytest.CaptureFixture[str], tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_week(5, began_days_ago=2)
    out = tmp_path / "history.json"
    assert main(["history", "export", str(out)]) == 0
    exported = json.loads(out.read_text())["path"]
    monkeypatch.setenv("KINDLY_DATA_DIR", str(tmp_path / "another-machine"))
    assert main(["history", "import", str(out)]) == 0
    said = capsys.readouterr().out
    with open_history() as store:
        moved = current_path(store)
    assert moved is not None and (moved.path_id, moved.week) == ("twelve-weeks-of-kindness", 5)
    assert exported["week"] == 5 and "week 5) was taken in." in said


def test_an_imported_path_never_replaces_the_one_the_person_is_on(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    _on_week(5, began_days_ago=2)
    out = tmp_path / "history.json"
    assert main(["history", "export", str(out)]) == 0
    assert main(["path", "next"]) == 0  # week 6 here now
    assert main(["history", "import", str(out)]) == 0
    with open_history() as store:
        assert current_path(store).week == 6  # type: ignore[union-attr]
    assert "left as it is here" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("path", "said"),
    [
        (
            {
                "id": "p",
                "started_utc": "2026-11-01T08:00:00Z",
                "week": 11 * 5,
                "week_began_utc": "2026-11-01T08:00:00Z",
            },
            "path: week 55 is not a whole number from 1 to 52",
        ),
        (
            {"id": "p", "started_utc": "2026-11-01T08:00:00Z", "week": "two", "week_began_utc": "2026-11-01T08:00:00Z"},
            "path: week 'two' is not a whole number",
        ),
        (
            {
                "id": "Not An Id",
                "started_utc": "2026-11-01T08:00:00Z",
                "week": 2,
                "week_began_utc": "2026-11-01T08:00:00Z",
            },
            "path: id 'Not An Id' is not a path id",
        ),
        (
            {"id": "p", "started_utc": "2026-11-09T08:00:00Z", "week": 2, "week_began_utc": "2026-11-01T08:00:00Z"},
            "path: week_began_utc is before started_utc",
        ),
        (
            {"id": "p", "started_utc": "soon", "week": 2, "week_began_utc": "2026-11-01T08:00:00Z"},
            "path: started_utc 'soon' is not an ISO 8601 time",
        ),
    ],
)
def test_a_bad_path_in_an_imported_file_is_refused_in_one_line_and_nothing_is_stored(
    capsys: pytest.CaptureFixture[str], tmp_path, path: dict, said: str
) -> None:
    document = {"kind": "kindly-history", "version": 1, "sessions": [], "path": path}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    assert main(["history", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kindly: error: {bad} {said}") and err.count("\n") == 1
    with open_history() as store:
        assert current_path(store) is None


def test_a_path_whose_file_has_gone_is_told_kindly_and_can_be_left(capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(UTC)
    with open_history() as store:
        keep_progress(store, PathProgress("my-own-path", now, 3, now))
    capsys.readouterr()
    assert main(["path"]) == 0
    assert "'my-own-path', which is no longer here" in capsys.readouterr().out
    assert main(["path", "leave"]) == 0


def test_starting_the_path_you_are_on_keeps_your_place_unless_asked_again(capsys: pytest.CaptureFixture[str]) -> None:
    _on_week(5, began_days_ago=2)
    assert path_json(capsys, "start")["progress"]["current_week"] == 5
    assert path_json(capsys, "start", "--again")["progress"]["current_week"] == 1
