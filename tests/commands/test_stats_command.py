"""`kindly stats`: streaks and totals as friendly text or JSON, and a damaged history recovered on the way."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from fakes import FakeClock
from kindly.cli import main
from kindly.core.session_record import SessionRecord
from kindly.locations import data_dir
from kindly.store.history_opening import DB_NAME, open_history


def practise_on(*days: str, minutes: float = 10, hour: int = 8) -> None:
    with open_history() as store:
        for day in days:
            start = datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)
            store.add(SessionRecord(start, 0, minutes * 60, minutes * 60, "kind-breath", True))


def stats_json(capsys: pytest.CaptureFixture[str], *options: str) -> dict:
    assert main(["stats", "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    practise_on("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06")
    figures = stats_json(capsys, "--as-of", "2026-11-07")
    assert {
        key: figures[key]
        for key in (
            "current_streak",
            "longest_streak",
            "practice_days",
            "total_sessions",
            "total_minutes",
            "last_practice_date",
        )
    } == {
        "current_streak": 2,
        "longest_streak": 3,
        "practice_days": 5,
        "total_sessions": 5,
        "total_minutes": 50.0,
        "last_practice_date": "2026-11-06",
    }


def test_an_empty_history_has_zeros_and_no_last_date(capsys: pytest.CaptureFixture[str]) -> None:
    figures = stats_json(capsys, "--as-of", "2026-11-07")
    assert (figures["current_streak"], figures["total_sessions"], figures["last_practice_date"]) == (0, 0, None)


def test_as_of_defaults_to_today_here(capsys: pytest.CaptureFixture[str]) -> None:
    assert stats_json(capsys)["as_of"] == datetime.now().astimezone().date().isoformat()


def test_rest_days_option_keeps_a_streak_alive(capsys: pytest.CaptureFixture[str]) -> None:
    practise_on("2026-11-01", "2026-11-02", "2026-11-04")
    assert stats_json(capsys, "--as-of", "2026-11-04")["current_streak"] == 1
    figures = stats_json(capsys, "--as-of", "2026-11-04", "--rest-days", "1")
    assert (figures["current_streak"], figures["rest_days_per_week"]) == (3, 1)


def test_day_start_option_moves_early_sessions_to_the_day_before(capsys: pytest.CaptureFixture[str]) -> None:
    practise_on("2026-11-01")
    practise_on("2026-11-03", hour=2)  # 02:00 on the 3rd: still the 2nd for a day that starts at 03:00
    assert stats_json(capsys, "--as-of", "2026-11-02")["current_streak"] == 1
    assert stats_json(capsys, "--as-of", "2026-11-02", "--day-start", "03:00")["current_streak"] == 2


def test_human_output_is_friendly(capsys: pytest.CaptureFixture[str]) -> None:
    practise_on("2026-11-05", "2026-11-06", minutes=45)
    assert main(["stats", "--as-of", "2026-11-07"]) == 0
    assert capsys.readouterr().out == (
        "Current streak: 2 days (today is still open)\n"
        "Longest streak: 2 days\n"
        "Practice days: 2\n"
        "Sessions: 2, 1 h 30 min in all\n"
        "Last practice: 2026-11-06 (yesterday)\n"
    )


def test_hidden_streaks_leave_only_the_totals(capsys: pytest.CaptureFixture[str]) -> None:
    practise_on("2026-11-05", "2026-11-06")
    main(["stats", "--as-of", "2026-11-07", "--hide-streaks"])
    out = capsys.readouterr().out
    assert "streak" not in out.lower() and "Practice days: 2" in out


def test_after_a_missed_day_a_kind_word_and_no_alarm(capsys: pytest.CaptureFixture[str]) -> None:
    practise_on("2026-11-01", "2026-11-02")
    main(["stats", "--as-of", "2026-11-05"])
    out = capsys.readouterr().out
    assert "Current streak: begins again with your next session" in out
    figures = stats_json(capsys, "--as-of", "2026-11-05")
    assert figures["kind_word"] and figures["kind_word"] in out


def test_nobody_is_greeted_with_numbers_before_their_first_session(capsys: pytest.CaptureFixture[str]) -> None:
    main(["stats", "--as-of", "2026-11-05"])
    assert capsys.readouterr().out.startswith("No sessions yet.")


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--as-of", "5 Nov"], "--as-of '5 Nov' is not a date like 2026-11-26"),
        (["--as-of", "2026-11-31"], "--as-of '2026-11-31' is not a date"),
        (["--as-of", ""], "--as-of '' is not a date"),  # an empty shell variable, not "today"
        (["--day-start", "07:00"], "day start '07:00' is out of range (00:00-06:00)"),
        (["--rest-days", "3"], "--rest-days '3' is out of range (0 to 2)"),
        (["--rest-days", "two"], "--rest-days 'two' is not a whole number"),
    ],
)
def test_bad_options_are_one_line_exit_2_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], options: list[str], fragment: str
) -> None:
    assert main(["stats", *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kindly: error: ") and fragment in err and err.count("\n") == 1
    assert not (data_dir() / DB_NAME).exists()


def test_a_damaged_history_is_moved_aside_the_backup_restored_and_the_user_told(
    capsys: pytest.CaptureFixture[str],
) -> None:
    practise_on("2026-11-01", "2026-11-02")
    clock = FakeClock(wall=datetime.now(UTC).timestamp() - 86400)
    open_history(clock=clock).close()  # yesterday's open made a backup
    (data_dir() / DB_NAME).write_bytes(b"not a history file at all" * 200)

    assert main(["stats", "--json", "--as-of", "2026-11-03"]) == 0

    out, err = capsys.readouterr()
    assert json.loads(out)["total_sessions"] == 2
    assert err.startswith("kindly: notice: the history file was damaged (file is not a database)")
    assert "was restored" in err and err.count("\n") == 1
    (aside,) = [p for p in data_dir().glob("kindly.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == b"not a history file at all" * 200


def test_a_garbage_history_with_no_backup_still_answers(capsys: pytest.CaptureFixture[str]) -> None:
    data_dir().mkdir(parents=True)
    (data_dir() / DB_NAME).write_bytes(b"\x00garbage" * 512)
    assert main(["stats", "--as-of", "2026-11-03"]) == 0
    captured = capsys.readouterr()
    assert "no good backup was found" in captured.err
    assert captured.out.startswith("No sessions yet.")


@pytest.mark.gui  # the window's own summary, kindly.ui: Qt
def test_stats_counts_the_streak_the_window_shows_for_rest_days_and_a_late_day_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import kindly.settings.options as opt
    from kindly.settings.settings_file import open_settings
    from kindly.store.session_history import SessionHistory
    from kindly.ui.stats.history_summary import HistorySummary

    practise_on("2026-11-01", "2026-11-04")
    practise_on("2026-11-03", hour=2)  # before a 04:00 day start: it counts for 2 November
    saved = open_settings()
    saved.set(opt.REST_DAYS, 1)
    saved.set(opt.DAY_START_HOUR, 4)
    clock = FakeClock(wall=datetime(2026, 11, 4, 12, 0, tzinfo=UTC).timestamp())
    history = SessionHistory(clock)
    try:
        window = HistorySummary(history, open_settings(), clock).history().summary
    finally:
        history.close()
    command = stats_json(capsys, "--as-of", "2026-11-04")
    defaults = stats_json(capsys, "--as-of", "2026-11-04", "--rest-days", "0", "--day-start", "00:00")
    assert (command["current_streak"], command["longest_streak"]) == (window.current_streak, window.longest_streak)
    assert (command["rest_days_per_week"], command["day_start"]) == (1, "04:00")
    assert command["current_streak"] != defaults["current_streak"]
