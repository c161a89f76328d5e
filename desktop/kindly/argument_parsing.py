"""argparse set up for Kindly: bad usage becomes the contract's one-line error (exit 2)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from kindly import version
from kindly.core.errors import KindlyInputError
from kindly.core.user_numbers import parse_number, parse_whole

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class KindlyParser(argparse.ArgumentParser):
    """argparse that reports bad usage as a KindlyInputError, never with a usage dump.

    Every option's value is read one way, whatever it looks like: `--minutes -inf`
    gives "-inf" to --minutes (to be refused naming it, not with "expected one
    argument"), and the value `--` (`--minutes=--`, `settings set -- KEY --`) is
    the text "--", never argparse's empty list.
    """

    def error(self, message: str) -> NoReturn:
        raise KindlyInputError(message)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        return super().parse_known_args(self._values_joined(list(sys.argv[1:] if args is None else args)), namespace)

    def _values_joined(self, args: list[str]) -> list[str]:
        """`--minutes -inf` as `--minutes=-inf`: a word after an option that takes one value is that value.

        Only when the word is no option of this parser (`--practice --minutes 5` is
        still refused as a missing value) and before a `--`, after which every word
        is a positional.
        """
        joined: list[str] = []
        words = iter(args)
        for word in words:
            joined.append(word)
            if word == "--":
                joined.extend(words)
                break
            action = self._option_named(word)
            if action is None or action.nargs is not None or not action.option_strings:
                continue
            value = next(words, None)
            if value is None:
                break
            if value.startswith("-") and value != "--" and not self._is_option(value):
                joined[-1] = f"{word}={value}"
            else:
                joined.append(value)
                if value == "--":
                    joined.extend(words)
                    break
        return joined

    def _option_named(self, word: str) -> argparse.Action | None:
        """The action `word` names exactly or (abbreviated, as argparse allows) by a unique prefix."""
        if not word.startswith("-") or "=" in word:
            return None
        found = self._option_string_actions.get(word)
        if found is not None or not (self.allow_abbrev and word.startswith("--")):
            return found
        matches = {id(a): a for name, a in self._option_string_actions.items() if name.startswith(word)}
        return next(iter(matches.values())) if len(matches) == 1 else None

    def _is_option(self, word: str) -> bool:
        """Whether `word` (or its part before `=`) is, or abbreviates, one of this parser's options."""
        name = word.split("=", 1)[0]
        return any(option == name or option.startswith(name) for option in self._option_string_actions)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        """An option read by `number_option` or `whole_option` says its own refusal, naming the option and value."""
        if isinstance(action.type, NumberOption):
            return action.type(arg_string)
        return super()._get_value(action, arg_string)

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        """As argparse, except that a lone `--` given as one value is that value, not an empty list.

        argparse (before 3.13) strips the first `--` of every value list, taking it
        for the separator even when it is the value itself (`--minutes=--`, or the
        word after the separator in `settings set -- volume/bells --`). A separator
        is never a value's only word, so a value of exactly `--` is always typed.
        """
        single = action.nargs is None or (action.nargs == argparse.OPTIONAL and bool(action.option_strings))
        if single and arg_strings == ["--"]:
            value = self._get_value(action, "--")
            self._check_value(action, value)
            return value
        return super()._get_values(action, arg_strings)

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


@dataclass(frozen=True)
class NumberOption:
    """How an option's value becomes a number: the one parser (kindly.core.user_numbers), with its limits.

    Given as an option's `type`; the limits it keeps describe the option
    (tests throw values just past them at every such option of every command).
    """

    option: str
    whole: bool
    more_than: float | None = None
    at_least: float | None = None
    at_most: float | None = None

    def __call__(self, text: str) -> float:
        if self.whole:
            return parse_whole(text, self.option, at_least=_as_int(self.at_least), at_most=_as_int(self.at_most))
        return parse_number(text, self.option, more_than=self.more_than, at_least=self.at_least, at_most=self.at_most)


def number_option(
    option: str, *, more_than: float | None = None, at_least: float | None = None, at_most: float | None = None
) -> NumberOption:
    """The `type` of an option whose value is a number (`--minutes 2.5`), refused in one line past its limits."""
    return NumberOption(option, whole=False, more_than=more_than, at_least=at_least, at_most=at_most)


def whole_option(option: str, *, at_least: int | None = None, at_most: int | None = None) -> NumberOption:
    """The `type` of an option whose value is a whole number (`--rest-days 1`), refused in one line past its limits."""
    return NumberOption(option, whole=True, at_least=at_least, at_most=at_most)


def _as_int(limit: float | None) -> int | None:
    return None if limit is None else int(limit)


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
