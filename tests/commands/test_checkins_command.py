"""Check-ins on the command line: in `stats --json` by week, listed and deleted, and carried by export and import."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kindly.cli import main
from kindly.core.checkin import CheckIn
from kindly.core.session_record import SessionRecord
from kindly.store.history_opening import open_history

MONDAY = datetime(2026, 9, 7, 7, 0, tzinfo=UTC)


def kindly(*argv: str) -> int:
    return main(list(argv))


def with_checkins(weeks: int = 12) -> None:
    """Three sessions a week for `weeks` weeks, kinder after than before, and one without a check-in."""
    with open_history() as store:
        for week in range(weeks):
            for day in (0, 2, 4):
                store.add(
                    SessionRecord(
                        MONDAY + timedelta(weeks=week, days=day),
                        0,
                        600.0,
                        600.0,
                        "kind-breath",
                        True,
                        checkin_before=CheckIn(min(10, 3 + week // 3), 4),
                        checkin_after=CheckIn(min(10, 5 + week // 3), 6),
                    )
                )
        store.add(SessionRecord(MONDAY + timedelta(days=1), 0, 300.0, 300.0, None, True))


def stored() -> list[SessionRecord]:
    with open_history() as store:
        return store.sessions()


def test_stats_json_has_one_checkin_row_a_week_with_its_monday(capsys: pytest.CaptureFixture[str]) -> None:
    with_checkins()
    assert kindly("stats", "--json", "--as-of", "2026-11-29") == 0
    rows = json.loads(capsys.readouterr().out)["checkins"]
    assert len(rows) == 12
    assert rows[0] == {
        "week": "2026-09-07",
        "before": {"kindness": 3.0, "ease": 4.0},
        "after": {"kindness": 5.0, "ease": 6.0},
        "count": 3,
    }
    assert rows[-1]["week"] == "2026-11-23" and rows[-1]["after"]["kindness"] == 8.0


def test_stats_json_counts_checkins_only_up_to_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    with_checkins()
    kindly("stats", "--json", "--as-of", "2026-09-13")
    assert len(json.loads(capsys.readouterr().out)["checkins"]) == 1


def test_stats_json_without_checkins_has_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    kindly("stats", "--json")
    assert json.loads(capsys.readouterr().out)["checkins"] == []


def test_stats_tells_the_change_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    with_checkins()
    kindly("stats", "--as-of", "2026-11-29")
    assert (
        "Over these four weeks, every time you checked in, you were kinder to yourself and more at ease after practice"
        in (capsys.readouterr().out)
    )


def test_checkins_survive_a_json_round_trip_into_a_fresh_history(tmp_path: Path, isolated_dirs: Path) -> None:
    with_checkins(2)
    before = [(r.content(), r.checkin_before, r.checkin_after) for r in stored()]
    kindly("history", "export", str(tmp_path / "h.json"))
    kindly("history", "checkins", "--delete-all")
    assert all(r.checkin_before is None for r in stored())
    kindly("history", "import", str(tmp_path / "h.json"))
    assert [(r.content(), r.checkin_before, r.checkin_after) for r in stored()] == before


def test_checkins_survive_a_csv_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_checkins(2)
    before = [(r.content(), r.checkin_before, r.checkin_after) for r in stored()]
    kindly("history", "export", str(tmp_path / "h.csv"))
    kindly("history", "checkins", "--delete-all")
    capsys.readouterr()
    kindly("history", "import", str(tmp_path / "h.csv"))
    assert "Check-ins were added to 6 of the sessions already kept." in capsys.readouterr().out
    assert [(r.content(), r.checkin_before, r.checkin_after) for r in stored()] == before


@pytest.mark.parametrize("bad", ["11", "-1", "kind"])
def test_a_bad_checkin_in_a_csv_file_is_refused_with_its_line_and_nothing_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    with_checkins(1)
    kindly("history", "export", str(tmp_path / "h.csv"))
    lines = (tmp_path / "h.csv").read_text().splitlines()
    cells = lines[3].split(",")
    cells[-1] = bad
    lines[3] = ",".join(cells)
    (tmp_path / "h.csv").write_text("\n".join(lines) + "\n")
    kindly("history", "checkins", "--delete-all")
    capsys.readouterr()
    assert kindly("history", "import", str(tmp_path / "h.csv")) == 2
    assert f"h.csv line 4: checkin_after_ease {bad!r} is not a whole number from 0 to 10" in capsys.readouterr().err
    assert all(r.checkin_after is None for r in stored())


def test_deleting_one_sessions_checkins_leaves_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    with_checkins(1)
    first = stored()[0]
    assert kindly("history", "checkins", "--delete", str(first.id)) == 0
    assert capsys.readouterr().out == f"Deleted the check-ins of session {first.id}.\n"
    assert [r.checkin_after is None for r in stored()] == [True, True, False, False]  # the silent timer had none


def test_the_list_shows_each_session_with_a_checkin_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    with_checkins(1)
    kindly("history", "checkins")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4  # a header and three sessions: the silent timer had none
    assert lines[1].split()[:3] == ["1", "2026-09-07", "07:00"]
    assert lines[1].endswith("3, 4                     5, 6")


def test_deleting_the_checkins_of_a_session_not_kept_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert kindly("history", "checkins", "--delete", "42") == 2
    err = capsys.readouterr().err
    assert err.startswith("kindly: error: ") and "--delete 42: there is no such session" in err and err.count("\n") == 1
