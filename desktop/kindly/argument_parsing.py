"""argparse set up for Kindly: bad usage becomes the contract's one-line error (exit 2)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from kindly import version
from kindly.core.errors import KindlyInputError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class KindlyParser(argparse.ArgumentParser):
    """argparse that reports bad usage as a KindlyInputError, never with a usage dump."""

    def error(self, message: str) -> NoReturn:
        raise KindlyInputError(message)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """As argparse prints --help, but a full disk or a closed pipe is not swallowed: kindly.cli says it."""
        if message:
            (file or sys.stderr).write(message)


class _VersionAction(argparse.Action):
    """Looks the version up only when asked, so opening the window never pays for it."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        print(f"kindly {version()}")
        parser.exit()


def app_parser(commands: dict[str, tuple[str, str]]) -> KindlyParser:
    """The options of `kindly` itself (the window), with the subcommands listed in --help."""
    listing = "\n".join(f"  {name:<10} {help_}" for name, (_m, help_) in commands.items())
    parser = KindlyParser(
        prog="kindly",
        description="Kindly: a meditation timer for self-compassion practice.",
        epilog=f"commands:\n{listing}\n\nRun 'kindly COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, help="show Kindly's version and exit")
    parser.add_argument("--tray", action="store_true", help="start hidden in the system tray (for login)")
    parser.add_argument(
        "--start", metavar="NAME", help="start a session at once: a practice id or a quick-start preset"
    )
    return parser


def run_command(name: str, module_name: str, help_: str, args: list[str]) -> int:
    """Import one subcommand's module, parse its options and run it."""
    module = importlib.import_module(module_name)
    parser = KindlyParser(prog=f"kindly {name}", description=help_)
    module.add_arguments(parser)
    options = parser.parse_args(args)
    stop_cleanly_on_termination()
    return int(module.run(options))


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwound like Ctrl-C, so every half-written file is removed on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def stop_cleanly_on_termination() -> None:
    """A command told to stop (a closed terminal, `kill`, a session logging out) cleans up as for Ctrl-C."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            signal.signal(signum, stop)
