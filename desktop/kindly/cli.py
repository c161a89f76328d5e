"""The `kindly` command line: dispatches to a subcommand or opens the app.

Subcommands are imported only when asked for, so `kindly` (the window) and
`kindly --tray` never pay for numpy or pydub at start-up; plain `kindly`, the
everyday launch, does not even import argparse (kindly.argument_parsing).

Windows' `kindly.exe` is a windowed program, with neither standard output nor
standard error: it opens the window (`--tray`, `--start NAME`), and its
messages go where `kindly.platform.windowed_messages` sends them.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence

from kindly.core.errors import KindlyFailure, KindlyInputError

# name -> (module, one-line help). The module has add_arguments() and run().
COMMANDS: dict[str, tuple[str, str]] = {
    "render": ("kindly.commands.render_command", "render a whole session's audio to a WAV file"),
    "practices": ("kindly.commands.practices_command", "list the practices: id, title, minutes, description"),
    "stats": ("kindly.commands.stats_command", "streaks and totals"),
    "history": ("kindly.commands.history_command", "record a session done elsewhere; export or import history"),
    "self-test": ("kindly.commands.self_test_command", "check assets, mixing, storage and the audio device"),
    "settings": ("kindly.commands.settings_command", "every setting with its value; set or reset one"),
    "sync": ("kindly.commands.sync_command", "write this machine's sessions to the sync folder; merge the others'"),
    "path": ("kindly.commands.path_command", "the twelve-week path and where you are on it; start, next, leave"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.stderr is None:  # a windowed program (Windows' kindly.exe): its messages are kept in a log
        from kindly.platform.windowed_messages import start_file_log

        start_file_log()
    if sys.stdout is None:  # a windowed program, or standard output closed (`kindly stats >&-`)
        if not _opens_the_window(args):
            return _refuse_without_output(args)
        sys.stdout = open(os.devnull, "w")  # the window has nothing to print
    try:
        try:
            status = _dispatch(args)
        except SystemExit as exit_:  # argparse's --help and --version: their text must reach its reader too
            status = exit_.code if isinstance(exit_.code, int) else 0
        sys.stdout.flush()  # a full disk or a closed pipe behind standard output is told here, not at exit
        return status
    except OSError as exc:
        from kindly.platform.closed_pipes import reader_has_gone

        if reader_has_gone(exc, sys.stdout):
            # `kindly stats | head -1`: the reader has what it wanted, and nothing more can be said to it.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            _say("kindly: failed: cannot write the output: the disk is full")
        else:
            _say(f"kindly: failed: cannot write the output: {exc.strerror or exc}")
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more is tried at exit
        return 1


def _opens_the_window(args: list[str]) -> bool:
    """Whether `args` are only the window's own options (none, `--tray`, `--start NAME`): nothing to print."""
    rest = iter(args)
    for arg in rest:
        if arg == "--tray" or (arg.startswith("--start=") and arg != "--start="):
            continue
        if arg == "--start" and next(rest, None) is not None:
            continue
        return False
    return True


def _refuse_without_output(args: list[str]) -> int:
    """A subcommand (or --help) with nowhere to print: said in one line, where it can be read."""
    if sys.stderr is not None:
        print("kindly: failed: cannot write the output: standard output is closed", file=sys.stderr)
        return 1
    from kindly.platform.windowed_messages import terminal_hint

    _say(f"kindly: error: this Kindly has no terminal to print to: {terminal_hint(args)}")
    return 2


def _say(line: str, *, alert: bool = True, error: BaseException | None = None) -> None:
    """One line on standard error; without one (the windowed exe), in the log and, if `alert`, a message box."""
    if sys.stderr is not None:
        print(line, file=sys.stderr)
        return
    from kindly.platform.windowed_messages import report

    report(line, alert=alert, error=error)


def _open_window(tray: bool, start: str | None) -> int:
    """`kindly` itself: the window (or the tray), with the garbage collector paused until its home is up."""
    from kindly.start_up_collection import pause_collection, resume_collection

    pause_collection()
    try:
        from kindly.ui.app.app_main import run_app

        return run_app(tray=tray, start=start)
    finally:
        resume_collection()  # start-up refused or failed before the home page said so


def _dispatch(args: list[str]) -> int:
    """The command or the app; a user's mistake, a failure or an interrupt becomes one line and a status."""
    try:
        if not args:
            return _open_window(tray=False, start=None)
        from kindly import argument_parsing

        if args[0] in COMMANDS:
            from kindly.platform.text_output import print_utf8_when_redirected

            print_utf8_when_redirected(sys.stdout)
            module_name, help_ = COMMANDS[args[0]]
            return argument_parsing.run_command(args[0], module_name, help_, args[1:])
        if not args[0].startswith("-"):
            raise KindlyInputError(f"unknown command {args[0]!r} (one of: {', '.join(COMMANDS)})")
        options = argument_parsing.app_parser(COMMANDS).parse_args(args)
        if options.start is not None:
            from kindly.library.quick_starts import check_start_name

            check_start_name(options.start)  # before any window, and before handing it to a running Kindly
        return _open_window(tray=options.tray, start=options.start)
    except KindlyInputError as exc:
        _say(f"kindly: error: {exc}")
        return 2
    except KindlyFailure as exc:
        _say(f"kindly: failed: {exc}")
        return 1
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", None)  # kindly.argument_parsing.Stopped: SIGTERM or SIGHUP
        if signum is not None:
            import signal

            _say(f"kindly: stopped by {signal.Signals(signum).name}", alert=False)
            return 128 + signum
        _say("kindly: interrupted", alert=False)
        return 130
    except Exception as exc:  # a bug in Kindly, not the user's mistake
        if isinstance(exc, OSError) and exc.filename is None:
            raise  # writing standard output failed (a full disk, a closed pipe): main() says so
        if os.environ.get("KINDLY_DEBUG") and sys.stderr is not None:
            import traceback

            traceback.print_exc()
        details = "set KINDLY_DEBUG=1 for details" if sys.stderr is not None else "the traceback is in the log"
        _say(f"kindly: internal error: {type(exc).__name__}: {exc} ({details})", error=exc)
        return 1
