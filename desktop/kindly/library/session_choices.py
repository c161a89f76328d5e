"""What the user chose in the set-up panel, remembered between sessions.

`SessionChoices` is the bridge between the settings file (strings and
numbers under declared keys) and a validated `SessionConfig`: the set-up
panel, `--start last` and the tray's quick starts all go through it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import kindly.settings.options as opt
from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.session_config import GUIDANCE_FEWER, GUIDANCE_FULL, LayerVolumes, SessionConfig
from kindly.settings.options import Option
from kindly.settings.settings_model import Settings

# Where each sound layer's volume is remembered (the set-up panel and the session screen both use it).
VOLUME_OPTIONS: dict[str, Option[int]] = {
    "bells": opt.VOLUME_BELLS,
    "breath": opt.VOLUME_BREATH,
    "narration": opt.VOLUME_NARRATION,
    "ambient": opt.VOLUME_AMBIENT,
}


@dataclass(frozen=True)
class SessionChoices:
    """Every choice of the set-up panel; `practice` None is the silent timer."""

    practice: str | None = None
    minutes: int = 10
    breath: str = opt.BREATH.default
    warmup_s: int = opt.WARMUP_S.default
    interval_bell_min: int = 0
    bell_every_breaths: int = 0
    bell: str = opt.BELL.default
    ambient: str | None = None
    breath_cues: bool = True
    fewer_words: bool = False
    volumes: LayerVolumes = LayerVolumes()

    @classmethod
    def load(cls, settings: Settings) -> SessionChoices:
        ambient = settings.get(opt.AMBIENT)
        return cls(
            practice=settings.get(opt.PRACTICE) or None,
            minutes=settings.get(opt.MINUTES),
            breath=settings.get(opt.BREATH),
            warmup_s=settings.get(opt.WARMUP_S),
            interval_bell_min=settings.get(opt.INTERVAL_BELL_MIN),
            bell_every_breaths=settings.get(opt.BELL_EVERY_BREATHS),
            bell=settings.get(opt.BELL),
            ambient=None if ambient == opt.NO_AMBIENT else ambient,
            breath_cues=settings.get(opt.BREATH_CUES),
            fewer_words=settings.get(opt.FEWER_WORDS),
            volumes=LayerVolumes(**{layer: settings.get(option) for layer, option in VOLUME_OPTIONS.items()}),
        )

    def save(self, settings: Settings) -> None:
        """Remember these choices for the next set-up, in one write of the settings file."""
        with settings.batch():
            settings.set(opt.PRACTICE, self.practice or "")
            settings.set(opt.MINUTES, self.minutes)
            settings.set(opt.BREATH, self.breath)
            settings.set(opt.WARMUP_S, self.warmup_s)
            settings.set(opt.INTERVAL_BELL_MIN, self.interval_bell_min)
            settings.set(opt.BELL_EVERY_BREATHS, self.bell_every_breaths)
            settings.set(opt.BELL, self.bell)
            settings.set(opt.AMBIENT, self.ambient or opt.NO_AMBIENT)
            settings.set(opt.BREATH_CUES, self.breath_cues)
            settings.set(opt.FEWER_WORDS, self.fewer_words)
            for layer, option in VOLUME_OPTIONS.items():
                settings.set(option, self.volumes.get(layer))

    def with_changes(self, **changes: object) -> SessionChoices:
        return replace(self, **changes)  # type: ignore[arg-type]

    def with_volume(self, layer: str, volume: int) -> SessionChoices:
        """The same choices with one layer's volume changed (as the session screen's sliders do)."""
        return replace(self, volumes=replace(self.volumes, **{layer: volume}))

    def to_config(self) -> SessionConfig:
        """The validated session config (raises KindlyInputError naming a bad value)."""
        return SessionConfig(
            minutes=float(self.minutes),
            breath=parse_breath_pattern(self.breath),
            warmup_s=float(self.warmup_s),
            interval_bell_min=float(self.interval_bell_min),
            bell_every_breaths=self.bell_every_breaths,
            breath_cues=self.breath_cues,
            bell=self.bell,
            volumes=self.volumes,
            ambient=self.ambient,
            practice=self.practice,
            guidance=GUIDANCE_FEWER if self.fewer_words else GUIDANCE_FULL,
        )
