"""The bundled sounds, decoded once for each test module of the live player."""

from __future__ import annotations

import pytest

from kindly.audio.sound_bank import SoundBank


@pytest.fixture(scope="module")
def bank() -> SoundBank:
    return SoundBank()
