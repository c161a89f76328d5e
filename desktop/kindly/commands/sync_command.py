"""`kindly sync`: write this machine's new sessions to the sync folder, merge every other machine's.

One line says what happened. No sync folder set is the person's to fix
(exit 2); a folder that is gone, an unmounted drive, is told in one line,
exit 1, and nothing is changed: the next sync catches up.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kindly.commands.history_command import open_history_telling
from kindly.core.errors import KindlyInputError
from kindly.locations import data_dir
from kindly.settings.options import SYNC_FOLDER
from kindly.settings.settings_file import open_settings
from kindly.sync.sync_run import sync_history


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: the folder is the one set (`kindly settings set sync/folder PATH`)."""


def run(args: argparse.Namespace) -> int:
    settings = open_settings(writable=False)
    for warning in settings.warnings:
        print(f"kindly: {warning}", file=sys.stderr)
    folder = settings.get(SYNC_FOLDER)
    if not folder:
        raise KindlyInputError("no sync folder is set: kindly settings set sync/folder PATH (see docs/sync.md)")
    with open_history_telling() as store:
        report = sync_history(store, data_dir(), Path(folder))
    print(report.line())
    return 0
