"""The machine's local time zone: the UTC offset in force at an instant, and the IANA name when known.

Only the standard library is used: the offset comes from the C library's
local time (which honours `TZ`), and the name from `TZ` or the
`/etc/localtime` link (or `/etc/timezone`) that Debian and most Linux and
macOS systems keep. When neither names a zone `zoneinfo` can load, the name
is simply not recorded; the offset always is, and it is all the streak rules need.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

_LOCALTIME = Path("/etc/localtime")
_TIMEZONE_FILE = Path("/etc/timezone")


def local_offset_min(instant: datetime) -> int:
    """Minutes east of UTC in the machine's zone at `instant` (aware)."""
    offset = instant.astimezone(UTC).astimezone().utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def local_zone_name() -> str | None:
    """The IANA name of the machine's zone (e.g. `Europe/Paris`), or None when it cannot be told."""
    tz = os.environ.get("TZ")
    if tz is not None:
        return _loadable(tz.removeprefix(":"))
    try:
        target = _LOCALTIME.resolve(strict=True)
    except OSError:
        target = None
    if target is not None and "zoneinfo" in target.parts:
        parts = target.parts
        name = "/".join(parts[len(parts) - parts[::-1].index("zoneinfo") :])
        if name:
            return _loadable(name)
    try:
        return _loadable(_TIMEZONE_FILE.read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        return None


def local_datetime(naive: datetime) -> datetime:
    """A naive wall-clock time read in the machine's zone, made aware (an ambiguous time is the first)."""
    name = local_zone_name()
    if name is not None:
        return naive.replace(tzinfo=ZoneInfo(name), fold=0)
    return naive.astimezone()


def _loadable(name: str) -> str | None:
    if not name or name.startswith("/") or ".." in name:
        return None
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return None
    return name
