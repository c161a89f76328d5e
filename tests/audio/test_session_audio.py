"""The app's audio: one sound bank for all its sessions, each session on the device of its moment."""

from __future__ import annotations

import pytest

from fakes import FakeClock
from kindly.audio import player_factory
from kindly.audio.live_output import VoiceOutput
from kindly.audio.player_factory import SessionAudio
from kindly.audio.silent_backend import SilentOutput


class Listener:
    def player_event(self, event: object) -> None:
        pass


class _Stream:
    def stop(self) -> None:
        pass


class _Device:
    """simpleaudio whose default device opens, or not, as a test says; counts the opens."""

    def __init__(self, opens: bool = True) -> None:
        self.opens = opens
        self.opened = 0

    def play_buffer(self, *_args: object) -> _Stream:
        if not self.opens:
            raise RuntimeError("Error opening PCM device. -- CODE: -2 -- MSG: No such file or directory")
        self.opened += 1
        return _Stream()


def test_every_session_shares_one_sound_bank(monkeypatch: pytest.MonkeyPatch, without_portaudio: None) -> None:
    monkeypatch.setattr(player_factory, "load_simpleaudio", _Device)
    audio = SessionAudio(FakeClock())
    first, second = audio.player(Listener()), audio.player(Listener())
    assert first.output._bank is second.output._bank  # type: ignore[attr-defined]


def test_a_device_that_comes_back_is_used_at_the_next_session(
    monkeypatch: pytest.MonkeyPatch, without_portaudio: None
) -> None:
    device = _Device(opens=False)
    monkeypatch.setattr(player_factory, "load_simpleaudio", lambda: device)
    audio = SessionAudio(FakeClock())
    silent = audio.player(Listener())
    device.opens = True
    sounding = audio.player(Listener())
    assert isinstance(silent.output, SilentOutput)
    assert isinstance(sounding.output, VoiceOutput)
