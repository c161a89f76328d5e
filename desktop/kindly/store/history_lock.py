"""One Kindly process at a time checks, repairs or backs up the history file."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from kindly.platform.file_lock import exclusive_lock


def history_lock(folder: Path) -> AbstractContextManager[None]:
    """One command at a time checks and repairs the file: two finding the same damage would each move
    aside and restore, and a session one of them had just written would be lost between them.

    And one at a time makes a backup: two in the same second write the same backup's name, and
    Windows refuses a rename onto a file another process is renaming onto or deleting (the
    backups past keeping) just then. Never taken while held: the lock is not re-entrant.
    """
    return exclusive_lock(folder / ".kindly-open.lock")
