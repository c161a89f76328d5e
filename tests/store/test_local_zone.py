"""The machine's zone: the offset in force at an instant, and its IANA name when it can be told."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kindly.store import local_zone
from kindly.store.local_zone import local_datetime, local_offset_min, local_zone_name


def test_the_offset_follows_daylight_saving_time(local_zone: Callable[[str], None]) -> None:
    local_zone("America/New_York")
    winter = local_offset_min(datetime(2026, 1, 15, 12, tzinfo=UTC))
    summer = local_offset_min(datetime(2026, 7, 15, 12, tzinfo=UTC))
    assert (winter, summer) == (-300, -240)


def test_a_zone_set_in_tz_is_named(local_zone: Callable[[str], None]) -> None:
    local_zone(":Australia/Lord_Howe")
    assert local_zone_name() == "Australia/Lord_Howe"


def test_a_posix_rule_in_tz_has_no_zone_name_but_still_an_offset(local_zone: Callable[[str], None]) -> None:
    local_zone("XYZ-3")
    assert local_zone_name() is None
    assert local_offset_min(datetime(2026, 1, 15, tzinfo=UTC)) == 180


def test_a_naive_time_is_read_in_the_local_zone(local_zone: Callable[[str], None]) -> None:
    local_zone("Asia/Kolkata")
    assert local_datetime(datetime(2026, 3, 1, 8, 0)).astimezone(UTC) == datetime(2026, 3, 1, 2, 30, tzinfo=UTC)


def test_a_naive_time_in_a_posix_zone_is_read_with_its_offset(local_zone: Callable[[str], None]) -> None:
    local_zone("XYZ+5")
    assert local_datetime(datetime(2026, 3, 1, 8, 0)).astimezone(UTC).hour == 13


def _machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, timezone_file: str | None) -> None:
    """A machine without TZ and without /etc/localtime, whose /etc/timezone holds this (None: no such file)."""
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(local_zone, "_LOCALTIME", tmp_path / "no-localtime")
    named = tmp_path / "timezone"
    if timezone_file is not None:
        named.write_text(timezone_file, encoding="utf-8")
    monkeypatch.setattr(local_zone, "_TIMEZONE_FILE", named)


def test_without_a_localtime_link_the_zone_is_read_from_etc_timezone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _machine(monkeypatch, tmp_path, "Europe/Paris\n")
    assert local_zone_name() == "Europe/Paris"


def test_a_localtime_that_lies_in_a_zoneinfo_tree_names_its_zone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _machine(monkeypatch, tmp_path, "Asia/Tokyo")
    zone_file = tmp_path / "usr" / "share" / "zoneinfo" / "America" / "Sao_Paulo"
    zone_file.parent.mkdir(parents=True)
    zone_file.write_bytes(b"TZif")  # /etc/localtime is a link to it on Debian: resolved, it is this
    monkeypatch.setattr(local_zone, "_LOCALTIME", zone_file)
    assert local_zone_name() == "America/Sao_Paulo"


def test_a_localtime_file_that_is_no_link_into_zoneinfo_falls_back_to_etc_timezone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _machine(monkeypatch, tmp_path, "Asia/Tokyo")
    copied = tmp_path / "localtime"
    copied.write_bytes(b"TZif")  # as some systems keep it: a copy of the zone's file, not a link
    monkeypatch.setattr(local_zone, "_LOCALTIME", copied)
    assert local_zone_name() == "Asia/Tokyo"


def test_a_localtime_link_to_the_zoneinfo_folder_itself_names_no_zone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _machine(monkeypatch, tmp_path, None)
    folder = tmp_path / "zoneinfo"
    folder.mkdir()
    monkeypatch.setattr(local_zone, "_LOCALTIME", folder)
    assert local_zone_name() is None


def test_a_machine_that_names_no_zone_anywhere_has_none(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _machine(monkeypatch, tmp_path, None)
    assert local_zone_name() is None
    naive = datetime(2026, 3, 1, 8, 0)
    assert local_datetime(naive) == naive.astimezone()  # the C library's offset still reads the time


@pytest.mark.parametrize("written", ["", "/etc/passwd", "../../secrets", "Not/A_Zone", "\xff\xfe"])
def test_an_etc_timezone_that_names_no_loadable_zone_is_not_recorded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, written: str
) -> None:
    _machine(monkeypatch, tmp_path, written)
    assert local_zone_name() is None


def test_an_etc_timezone_that_is_not_text_is_not_recorded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _machine(monkeypatch, tmp_path, None)
    local_zone._TIMEZONE_FILE.write_bytes(b"\xff\xfe\x00Europe")
    assert local_zone_name() is None
