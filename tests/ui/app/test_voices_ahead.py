"""A person's own scripts are spoken ahead in a slow voice, between sessions, never during one."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from kindly.core.errors import KindlyFailure
from kindly.library.narration_status import SYSTEM_VOICE
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.ui.app.voices_ahead import VoicesAhead
from ui.conftest import LIBRARY, catalogue_of, practice_entry

MINE = practice_entry("my-own", "My own practice", 5, "Written by me.", narration=SYSTEM_VOICE, source="user")


class SlowVoice:
    """A voice that notes what it speaks; `gate`, when given, holds each phrase until it is set."""

    def __init__(self, slow: bool = True, gate: threading.Event | None = None) -> None:
        self.slow = slow
        self.gate = gate
        self.spoken: list[str] = []
        self.speaking = threading.Event()

    def clip_for(self, text: str) -> None:
        self.speaking.set()
        if self.gate is not None:
            assert self.gate.wait(5)
        self.spoken.append(text)


def read_catalogue() -> PracticeCatalogue:
    catalogue = catalogue_of(LIBRARY, MINE)
    catalogue.reload()
    return catalogue


def voices_for(qtbot: QtBot, voice: object, catalogue: PracticeCatalogue | None = None) -> VoicesAhead:
    return VoicesAhead(catalogue or read_catalogue(), find_voice=lambda: voice, after_read_ms=0)  # type: ignore[arg-type,return-value]


def test_a_user_script_is_spoken_ahead_in_a_slow_voice_once_the_practices_are_read(qtbot: QtBot) -> None:
    voice = SlowVoice()
    ahead = voices_for(qtbot, voice)
    with qtbot.waitSignal(ahead.spoken, timeout=5000) as ended:
        ahead.library_read()
    assert ended.args == [1]
    assert voice.spoken == ["Welcome, kindly.", "Thank you for practising."]


def test_a_fast_voice_is_left_to_speak_at_start(qtbot: QtBot) -> None:
    voice = SlowVoice(slow=False)
    ahead = voices_for(qtbot, voice)
    with qtbot.waitSignal(ahead.spoken, timeout=5000) as ended:
        ahead.library_read()
    assert ended.args == [0] and voice.spoken == []


def test_nothing_is_spoken_before_the_practices_are_read(qtbot: QtBot) -> None:
    voice = SlowVoice()
    ahead = voices_for(qtbot, voice, catalogue_of(LIBRARY, MINE))  # not read yet
    ahead.library_read()
    qtbot.wait(50)
    assert not ahead.running and voice.spoken == []


def test_a_session_stops_the_speaking_at_the_next_phrase_and_its_end_lets_it_go_on(qtbot: QtBot) -> None:
    gate = threading.Event()
    voice = SlowVoice(gate=gate)
    ahead = voices_for(qtbot, voice)
    ahead.library_read()
    qtbot.waitUntil(voice.speaking.is_set, timeout=5000)
    ahead.session_coming()
    with qtbot.waitSignal(ahead.spoken, timeout=5000) as stopped:
        gate.set()
    assert stopped.args == [0] and len(voice.spoken) == 1
    with qtbot.waitSignal(ahead.spoken, timeout=5000) as after:
        ahead.session_over()
    assert after.args == [1]


def test_practices_read_again_while_speaking_get_one_more_round(qtbot: QtBot) -> None:
    gate = threading.Event()
    voice = SlowVoice(gate=gate)
    ahead = voices_for(qtbot, voice)
    ahead.library_read()
    qtbot.waitUntil(voice.speaking.is_set, timeout=5000)
    ahead.library_read()
    qtbot.wait(20)  # the timer fires while the round runs
    rounds: list[int] = []
    ahead.spoken.connect(rounds.append)
    gate.set()
    qtbot.waitUntil(lambda: len(rounds) == 2, timeout=5000)
    assert rounds == [1, 1]


class BrokenVoice:
    slow = True

    def clip_for(self, text: str) -> None:
        raise KindlyFailure("kokoro could not speak: broken")


def test_a_voice_that_fails_is_logged_and_asked_again_only_at_the_next_read(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    ahead = voices_for(qtbot, BrokenVoice())
    ahead.library_read()
    qtbot.waitUntil(lambda: "could not speak ahead: kokoro could not speak: broken" in caplog.text, timeout=5000)
    qtbot.waitUntil(lambda: not ahead.running, timeout=5000)
