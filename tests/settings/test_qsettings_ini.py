"""The kindly.ini of earlier versions, read without Qt exactly as QSettings reads it."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kindly.settings.options as opt
from kindly.settings.qsettings_ini import read_qsettings_ini
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import SCHEMA_KEY, SCHEMA_VERSION

# Every kind of value QSettings writes, with the characters its INI format escapes or quotes.
AWKWARD_VALUES: dict[str, Any] = {
    "General": "a top-level key named like the section",
    "top": "level",
    "meta/schema_version": 2,
    "display/flag": True,
    "display/captions": "false",
    "session/minutes": 23,
    "session/breath": "4-2-6",
    "session/empty": "",
    "session/spaces": "  both ends  ",
    "session/controls": "line1\nline2\ttab \x01\x7f end\\",
    "session/next_is_hex": "\x01a",
    "session/unicode": "日本 ☺ ünï",
    "session/at": "@at",
    "session/invalid_word": "@Invalid()",
    "session/semicolon": "a;b",
    "session/equals": "a=b",
    "session/quoted": 'say "hi"',
    "tray/favourites": [
        "gentle-hand",
        "a, b",
        'quote "x"',
        "ünï ☺",
        "@at",
        " lead",
        "back\\slash",
        "semi;colon",
        "x=y",
    ],
    "tray/empty": [],
    "tray/one": ["only"],
    "tray/one_empty": [""],
    "a b/c d/e%f": "deep",
    "ключ/значение": "unicode keys",
}


def _written_by_qsettings(path: Path, values: dict[str, Any]) -> None:
    from PySide6.QtCore import QSettings

    qt = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in values.items():
        qt.setValue(key, value)
    qt.sync()
    assert qt.status() == QSettings.Status.NoError


def _read_by_qsettings(path: Path) -> dict[str, Any]:
    """What QSettings reads from the file's text (a copy: Qt keeps what it wrote to a path in memory)."""
    from PySide6.QtCore import QSettings

    copy = path.with_name(f"copy-of-{path.name}")
    copy.write_bytes(path.read_bytes() if path.exists() else b"")
    qt = QSettings(str(copy), QSettings.Format.IniFormat)
    return {key: qt.value(key) for key in qt.allKeys()}


@pytest.mark.gui
def test_a_file_written_by_qsettings_reads_as_qsettings_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "kindly.ini"
    _written_by_qsettings(path, AWKWARD_VALUES)
    read = read_qsettings_ini(path.read_text(encoding="utf-8"))
    assert read == _read_by_qsettings(path)
    assert (read["tray/empty"], read["tray/one"], read["display/flag"]) == (None, "only", "true")
    assert read["tray/favourites"] == AWKWARD_VALUES["tray/favourites"]


@pytest.mark.gui
def test_a_kindly_ini_as_the_last_qsettings_version_left_it_becomes_settings_json(isolated_dirs: Path) -> None:
    # As the QSettings store of Kindly's schema 2 wrote each option: switches as words, no favourites as "".
    config = isolated_dirs / "config"
    config.mkdir()
    favourites = ["gentle-hand", "a, b", 'quote "x"', "ünï ☺"]
    _written_by_qsettings(
        config / "kindly.ini",
        {
            SCHEMA_KEY: 2,
            opt.CAPTIONS.key: "false",
            opt.HIDE_STREAKS.key: "true",
            opt.MINUTES.key: 23,
            opt.BREATH.key: "4-2-6",
            opt.FAVOURITES.key: favourites,
            opt.WINDOW_GEOMETRY.key: "01d9d0cb",
            opt.REMINDER_TIME.key: "07:30",
            "someone/else": "kept",
        },
    )
    settings = open_settings()
    assert settings.warnings == []
    stored = json.loads((config / "settings.json").read_text(encoding="utf-8"))
    assert stored == {
        SCHEMA_KEY: SCHEMA_VERSION,
        "display/captions": False,
        "streaks/hide": True,
        "session/minutes": 23,
        "session/breath": "4-2-6",
        "tray/favourites": favourites,
        "display/window_geometry": "01d9d0cb",
        "reminder/time": "07:30",
        "someone/else": "kept",
    }


# Text rich in what the INI format escapes, quotes or gives a meaning to, and whole words it reserves.
_AWKWARD = st.lists(
    st.sampled_from([*' ,;="\\\n\t\r\x00\x01\x7f@%[]()xa0fIU日☺\U0001f600', "@Invalid()", "@@", "@String(", "\\x"]),
    max_size=8,
).map("".join)
# Keys as Qt takes them (PySide drops a BOM from the front of a key; Kindly's keys never hold one).
_KEY_PART = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="/\ufeff"), min_size=1, max_size=8
)
_KEYS = st.one_of(_KEY_PART, st.builds(lambda section, key: f"{section}/{key}", _KEY_PART, _KEY_PART))
_FILES = itertools.count()


@pytest.mark.gui
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(_KEYS, st.one_of(_AWKWARD, st.lists(_AWKWARD, max_size=4)), max_size=4))
def test_any_text_or_list_qsettings_writes_reads_as_qsettings_reads_it(tmp_path: Path, values: dict[str, Any]) -> None:
    path = tmp_path / f"written-{next(_FILES)}.ini"
    _written_by_qsettings(path, values)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    assert read_qsettings_ini(text) == _read_by_qsettings(path)


@pytest.mark.gui
@pytest.mark.parametrize(("written", "read"), [([], []), ("", []), (["only"], ["only"])])
def test_an_empty_list_and_a_list_of_one_come_back_as_lists(isolated_dirs: Path, written: Any, read: list[str]) -> None:
    config = isolated_dirs / "config"
    config.mkdir()
    _written_by_qsettings(config / "kindly.ini", {SCHEMA_KEY: 2, opt.FAVOURITES.key: written})
    assert open_settings(writable=False).get(opt.FAVOURITES) == read


def test_comments_and_lines_that_make_no_sense_are_skipped() -> None:
    text = "; a comment\n[session]\nminutes=15 ; after a value\nnonsense line\n\n  [display]  \ncaptions = false\n"
    assert read_qsettings_ini(text) == {"session/minutes": "15", "display/captions": "false"}


def test_a_quoted_value_may_run_over_lines_and_escapes_are_undone() -> None:
    text = '[s]\ntext="first\nsecond"\nhex=\\x263a\\x41\nwide=\\xd83d\\xde00\ntab=a\\tb\\\\c\n'
    assert read_qsettings_ini(text) == {"s/text": "first\nsecond", "s/hex": "☺A", "s/wide": "😀", "s/tab": "a\tb\\c"}


def test_escaped_keys_and_a_section_really_named_general_are_read_back() -> None:
    text = "\ufeff[%General]\nkey=1\n[General]\ntop=2\n[a%20b]\nc\\d%U263a=3\n"
    assert read_qsettings_ini(text) == {"General/key": "1", "top": "2", "a b/c/d☺": "3"}


def test_unquoted_commas_make_a_list_and_spaces_around_items_go() -> None:
    assert read_qsettings_ini('[t]\nf= a , b,c ,@@d, " e "\n') == {"t/f": ["a", "b", "c", "@d", " e "]}
