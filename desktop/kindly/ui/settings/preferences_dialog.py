"""Preferences: colours, what a screen reader is told, captions, other players in a session, streaks,
check-ins, the daily reminder, tray favourites, the sync folder.

Every field edits one declared option of `kindly.settings.options`, and a
change applies at once (GNOME's instant apply): it is written as it is made,
`changed` tells the window, and Close (or Esc) only closes. Only the field
that changed is written, so a `kindly settings set` made meanwhile is never
undone by a field nobody touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

import kindly.settings.options as opt
from kindly.core.errors import KindlyInputError
from kindly.core.reminder_schedule import TimeOfDay
from kindly.locations import data_dir
from kindly.platform.session_bus import session_bus_expected
from kindly.settings.options import Option
from kindly.settings.settings_model import Settings
from kindly.sync.sync_folder import check_new_folder
from kindly.ui.wheel_guard import wheel_only_when_focused

TIME_FORMAT = "HH:mm"
SYNC_NOTE = "Kindly writes its own journal there; your sync app carries it. Never the live history."
NO_SYNC_FOLDER = "None: this machine's practice stays here"
CHECKIN_CHOICES = (
    (opt.CHECKINS_ON_PATH, "Around this week's practices on my path"),
    (opt.CHECKINS_ALWAYS, "Around every session"),
    (opt.CHECKINS_NEVER, "Never"),
)
ANNOUNCE_CHOICES = (
    (opt.ANNOUNCE_NOTHING, "Nothing"),
    (opt.ANNOUNCE_MINUTES, "The start, each minute left, a pause and the end"),
    (opt.ANNOUNCE_PHASES, "All that, and every breath phase"),
)
THEME_CHOICES = (
    (opt.THEME_SYSTEM, "As the system"),
    (opt.THEME_LIGHT, "Light"),
    (opt.THEME_DARK, "Dark"),
)


class PreferencesDialog(QDialog):
    """Edits the settings that are not part of a session's set-up, each change applied at once."""

    changed = Signal()  # a setting was written: the window (and the tray) follow it

    def __init__(self, settings: Settings, practices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        """`practices` are (id, title) pairs offered as tray favourites."""
        super().__init__(parent)
        self.setWindowTitle("Preferences")  # the desktop adds " — Kindly" itself
        self._settings = settings

        self.theme = QComboBox()
        for value, label in THEME_CHOICES:
            self.theme.addItem(label, value)
        self.theme.view().setAccessibleName("Colours: the choices")
        self.captions = QCheckBox("Show the narration as &captions during a session")
        self.time_left = QCheckBox("Show the &time left during a session")
        self.announce = QComboBox()
        for value, label in ANNOUNCE_CHOICES:
            self.announce.addItem(label, value)
        self.announce.setAccessibleName("Tell a screen reader during a session")
        self.announce.view().setAccessibleName("Tell a screen reader during a session: the choices")
        self.announce.setToolTip("The T key tells the time left whatever is chosen here.")
        self.pause_others = QCheckBox("&Pause other players (music, a podcast) during a session")
        self.pause_others.setToolTip("They play again when the session ends, if Kindly paused them.")
        if not session_bus_expected():  # other players are reached on the session bus: Windows and macOS have none
            self.pause_others.hide()
        self.hide_streaks = QCheckBox("&Hide streaks (totals stay)")
        self.day_start = QSpinBox()
        self.day_start.setRange(opt.DAY_START_HOUR.minimum or 0, opt.DAY_START_HOUR.maximum or 6)
        self.day_start.setSuffix(":00")
        self.day_start.setAccessibleDescription("The hour a practice day starts")
        self.rest_days = QSpinBox()
        self.rest_days.setRange(opt.REST_DAYS.minimum or 0, opt.REST_DAYS.maximum or 2)
        self.rest_days.setSpecialValueText("None")
        self.rest_days.setSuffix(" day")
        self.rest_days.valueChanged.connect(lambda n: self.rest_days.setSuffix(" day" if n == 1 else " days"))
        self.rest_days.setAccessibleDescription("Rest days a week that keep a streak")
        self.reminder = QCheckBox("A gentle daily &reminder at")
        self.reminder_time = QTimeEdit()
        self.reminder_time.setDisplayFormat(TIME_FORMAT)
        self.reminder_time.setAccessibleName("Reminder time")
        self.checkins = QComboBox()
        for value, label in CHECKIN_CHOICES:
            self.checkins.addItem(label, value)
        self.checkins.view().setAccessibleName("When to offer a check-in: the choices")
        self.favourites = QListWidget()
        self.sync_folder = QLabel(NO_SYNC_FOLDER)
        self.sync_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sync_folder.setAccessibleDescription("The sync folder")
        self.choose_sync_folder = QPushButton("Choo&se…")
        self.choose_sync_folder.setAccessibleName("Choose the sync folder")
        self.stop_syncing = QPushButton("Stop s&yncing")
        self.sync_refusal = QLabel("")  # why a folder was refused, in the CLI's one line
        self.sync_refusal.setWordWrap(True)
        self.sync_refusal.setAccessibleDescription("Notice")
        self.sync_refusal.setVisible(False)

        streaks = QGroupBox("Streaks")
        streak_form = QFormLayout(streaks)
        streak_form.addRow(self.hide_streaks)
        day_label = QLabel("A practice &day starts at")
        day_label.setBuddy(self.day_start)
        streak_form.addRow(day_label, self.day_start)
        rest_label = QLabel("R&est days a week")
        rest_label.setBuddy(self.rest_days)
        streak_form.addRow(rest_label, self.rest_days)
        note = QLabel("Rest days keep a streak alive without adding to it. A streak is an encouragement, never a test.")
        note.setWordWrap(True)
        streak_form.addRow(note)

        checkins = QGroupBox("Check-ins")
        checkin_form = QFormLayout(checkins)
        checkins_label = QLabel("Offer a check-&in")
        checkins_label.setBuddy(self.checkins)
        checkin_form.addRow(checkins_label, self.checkins)
        checkin_note = QLabel(
            "Two quick questions before and after, for you alone: how kindly you are treating yourself, and how "
            "at ease you feel. You can always skip them."
        )
        checkin_note.setWordWrap(True)
        checkin_form.addRow(checkin_note)

        syncing = QGroupBox("Your practice on your other machines")
        sync_form = QFormLayout(syncing)
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.sync_folder, 1)
        sync_row.addWidget(self.choose_sync_folder)
        sync_row.addWidget(self.stop_syncing)
        sync_label = QLabel("Sync folder")
        sync_label.setBuddy(self.choose_sync_folder)
        sync_form.addRow(sync_label, sync_row)
        sync_note = QLabel(SYNC_NOTE)
        sync_note.setWordWrap(True)
        sync_form.addRow(sync_note)

        theme_form = QFormLayout()
        theme_label = QLabel("C&olours")
        theme_label.setBuddy(self.theme)
        theme_form.addRow(theme_label, self.theme)
        announce_label = QLabel("Tell a screen re&ader during a session")
        announce_label.setBuddy(self.announce)
        theme_form.addRow(announce_label, self.announce)
        reminder_form = QFormLayout()
        reminder_form.addRow(self.reminder, self.reminder_time)
        favourites_label = QLabel("&Favourites in the tray menu")
        favourites_label.setBuddy(self.favourites)

        # Changes are already applied: one way out, Close (Esc too).
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(theme_form)
        layout.addWidget(self.captions)
        layout.addWidget(self.time_left)
        layout.addWidget(self.pause_others)
        # Where the screen is short, the favourites list gives up its rows (it scrolls), never the notes' lines.
        for group in (streaks, checkins, syncing):
            group.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.favourites.setMinimumHeight(self.fontMetrics().height() * 5)  # four rows or so, and its edges
        layout.addWidget(streaks)
        layout.addWidget(checkins)
        layout.addWidget(syncing)
        layout.addWidget(self.sync_refusal)  # outside the group: an empty label there would read as its title
        layout.addLayout(reminder_form)
        layout.addWidget(favourites_label)
        layout.addWidget(self.favourites, 1)
        layout.addWidget(self.buttons)

        self.reminder.toggled.connect(self.reminder_time.setEnabled)
        wheel_only_when_focused(
            self.theme, self.announce, self.day_start, self.rest_days, self.reminder_time, self.checkins
        )
        self._load(practices)
        self._shown = self.values()  # as loaded: what save() compares against
        for box in (self.captions, self.time_left, self.pause_others, self.hide_streaks, self.reminder):
            box.toggled.connect(lambda _on: self.save())
        for spin in (self.day_start, self.rest_days):
            spin.valueChanged.connect(lambda _value: self.save())
        for combo in (self.theme, self.announce, self.checkins):
            combo.currentIndexChanged.connect(lambda _index: self.save())
        self.reminder_time.timeChanged.connect(lambda _time: self.save())
        self.favourites.itemChanged.connect(lambda _item: self.save())
        self.choose_sync_folder.clicked.connect(self._ask_sync_folder)
        self.stop_syncing.clicked.connect(self.stop_sync)
        # Sized before its window exists: a parented widget starts at Qt's 100x30, and under load the X
        # server's word on that first size can come after the real one (a 100x30 dialog was seen in CI).
        self.adjustSize()

    def _load(self, practices: list[tuple[str, str]]) -> None:
        s = self._settings
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.get(opt.THEME))))
        self.announce.setCurrentIndex(max(0, self.announce.findData(s.get(opt.ANNOUNCE))))
        self.captions.setChecked(s.get(opt.CAPTIONS))
        self.time_left.setChecked(s.get(opt.TIME_LEFT))
        self.pause_others.setChecked(s.get(opt.PAUSE_OTHER_PLAYERS))
        self.hide_streaks.setChecked(s.get(opt.HIDE_STREAKS))
        self.day_start.setValue(s.get(opt.DAY_START_HOUR))
        self.rest_days.setValue(s.get(opt.REST_DAYS))
        self.checkins.setCurrentIndex(max(0, self.checkins.findData(s.get(opt.CHECKINS))))
        self.reminder.setChecked(s.get(opt.REMINDER_ENABLED))
        at = TimeOfDay.parse(s.get(opt.REMINDER_TIME))  # as the reminder reads it (the setting is checked so)
        self.reminder_time.setTime(QTime(at.hour, at.minute))
        self.reminder_time.setEnabled(self.reminder.isChecked())
        self._show_sync_folder()
        chosen = s.get(opt.FAVOURITES)
        # The user's order first, then the rest by title.
        ordered = [p for p in practices if p[0] in chosen]
        ordered.sort(key=lambda p: chosen.index(p[0]))
        ordered += [p for p in practices if p[0] not in chosen]
        for practice, title in ordered:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, practice)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if practice in chosen else Qt.CheckState.Unchecked)
            self.favourites.addItem(item)

    def chosen_favourites(self) -> list[str]:
        items = [self.favourites.item(i) for i in range(self.favourites.count())]
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def values(self) -> dict[Option[Any], Any]:
        """What each field shows now, as its option's value."""
        return {
            opt.THEME: str(self.theme.currentData()),
            opt.ANNOUNCE: str(self.announce.currentData()),
            opt.CAPTIONS: self.captions.isChecked(),
            opt.TIME_LEFT: self.time_left.isChecked(),
            opt.PAUSE_OTHER_PLAYERS: self.pause_others.isChecked(),
            opt.HIDE_STREAKS: self.hide_streaks.isChecked(),
            opt.DAY_START_HOUR: self.day_start.value(),
            opt.REST_DAYS: self.rest_days.value(),
            opt.CHECKINS: str(self.checkins.currentData()),
            opt.REMINDER_ENABLED: self.reminder.isChecked(),
            opt.REMINDER_TIME: self.reminder_time.time().toString(TIME_FORMAT),
            opt.FAVOURITES: self.chosen_favourites(),
        }

    def save(self) -> None:
        """Write the fields the person changed since the last write (called as each change is made), and
        tell the window.

        Only those: a `kindly settings set` made while the dialog was open is
        never undone by a field nobody touched, and defaults stay unwritten.
        """
        now = self.values()
        changes = {option: value for option, value in now.items() if value != self._shown[option]}
        self._shown = now
        if not changes:
            return
        with self._settings.batch():
            for option, value in changes.items():
                self._settings.set(option, value)
        self.changed.emit()

    # --- the sync folder: kept as `kindly settings set sync/folder` keeps it, checked the same way ----------
    def _ask_sync_folder(self) -> None:
        start = self._settings.get(opt.SYNC_FOLDER) or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Choose the sync folder", start)
        if chosen:
            self.set_sync_folder(chosen)

    def set_sync_folder(self, chosen: str) -> bool:
        """Keep `chosen` as the sync folder, or say in one line why not (the command's own check and words)."""
        folder = Path(chosen).absolute()
        try:
            check_new_folder(folder, data_dir())
        except KindlyInputError as refused:
            self.sync_refusal.setText(str(refused))
            self.sync_refusal.setVisible(True)
            return False
        self._settings.set(opt.SYNC_FOLDER, str(folder))
        self._show_sync_folder()
        self.changed.emit()
        return True

    def stop_sync(self) -> None:
        """No sync folder from now on: nothing merged is taken away, and the folder is left as it is."""
        self._settings.reset(opt.SYNC_FOLDER)
        self._show_sync_folder()
        self.changed.emit()

    def _show_sync_folder(self) -> None:
        folder = self._settings.get(opt.SYNC_FOLDER)
        self.sync_folder.setText(folder or NO_SYNC_FOLDER)
        self.stop_syncing.setEnabled(bool(folder))
        self.sync_refusal.setVisible(False)
