"""On Windows a folder is private when its access list lets no other ordinary user read it: Kindly checks and says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kindly.platform.private_files import create_private_file, make_private_dir, privacy_problem, replace_durably

windows_only = pytest.mark.skipif(os.name != "nt", reason="Windows' access lists (POSIX modes are tested beside)")
if os.name == "nt":
    from windows_acl import running_under_wine

    _UNDER_WINE = running_under_wine()
else:
    _UNDER_WINE = False
_WINE = "Wine 8 answers an access list naming a group with its own default (SYSTEM and the user)"


@windows_only
def test_a_folder_only_its_user_and_the_system_can_read_is_private(tmp_path: Path) -> None:
    from windows_acl import current_user_sid, set_access_list

    folder = tmp_path / "data"
    make_private_dir(folder)
    set_access_list(folder, f"D:P(A;OICI;FA;;;{current_user_sid()})(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)")
    assert privacy_problem(folder) is None


@windows_only
@pytest.mark.parametrize(
    ("trustee", "named"),
    [
        ("WD", "everyone"),
        pytest.param("BU", "every user of this computer (Users)", marks=pytest.mark.xfail(_UNDER_WINE, reason=_WINE)),
        pytest.param("AU", "every signed-in user", marks=pytest.mark.xfail(_UNDER_WINE, reason=_WINE)),
    ],
)
def test_a_folder_others_can_read_is_said_to_be_open_naming_who(tmp_path: Path, trustee: str, named: str) -> None:
    from windows_acl import current_user_sid, set_access_list

    folder = tmp_path / "data"
    make_private_dir(folder)
    set_access_list(folder, f"D:P(A;OICI;FA;;;{current_user_sid()})(A;OICI;FR;;;{trustee})")
    problem = privacy_problem(folder)
    assert problem is not None and problem.startswith(f"{folder} can be read by {named}")


@windows_only
def test_an_entry_for_the_folders_children_only_does_not_open_the_folder(tmp_path: Path) -> None:
    from windows_acl import current_user_sid, set_access_list

    folder = tmp_path / "data"
    make_private_dir(folder)
    set_access_list(folder, f"D:P(A;OICI;FA;;;{current_user_sid()})(A;OICIIO;FR;;;WD)")
    assert privacy_problem(folder) is None


def test_a_new_private_file_can_be_written_and_replaced_durably(tmp_path: Path) -> None:
    make_private_dir(tmp_path / "a" / "b")
    target = tmp_path / "a" / "b" / "settings"
    create_private_file(target)
    (tmp_path / "a" / "b" / "next").write_text("new", encoding="utf-8")
    replace_durably(tmp_path / "a" / "b" / "next", target)
    assert target.read_text(encoding="utf-8") == "new"
    assert not (tmp_path / "a" / "b" / "next").exists()


def test_replacing_durably_names_both_files_when_the_source_is_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as raised:
        replace_durably(tmp_path / "missing", tmp_path / "target")
    assert raised.value.filename == str(tmp_path / "missing")


@windows_only
def test_a_replace_waits_out_another_process_reading_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace an open file: the reader lets go (here, at the first wait) and the replace lands."""
    import time

    (tmp_path / "settings").write_text("old", encoding="utf-8")
    (tmp_path / "next").write_text("new", encoding="utf-8")
    reader = open(tmp_path / "settings", encoding="utf-8")
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        reader.close()

    monkeypatch.setattr(time, "sleep", wait)
    replace_durably(tmp_path / "next", tmp_path / "settings")
    assert (tmp_path / "settings").read_text(encoding="utf-8") == "new"
    assert len(waits) == 1
