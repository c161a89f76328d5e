"""The session set-up: length, breath and guidance, with bells, ambient bed and volumes under More; Start.

It edits a `SessionChoices` and nothing else; the main window remembers the
choices in the settings and hands them to the session controller.

The set-up stays put: the fields scroll in their own column while Start stays
below them, in view however much More holds; More opens closed at every
launch and shows by its arrow whether it is open; and the wheel changes a
field only once it has the focus (scrolling past a Length box leaves it alone).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

import kindly.settings.options as opt
from kindly.core.breath_pattern import PRESET_DESCRIPTIONS, PRESETS, parse_breath_pattern
from kindly.core.errors import KindlyInputError
from kindly.core.session_config import LAYERS, LayerVolumes
from kindly.core.sound_catalog import AMBIENT_BEDS, BELLS
from kindly.library.session_choices import SessionChoices
from kindly.ui.sound_layers import LAYER_TITLES
from kindly.ui.theme import HEADING, scaled_font, space
from kindly.ui.wheel_guard import wheel_only_when_focused

if TYPE_CHECKING:
    from kindly.library.library_entry import LibraryEntry

CUSTOM = "custom"
MORE_WORDS = "M&ore: bells, warm-up, sound"
NOT_VALID = "Not valid: "
START_WAITS = "Start waits for a breath pattern it can follow"
# The disclosure sign before More: pointing right while closed, down while open.
MORE_CLOSED, MORE_OPEN = "\u25b8", "\u25be"


def length_hint(low: int, high: int) -> str:
    """The lengths a practice agrees to, in words."""
    if high >= (opt.MINUTES.maximum or 240):
        return f"This practice needs at least {low} minute{'s' if low != 1 else ''}."
    if low == high:
        return f"This practice lasts {low} minutes."
    return f"This practice lasts {low} to {high} minutes."


class SessionSetupPanel(QWidget):
    """Edits the choices for the next session."""

    start_requested = Signal(object)  # SessionChoices
    test_sound_requested = Signal(str, int)  # bell name, bells volume
    choices_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice: str | None = None

        self.heading = QLabel("Silent timer")
        self.heading.setAccessibleDescription("Chosen practice")
        self.heading.setFont(scaled_font(self.heading.font(), HEADING))
        self.about_practice = QLabel("")
        self.about_practice.setWordWrap(True)
        self.about_practice.setAccessibleDescription("About the practice")

        self.minutes = QSpinBox()
        self.minutes.setRange(opt.MINUTES.minimum or 1, opt.MINUTES.maximum or 240)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleDescription("Length in minutes")
        # The lengths a practice agrees to, said where the length is chosen (the box keeps to them).
        self.length_hint = QLabel("")
        self.length_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.length_hint.hide()

        self.breath = QComboBox()
        for name in PRESETS:
            self.breath.addItem(PRESET_DESCRIPTIONS[name], name)
        self.breath.addItem("Custom pattern…", CUSTOM)
        self.custom_breath = QLineEdit()
        self.custom_breath.setPlaceholderText("seconds like 4-2-6 (in-hold-out)")
        self.custom_breath.setAccessibleName("Custom breath pattern")
        self.breath_error = QLabel("")
        self.breath_error.setWordWrap(True)
        self.breath_error.hide()

        self.warmup = QSpinBox()
        self.warmup.setRange(opt.WARMUP_S.minimum or 0, opt.WARMUP_S.maximum or 600)
        self.warmup.setSuffix(" s")
        self.warmup.setAccessibleDescription("Warm-up in seconds")

        # Two bells that come round again, named alike ("every", with their unit) and both "Off" at 0.
        self.interval_bell = QSpinBox()
        self.interval_bell.setRange(0, opt.INTERVAL_BELL_MIN.maximum or 240)
        self.interval_bell.setSuffix(" min")
        self.interval_bell.setSpecialValueText("Off")
        self.interval_bell.setAccessibleDescription("A bell every so many minutes")

        self.bell_every_breaths = QSpinBox()
        self.bell_every_breaths.setRange(0, opt.BELL_EVERY_BREATHS.maximum or 999)
        self.bell_every_breaths.setSuffix(" breaths")
        self.bell_every_breaths.setSpecialValueText("Off")
        self.bell_every_breaths.setAccessibleDescription("A soft bell every so many breaths")
        self.bell_every_breaths.valueChanged.connect(
            lambda n: self.bell_every_breaths.setSuffix(" breath" if n == 1 else " breaths")
        )

        self.bell = QComboBox()
        for name, voice in BELLS.items():
            self.bell.addItem(voice.title, name)
        self.bell.setAccessibleDescription("Bell voice")
        self.test_sound = QPushButton("Test so&und")
        self.test_sound.setAccessibleDescription("Plays the chosen bell once")

        self.ambient = QComboBox()
        self.ambient.addItem("None", opt.NO_AMBIENT)
        for name, title in AMBIENT_BEDS.items():
            self.ambient.addItem(title, name)
        self.ambient.setAccessibleDescription("Ambient sound")

        self.breath_cues = QCheckBox("Soft cue at each breath p&hase")
        self.fewer_words = QCheckBox("&Fewer words: leave long silences quiet")
        self.fewer_words.setToolTip(
            "In long sessions a practice comes back now and then with a few words to guide you "
            "back; with fewer words, its silences stay unbroken."
        )

        self.volumes: dict[str, QSlider] = {}
        volumes_box = QGroupBox("Volumes")
        volumes_form = QFormLayout(volumes_box)
        for layer in LAYERS:
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 100)
            slider.setPageStep(10)
            label = QLabel(LAYER_TITLES[layer])
            label.setBuddy(slider)
            volumes_form.addRow(label, slider)
            self.volumes[layer] = slider

        self.start_button = QPushButton("S&tart")
        self.start_button.setAccessibleName("Start the session")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(self.start_button.sizeHint().height() * 3 // 2)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_row(form, "&Length", self.minutes)
        form.addRow("", self.length_hint)
        self._add_row(form, "&Breath pattern", self.breath)
        form.addRow("", self.custom_breath)
        form.addRow("", self.breath_error)
        form.addRow("", self.fewer_words)

        # Under More: what a person sets once and then leaves (bells, warm-up, sound, volumes).
        self.more_button = QPushButton(f"{MORE_CLOSED}  {MORE_WORDS}")
        self.more_button.setCheckable(True)
        self.more_button.setFlat(True)
        self.more_button.setAccessibleDescription("Bells, warm-up, ambient sound and volumes")
        self.more = QWidget()
        more_form = QFormLayout()
        more_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_row(more_form, "&Warm-up", self.warmup)
        self._add_row(more_form, "Bell e&very", self.interval_bell)
        self._add_row(more_form, "Soft bell eve&ry", self.bell_every_breaths)
        bell_row = QHBoxLayout()
        bell_row.addWidget(self.bell, 1)
        bell_row.addWidget(self.test_sound)
        bell_label = QLabel("B&ell")
        bell_label.setBuddy(self.bell)
        more_form.addRow(bell_label, bell_row)
        self._add_row(more_form, "Amb&ient", self.ambient)
        more_form.addRow("", self.breath_cues)
        more_layout = QVBoxLayout(self.more)
        more_layout.setContentsMargins(0, 0, 0, 0)
        more_layout.addLayout(more_form)
        more_layout.addWidget(volumes_box)
        self.more.setVisible(False)

        fields = self._fields = QWidget()
        column = QVBoxLayout(fields)
        column.setContentsMargins(0, 0, space(1), 0)  # clear of the scroll bar, when there is one
        column.addWidget(self.heading)
        column.addWidget(self.about_practice)
        column.addSpacing(space(1))
        column.addLayout(form)
        column.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.more)
        column.addStretch(1)
        # The fields scroll in their own column (the page around them does not); Start stays below, in view.
        self.fields_scroll = QScrollArea()
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fields_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields_scroll, 1)
        layout.addWidget(self.start_button)
        self.more_button.toggled.connect(self._on_more)
        self._fit_width()
        wheel_only_when_focused(
            self.minutes, self.breath, self.warmup, self.interval_bell, self.bell_every_breaths, self.bell,
            self.ambient, *self.volumes.values(),
        )  # fmt: skip

        self.breath.currentIndexChanged.connect(self._on_breath_choice)
        self.custom_breath.textChanged.connect(self._validate_breath)
        self.start_button.clicked.connect(self._on_start)
        self.test_sound.clicked.connect(
            lambda: self.test_sound_requested.emit(str(self.bell.currentData()), self.volumes["bells"].value())
        )
        for spin in (self.minutes, self.warmup, self.interval_bell, self.bell_every_breaths):
            spin.valueChanged.connect(self.choices_changed)
        for combo in (self.bell, self.ambient):
            combo.currentIndexChanged.connect(self.choices_changed)
        self.breath_cues.toggled.connect(self.choices_changed)
        self.fewer_words.toggled.connect(self.choices_changed)
        self.set_choices(SessionChoices())

    def set_more_shown(self, shown: bool) -> None:
        """Open or close More (it opens closed at every launch: a set-up looks the same each time)."""
        self.more_button.setChecked(shown)
        self._on_more(shown)

    def _on_more(self, shown: bool) -> None:
        self.more.setVisible(shown)
        self.more_button.setText(f"{MORE_OPEN if shown else MORE_CLOSED}  {MORE_WORDS}")
        self._fit_width()
        if shown:
            QTimer.singleShot(0, self._show_more_rows)  # once the column has laid out its new rows

    def _fit_width(self) -> None:
        """The column as wide as its widest row, with room for a scroll bar: no field cut at its edge."""
        bar = self.fields_scroll.verticalScrollBar().sizeHint().width()
        self.fields_scroll.setMinimumWidth(self._fields.minimumSizeHint().width() + bar)

    def _show_more_rows(self) -> None:
        """Scroll the column (as far as it goes) to More's own heading: the rows it opened come into view
        under it, and the heading just pressed stays in sight."""
        bar = self.fields_scroll.verticalScrollBar()
        bar.setValue(min(bar.maximum(), max(bar.value(), self.more_button.y() - space(1))))

    @staticmethod
    def _add_row(form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)

    # --- the choices in and out --------------------------------------------------
    def set_practice(self, entry: LibraryEntry) -> None:
        """Show which practice the session will be; a practice brings its own length, breath,
        breath-cue default and the lengths it agrees to."""
        self._practice = entry.practice
        self.heading.setText(entry.title)
        about = entry.description
        self.about_practice.setText(about)
        self.about_practice.setVisible(bool(about))
        low = math.ceil(entry.min_minutes) if entry.min_minutes else opt.MINUTES.minimum or 1
        high = math.floor(entry.max_minutes) if entry.max_minutes else opt.MINUTES.maximum or 240
        low, high = max(1, low), max(low, min(high, opt.MINUTES.maximum or 240))
        self.minutes.setRange(low, high)
        hint = length_hint(low, high) if entry.practice is not None else ""
        self.length_hint.setText(hint)
        self.length_hint.setVisible(bool(hint))
        self.minutes.setToolTip(hint)
        if entry.minutes is not None:
            self.minutes.setValue(entry.minutes)
        if entry.breath:
            self._show_breath(entry.breath)
        self.breath_cues.setChecked(entry.breath_cues)

    def set_choices(self, choices: SessionChoices) -> None:
        self._practice = choices.practice
        self.minutes.setValue(choices.minutes)
        self._show_breath(choices.breath)
        self.warmup.setValue(choices.warmup_s)
        self.interval_bell.setValue(int(choices.interval_bell_min))
        self.bell_every_breaths.setValue(choices.bell_every_breaths)
        self.bell.setCurrentIndex(max(0, self.bell.findData(choices.bell)))
        self.ambient.setCurrentIndex(max(0, self.ambient.findData(choices.ambient or opt.NO_AMBIENT)))
        self.breath_cues.setChecked(choices.breath_cues)
        self.fewer_words.setChecked(choices.fewer_words)
        for layer, slider in self.volumes.items():
            slider.setValue(choices.volumes.get(layer))

    def _show_breath(self, breath: str) -> None:
        """Choose the preset that matches (by name or by its seconds), else show it as custom."""
        key = breath.strip().lower()
        preset = key if key in PRESETS else next((name for name, spec in PRESETS.items() if spec == key), None)
        if preset is not None:
            self.breath.setCurrentIndex(self.breath.findData(preset))
            self.custom_breath.clear()
        else:
            self.breath.setCurrentIndex(self.breath.findData(CUSTOM))
            self.custom_breath.setText(breath.strip())
        self._on_breath_choice()

    def breath_text(self) -> str:
        data = self.breath.currentData()
        return self.custom_breath.text().strip() if data == CUSTOM else str(data)

    def choices(self) -> SessionChoices | None:
        """The choices shown, or None while the custom breath pattern is not valid."""
        if not self._validate_breath():
            return None
        ambient = str(self.ambient.currentData())
        return SessionChoices(
            practice=self._practice,
            minutes=self.minutes.value(),
            breath=self.breath_text(),
            warmup_s=self.warmup.value(),
            interval_bell_min=self.interval_bell.value(),
            bell_every_breaths=self.bell_every_breaths.value(),
            bell=str(self.bell.currentData()),
            ambient=None if ambient == opt.NO_AMBIENT else ambient,
            breath_cues=self.breath_cues.isChecked(),
            fewer_words=self.fewer_words.isChecked(),
            volumes=LayerVolumes(**{layer: slider.value() for layer, slider in self.volumes.items()}),
        )

    # --- reactions ----------------------------------------------------------------------
    def _on_breath_choice(self) -> None:
        custom = self.breath.currentData() == CUSTOM
        self.custom_breath.setVisible(custom)
        if custom and self.breath.hasFocus():
            self.custom_breath.setFocus()
        self._validate_breath()
        self.choices_changed.emit()

    def _validate_breath(self) -> bool:
        """Check the pattern as it is typed; say what is wrong right under it, and to a screen reader
        on the field itself and on Start (which waits, and says why)."""
        problem = ""
        if self.breath.currentData() == CUSTOM:
            try:
                parse_breath_pattern(self.breath_text())
            except KindlyInputError as exc:
                problem = str(exc)
        self._show_breath_problem(problem)
        return not problem

    def _show_breath_problem(self, problem: str) -> None:
        """`problem` under the field and in its description ("" when the pattern is fine).

        Qt's widgets have no "invalid entry" state to give a screen reader, so the field's
        description carries it: "Not valid: ..." is read after the field's name.
        """
        self.breath_error.setText(problem)
        self.breath_error.setVisible(bool(problem))
        self.custom_breath.setAccessibleDescription(f"{NOT_VALID}{problem}" if problem else "")
        self.start_button.setEnabled(not problem)
        self.start_button.setToolTip(START_WAITS if problem else "")
        self.start_button.setAccessibleDescription(f"{START_WAITS}: {problem}" if problem else "")

    def _on_start(self) -> None:
        choices = self.choices()
        if choices is not None:
            self.start_requested.emit(choices)
