"""The bundled sounds, decoded once for each test module of the live player."""

from __future__ import annotations

import pytest

from kindly.audio.sound_bank import SoundBank


@pytest.fixture(scope="module")
def bank() -> SoundBank:
    return SoundBank()


def _portaudio_missing() -> object:
    raise OSError("PortAudio library not found")


@pytest.fixture
def without_portaudio(monkeypatch: pytest.MonkeyPatch) -> None:
    """`import sounddevice` fails as it does with no libportaudio2: Kindly falls back to simpleaudio."""
    from kindly.audio import player_factory

    monkeypatch.setattr(player_factory, "load_sounddevice", _portaudio_missing)
