"""Child process of the start-to-first-cue benchmark: click Start twice, time each click to its first sound.

`start_to_first_cue_child.py kindly` runs the real app through `kindly.cli.main`,
as the `kindly` command does, on a QApplication made here first; `... minimal`
shows one QPushButton whose handler hands PCM it already holds (the start bell,
decoded with `wave` before the window shows) to `simpleaudio.play_buffer`.

The same hook times both: `time.perf_counter()` just before `button.click()`
to the return of the first `simpleaudio.play_buffer` call after it whose buffer
is not all zero bytes (the stream opened and the sound handed to the device;
Kindly's silent probe of the device does not count).
simpleaudio is patched as it is first imported (a meta-path hook), so nothing
here imports it, nor libasound, before Kindly does. Start is clicked once the
window has settled; between the two clicks the session is stopped and its
summary dismissed. Prints `cue-ms FIRST SECOND` (`-`: no sound in time).
"""

from __future__ import annotations

import importlib.machinery
import sys
import time
import wave
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

BELL = Path(__file__).resolve().parent.parent / "assets" / "audio" / "bowl.wav"  # DEFAULT_BELL
SETTLE_MS = 1000  # after Start shows, before it is clicked: the window's own start-up work is done
POLL_MS = 5
GIVE_UP_S = 30.0
DISMISS = ("Stop", "Done")  # the session page, then its summary (never "Again")


class CueHook:
    """A meta-path finder that wraps `simpleaudio.play_buffer` once simpleaudio is imported, and notes the cue."""

    def __init__(self) -> None:
        self.armed = False
        self.heard_at: float | None = None

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != "simpleaudio":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            loader: Any = spec.loader
            run = loader.exec_module

            def exec_module(module: ModuleType) -> None:
                run(module)
                self.wrap(module)

            loader.exec_module = exec_module
        return spec

    def wrap(self, module: ModuleType) -> None:
        real = module.play_buffer

        def play_buffer(data: Any, channels: int, bytes_per_sample: int, rate: int) -> Any:
            handle = real(data, channels, bytes_per_sample, rate)
            if self.armed and self.heard_at is None:
                view = memoryview(data).cast("B")
                if bytes(view).count(0) != view.nbytes:
                    # Returned: the stream is open and the sound is the device's (both sides pay the open).
                    self.heard_at, self.armed = time.perf_counter(), False
            return handle

        module.play_buffer = play_buffer


def visible_buttons(*texts: str) -> list[QPushButton]:
    return [
        button
        for window in QApplication.topLevelWidgets()
        if window.isVisible()
        for button in window.findChildren(QPushButton)
        if button.isVisible() and button.isEnabled() and button.text().replace("&", "") in texts
    ]


class Driver:
    """Waits for Start, clicks it, waits for the cue, goes back to Start, twice; then prints and quits."""

    def __init__(self, hook: CueHook) -> None:
        self.hook = hook
        self.cues: list[float | None] = []
        self.since = time.perf_counter()
        self.clicked_at = 0.0

    def back_to_start(self) -> None:
        if time.perf_counter() - self.since > GIVE_UP_S:
            self.finish()
        elif dismiss := visible_buttons(*DISMISS):
            dismiss[0].click()
            QTimer.singleShot(100, self.back_to_start)
        elif visible_buttons("Start"):
            QTimer.singleShot(SETTLE_MS, self.click_start)
        else:
            QTimer.singleShot(100, self.back_to_start)

    def click_start(self) -> None:
        start = visible_buttons("Start")
        if not start:
            self.back_to_start()
            return
        self.hook.heard_at, self.hook.armed = None, True
        self.clicked_at = time.perf_counter()
        start[0].click()
        self.wait_for_cue()

    def wait_for_cue(self) -> None:
        heard = self.hook.heard_at
        if heard is None and time.perf_counter() - self.clicked_at < GIVE_UP_S:
            QTimer.singleShot(POLL_MS, self.wait_for_cue)
            return
        self.hook.armed = False
        self.cues.append(None if heard is None else (heard - self.clicked_at) * 1000)
        if len(self.cues) < 2 and heard is not None:
            self.since = time.perf_counter()
            self.back_to_start()
        else:
            self.finish()

    def finish(self) -> None:
        print("cue-ms " + " ".join("-" if cue is None else f"{cue:.2f}" for cue in self.cues), flush=True)
        QApplication.quit()


def main(which: str) -> int:
    hook = CueHook()
    sys.meta_path.insert(0, hook)
    app = QApplication([which])  # Kindly's create_application takes this one
    driver = Driver(hook)  # held here: PySide6 drops a timer callback whose object is collected
    QTimer.singleShot(0, driver.back_to_start)
    if which == "kindly":
        import kindly.cli

        sys.argv = ["kindly"]
        return kindly.cli.main()
    import simpleaudio

    with wave.open(str(BELL)) as bell:
        sound = (bell.readframes(bell.getnframes()), bell.getnchannels(), bell.getsampwidth(), bell.getframerate())
    window = QWidget()
    button = QPushButton("Start")
    playing = []
    button.clicked.connect(lambda: playing.append(simpleaudio.play_buffer(*sound)))
    QVBoxLayout(window).addWidget(button)
    window.resize(640, 480)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
