"""One sync: this machine's new events written to its own journal, every other machine's merged into the history.

Idempotent and order-free by construction: every run reads the whole folder
again and keeps, for each machine's each session, its highest revision
(`kindly.core.sync_journal.latest`); the history remembers which revision it
merged and which sessions were deleted where they were done, so a file that
is shorter for a while (a sync engine part-way through) takes nothing back.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from kindly.core.clock import Clock, SystemClock, utc_now
from kindly.core.history_format import CHECKIN_FIELDS
from kindly.core.practice_words import plural
from kindly.core.session_record import SESSION_MIN_S, SessionRecord
from kindly.core.sync_journal import (
    EventType,
    JournalEvent,
    latest,
    path_event,
    path_state,
    session_event,
    session_state,
)
from kindly.store.history import HistoryStore
from kindly.store.path_store import current_path
from kindly.store.sync_rows import (
    MergeCounts,
    local_sessions,
    mark_written,
    merge_paths,
    merge_sessions,
    written,
)
from kindly.sync.device import Device, this_device
from kindly.sync.journal_files import read_journals, read_own, write_segment
from kindly.sync.sync_folder import check_folder_now

PATH_KEY = "path/"  # what this machine wrote of a path, beside its sessions' ids in `sync_written`


@dataclass(frozen=True)
class SyncReport:
    """What a sync did, for its one line."""

    written: int
    merged: MergeCounts
    garbled: int

    def line(self) -> str:
        merged = self.merged
        machines = plural(len(merged.devices), "other machine")
        if merged.added:
            parts = [f"sync: {plural(merged.added, 'session')} from {machines} merged"]
        else:
            parts = ["sync: no new sessions from other machines"]
        if merged.updated:
            parts.append(f"{merged.updated} brought up to date")
        if merged.removed:
            parts.append(f"{merged.removed} removed as deleted where they were done")
        if merged.paths:
            parts.append("your place on your path taken from another machine")
        parts.append(f"{plural(self.written, 'change')} from this machine written")
        if self.garbled:
            parts.append(f"{plural(self.garbled, 'garbled line')} skipped")
        return "; ".join(parts)


def sync_history(store: HistoryStore, data_dir: Path, folder: Path, clock: Clock | None = None) -> SyncReport:
    """Write, then merge. KindlyFailure (one line) when the folder is gone or cannot be written."""
    now = utc_now(clock or SystemClock())
    journals = check_folder_now(folder, data_dir)
    device = this_device(data_dir)
    reading = read_journals(journals, skip_device=device.id)
    standing = latest(reading.events).values()
    with store.transaction():
        events, entries = _pending(store, device, read_own(journals, device.id).events)
        if events:
            write_segment(journals, device.id, events, now)
            mark_written(store, entries)
        merged = merge_sessions(store, standing, device.id)
        merge_paths(store, standing, device.id, merged)
    if merged.added or merged.updated or merged.removed or merged.paths:
        store.back_up()
    return SyncReport(len(events), merged, reading.garbled)


def _pending(
    store: HistoryStore, device: Device, own: list[JournalEvent]
) -> tuple[list[JournalEvent], list[tuple[str, int, str]]]:
    """This machine's sessions (and path) as they differ from what its own journal in the folder says of
    them, as events, and what to remember of them.

    The folder, not the history, says what was written: a folder newly chosen, a drive that was not
    mounted at the last sync, or a journal deleted by hand is written again in full. The history keeps
    the highest seq written, so a seq is never used twice even when the folder has forgotten it.
    """
    sessions, garbled = local_sessions(store, lambda: uuid.uuid4().hex)
    done = _said(own)
    seq = max([0, *(event.seq for event in own), *(s for s, _state in written(store).values())])
    events: list[JournalEvent] = []
    entries: list[tuple[str, int, str]] = []
    for subject, record in sorted(sessions.items()):
        if record.practised_s < SESSION_MIN_S:
            continue  # begun a moment ago and still running: journaled once there is practice to count
        state = session_state(record)
        prior = done.get(subject)
        if prior is not None and prior[1] == state:
            continue
        seq += 1
        kind: EventType = "checkin" if prior is not None and _same_but_checkins(prior[1], record) else "session"
        events.append(session_event(device.id, seq, kind, device.name, subject, record))
        entries.append((subject, seq, state))
    path = current_path(store)
    if path is not None:
        key, state = f"{PATH_KEY}{path.path_id}", path_state(path)
        if done.get(key, (0, ""))[1] != state:
            seq += 1
            events.append(path_event(device.id, seq, device.name, path))
            entries.append((key, seq, state))
    for subject, (_seq, state) in sorted(done.items()):
        if subject.startswith(PATH_KEY):
            continue
        if state and subject not in sessions and subject not in garbled:
            seq += 1
            events.append(JournalEvent(device.id, seq, "deleted", device.name, subject, None))
            entries.append((subject, seq, ""))
    return events, entries


def _same_but_checkins(prior_state: str, record: SessionRecord) -> bool:
    """Whether only the check-ins changed since the state written (a check-in kept, or forgotten)."""
    if not prior_state:
        return False
    before = {k: v for k, v in json.loads(prior_state).items() if k not in CHECKIN_FIELDS}
    now = {k: v for k, v in json.loads(session_state(record)).items() if k not in CHECKIN_FIELDS}
    return before == now


def _said(own: list[JournalEvent]) -> dict[str, tuple[int, str]]:
    """The standing word of this machine's journal on each of its sessions and paths: subject -> (seq, state)."""
    said: dict[str, tuple[int, str]] = {}
    for event in latest(own).values():
        if event.type == "path":
            said[f"{PATH_KEY}{event.subject}"] = (event.seq, path_state(event.path()))
        elif event.type == "deleted":
            said[event.subject] = (event.seq, "")
        else:
            said[event.subject] = (event.seq, session_state(event.session()))
    return said
