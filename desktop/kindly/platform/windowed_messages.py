"""Where Kindly's messages go when it has no standard error: a log file, and a message box.

Windows' `kindly.exe` is a windowed program: Python gives it no standard
output and no standard error (both are None), so a line printed there is
lost. Without one, Kindly's logging, its one-line errors and every uncaught
exception (with its traceback) go to a rotating log,
`<data dir>/logs/kindly.log` (five files of 256 KiB at most, readable by the
user alone). An error that stops Kindly there is also shown in a native
message box, drawn without Qt since Qt may be what failed: `MessageBoxW` on
Windows, `osascript` on macOS. On Linux nothing more is needed: a desktop
launch gives the program a standard error the session keeps in its journal.

A program that has a standard error writes there as before: a terminal,
or a macOS app opened from Finder, whose standard error launchd points at
/dev/null (so its messages are not kept; only a None standard error is taken
to mean "no terminal", which keeps `kindly stats 2>file` writing to the file).
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from kindly import APP_NAME, locations
from kindly.platform.private_files import create_private_file, make_private_dir

LOG_FILE_NAME = "kindly.log"
LOG_FILE_BYTES = 256 * 1024
LOG_BACKUPS = 4  # five files in all, 1.25 MiB at most: the data folder never fills with logs
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# MessageBoxW's flags: one OK button and the error icon.
MB_OK = 0x0
MB_ICONERROR = 0x10

log = logging.getLogger("kindly")

ErrorBox = Callable[[str, str], None]


def log_path(data_dir: Path | None = None) -> Path:
    """`<data dir>/logs/kindly.log`."""
    return (data_dir if data_dir is not None else locations.data_dir()) / "logs" / LOG_FILE_NAME


class PrivateRotatingLog(RotatingFileHandler):
    """A RotatingFileHandler whose every file is the user's alone, the fresh one after a rotation too.

    It also keeps the exception hooks it replaced, so that `stop_file_log` can put them back.
    """

    def __init__(self, path: Path) -> None:
        make_private_dir(path.parent)
        create_private_file(path)
        super().__init__(path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True)
        self.setFormatter(logging.Formatter(LOG_FORMAT))
        self.replaced_hooks = (sys.excepthook, threading.excepthook)

    @property
    def path(self) -> Path:
        return Path(self.baseFilename)

    def doRollover(self) -> None:
        super().doRollover()
        # The fresh file is opened at the next record, with the umask's mode: made private before that.
        create_private_file(self.path)


def start_file_log(path: Path | None = None) -> Path | None:
    """Send logging and uncaught exceptions (any thread's) to the rotating log; returns its path.

    Called where there is no standard error. Returns None, and logs nowhere,
    when the log cannot be made (a read-only data folder): there is nowhere
    else to say so. Calling it again keeps the log already started.
    """
    running = active_log()
    if running is not None:
        return running.path
    try:
        handler = PrivateRotatingLog(path if path is not None else log_path())
    except OSError:
        return None
    logging.getLogger().addHandler(handler)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    return handler.path


def stop_file_log() -> None:
    """Close the log and give back the exception hooks it replaced (tests start and stop it)."""
    handler = active_log()
    if handler is None:
        return
    logging.getLogger().removeHandler(handler)
    handler.close()
    sys.excepthook, threading.excepthook = handler.replaced_hooks


def active_log() -> PrivateRotatingLog | None:
    """The log `start_file_log` started, if it runs."""
    return next((h for h in logging.getLogger().handlers if isinstance(h, PrivateRotatingLog)), None)


def report(line: str, *, alert: bool = False, error: BaseException | None = None) -> None:
    """One line for a user with no terminal: kept in the log, and shown in a message box when `alert`.

    `error` is logged with its traceback: with no terminal the log is the only place a bug can be read.
    """
    log.error("%s", line, exc_info=error)
    if alert:
        running = active_log()
        show_error_box(f"{line}\n\nMore in {running.path}" if running is not None else line)


def terminal_hint(args: list[str], platform: str = sys.platform) -> str:
    """How to run `args` where they can print: with the bundle's console twin, `kindly-cli.exe`, on Windows."""
    if platform == "win32":
        command = subprocess.list2cmdline(args)
        program = f'"{Path(sys.executable).with_name("kindly-cli.exe")}"' if getattr(sys, "frozen", False) else "kindly"
        return f"run it in a terminal (Command Prompt or PowerShell) as {program} {command}"
    import shlex

    return f"run it in a terminal as kindly {shlex.join(args)}"


# --- The message box, one per system -----------------------------------------------------
def show_error_box(text: str, platform: str = sys.platform) -> None:
    """A native alert with `text` that waits for OK; none on Linux. Never raises: it is the last resort."""
    box = error_box_for(platform)
    if box is None:
        return
    try:
        box(APP_NAME, text)
    except Exception:  # no user32, no osascript: the log has the line already
        log.warning("could not show a message box", exc_info=True)


def error_box_for(platform: str) -> ErrorBox | None:
    """This system's message box: Windows' MessageBoxW, a macOS alert, or None (Linux)."""
    if platform == "win32":
        return windows_error_box
    if platform == "darwin":
        return macos_error_box
    return None


def windows_error_box(title: str, text: str) -> None:
    import ctypes

    user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]  # Windows' ctypes alone has windll
    user32.MessageBoxW(None, text, title, MB_OK | MB_ICONERROR)


def macos_error_box(title: str, text: str) -> None:
    # The title and text travel as arguments, never spliced into the script: no quoting to get wrong.
    script = ["on run argv", "display alert (item 1 of argv) message (item 2 of argv) as critical", "end run"]
    command = ["/usr/bin/osascript"]
    for line in script:
        command += ["-e", line]
    subprocess.run([*command, title, text], stdin=subprocess.DEVNULL, capture_output=True, check=False)


# --- Uncaught exceptions --------------------------------------------------------------
def _log_uncaught(kind: type[BaseException], error: BaseException, traceback: TracebackType | None) -> None:
    """sys.excepthook: a Qt slot's or the main thread's uncaught exception, kept in the log."""
    log.critical("uncaught exception", exc_info=(kind, error, traceback))


def _log_uncaught_in_thread(hook: threading.ExceptHookArgs) -> None:
    """threading.excepthook: a thread's uncaught exception (a thread ended by SystemExit is not one)."""
    if hook.exc_value is None or hook.exc_type is SystemExit:
        return
    name = hook.thread.name if hook.thread is not None else "a thread"
    log.critical("uncaught exception in %s", name, exc_info=(hook.exc_type, hook.exc_value, hook.exc_traceback))
