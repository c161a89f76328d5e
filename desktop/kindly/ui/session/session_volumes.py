"""The session screen's small "Sound" pop-up: one slider per layer, applied while the session plays.

The user who finds the bell too loud mid-session should not have to stop to
fix it. The pop-up only says what was moved (`volume_changed`); the session
screen hands that to the live player and to whoever remembers the settings.
It offers only the layers the session plays (`layers_heard`): a plain timer
has no narration or breath cues to make softer.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QSlider, QWidget

from kindly.core.session_config import VOLUME_MAX, LayerVolumes
from kindly.core.session_plan import SessionPlan
from kindly.library.narration_status import CAPTIONS_ONLY
from kindly.ui.sound_layers import LAYER_TITLES
from kindly.ui.theme import space

# The voice first: it is what a user most often wants louder or softer mid-practice.
POPUP_LAYERS = ("narration", "bells", "breath", "ambient")
# Keys the session screen uses as shortcuts (Space pauses, Esc stops) mean something else here.
_KEYS_KEPT = (Qt.Key.Key_Escape, Qt.Key.Key_Space)


def layers_heard(plan: SessionPlan) -> tuple[str, ...]:
    """The layers `plan` plays, in the pop-up's order: narration with a voice to hear, breath cues and
    bells where it has them, ambient when a bed is chosen."""
    kinds = {cue.kind for cue in plan.cues}
    heard = {
        "narration": "narration" in kinds and plan.narration_voice != CAPTIONS_ONLY,
        "bells": "bell" in kinds,
        "breath": "breath" in kinds,
        "ambient": plan.config.ambient is not None,
    }
    return tuple(layer for layer in POPUP_LAYERS if heard[layer])


class VolumePopup(QFrame):
    """A pop-up of labelled volume sliders, one per layer the session plays; Esc or a click elsewhere
    closes it."""

    volume_changed = Signal(str, int)  # layer, 0-100

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Session volumes")
        self.sliders: dict[str, QSlider] = {}
        self.offered: tuple[str, ...] = POPUP_LAYERS
        form = QFormLayout(self)
        self._form = form
        form.setContentsMargins(space(2), space(1), space(2), space(1))
        for layer in POPUP_LAYERS:
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, VOLUME_MAX)
            slider.setPageStep(10)
            slider.setMinimumWidth(160)
            slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            slider.valueChanged.connect(lambda value, layer=layer: self.volume_changed.emit(layer, value))
            label = QLabel(LAYER_TITLES[layer])
            label.setBuddy(slider)
            form.addRow(label, slider)
            self.sliders[layer] = slider
        for before, after in itertools.pairwise(POPUP_LAYERS):
            self.setTabOrder(self.sliders[before], self.sliders[after])

    def set_volumes(self, volumes: LayerVolumes) -> None:
        """Show the volumes a session plays at, without announcing them as changes."""
        for layer, slider in self.sliders.items():
            slider.blockSignals(True)
            slider.setValue(volumes.get(layer))
            slider.blockSignals(False)

    def offer(self, layers: tuple[str, ...]) -> None:
        """Show the sliders of `layers` alone (of `POPUP_LAYERS`; the rest keep their values, unseen)."""
        self.offered = tuple(layer for layer in POPUP_LAYERS if layer in layers)
        for row, layer in enumerate(POPUP_LAYERS):
            self._form.setRowVisible(row, layer in self.offered)

    def open_above(self, anchor: QWidget, keep_clear: QWidget | None = None) -> None:
        """Show just above `anchor` (the session's buttons sit at the bottom), first slider focused; beside
        it instead, its foot level with the anchor's, where above would cover `keep_clear` (the time left)."""
        self.adjustSize()
        top_left = anchor.mapToGlobal(QPoint(0, 0))
        place = QRect(top_left.x() + (anchor.width() - self.width()) // 2, top_left.y() - self.height() - 6,
                      self.width(), self.height())  # fmt: skip
        if keep_clear is not None and keep_clear.isVisible():
            clear = QRect(keep_clear.mapToGlobal(QPoint(0, 0)), keep_clear.size())
            if place.intersects(clear):
                place.moveTo(top_left.x() + anchor.width() + 6, top_left.y() + anchor.height() - self.height())
                screen = anchor.screen().availableGeometry()
                if place.right() > screen.right():
                    place.moveRight(screen.right())
        self.move(place.topLeft())
        self.show()
        if self.offered:
            self.sliders[self.offered[0]].setFocus()

    def event(self, event: QEvent) -> bool:
        # Esc closes the pop-up (and Space does nothing) rather than stopping or pausing the session.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in _KEYS_KEPT and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                event.accept()
                return True
        return super().event(event)
