"""A history writer for the crash test: records sessions without end, telling each commit on stdout.

Run as `python crash_writer.py DATA_DIR`. Each line is printed only after the
write it names has committed, so every line the parent reads is a promise
the file must keep. The parent kills this process with SIGKILL at random.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kindly.core.clock import SystemClock
from kindly.store.history_opening import open_history
from kindly.store.recorder import SessionRecorder


def main(folder: Path) -> None:
    store = open_history(folder)
    recorder = SessionRecorder(store, SystemClock())
    out = sys.stdout
    while True:
        session_id = recorder.begin(600.0, "kind-breath")
        out.write(f"begun {session_id}\n")
        out.flush()
        for step in (1, 2, 3):
            recorder.checkpoint(session_id, 30.0 * step)
            out.write(f"checkpoint {session_id} {30.0 * step}\n")
            out.flush()
        recorder.finish(session_id, 100.0, completed=True)
        out.write(f"finished {session_id}\n")
        out.flush()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
