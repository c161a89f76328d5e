"""`kindly history add|export|import`: sessions in and out, bad input refused in one line with nothing written."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kindly.cli import main
from kindly.core.session_record import SessionRecord
from kindly.locations import data_dir
from kindly.store.history_opening import DB_NAME, open_history
from read_only_folder import make_immutable, make_writable


def stored() -> list[SessionRecord]:
    with open_history() as store:
        return store.sessions()


def kindly(*argv: str) -> int:
    return main(list(argv))


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that must fail on bad input: exit 2, one `kindly: error:` line, nothing stored."""
    assert kindly(*argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kindly: error: ") and err.count("\n") == 1
    assert not (data_dir() / DB_NAME).exists()
    return err


# ---------------------------------------------------------------------- add


def test_a_start_without_an_offset_is_local_time_with_its_zone(local_zone: Callable[[str], None]) -> None:
    local_zone("America/New_York")
    assert kindly("history", "add", "--start", "2026-07-04T06:30", "--minutes", "15", "--practice", "kind-breath") == 0
    (session,) = stored()
    assert session.start_utc == datetime(2026, 7, 4, 10, 30, tzinfo=UTC)
    assert (session.utc_offset_min, session.zone) == (-240, "America/New_York")
    assert (session.planned_s, session.practised_s, session.practice, session.completed) == (
        900.0,
        900.0,
        "kind-breath",
        True,
    )


def test_a_start_with_an_offset_keeps_that_offset(local_zone: Callable[[str], None]) -> None:
    local_zone("America/New_York")
    assert kindly("history", "add", "--start", "2026-07-04T06:30+05:30", "--minutes", "10") == 0
    (session,) = stored()
    assert (session.start_utc.hour, session.start_utc.minute, session.utc_offset_min, session.zone) == (1, 0, 330, None)
    assert session.practice is None


def test_adding_tells_what_was_recorded(capsys: pytest.CaptureFixture[str]) -> None:
    kindly("history", "add", "--start", "2026-11-02T07:30Z", "--minutes", "20", "--practice", "kind-breath")
    assert capsys.readouterr().out == "Recorded 20 min on 2026-11-02 at 07:30 (kind-breath).\n"


def test_adding_the_same_session_twice_keeps_one(capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):
        kindly("history", "add", "--start", "2026-11-02T07:30Z", "--minutes", "20")
    assert "already recorded; nothing added" in capsys.readouterr().out
    assert len(stored()) == 1


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--start", "last tuesday", "--minutes", "5"], "--start 'last tuesday' is not an ISO 8601 time"),
        (["--start", "2026-11-02", "--minutes", "5"], "--start '2026-11-02' needs a time of day too"),
        (["--start", "2999-01-01T07:00Z", "--minutes", "5"], "--start '2999-01-01T07:00Z' is in the future"),
        (["--start", "0001-01-01T00:00+14:00", "--minutes", "5"], "--start '0001-01-01T00:00+14:00' is out of range"),
        (["--start", "2026-11-02T07:30Z", "--minutes", "0"], "--minutes '0' is out of range"),
        (["--start", "2026-11-02T07:30Z", "--minutes", "241"], "--minutes '241' is out of range"),
        (["--start", "2026-11-02T07:30Z", "--minutes", "ten"], "--minutes 'ten' is not a number"),
        (["--start", "2026-11-02T07:30Z", "--minutes", "nan"], "--minutes 'nan' is not a number"),
        (
            ["--start", "2026-11-02T07:30Z", "--minutes", "5", "--practice", "a b"],
            "--practice: practice id 'a b' is not valid",
        ),
        (["--minutes", "5"], "the following arguments are required: --start"),
    ],
)
def test_bad_add_options_are_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], options: list[str], fragment: str
) -> None:
    assert fragment in refused(capsys, "history", "add", *options)


# ---------------------------------------------------------------------- export


def add_two() -> None:
    kindly(
        "history", "add", "--start", "2026-11-02T07:30:00.250+01:00", "--minutes", "12.5", "--practice", "kind-breath"
    )
    kindly("history", "add", "--start", "2026-11-03T21:05-05:00", "--minutes", "3")


def test_export_writes_csv_to_standard_output_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    add_two()
    capsys.readouterr()
    assert kindly("history", "export") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("start_utc,utc_offset_minutes,") and len(lines) == 3
    assert lines[1] == "2026-11-02T06:30:00.250000Z,60,,750.0,750.0,kind-breath,true,,,,"


@pytest.mark.posix_only("file modes")
def test_export_to_a_json_file_follows_its_suffix_and_is_private(tmp_path: Path) -> None:
    add_two()
    out = tmp_path / "mine.json"
    assert kindly("history", "export", str(out)) == 0
    assert len(json.loads(out.read_text())["sessions"]) == 2
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_format_option_wins_over_the_suffix(tmp_path: Path) -> None:
    add_two()
    out = tmp_path / "mine.txt"
    kindly("history", "export", "--format", "json", str(out))
    assert json.loads(out.read_text())["kind"] == "kindly-history"


