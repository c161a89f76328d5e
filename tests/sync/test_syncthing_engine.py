"""#31 with the real engine: two Syncthing instances between two Kindly machines, until both count every session.

Debian's `syncthing` (packaging/debian-packages.txt), started and stopped
here (tests/syncthing_pair.py), over 127.0.0.1 alone. The run takes a few
seconds, once for the module; each test reads one thing from it.
"""

from __future__ import annotations

import json

import pytest

from syncthing_pair import AS_OF, OFFLINE_OPTIONS, SESSIONS, SYNCTHING, Outcome, two_machines_in_step

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SYNCTHING is None,
        reason="syncthing is not installed (Debian package syncthing, listed in packaging/debian-packages.txt)",
    ),
]
EVERY_SESSION = sum(len(records) for records in SESSIONS.values())


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    return two_machines_in_step(tmp_path_factory.mktemp("syncthing"), within=90)


def test_both_machines_agree_and_count_every_session(outcome: Outcome) -> None:
    laptop, desktop = (json.loads(text) for text in outcome.stats.values())
    assert laptop == desktop
    assert laptop["total_sessions"] == EVERY_SESSION


def test_the_streak_is_the_one_practised_across_both_machines(outcome: Outcome) -> None:
    laptop = json.loads(outcome.stats["laptop"])
    assert (laptop["as_of"], laptop["current_streak"], laptop["practice_days"]) == (AS_OF, 5, 5)


def test_each_machine_merged_the_sessions_of_the_other(outcome: Outcome) -> None:
    assert "sync: 2 sessions from 1 other machine merged" in " ".join(outcome.sync_lines["laptop"])
    assert "sync: 3 sessions from 1 other machine merged" in " ".join(outcome.sync_lines["desktop"])


def test_the_instances_reach_each_other_over_127_0_0_1_alone(outcome: Outcome) -> None:
    for addresses in outcome.peers.values():
        assert len(addresses) == 1 and addresses[0].startswith("127.0.0.1:")
    for options in outcome.options.values():
        assert all(address.startswith("tcp://127.0.0.1:") for address in options["listenAddresses"])


def test_every_way_beyond_the_machine_is_switched_off(outcome: Outcome) -> None:
    for options in outcome.options.values():
        assert options["globalAnnounceEnabled"] is False
        assert options["localAnnounceEnabled"] is False
        assert options["relaysEnabled"] is False
        assert options["natEnabled"] is False
        assert options["urAccepted"] == int(OFFLINE_OPTIONS["urAccepted"])
        assert options["crashReportingEnabled"] is False
        assert options["stunKeepaliveStartS"] == 0
