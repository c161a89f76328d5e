"""`kindly history add|export|import|checkins`: record a session done elsewhere, move history in and out,
see or delete the check-ins kept with sessions.

Input is checked in full before the history file is opened, so bad input
writes nothing: `add` checks its options, `import` parses and checks every
row of the file first and then stores the new sessions in one transaction,
skipping exact duplicates and saying how many.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta

from kindly.argument_parsing import number_option, whole_option
from kindly.core.checkin import CheckIn
from kindly.core.errors import KindlyInputError
from kindly.core.history_format import FORMATS, HistoryFormat, format_for, parse_history_file, render
from kindly.core.iso_time import read_iso_time
from kindly.core.practice_words import plural
from kindly.core.session_config import MINUTES_MAX
from kindly.core.session_record import (
    SESSION_MIN_S,
    START_YEARS,
    SessionRecord,
    check_practice_id,
    describe_start_years,
)
from kindly.core.user_numbers import as_written, exact
from kindly.store.history import HistoryStore
from kindly.store.history_opening import open_history
from kindly.store.local_zone import local_datetime, local_zone_name
from kindly.store.path_store import current_path, keep_progress

# A session recorded by hand may start a little ahead of this machine's clock, not more.
FUTURE_SLACK = timedelta(minutes=5)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="record a session done elsewhere")
    add.add_argument(
        "--start",
        required=True,
        metavar="ISO8601",
        help="when it began, e.g. 2026-11-02T07:30 (local time) or 2026-11-02T07:30+01:00",
    )
    add.add_argument(
        "--minutes",
        required=True,
        metavar="M",
        type=number_option("--minutes", more_than=0, at_most=MINUTES_MAX),
        help=f"minutes practised (more than 0, up to {MINUTES_MAX:g})",
    )
    add.add_argument("--practice", metavar="ID", help="the practice id (none: a silent timer)")

    export = actions.add_parser("export", help="write the whole history as CSV or JSON")
    export.add_argument("--format", choices=FORMATS, help="csv or json (default: from OUT's suffix, else csv)")
    export.add_argument("out", nargs="?", metavar="OUT", help="the file to write (default: standard output)")

    load = actions.add_parser("import", help="add the sessions of a CSV or JSON history file, skipping duplicates")
    load.add_argument("--format", choices=FORMATS, help="csv or json (default: from FILE's suffix or content)")
    load.add_argument("file", metavar="FILE", help="a file written by 'kindly history export'")

    checkins = actions.add_parser(
        "checkins", help="list the check-ins kept with your sessions, or delete them (the sessions stay)"
    )
    forget = checkins.add_mutually_exclusive_group()
    forget.add_argument(
        "--delete",
        metavar="ID",
        type=whole_option("--delete", at_least=1),
        help="delete the check-ins of session ID (as listed)",
    )
    forget.add_argument("--delete-all", action="store_true", help="delete every check-in")


def run(args: argparse.Namespace) -> int:
    if args.action == "add":
        return _add(args)
    if args.action == "export":
        return _export(args)
    if args.action == "checkins":
        return _checkins(args)
    return _import(args)


# A lifetime of sessions as JSON is a few MB; a file past this is not a history.
IMPORT_LIMIT_BYTES = 64_000_000


def open_history_telling() -> HistoryStore:
    """Open the history; if it had to be recovered, say so on standard error (one line)."""
    store = open_history()
    if store.recovery_notice:
        print(f"kindly: notice: {store.recovery_notice}", file=sys.stderr)
    return store


def sessions_telling(store: HistoryStore) -> list[SessionRecord]:
    """Every readable session; garbled rows left out are counted on standard error (one line)."""
    records = store.sessions()
    notice = store.unreadable_notice()
    if notice:
        print(f"kindly: notice: {notice}", file=sys.stderr)
    return records


# ---------------------------------------------------------------------- add


def _add(args: argparse.Namespace) -> int:
    record = session_from_options(args.start, args.minutes, args.practice, now=datetime.now(UTC))
    with open_history_telling() as store:
        ids, _skipped = store.add_new([record])
    local = record.local_start()
    what = record.practice or "silent timer"
    if ids:
        print(f"Recorded {_minutes(record.practised_s)} on {local:%Y-%m-%d} at {local:%H:%M} ({what}).")
    else:
        when = f"{local:%Y-%m-%d %H:%M}, {_minutes(record.practised_s)}"
        print(f"That session ({when}) is already recorded; nothing added.")
    return 0


def session_from_options(start: str, minutes: float, practice: str | None, now: datetime) -> SessionRecord:
    """The session `history add` records: checked in full, the start read in the local zone if it has no offset."""
    text = start.strip()
    try:
        began = read_iso_time(text)
    except ValueError:
        raise KindlyInputError(
            f"--start {start!r} is not an ISO 8601 time (e.g. 2026-11-02T07:30, or 2026-11-02T07:30+01:00 "
            "with an offset of hours 00-23 and minutes 00-59)"
        ) from None
    if len(text) <= len("2026-11-02"):
        raise KindlyInputError(f"--start {start!r} needs a time of day too (e.g. {text}T07:30)")
    if began.year not in START_YEARS:
        raise KindlyInputError(f"--start {start!r} is out of range ({describe_start_years()})")
    zone = None
    if began.utcoffset() is None:
        zone = local_zone_name()
        began = local_datetime(began)
    offset = began.utcoffset()
    assert offset is not None
    if began - now > FUTURE_SLACK:
        raise KindlyInputError(f"--start {start!r} is in the future")
    if exact(minutes) * 60 < exact(SESSION_MIN_S):  # it would be stored, then counted nowhere: say so instead
        raise KindlyInputError(
            f"--minutes {as_written(minutes)!r} is less than a second, too short to count as a session"
        )
    if practice is not None:
        try:
            check_practice_id(practice)
        except KindlyInputError as exc:
            raise KindlyInputError(f"--practice: {exc}") from None
    seconds = minutes * 60.0
    return SessionRecord(
        start_utc=began.astimezone(UTC),
        utc_offset_min=int(offset.total_seconds() // 60),
        planned_s=seconds,
        practised_s=seconds,
        practice=practice,
        completed=True,
        zone=zone,
    )


# ---------------------------------------------------------------------- export


def _export(args: argparse.Namespace) -> int:
    from kindly.user_files import check_writable, is_standard_output, output_file

    name = args.out if args.out is not None else "-"
    to_stdout = is_standard_output(name)
    fmt: HistoryFormat = args.format or ("csv" if to_stdout else format_for(name))
    check_writable(name)
    with open_history_telling() as store:
        records = sessions_telling(store)
        path = current_path(store)
    text = render(records, fmt, path)
    # History is the user's own: a file written for it is theirs alone (0600), a device as it is.
    with output_file(name, mode=0o600) as out:
        out.write(text.encode("utf-8"))
    if not to_stdout:
        print(f"Exported {plural(len(records), 'session')} to {name} ({fmt}).")
    return 0


# ---------------------------------------------------------------------- import


def _import(args: argparse.Namespace) -> int:
    from kindly.user_files import read_user_file

    data = read_user_file(args.file, IMPORT_LIMIT_BYTES, "history file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KindlyInputError(f"cannot read {args.file}: not UTF-8 text (byte {exc.start})") from None
    fmt: HistoryFormat = args.format or format_for(args.file, text)
    records, path = parse_history_file(text, args.file, fmt)
    with open_history_telling() as store:
        ids, skipped = store.add_new(records)
        # A path travels with the history, but never replaces the one this person is on here.
        path_kept = path is not None and current_path(store) is None
        if path is not None and path_kept:
            keep_progress(store, path)
        checkins_added = store.checkins_added
    print(f"Imported {plural(len(ids), 'session')} from {args.file}; skipped {plural(skipped, 'exact duplicate')}.")
    if checkins_added:
        print(f"Check-ins were added to {checkins_added} of the sessions already kept.")
    if path is not None:
        print(
            f"Your place on the path {path.path_id!r} (week {path.week}) was "
            + ("taken in." if path_kept else "left as it is here: you are on a path already.")
        )
    return 0


# ---------------------------------------------------------------------- checkins


def _checkins(args: argparse.Namespace) -> int:
    if args.delete is not None:
        session_id = args.delete
        with open_history_telling() as store:
            if not any(record.id == session_id for record in store.sessions()):
                raise KindlyInputError(
                    f"--delete {session_id}: there is no such session (see: kindly history checkins)"
                )
            count = store.forget_checkins(session_id)
        print(f"Deleted the check-ins of session {session_id}." if count else f"Session {session_id} had no check-ins.")
        return 0
    if args.delete_all:
        with open_history_telling() as store:
            count = store.forget_checkins()
        print(f"Deleted the check-ins of {plural(count, 'session')}; the sessions themselves stay.")
        return 0
    with open_history_telling() as store:
        records = [r for r in sessions_telling(store) if r.checkin_before or r.checkin_after]
    if not records:
        print("No check-ins are kept. They are offered before and after a session on your path.")
        return 0
    print(f"{'ID':>5}  {'started':16}  {'practice':24}  before (kindness, ease)  after")
    for record in records:
        local = record.local_start()
        print(
            f"{record.id:>5}  {local:%Y-%m-%d %H:%M}  {(record.practice or 'silent timer'):24}  "
            f"{_answers(record.checkin_before):23}  {_answers(record.checkin_after)}"
        )
    return 0


def _answers(checkin: CheckIn | None) -> str:
    return f"{checkin.kindness}, {checkin.ease}" if checkin is not None else "-"


def _minutes(seconds: float) -> str:
    minutes = seconds / 60.0
    return f"{minutes:g} min"
