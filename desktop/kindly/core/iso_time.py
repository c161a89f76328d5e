"""A moment as ISO 8601 writes it, read no more loosely than the standard allows.

`datetime.fromisoformat` takes offsets ISO 8601 does not: `+01:60` (read as
+02:00), `+01:00:00:00`, seconds and fractions of an offset. A session's
start is kept with its offset, so one reinterpreted would move it; here an
offset is `Z`, or a sign with hours 00-23 and, after at most one `:`,
minutes 00-59 (`+01:00`, `+0100`, `+01`).
"""

from __future__ import annotations

import re
from datetime import datetime

_OFFSET_TAIL = re.compile(r"[+-][0-9:.,]*\Z", re.ASCII)
_OFFSET = re.compile(r"[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?\Z", re.ASCII)


def read_iso_time(text: str) -> datetime:
    """The date and time `text` writes in ISO 8601, with its offset if it has one (else a naive datetime).

    Raises:
        ValueError: `text` is not an ISO 8601 date and time as written with the ASCII digits.
    """
    if not text.isascii():
        raise ValueError(f"{text!r} is not written with the ASCII digits")
    moment = datetime.fromisoformat(text)
    if moment.utcoffset() is None or text.endswith("Z"):
        return moment
    tail = _OFFSET_TAIL.search(text)
    if tail is None or not _OFFSET.fullmatch(tail.group()) or not text[tail.start() - 1].isdigit():
        raise ValueError(f"{text!r} has no UTC offset as ISO 8601 writes one (hours 00-23, minutes 00-59)")
    return moment
