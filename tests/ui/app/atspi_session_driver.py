"""Run by tests/ui/app/atspi_counts.py: the real Kindly with a session running, on its screen or in focus mode.

Usage: python atspi_session_driver.py session|focus FOLDER

Starts Kindly as `kindly` starts (`kindly.cli.main([])`), then a five-minute silent timer with its
breath paced (its phases are part of what a screen reader is told) from the set-up panel, as a
person does; in `focus` mode it then gives the session the whole screen. Just before pressing Start
it says `atspi: started T` on stdout, T being the system's monotonic clock (`time.monotonic()`), so a
listener in another process can count what it heard from then on. When FOLDER/screen.want appears
it shows the screen as it is then (as atspi_driver.py does: FOLDER/MODE.json, `atspi: screen MODE`,
until FOLDER/MODE.read). It runs until it is stopped.
Written for this Kindly and the older ones counted beside it: it uses only what both have.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from atspi_driver import Steps, main_window, run_steps, say, shown

from kindly.ui.app.app_main import create_application


def session(folder: Path, mode: str) -> Steps:
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
    if mode == "focus":
        window.toggle_focus()
    yield (folder / "screen.want").exists
    yield from shown(folder, mode)
    yield lambda: False  # until it is stopped


def main(mode: str, folder: str) -> int:
    create_application(["kindly"])
    run_steps(session(Path(folder), mode))
    from kindly.cli import main as kindly_main

    return kindly_main([])


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
