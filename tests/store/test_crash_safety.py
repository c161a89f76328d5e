"""Kill a writing process at random, hundreds of times over: every committed session survives.

The writer prints a line after each commit; the parent reads a random number
of lines, kills it wherever the writer happens to be (mid-transaction,
mid-fsync, between writes), reads whatever else reached the pipe, and starts
it again on the same file. The kill is Popen.kill(): SIGKILL on POSIX,
TerminateProcess on Windows; neither lets the writer do anything more. At the end every promise read must be kept in the
file, and the file must pass `PRAGMA integrity_check`.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kindly.store.history_opening import DB_NAME

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 24
# The status of a killed writer: Python's for a death by SIGKILL; Windows' Popen.kill() ends it with 1.
KILLED = -signal.SIGKILL if hasattr(signal, "SIGKILL") else 1


def run_and_kill(folder: Path, lines_before_kill: int) -> list[str]:
    """Start the writer, read `lines_before_kill` commit lines, kill it, return every line it got out."""
    with subprocess.Popen(
        [sys.executable, str(WRITER), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        lines = []
        for _ in range(lines_before_kill):
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
        process.kill()
        lines.extend(process.stdout.read().splitlines(keepends=True))
        errors = process.stderr.read()
    assert (process.returncode, errors) == (KILLED, "")
    return [line for line in lines if line.endswith("\n")]  # a torn last line promises nothing


@pytest.mark.slow
def test_every_committed_write_survives_a_kill_at_random_points(tmp_path: Path) -> None:
    rng = random.Random(20261126)
    promised_practice: dict[int, float] = {}
    finished: set[int] = set()
    writes = 0
    for _ in range(KILLS):
        for line in run_and_kill(tmp_path, rng.randint(1, 60)):
            writes += 1
            kind, session_id, *rest = line.split()
            if kind == "begun":
                promised_practice.setdefault(int(session_id), 0.0)
            elif kind == "checkpoint":
                promised_practice[int(session_id)] = float(rest[0])
            else:
                finished.add(int(session_id))

    raw = sqlite3.connect(tmp_path / DB_NAME)
    stored = {row[0]: (row[1], bool(row[2])) for row in raw.execute("SELECT id, practised_s, completed FROM sessions")}
    integrity = raw.execute("PRAGMA integrity_check").fetchall()
    raw.close()

    lost = [sid for sid in promised_practice if sid not in stored]
    short = [sid for sid, practised in promised_practice.items() if sid in stored and stored[sid][0] < practised]
    unfinished = [sid for sid in finished if sid not in stored or stored[sid] != (100.0, True)]
    print(
        f"\ncrash test: {writes} committed writes, {KILLS} kills, {len(promised_practice)} sessions, "
        f"{len(lost)} lost, {len(short)} short, {len(unfinished)} finishes lost"
    )
    assert writes >= 300
    assert (lost, short, unfinished) == ([], [], [])
    assert integrity == [("ok",)]
