"""`kindly settings [--json]`, `kindly settings set KEY VALUE`, `kindly settings reset KEY`.

Every declared setting (`kindly.settings.options`), read from and written to
the same file the window keeps, with the same checks as Preferences: a value
the window would refuse exits 2 naming the setting and why. Listing never
writes; `set` and `reset` write the one key and leave the rest as they are.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kindly.settings.options import OPTIONS, Option, option_named
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
        value = option.from_text(args.value)
        open_settings().set(option, value)
        print(f"{option.key} = {_text(value)}")
        return 0
    if args.action == "reset":
        option = option_named(args.key)
        open_settings().reset(option)
        print(f"{option.key} = {_text(option.default)} (the default)")
        return 0
    settings = open_settings(writable=False)
    for warning in settings.warnings:
        print(f"kindly: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps([setting_json(settings, o) for o in OPTIONS], indent=2, ensure_ascii=False))
    else:
        print(describe(settings))
    return 0


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
