"""Run by the AT-SPI tests with the system's python3: listens on the AT-SPI bus as a screen reader does.

Usage: python3 atspi_events.py SECONDS

Prints `listening` once its listener is registered, then one JSON object a line for each
announcement, name change, text change and value change any application sends, for SECONDS at
most: its type, its words, the name of what sent it, for a value change the value read back, and
when it was heard (`t`, the system's monotonic clock, the one `time.monotonic()` reads in any process).
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

EVENTS = (
    "object:announcement",
    "object:property-change:accessible-name",
    "object:text-changed",
    "object:property-change:accessible-value",
    "object:property-change:accessible-description",
)
VALUE_CHANGE = "object:property-change:accessible-value"


def told(event: Atspi.Event) -> None:
    data = event.any_data if isinstance(event.any_data, str) else ""
    source = event.source.get_name() if event.source is not None else ""
    value = event.source.get_current_value() if event.type == VALUE_CHANGE and event.source is not None else None
    heard = {"type": event.type, "words": data, "source": source, "value": value, "t": time.monotonic()}
    print(json.dumps(heard), flush=True)


def main(seconds: str) -> int:
    listener = Atspi.EventListener.new(told)
    for kind in EVENTS:
        listener.register(kind)
    print("listening", flush=True)
    GLib.timeout_add_seconds(int(seconds), lambda: Atspi.event_quit() or False)
    Atspi.event_main()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
