"""The `kindly` command line: dispatches to a subcommand or opens the app.

Subcommands are imported only when asked for, so `kindly` (the window) and
`kindly --tray` never pay for numpy or pydub at start-up.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from typing import NoReturn, Sequence

from kindly import version
from kindly.core.errors import KindlyFailure, KindlyInputError

# name -> (module, one-line help). The module has add_arguments() and run().
COMMANDS: dict[str, tuple[str, str]] = {
    "render": ("kindly.commands.render_command", "render a whole session's audio to a WAV file"),
    "practices": ("kindly.commands.practices_command", "list the practices: id, title, minutes, description"),
    "stats": ("kindly.commands.stats_command", "streaks and totals"),
    "history": ("kindly.commands.history_command", "record a session done elsewhere; export or import history"),
    "self-test": ("kindly.commands.self_test_command", "check assets, mixing, storage and the audio device"),
}


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad usage in the contract's one line, exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise KindlyInputError(message)


class _VersionAction(argparse.Action):
    """Looks the version up only when asked, so opening the window never pays for it."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(f"kindly {version()}")
        parser.exit()


def _app_parser() -> _Parser:
    commands = "\n".join(f"  {name:<10} {help_}" for name, (_m, help_) in COMMANDS.items())
    parser = _Parser(
        prog="kindly",
        description="Kindly: a meditation timer for self-compassion practice.",
        epilog=f"commands:\n{commands}\n\nRun 'kindly COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, help="show Kindly's version and exit")
    parser.add_argument("--tray", action="store_true", help="start hidden in the system tray (for login)")
    parser.add_argument("--start", metavar="NAME", help="start a session at once: a practice id or a quick-start preset")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return _run_command(args[0], args[1:])
        if args and not args[0].startswith("-"):
            raise KindlyInputError(f"unknown command {args[0]!r} (one of: {', '.join(COMMANDS)})")
        options = _app_parser().parse_args(args)
        from kindly.ui.app_main import run_app

        return run_app(tray=options.tray, start=options.start)
    except KindlyInputError as exc:
        print(f"kindly: error: {exc}", file=sys.stderr)
        return 2
    except KindlyFailure as exc:
        print(f"kindly: failed: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kindly: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in Kindly, not the user's mistake
        if os.environ.get("KINDLY_DEBUG"):
            traceback.print_exc()
        print(
            f"kindly: internal error: {type(exc).__name__}: {exc} (set KINDLY_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1


def _run_command(name: str, args: list[str]) -> int:
    module_name, help_ = COMMANDS[name]
    module = importlib.import_module(module_name)
    parser = _Parser(prog=f"kindly {name}", description=help_)
    module.add_arguments(parser)
    options = parser.parse_args(args)
    return int(module.run(options))
