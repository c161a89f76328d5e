"""The backup taken after every finished session, on a history of 10,000 sessions, beside the finish write itself.

Both on a real history file on the project's own disk (build/, not a tmpfs,
so fsync costs what it costs a user), in WAL with synchronous=FULL as Kindly
runs it; the figure is the median of the runs.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_report import Measurement, median
from kindly.core.session_record import SessionRecord
from kindly.store.history_opening import open_history

HISTORY = 10_000


def measure(runs: int = 9) -> list[Measurement]:
    start = datetime(2000, 1, 1, 7, 30, tzinfo=UTC)
    disk = Path(__file__).resolve().parent.parent / "build"
    disk.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kindly-bench-backup-", dir=disk) as tmp:
        with open_history(Path(tmp)) as store:
            store.add_new(
                SessionRecord(start + timedelta(days=n), 0, 600.0, 600.0, "noting", True) for n in range(HISTORY)
            )
            finishes, backups = [], []
            for _ in range(runs + 1):
                session = store.begin(datetime.now(UTC), 0, 600.0, None, None)
                saved, store.backups = store.backups, None  # the finish write alone
                began = time.perf_counter()
                store.finish(session, 600.0, True)
                finishes.append(time.perf_counter() - began)
                store.backups = saved
                began = time.perf_counter()
                store.back_up()
                backups.append(time.perf_counter() - began)
    return [
        Measurement(
            "history-backup-per-session",
            median(backups[1:]) * 1000,
            "ms",
            median(finishes[1:]) * 1000,
            "the session's own finish write",
            None,
            note=f"SQLite backup API, history of {HISTORY} sessions, median of {runs}",
        )
    ]
