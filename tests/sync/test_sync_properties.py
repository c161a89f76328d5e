"""Two and three machines sharing one folder: whatever the engine does on the way, each ends with the union.

Each machine records its own sessions and syncs into its own copy of the
folder; the engine (`deliver`) then copies journal files between the copies
in a random order, some cut short, some doubled as conflict copies, with
syncs in between, and the machines' clocks far apart. Once every file has
arrived whole, every machine holds exactly every machine's sessions. (Each
machine practises its own practice here: the same session kept on two
machines, imported on both, say, is one session, which test_sync_faults
specifies.)
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindly.core.checkin import CheckIn
from sync_machines import Machine, deliver, session

# A machine's sessions: (day, minute, seconds, after-check-in kindness or none).
SESSIONS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 1439), st.integers(1, 3600), st.none() | st.integers(0, 10)),
    max_size=6,
)
# Clocks years apart: no clock decides anything.
WALLS = st.sampled_from([1_764_000_000.0, 1_000_000_000.0, 4_000_000_000.0])
# What a machine does to its first session once the engine has begun to copy: a revision or a tombstone.
LATER = st.sampled_from(["nothing", "delete", "check in"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    machines=st.lists(st.tuples(SESSIONS, WALLS, LATER), min_size=2, max_size=3),
    seed=st.integers(0, 2**32),
    rounds=st.integers(0, 3),
)
def test_every_machine_ends_with_the_union_of_every_machines_sessions(
    machines: list[tuple[list[tuple[int, int, int, int | None]], float, str]], seed: int, rounds: int
) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as root:
        kindlies = [Machine(Path(root), f"m{n}", wall) for n, (_sessions, wall, _later) in enumerate(machines)]
        try:
            firsts: list[int | None] = []
            for n, (machine, (recorded, _wall, _later)) in enumerate(zip(kindlies, machines)):
                ids = []
                for day, minute, seconds, kindness in recorded:
                    checkin = None if kindness is None else CheckIn(kindness, 10 - kindness)
                    ids.append(machine.record(session(day, minute, seconds, checkin, practice=f"practice-{n}")))
                firsts.append(ids[0] if ids else None)
                machine.sync()
            for step in range(rounds + 1):  # the engine part-way: files in any order, cut short, doubled
                if step == 1 or rounds == 0:
                    for machine, (_recorded, _wall, later), first in zip(kindlies, machines, firsts):
                        change(machine, later, first)
                source, target = rng.sample(kindlies, 2)
                deliver(source, target, rng, faults=True)
                target.sync()
            union = set().union(*(machine.own_sessions() for machine in kindlies))
            for source in kindlies:  # at last every file arrives whole
                for target in kindlies:
                    if target is not source:
                        deliver(source, target, rng)
            for machine in kindlies:
                machine.sync()
            for machine in kindlies:
                assert machine.sessions() == union
        finally:
            for machine in kindlies:
                machine.close()


def change(machine: Machine, later: str, first: int | None) -> None:
    """The machine's own change to its first session, then a sync that journals it."""
    if first is None or later == "nothing":
        return
    if later == "delete":
        machine.store.discard(first)
    else:
        machine.store.set_checkin(first, "before", CheckIn(3, 4))
    machine.sync()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), syncs=st.integers(1, 4))
def test_merging_again_and_again_changes_nothing(seed: int, syncs: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as root:
        laptop, desktop = Machine(Path(root), "laptop"), Machine(Path(root), "desktop")
        try:
            for day in range(rng.randrange(1, 5)):
                laptop.record(session(day, rng.randrange(1440)))
            laptop.sync()
            deliver(laptop, desktop, rng)
            desktop.sync()
            once = desktop.sessions()
            for _ in range(syncs):
                deliver(laptop, desktop, rng)
                report = desktop.sync()
                assert (report.merged.added, report.merged.updated, report.merged.removed) == (0, 0, 0)
            assert desktop.sessions() == once == laptop.sessions()
        finally:
            laptop.close()
            desktop.close()
