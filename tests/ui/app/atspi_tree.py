"""Run by the AT-SPI tests with the system's python3 (PyGObject and Atspi come from Debian, not the venv).

Usage: python3 atspi_tree.py PID

Prints, as one JSON list, every node on screen in the accessible tree of the application with process
id PID, as a screen reader reads it from the AT-SPI registry: role, name, description, depth,
whether it can take the keyboard focus, is enabled, and is marked as an invalid entry. Exit status 3 when no such application is on the bus.
"""

from __future__ import annotations

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

MAX_DEPTH = 60


def node(accessible: Atspi.Accessible, depth: int) -> dict[str, object]:
    states = accessible.get_state_set()
    return {
        "role": accessible.get_role_name(),
        "name": accessible.get_name() or "",
        "description": accessible.get_description() or "",
        "depth": depth,
        "focusable": states.contains(Atspi.StateType.FOCUSABLE),
        "showing": states.contains(Atspi.StateType.SHOWING),
        "enabled": states.contains(Atspi.StateType.ENABLED),
        "invalid_entry": states.contains(Atspi.StateType.INVALID_ENTRY),
    }


def walk(accessible: Atspi.Accessible, depth: int, found: list[dict[str, object]]) -> None:
    seen = node(accessible, depth)
    if not seen["showing"] and depth > 0:
        return  # a hidden page (another tab, the session while at home) is not on screen: not read
    found.append(seen)
    if depth < MAX_DEPTH:
        for index in range(accessible.get_child_count()):
            child = accessible.get_child_at_index(index)
            if child is not None:
                walk(child, depth + 1, found)


def main(pid: str) -> int:
    Atspi.init()
    desktop = Atspi.get_desktop(0)
    for index in range(desktop.get_child_count()):
        application = desktop.get_child_at_index(index)
        if application is not None and application.get_process_id() == int(pid):
            found: list[dict[str, object]] = []
            walk(application, 0, found)
            print(json.dumps(found))
            return 0
    return 3


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
