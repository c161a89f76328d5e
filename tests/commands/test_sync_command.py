"""`kindly sync` and the `sync/folder` setting: one line each way, and both machines counting every session."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kindly.cli import main
from kindly.locations import data_dir


def use_machine(monkeypatch: pytest.MonkeyPatch, root: Path, name: str) -> None:
    monkeypatch.setenv("KINDLY_DATA_DIR", str(root / name / "data"))
    monkeypatch.setenv("KINDLY_CONFIG_DIR", str(root / name / "config"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_sync_without_a_folder_says_how_to_set_one(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "sync")
    assert status == 2
    assert err == "kindly: error: no sync folder is set: kindly settings set sync/folder PATH (see docs/sync.md)\n"


def test_the_sync_folder_is_kept_as_an_absolute_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "Sync").mkdir()
    status, out, _err = run(capsys, "settings", "set", "sync/folder", str(tmp_path / "Sync"))
    assert (status, out) == (0, f"sync/folder = {tmp_path / 'Sync'}\n")


def not_a_folder(tmp: Path) -> Path:
    (tmp / "file").write_text("")
    return tmp / "file"


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda tmp: tmp / "missing", "does not exist"),
        (not_a_folder, "is not a folder"),
        (lambda tmp: data_dir(), "Kindly's own data folder or inside it"),
        (lambda tmp: data_dir() / "inside", "Kindly's own data folder or inside it"),
        (lambda tmp: data_dir() / "inside" / "..", "Kindly's own data folder or inside it"),
        (lambda tmp: tmp, "the live history must never be synced"),
    ],
)
def test_a_folder_that_cannot_be_the_sync_folder_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: Callable[[Path], Path], why: str
) -> None:
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "inside").mkdir(exist_ok=True)
    status, _out, err = run(capsys, "settings", "set", "sync/folder", str(make(tmp_path)))
    assert status == 2
    assert err.startswith("kindly: error: setting sync/folder: ") and why in err and err.count("\n") == 1


def test_a_relative_folder_is_kept_as_the_absolute_path_it_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "Sync").mkdir()
    monkeypatch.chdir(tmp_path)
    status, out, _err = run(capsys, "settings", "set", "sync/folder", "Sync")
    assert (status, out) == (0, f"sync/folder = {tmp_path / 'Sync'}\n")


def test_a_folder_gone_since_it_was_set_is_told_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "usb").mkdir()
    assert main(["settings", "set", "sync/folder", str(tmp_path / "usb")]) == 0
    (tmp_path / "usb").rmdir()  # the drive unmounted
    status, _out, err = run(capsys, "sync")
    assert status == 1
    assert err.startswith("kindly: failed: sync folder unavailable: ") and err.count("\n") == 1


def test_after_a_sync_both_machines_count_every_machines_sessions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    for name, day in (("laptop", "2026-12-01"), ("desktop", "2026-12-02")):
        use_machine(monkeypatch, tmp_path, name)
        assert main(["settings", "set", "sync/folder", str(shared)]) == 0
        assert main(["history", "add", "--start", f"{day}T07:30+00:00", "--minutes", "10"]) == 0
    capsys.readouterr()
    lines = []
    for name in ("laptop", "desktop", "laptop"):
        use_machine(monkeypatch, tmp_path, name)
        status, out, _err = run(capsys, "sync")
        assert status == 0
        lines.append(out)
    assert lines == [
        "sync: no new sessions from other machines; 1 change from this machine written\n",
        "sync: 1 session from 1 other machine merged; 1 change from this machine written\n",
        "sync: 1 session from 1 other machine merged; 0 changes from this machine written\n",
    ]
    figures = []
    for name in ("laptop", "desktop"):
        use_machine(monkeypatch, tmp_path, name)
        _status, out, _err = run(capsys, "stats", "--json", "--as-of", "2026-12-02")
        figures.append(json.loads(out))
    assert figures[0] == figures[1]
    assert (figures[0]["total_sessions"], figures[0]["current_streak"]) == (2, 2)
