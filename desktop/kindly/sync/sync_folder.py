"""The sync folder a person chose: checked before it is kept, and checked again before each sync."""

from __future__ import annotations

import os
from pathlib import Path

from kindly.core.errors import KindlyFailure, KindlyInputError

JOURNALS = "kindly"  # <sync folder>/kindly/<device id>/events-*.jsonl


def folder_problem(folder: Path, data_dir: Path) -> str | None:
    """Why `folder` cannot be the sync folder, in words; None when it can."""
    if not folder.exists():
        return f"{folder} does not exist"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{folder} cannot be written to"
    chosen, data = folder.resolve(), data_dir.resolve()
    if chosen == data or data in chosen.parents:
        return f"{folder} is Kindly's own data folder or inside it; choose the folder your sync tool shares"
    if chosen in data.parents:
        return f"Kindly's data folder {data_dir} is inside {folder}: the live history must never be synced"
    return None


def check_new_folder(folder: Path, data_dir: Path) -> None:
    """Refuse a folder for `kindly settings set sync/folder` (KindlyInputError, one line)."""
    problem = folder_problem(folder, data_dir)
    if problem is not None:
        raise KindlyInputError(f"setting sync/folder: {problem}")


def check_folder_now(folder: Path, data_dir: Path) -> Path:
    """The folder's journals, or KindlyFailure when it is gone (an unmounted drive) or no longer usable."""
    problem = folder_problem(folder, data_dir)
    if problem is not None:
        raise KindlyFailure(f"sync folder unavailable: {problem}; nothing was synced, try again when it is back")
    return folder / JOURNALS
