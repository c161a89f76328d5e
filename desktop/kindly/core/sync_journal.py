"""The sync journal's events: one JSON line each, and which of them stands when the folder holds many.

Each machine writes only its own journal (`kindly.sync`), and numbers its
events itself: `seq` counts up on that machine alone, so the id
`<device>:<seq>` is unique without asking anyone, and the latest word on a
session is the highest `seq` from the machine it was done on. No clock
decides anything: a machine whose clock is wrong merges the same as any
other, and the times in a session are kept as written. The same event read
twice (a conflict copy, the folder reached by two paths) is one event.

A line is the export's fields of one session (`history_format.session_fields`),
wrapped with who wrote it and which revision it is:

    {"v": 1, "id": "<device>:<seq>", "device": "<device>", "seq": 7, "type": "session",
     "where": "laptop", "subject": "<session id>", "session": {...the export's fields...}}

`type` is `session` (recorded, or changed as it finished), `checkin` (its
check-ins changed: the whole session again), `deleted` (a tombstone: no
`session`), or `path` (where the person is on a path: `path` holds it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from kindly.core.errors import KindlyInputError
from kindly.core.history_format import path_fields, path_from_fields, session_fields, session_from_fields
from kindly.core.path_progress import PathProgress
from kindly.core.session_record import SessionRecord

JOURNAL_VERSION = 1
EventType = Literal["session", "checkin", "deleted", "path"]
EVENT_TYPES: tuple[EventType, ...] = ("session", "checkin", "deleted", "path")
# Device and session ids are Kindly's own (UUIDs); checked so a line can never name a file or path.
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z", re.ASCII)
NAME_MAX = 100
SEQ_MAX = 2**53  # what every JSON reader holds exactly


@dataclass(frozen=True)
class JournalEvent:
    """One line of a machine's journal, read back and checked."""

    device: str
    seq: int
    type: EventType
    where: str
    subject: str
    body: dict[str, Any] | None  # the session's (or path's) fields; None for a tombstone

    @property
    def id(self) -> str:
        return f"{self.device}:{self.seq}"

    @property
    def thread(self) -> tuple[str, str, str]:
        """What its revisions replace one another on: one device's one session (or one path)."""
        return (self.device, "path" if self.type == "path" else "session", self.subject)

    def to_line(self) -> str:
        """The line as written (without its newline): keys in a fixed order, so the same event is the same text."""
        line: dict[str, Any] = {
            "v": JOURNAL_VERSION,
            "id": self.id,
            "device": self.device,
            "seq": self.seq,
            "type": self.type,
            "where": self.where,
            "subject": self.subject,
        }
        if self.body is not None:
            line["path" if self.type == "path" else "session"] = self.body
        return json.dumps(line, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)

    def session(self) -> SessionRecord:
        """The session this event carries (KindlyInputError for a tombstone or a path)."""
        if self.body is None or self.type == "path":
            raise KindlyInputError(f"event {self.id} carries no session")
        return session_from_fields(self.body, f"event {self.id}")

    def path(self) -> PathProgress:
        """The path progress this event carries (KindlyInputError for any other event)."""
        if self.body is None or self.type != "path":
            raise KindlyInputError(f"event {self.id} carries no path")
        progress = path_from_fields(self.body, f"event {self.id}")
        if progress.path_id != self.subject:
            raise KindlyInputError(f"event {self.id} is about path {self.subject!r}, not {progress.path_id!r}")
        return progress


def path_event(device: str, seq: int, where: str, progress: PathProgress) -> JournalEvent:
    return JournalEvent(device, seq, "path", where, progress.path_id, path_fields(progress))


def path_state(progress: PathProgress) -> str:
    return json.dumps(path_fields(progress), sort_keys=True, separators=(",", ":"))


def session_event(
    device: str, seq: int, kind: EventType, where: str, subject: str, record: SessionRecord
) -> JournalEvent:
    return JournalEvent(device, seq, kind, where, subject, session_fields(record))


def session_state(record: SessionRecord) -> str:
    """A session's journaled state as text: two equal texts need no new event."""
    return json.dumps(session_fields(record), sort_keys=True, separators=(",", ":"), allow_nan=False)


def parse_line(text: str) -> JournalEvent:
    """One journal line, checked in full; KindlyInputError when it is not one (garbled, half-synced, newer)."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise KindlyInputError(f"not a journal line: {exc}") from exc
    if not isinstance(value, dict):
        raise KindlyInputError("not a journal line: not an object")
    if value.get("v") != JOURNAL_VERSION:
        raise KindlyInputError(f"journal version {value.get('v')!r} is not {JOURNAL_VERSION}")
    device, seq, kind = value.get("device"), value.get("seq"), value.get("type")
    where, subject = value.get("where"), value.get("subject")
    if not isinstance(device, str) or not _ID.match(device):
        raise KindlyInputError(f"device {device!r} is not a device id")
    if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq <= SEQ_MAX:
        raise KindlyInputError(f"seq {seq!r} is not a whole number from 1")
    if value.get("id") != f"{device}:{seq}":
        raise KindlyInputError(f"id {value.get('id')!r} is not its device and seq")
    if kind not in EVENT_TYPES:
        raise KindlyInputError(f"type {kind!r} is not one of {', '.join(EVENT_TYPES)}")
    if not isinstance(where, str) or len(where) > NAME_MAX:
        raise KindlyInputError(f"where {where!r} is not a machine's name")
    if not isinstance(subject, str) or not _ID.match(subject):
        raise KindlyInputError(f"subject {subject!r} is not an id")
    body = value.get("path" if kind == "path" else "session")
    if kind == "deleted":
        body = None
    elif not isinstance(body, dict):
        raise KindlyInputError(f"a {kind} event without its fields")
    event = JournalEvent(device, seq, kind, where, subject, body)
    if kind in ("session", "checkin"):
        event.session()  # checked now: a garbled session is a garbled line
    elif kind == "path":
        event.path()
    return event


def latest(events: Iterable[JournalEvent]) -> dict[tuple[str, str, str], JournalEvent]:
    """The standing revision of each device's each session (and path): its highest seq.

    Read twice (a conflict copy, two paths to one folder) an event is one; two
    different lines under one id (a journal restored from an old backup) are
    settled by their text, so the answer never depends on the order read.
    """
    by_id: dict[str, JournalEvent] = {}
    for event in events:
        kept = by_id.get(event.id)
        if kept is None or event.to_line() < kept.to_line():
            by_id[event.id] = event
    standing: dict[tuple[str, str, str], JournalEvent] = {}
    for event in by_id.values():
        kept = standing.get(event.thread)
        if kept is None or event.seq > kept.seq:
            standing[event.thread] = event
    return standing


def check_id(text: str, what: str) -> str:
    if not _ID.match(text):
        raise KindlyInputError(f"{what} {text!r} is not an id")
    return text


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")
