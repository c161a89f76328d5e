"""The system voice: speaking a user's own script at run time, cached by text.

A user script has no recorded clips, so its phrases are spoken by Kokoro in
the bundled practices' voice when Kindly's `voice` extra is installed, else
by Piper, festival or espeak-ng (whichever this machine has), finished like the
bundled clips, and kept as WAV in
`<cache dir>/voice/` named by the hash of the voice and the text: the second
session with the same script starts at once.

Why a subprocess and not pyttsx3: pyttsx3 drives the engine through a
native binding and an event loop meant to play to a sound card, cannot
promise a file on every platform, and would be one more dependency. A
program writing a WAV works headless, offline, and the same as the tool that
records the bundled narration (`kindly.tools.render_narration`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import soundfile

from kindly import locations
from kindly.audio.phrase_clip import PhraseClip
from kindly.audio.speech.engine_choice import choose_engine
from kindly.audio.speech.speaker import Speaker, Which
from kindly.core.errors import KindlyFailure
from kindly.core.practice_script import normalise_text
from kindly.platform.private_files import make_private_dir


def voice_cache_dir() -> Path:
    return locations.cache_dir() / "voice"


def find_engine(which: Which = shutil.which) -> Speaker | None:
    """The machine's speech engine, or None when it has none (captions only)."""
    try:
        return choose_engine(None, which=which)
    except KindlyFailure:
        return None


def system_voice_available(which: Which = shutil.which) -> bool:
    return find_engine(which) is not None


class SystemVoice:
    """Speaks phrases into cached WAV files with one engine."""

    def __init__(self, engine: Speaker, cache: Path | None = None) -> None:
        self.engine = engine
        self._cache = cache or voice_cache_dir()

    @classmethod
    def find(cls, which: Which = shutil.which) -> SystemVoice | None:
        """The machine's voice, or None when there is no speech engine."""
        engine = find_engine(which)
        return cls(engine) if engine is not None else None

    @property
    def slow(self) -> bool:
        """Whether this voice is worth speaking ahead (`Speaker.slow`)."""
        return self.engine.slow

    def cached_path(self, text: str) -> Path:
        key = hashlib.sha256(f"{self.engine.voice}\n{normalise_text(text)}".encode()).hexdigest()
        return self._cache / f"{key[:32]}.wav"

    def clip_for(self, text: str) -> PhraseClip:
        """The phrase's clip: from the cache, or spoken now and cached."""
        path = self.cached_path(text)
        if path.is_file():
            try:
                info = soundfile.info(str(path))
                if info.frames > 0:
                    return PhraseClip(path, info.frames / info.samplerate)
            except (soundfile.LibsndfileError, RuntimeError):
                pass  # a damaged cache file is simply spoken again
        samples, rate = self.engine.speak(normalise_text(text))
        make_private_dir(self._cache)
        fd, tmp = tempfile.mkstemp(prefix=".voice.", suffix=".wav", dir=self._cache)
        os.close(fd)
        try:
            soundfile.write(tmp, samples, rate, subtype="PCM_16")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return PhraseClip(path, samples.size / rate)
