"""Kindly machines for the sync tests: each its own data folder and its own copy of the shared folder.

What a sync engine does between the copies is the test's to play
(`deliver`): whole files, a file cut short, a conflict copy beside the
file, in whatever order. Nothing here sleeps or touches the network.
"""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fakes import FakeClock
from kindly.core.checkin import CheckIn
from kindly.core.session_record import SessionRecord
from kindly.store.history import HistoryStore
from kindly.store.history_opening import open_history
from kindly.store.session_rows import read_row, session_columns
from kindly.sync.device import this_device
from kindly.sync.sync_folder import JOURNALS
from kindly.sync.sync_run import SyncReport, sync_history

# The names each engine gives the loser of a clash, for a file named `events-1.jsonl`.
CONFLICT_NAMES = (
    "{stem}.sync-conflict-20261206-101010-ABCDEFG.jsonl",  # Syncthing
    "{stem} (laptop's conflicted copy 2026-12-06).jsonl",  # Dropbox
    "{stem} (conflicted copy 2026-12-06 101010).jsonl",  # Nextcloud, desktop client
    "{stem}_conflict-20261206-101010.jsonl",  # Nextcloud, newer clients
)
Sessions = set[tuple[object, ...]]


class Machine:
    """One Kindly: a history, a device id, and the copy of the sync folder its engine keeps."""

    def __init__(self, root: Path, name: str, wall: float = 1_764_000_000.0) -> None:
        self.data = root / name / "data"
        self.replica = root / name / "share"
        self.replica.mkdir(parents=True)
        self.clock = FakeClock(wall=wall)
        self.store: HistoryStore = open_history(self.data, self.clock)
        self.device = this_device(self.data)

    @property
    def journal(self) -> Path:
        """This machine's own folder in its copy of the sync folder."""
        return self.replica / JOURNALS / self.device.id

    def record(self, record: SessionRecord) -> int:
        return self.store.add(record)

    def sync(self) -> SyncReport:
        self.clock.advance(1)
        return sync_history(self.store, self.data, self.replica, self.clock)

    def sessions(self) -> Sessions:
        return {kept(record) for record in self.store.sessions()}

    def own_sessions(self) -> Sessions:
        """The sessions recorded here (none merged from the folder): what every other machine must end with."""
        connection = self.store.connection
        rows = connection.execute(
            f"SELECT {session_columns(connection)} FROM sessions WHERE origin_device IS NULL"
        ).fetchall()
        return {kept(read_row(row)) for row in rows}

    def close(self) -> None:
        self.store.close()


def kept(record: SessionRecord) -> tuple[object, ...]:
    """A session as every machine must agree on it: what it was, and its check-ins."""
    return (*record.content(), record.checkin_before, record.checkin_after)


def session(
    day: int, minute: int = 0, seconds: float = 600, checkin: CheckIn | None = None, practice: str = "kind-breath"
) -> SessionRecord:
    start = datetime(2026, 11, 1, 7, tzinfo=UTC) + timedelta(days=day, minutes=minute)
    return SessionRecord(start, 60, seconds, seconds, practice, True, zone="Europe/Paris", checkin_after=checkin)


def segments(machine: Machine) -> list[Path]:
    return sorted(machine.journal.glob("events-*"))


def deliver(source: Machine, target: Machine, rng: random.Random | None = None, faults: bool = False) -> None:
    """Copy `source`'s journal files into `target`'s copy of the folder, in `rng`'s order.

    With `faults`, a file may arrive cut short (to come whole at a later
    delivery) or arrive again under a conflict copy's name.
    """
    files = segments(source)
    if rng is not None:
        rng.shuffle(files)
    folder = target.replica / JOURNALS / source.device.id
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        data = file.read_bytes()
        if faults and rng is not None and rng.random() < 0.3:
            data = data[: rng.randrange(len(data))]
        (folder / file.name).write_bytes(data)
        if faults and rng is not None and rng.random() < 0.3:
            shutil.copyfile(file, folder / rng.choice(CONFLICT_NAMES).format(stem=file.stem))
