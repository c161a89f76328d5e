"""This machine as the sync folder knows it: a random id made once, and a name a person recognises.

The id is kept in Kindly's own data folder (never in the sync folder), so it
stays the same for as long as this history does; the name (the machine's
host name) only says where a session was done.
"""

from __future__ import annotations

import json
import os
import platform
import uuid
from dataclasses import dataclass
from pathlib import Path

from kindly.core.errors import KindlyFailure
from kindly.core.sync_journal import NAME_MAX, check_id
from kindly.platform.private_files import create_private_file, make_private_dir, replace_durably

DEVICE_FILE = "sync-device.json"


@dataclass(frozen=True)
class Device:
    id: str
    name: str


def this_device(data_dir: Path) -> Device:
    """The device kept in `data_dir`, made (and kept, privately and durably) the first time."""
    path = data_dir / DEVICE_FILE
    try:
        if path.exists():
            return _read(path)
        device = Device(uuid.uuid4().hex, (platform.node() or "this machine")[:NAME_MAX])
        make_private_dir(data_dir)
        temporary = path.with_name(f".{DEVICE_FILE}.tmp")
        temporary.unlink(missing_ok=True)  # left by a run stopped part-way
        create_private_file(temporary)
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump({"id": device.id, "name": device.name}, out)
            out.flush()
            os.fsync(out.fileno())
        replace_durably(temporary, path)
        return device
    except OSError as exc:
        raise KindlyFailure(f"cannot keep this machine's sync id in {path}: {exc.strerror or exc}") from exc


def _read(path: Path) -> Device:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
        device = Device(check_id(str(value["id"]), "device id"), str(value["name"])[:NAME_MAX])
    except (ValueError, KeyError, TypeError) as exc:
        raise KindlyFailure(f"{path} is not this machine's sync id (move it aside to make a new one)") from exc
    return device
