"""Run by tests/ui/app/atspi_counts.py: the real Kindly with a session running, on its screen or in focus mode.

Usage: python atspi_session_driver.py session|focus

Starts Kindly as `kindly` starts (`kindly.cli.main([])`), then a five-minute silent timer with its
breath paced (its phases are part of what a screen reader is told) from the set-up panel, as a
person does; in `focus` mode it then gives the session the whole screen. Just before pressing Start
it says `atspi: started T` on stdout, T being the system's monotonic clock (`time.monotonic()`), so a
listener in another process can count what it heard from then on. It runs until it is stopped.
Written for this Kindly and the older ones counted beside it: it uses only what both have.
"""

from __future__ import annotations

import sys
import time

from atspi_driver import Steps, main_window, run_steps, say

from kindly.ui.app.app_main import create_application


def session(focus: bool) -> Steps:
    yield lambda: (w := main_window()) is not None and w.isVisible() and w.library_view.entries() != []
    window = main_window()
    assert window is not None
    window.show_home()
    window.library_view.select(None)  # the silent timer
    panel = window.setup_panel
    panel.breath_cues.setChecked(True)
    panel.minutes.setValue(5)
    say("started", time.monotonic())
    panel.start_button.click()
    yield lambda: window.controller.session is not None
    if focus:
        window.toggle_focus()
        say("focus")
    yield lambda: False  # until it is stopped


def main(mode: str) -> int:
    create_application(["kindly"])
    run_steps(session(mode == "focus"))
    from kindly.cli import main as kindly_main

    return kindly_main([])


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
