"""A sound device that changes or goes away mid-session, on a real PulseAudio server.

Sinks are loaded, unloaded and made the default with `pactl` while the
session plays (the driver's third cue, 5.5 s in, between the start bell's
ring-out and the next cue), as when headphones are plugged in or a
Bluetooth speaker sleeps. The sink the session ends up on is recorded, and
its cues from 9.5 s on are measured against the timeline found in that
recording (`timeline_zero`): each must land within 20 ms of its place.

PulseAudio moves a stream to the new default sink itself, and rescues one
whose sink is unloaded; the output then needs no reopening, but its timing
must survive the move. With no sink left, the session goes on silently and
says so once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from audio.live_capture import LiveRun, LiveSession, cue_onsets, run_live_session, timeline_zero
from audio.test_live_capture import SESSION, TOLERANCE_S
from kindly.audio.sound_bank import SoundBank
from processes import stop_process
from pulse_server import SINK, PulseServer, start_pulse_server

SWITCH_AFTER_CUES = 3  # start bell, inhale (1.5 s), exhale (5.5 s)
MEASURED_FROM_S = 9.5
MATCHED_S = 4.0


@pytest.fixture
def second_sink(pulse_server: PulseServer) -> Iterator[str]:
    module = pulse_server.add_sink("kindly_second")
    try:
        yield "kindly_second"
    finally:
        pulse_server.pactl("set-default-sink", SINK)
        pulse_server.pactl("unload-module", module)


def _errors_after_the_change(run: LiveRun, session: LiveSession) -> list[float]:
    plan, bank = session.plan(), SoundBank()
    zero = timeline_zero(run.capture, plan, bank, MEASURED_FROM_S, MATCHED_S)
    return [o.error_s for o in cue_onsets(run.capture, plan, bank, zero, MEASURED_FROM_S)]


def _completed_without_notice(run: LiveRun) -> None:
    assert run.lines_starting("output") == ["output PortAudioOutput"]
    assert run.lines_starting("notice") == []
    assert run.lines_starting("finished")[0].endswith(" True")


@pytest.mark.slow
def test_a_switch_of_the_default_device_carries_the_session_on_with_every_cue_on_time(
    pulse_server: PulseServer, second_sink: str, tmp_path: Path
) -> None:
    def switch() -> None:
        pulse_server.pactl("set-default-sink", second_sink)

    run = run_live_session(pulse_server, SESSION, tmp_path, sink=second_sink, after_cue=(SWITCH_AFTER_CUES, switch))
    _completed_without_notice(run)
    errors = _errors_after_the_change(run, SESSION)
    assert len(errors) == 7
    assert all(abs(e) <= TOLERANCE_S for e in errors), [round(e * 1000, 2) for e in errors]


@pytest.mark.slow
def test_a_device_that_disappears_mid_session_leaves_the_session_playing_on_time_on_the_next(
    pulse_server: PulseServer, second_sink: str, tmp_path: Path
) -> None:
    doomed = pulse_server.add_sink("kindly_doomed")
    pulse_server.pactl("set-default-sink", "kindly_doomed")
    try:

        def unplug() -> None:
            pulse_server.pactl("unload-module", doomed)
            pulse_server.pactl("set-default-sink", second_sink)

        run = run_live_session(pulse_server, SESSION, tmp_path, sink=second_sink, after_cue=(SWITCH_AFTER_CUES, unplug))
    finally:
        if "kindly_doomed" in pulse_server.pactl("list", "short", "sinks"):
            pulse_server.pactl("unload-module", doomed)
    _completed_without_notice(run)
    errors = _errors_after_the_change(run, SESSION)
    assert len(errors) == 7
    assert all(abs(e) <= TOLERANCE_S for e in errors), [round(e * 1000, 2) for e in errors]


@pytest.mark.slow
def test_with_no_device_left_the_session_completes_silently_and_says_so_once(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    try:
        server, process = start_pulse_server(tmp_path_factory.mktemp("lonely-pulse"))
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    try:
        module = next(
            line.split()[0]
            for line in server.pactl("list", "short", "modules").splitlines()
            if "module-null-sink" in line
        )

        def unplug() -> None:
            server.pactl("unload-module", module)

        run = run_live_session(server, SESSION, tmp_path_factory.mktemp("lonely"), after_cue=(2, unplug))
    finally:
        stop_process(process)
    assert run.lines_starting("output") == ["output PortAudioOutput"]
    notices = run.lines_starting("notice")
    assert len(notices) == 1 and "silently" in notices[0], run.lines
    assert run.lines_starting("finished")[0].endswith(" True")
    assert len(run.lines_starting("cue")) == len(SESSION.plan().cues)
