"""Journal files in the sync folder: each machine's own folder of segments, each segment written once.

`<sync folder>/kindly/<device id>/events-<first seq>-<UTC stamp>.jsonl`: a
new segment per sync that has something to say, written to a hidden
temporary name, fsynced, then renamed into place and its folder fsynced, and
never touched again. A sync engine therefore only ever sees whole files
appear; what it does to them on the way (a half-copied last line, a file
shorter for a while, a conflict copy beside it) is read around here: every
file in a device's folder whose name starts `events-` is read (conflict
copies of a segment included), a line that does not read is skipped and
counted, and the events are told apart by their ids, never by file.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kindly.core.errors import KindlyInputError
from kindly.core.sync_journal import JournalEvent, parse_line
from kindly.platform.private_files import create_private_file, make_private_dir, replace_durably

SEGMENT_PREFIX = "events-"
_DEVICE_DIR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z", re.ASCII)
_SEQ_IN_NAME = re.compile(r"^events-(\d{1,16})-")


@dataclass
class Reading:
    """Every event read from the folder, and how many lines could not be."""

    events: list[JournalEvent] = field(default_factory=list)
    garbled: int = 0


def write_segment(journals: Path, device: str, events: Sequence[JournalEvent], now: datetime) -> Path:
    """Write `events` as one new segment of `device`'s journal, durably; returns its path."""
    folder = journals / device
    make_private_dir(folder)
    name = f"{SEGMENT_PREFIX}{events[0].seq:012d}-{now:%Y%m%dT%H%M%S%fZ}.jsonl"
    target = folder / name
    temporary = folder / f".kindly-tmp-{uuid.uuid4().hex}"
    create_private_file(temporary)  # 0600 whatever the umask, as every file Kindly writes
    try:
        with open(temporary, "wb") as out:
            out.write("".join(f"{event.to_line()}\n" for event in events).encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        replace_durably(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def read_journals(journals: Path, skip_device: str | None = None) -> Reading:
    """Every event in every device's folder but `skip_device`'s, with the lines that did not read counted."""
    reading = Reading()
    if not journals.is_dir():
        return reading
    for device_dir in sorted(journals.iterdir()):
        if not _DEVICE_DIR.match(device_dir.name) or device_dir.name == skip_device or not device_dir.is_dir():
            continue
        for segment in sorted(device_dir.iterdir()):
            if segment.name.startswith(SEGMENT_PREFIX) and segment.is_file():
                _read_segment(segment, device_dir.name, reading)
    return reading


def read_own(journals: Path, device: str) -> Reading:
    """What this machine's own folder holds now: what the others can read of it (nothing, on a drive not
    mounted or in a folder newly chosen, so that everything is written there again)."""
    reading = Reading()
    folder = journals / device
    if folder.is_dir():
        for segment in sorted(folder.iterdir()):
            if segment.name.startswith(SEGMENT_PREFIX) and segment.is_file():
                _read_segment(segment, device, reading)
    return reading


def _read_segment(segment: Path, device: str, reading: Reading) -> None:
    try:
        data = segment.read_bytes()
    except OSError:
        reading.garbled += 1  # vanished or locked between listing and reading: read again next sync
        return
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        try:
            event = parse_line(line.decode("utf-8"))
        except (UnicodeDecodeError, KindlyInputError):
            reading.garbled += 1
            continue
        if event.device != device:
            reading.garbled += 1  # a line in another machine's folder: no machine writes there but its own
            continue
        reading.events.append(event)
