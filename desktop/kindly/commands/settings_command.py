"""`kindly settings [--json]`, `kindly settings set KEY VALUE`, `kindly settings reset KEY`.

Every declared setting (`kindly.settings.options`), read from and written to
the same file the window keeps, with the same checks as Preferences: a value
the window would refuse exits 2 naming the setting and why, and a practice id
must be one Preferences offers. Listing never writes; `set` and `reset` write
the one key and leave the rest as they are. A file that cannot be read is told
in one line, and a write that fails (a full disk) in one line, exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kindly.core.errors import KindlyInputError
from kindly.settings.options import OPTIONS, SYNC_FOLDER, Option, option_named
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import Settings

SHOWN_CHARS = 40  # a long value (the saved window geometry) is cut in the table, never in --json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print every setting as JSON")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    change = actions.add_parser("set", help="set one setting, checked as Preferences checks it")
    change.add_argument("key", metavar="KEY", help="e.g. streaks/rest_days (see 'kindly settings')")
    change.add_argument("value", metavar="VALUE", help="true/false, a whole number, text, or ids joined by commas")
    back = actions.add_parser("reset", help="put one setting back to its default")
    back.add_argument("key", metavar="KEY")


def run(args: argparse.Namespace) -> int:
    if args.action == "set":
        option = option_named(args.key)
        typed = _checked_sync_folder(args.value) if option is SYNC_FOLDER and args.value else args.value
        value = option.from_text(typed)
        if option.practice_ids:
            check_practices(option, args.value, value)
        _opened(writable=True).set(option, value)
        print(f"{option.key} = {_text(value)}")
        return 0
    if args.action == "reset":
        option = option_named(args.key)
        _opened(writable=True).reset(option)
        print(f"{option.key} = {_text(option.default)} (the default)")
        return 0
    settings = _opened(writable=False)
    if args.json:
        print(json.dumps([setting_json(settings, o) for o in OPTIONS], indent=2, ensure_ascii=False))
    else:
        print(describe(settings))
    return 0


def check_practices(option: Option[Any], typed: str, value: str | list[str]) -> None:
    """Refuse an id that is no practice a person can choose (the ones Preferences offers).

    Raises:
        KindlyInputError: naming the id, and the value as typed when it held more than that id.
    """
    ids = value if isinstance(value, list) else [value] if value else []
    if not ids:
        return  # no practice: the silent timer, no favourites
    from kindly.library.practice_catalogue import PracticeCatalogue  # reads the scripts: only for these two

    catalogue = PracticeCatalogue()
    catalogue.reload()
    known = {practice for practice, _title in catalogue.choices()}
    unknown = next((practice for practice in ids if practice not in known), None)
    if unknown is not None:
        within = "" if unknown == typed else f" (in {typed!r})"
        raise KindlyInputError(
            f"setting {option.key}: {unknown!r}{within} is not a practice id; 'kindly practices' lists them"
        )


def _checked_sync_folder(typed: str) -> str:
    """The folder as an absolute path, refused (one line) unless it is there, writable, and not Kindly's own."""
    import os
    from pathlib import Path

    from kindly.locations import data_dir
    from kindly.sync.sync_folder import check_new_folder

    folder = Path(os.path.abspath(os.path.expanduser(typed)))
    check_new_folder(folder, data_dir())
    return str(folder)


def _opened(writable: bool) -> Settings:
    """The settings, with what could not be read of them told first, one line each."""
    settings = open_settings(writable=writable)
    for warning in settings.warnings:
        print(f"kindly: {warning}", file=sys.stderr)
    return settings


def setting_json(settings: Settings, option: Option[Any]) -> dict[str, Any]:
    described: dict[str, Any] = {
        "key": option.key,
        "value": settings.get(option),
        "default": option.default,
        "type": option.kind.__name__,
        "description": option.description,
    }
    if option.minimum is not None:
        described["minimum"] = option.minimum
    if option.maximum is not None:
        described["maximum"] = option.maximum
    if option.choices is not None:
        described["choices"] = list(option.choices)
    return described


def describe(settings: Settings) -> str:
    """One line per setting: key, value (marked when it differs from the default), what it means."""
    width = max(len(o.key) for o in OPTIONS)
    lines = []
    for option in OPTIONS:
        value = settings.get(option)
        shown = _text(value)
        shown = shown if len(shown) <= SHOWN_CHARS else shown[: SHOWN_CHARS - 1] + "…"
        mark = "" if value == option.default else f"  (default {_text(option.default)})"
        lines.append(f"{option.key:<{width}}  {shown}{mark}\n{'':<{width}}  {option.description}")
    return "\n".join(lines)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value) if value else "(none)"
    return str(value) if value != "" else '""'
