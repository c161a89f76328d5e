"""The app's audio: one sound bank for all its sessions, and (simpleaudio fallback) one device probe."""

from __future__ import annotations

import pytest

from fakes import FakeClock
from kindly.audio import player_factory
from kindly.audio.player_factory import SessionAudio
from kindly.audio.simpleaudio_backend import DeviceProbe


class Listener:
    def player_event(self, event: object) -> None:
        pass


def _probing(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """The simpleaudio fallback's device probe answering `answers` in turn; returns the states it gave."""
    given: list[str] = []
    states = iter(answers)

    def probe(_module: object) -> DeviceProbe:
        given.append(next(states))
        return DeviceProbe(given[-1], given[-1])  # type: ignore[arg-type]

    monkeypatch.setattr(player_factory, "probe_device", probe)
    monkeypatch.setattr(player_factory, "load_simpleaudio", lambda: object())
    return given


def test_the_device_is_probed_once_for_every_session(monkeypatch: pytest.MonkeyPatch, without_portaudio: None) -> None:
    given = _probing(monkeypatch, "mixing", "mixing")
    audio = SessionAudio(FakeClock())
    players = [audio.player(Listener()) for _ in range(3)]
    assert (given, audio.probes, len(players)) == (["mixing"], 1, 3)


def test_no_device_is_looked_for_again_at_the_next_session(
    monkeypatch: pytest.MonkeyPatch, without_portaudio: None
) -> None:
    given = _probing(monkeypatch, "none", "mixing", "mixing")
    audio = SessionAudio(FakeClock())
    audio.player(Listener())
    audio.player(Listener())
    audio.player(Listener())
    assert given == ["none", "mixing"]


def test_every_session_shares_one_sound_bank(monkeypatch: pytest.MonkeyPatch, without_portaudio: None) -> None:
    _probing(monkeypatch, "mixing")
    audio = SessionAudio(FakeClock())
    first, second = audio.player(Listener()), audio.player(Listener())
    assert first._output._bank is second._output._bank  # type: ignore[attr-defined]