def test_export_into_a_missing_folder_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert "the folder" in refused(capsys, "history", "export", str(tmp_path / "nowhere" / "h.csv"))


# ---------------------------------------------------------------------- import


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_export_then_import_elsewhere_round_trips_every_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    add_two()
    exported = tmp_path / f"history{suffix}"
    kindly("history", "export", str(exported))
    before = [s.content() for s in stored()]
    monkeypatch.setenv("KINDLY_DATA_DIR", str(tmp_path / "another-machine"))
    assert kindly("history", "import", str(exported)) == 0
    assert [s.content() for s in stored()] == before


def test_import_skips_exact_duplicates_and_says_how_many(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_two()
    exported = tmp_path / "history.csv"
    kindly("history", "export", str(exported))
    kindly("history", "add", "--start", "2026-11-05T08:00Z", "--minutes", "7")
    capsys.readouterr()
    assert kindly("history", "import", str(exported)) == 0
    assert capsys.readouterr().out == f"Imported 0 sessions from {exported}; skipped 2 exact duplicates.\n"
    assert len(stored()) == 3


def test_import_adds_only_the_new_sessions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_two()
    exported = tmp_path / "history.csv"
    kindly("history", "export", str(exported))
    with exported.open("a") as more:
        more.write("2026-11-09T07:00:00Z,0,,600,600,,false\n")
    capsys.readouterr()
    kindly("history", "import", str(exported))
    assert capsys.readouterr().out.startswith("Imported 1 session from")
    assert len(stored()) == 3


def test_a_bad_row_means_nothing_is_imported_and_its_line_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        "start_utc,utc_offset_minutes,zone,planned_seconds,practised_seconds,practice,completed",
        "2026-11-01T07:00:00Z,0,,600,600,,true",
        "2026-11-02T07:00:00Z,0,,600,600,,true",
        "2026-11-03T07:00:00Z,0,,600,six hundred,,true",
        "2026-11-04T07:00:00Z,0,,600,600,,true",
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(rows) + "\n")
    err = refused(capsys, "history", "import", str(bad))
    assert (
        err
        == f"kindly: error: {bad} line 4: practised_seconds 'six hundred' is not a number (digits 0-9, like 10 or 2.5)\n"
    )


def test_a_bad_row_in_an_existing_history_adds_nothing_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_two()
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "kind": "kindly-history",
                "version": 1,
                "sessions": [
                    {
                        "start_utc": "2026-11-08T07:00:00Z",
                        "utc_offset_minutes": 0,
                        "planned_seconds": 60,
                        "practised_seconds": 60,
                        "completed": True,
                    },
                    {
                        "start_utc": "2026-11-09T07:00:00Z",
                        "utc_offset_minutes": 0,
                        "planned_seconds": 60,
                        "practised_seconds": 60,
                        "completed": "yes",
                    },
                ],
            }
        )
    )
    assert kindly("history", "import", str(bad)) == 2
    assert capsys.readouterr().err.startswith(f"kindly: error: {bad} session 2: completed 'yes'")
    assert len(stored()) == 2


def test_a_file_with_a_byte_order_mark_imports(tmp_path: Path) -> None:
    exported = tmp_path / "from-a-spreadsheet.csv"
    exported.write_bytes(
        "\ufeffstart_utc,utc_offset_minutes,zone,planned_seconds,practised_seconds,practice,completed\n"
        "2026-11-01T07:00:00Z,0,,600,600,,true\n".encode("utf-8")
    )
    assert kindly("history", "import", str(exported)) == 0
    assert len(stored()) == 1


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("missing.csv", None, "no such file"),
        ("latin1.csv", "start_utc,zone\nd\u00e9j\u00e0\n".encode("latin-1"), "not UTF-8 text"),
    ],
)
def test_an_unreadable_import_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, fragment: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert fragment in refused(capsys, "history", "import", str(path))


# ---------------------------------------------------------------------- storage trouble


@pytest.mark.posix_only("a folder made read-only by its mode")
def test_a_read_only_data_folder_is_one_line_exit_1_and_keeps_history(capsys: pytest.CaptureFixture[str]) -> None:
    add_two()
    folder = data_dir()
    make_immutable(folder)
    try:
        assert kindly("history", "add", "--start", "2026-11-05T08:00Z", "--minutes", "7") == 1
    finally:
        make_writable(folder)
    err = capsys.readouterr().err
    assert err.startswith("kindly: failed: cannot write history in") and err.count("\n") == 1
    assert len(stored()) == 2
