"""Preferences: each field writes its declared option, and the window follows at once."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from kindly.core.errors import KindlyInputError
from kindly.locations import data_dir
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import Settings
from kindly.sync.sync_folder import check_new_folder
from kindly.ui.app.main_window import MainWindow
from kindly.ui.settings.preferences_dialog import NO_SYNC_FOLDER, PreferencesDialog

PRACTICES = [("gentle-hand", "A gentle hand"), ("body-scan", "Kind body scan")]


def test_the_dialog_opens_on_the_stored_values(qtbot: QtBot, settings: Settings) -> None:
    settings.set(opt.DAY_START_HOUR, 4)
    settings.set(opt.REMINDER_TIME, "07:45")
    settings.set(opt.FAVOURITES, ["body-scan"])
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    assert (dialog.day_start.value(), dialog.reminder_time.time().toString("HH:mm")) == (4, "07:45")
    assert dialog.chosen_favourites() == ["body-scan"]
    assert dialog.favourites.item(0).text() == "Kind body scan"  # favourites first, in the user's order


def test_a_reminder_time_edited_by_hand_with_spaces_opens_as_that_time(qtbot: QtBot, settings: Settings) -> None:
    settings.sync()
    stored = json.loads(settings.path.read_text(encoding="utf-8"))
    settings.path.write_text(json.dumps({**stored, "reminder/time": " 07:45 "}), encoding="utf-8")
    dialog = PreferencesDialog(open_settings(), PRACTICES)
    qtbot.addWidget(dialog)
    assert dialog.reminder_time.time().toString("HH:mm") == "07:45"


def test_each_change_is_written_as_it_is_made_without_ok(qtbot: QtBot, settings: Settings) -> None:
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    dialog.hide_streaks.setChecked(True)
    dialog.rest_days.setValue(2)
    dialog.reminder.setChecked(True)
    dialog.reminder_time.setTime(QTime(21, 15))
    dialog.favourites.item(0).setCheckState(dialog.favourites.item(0).checkState().Checked)
    dialog.captions.setChecked(False)
    again = open_settings()  # the dialog still open: nothing waits for an OK
    assert [again.get(o) for o in (opt.HIDE_STREAKS, opt.REST_DAYS, opt.REMINDER_ENABLED, opt.REMINDER_TIME)] == [
        True,
        2,
        True,
        "21:15",
    ]
    assert again.get(opt.FAVOURITES) == ["gentle-hand"] and again.get(opt.CAPTIONS) is False


def test_a_change_keeps_a_setting_changed_elsewhere_while_the_dialog_was_open(qtbot: QtBot, settings: Settings) -> None:
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    open_settings().set(opt.TIME_LEFT, False)  # `kindly settings set display/time_left false` meanwhile
    dialog.hide_streaks.setChecked(True)
    again = open_settings()
    assert (again.get(opt.TIME_LEFT), again.get(opt.HIDE_STREAKS)) == (False, True)


def test_closing_with_nothing_changed_writes_no_default_into_the_file(qtbot: QtBot, settings: Settings) -> None:
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    dialog.buttons.button(dialog.buttons.StandardButton.Close).click()
    stored = json.loads(settings.path.read_text(encoding="utf-8")) if settings.path.exists() else {}
    assert not any(key.startswith(("display/", "streaks/", "reminder/", "checkins/", "media/")) for key in stored)


def test_close_is_the_one_way_out(qtbot: QtBot, settings: Settings) -> None:
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    assert [b.text().replace("&", "") for b in dialog.buttons.buttons()] == ["Close"]


def test_a_preference_applies_in_the_window_without_ok(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_preferences()
    with qtbot.waitSignal(window.settings_changed):
        dialog.hide_streaks.setChecked(True)
    assert window.settings.get(opt.HIDE_STREAKS) is True and dialog.isVisible()


def test_choosing_dark_colours_turns_the_window_dark_at_once(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from kindly.ui.theme import apply_look, luminance

    apply_look(QApplication.instance())  # type: ignore[arg-type]
    dialog = window.open_preferences()
    try:
        dialog.theme.setCurrentIndex(dialog.theme.findData(opt.THEME_DARK))
        assert luminance(QApplication.palette().color(QPalette.ColorRole.Window)) < 0.1
        assert open_settings().get(opt.THEME) == opt.THEME_DARK
    finally:
        dialog.theme.setCurrentIndex(dialog.theme.findData(opt.THEME_SYSTEM))
    assert luminance(QApplication.palette().color(QPalette.ColorRole.Window)) > 0.5


def test_dark_colours_reach_every_word_already_on_the_screen(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication, QLabel

    from kindly.ui.theme import apply_look, luminance

    apply_look(QApplication.instance())  # type: ignore[arg-type]
    window.show()
    dialog = window.open_preferences()
    label = dialog.findChild(QLabel)
    try:
        dialog.theme.setCurrentIndex(dialog.theme.findData(opt.THEME_LIGHT))
        dialog.theme.setCurrentIndex(dialog.theme.findData(opt.THEME_DARK))
        assert luminance(label.palette().color(QPalette.ColorRole.WindowText)) > 0.5  # light words on dark
    finally:
        dialog.theme.setCurrentIndex(dialog.theme.findData(opt.THEME_SYSTEM))


def test_the_window_follows_new_preferences_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_preferences()
    with qtbot.waitSignal(window.settings_changed):
        dialog.captions.setChecked(False)
    assert not window.session_screen.captions_button.isChecked()


def test_how_much_a_screen_reader_is_told_applies_to_the_session_at_once(qtbot: QtBot, window: MainWindow) -> None:
    announcer = window.session_screen.announcer
    dialog = window.open_preferences()
    with qtbot.waitSignal(window.settings_changed):
        dialog.announce.setCurrentIndex(dialog.announce.findData(opt.ANNOUNCE_PHASES))
    assert (window.settings.get(opt.ANNOUNCE), announcer.level) == (opt.ANNOUNCE_PHASES, opt.ANNOUNCE_PHASES)


def test_a_new_session_screen_tells_as_much_as_the_setting_says(window: MainWindow) -> None:
    window.settings.set(opt.ANNOUNCE, opt.ANNOUNCE_NOTHING)
    assert window.session_screen.announcer.level == opt.ANNOUNCE_NOTHING


def test_preferences_offer_as_favourites_the_practices_settings_set_accepts(qtbot: QtBot, window: MainWindow) -> None:
    window.catalogue.reload()
    dialog = window.open_preferences()
    offered = [dialog.favourites.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.favourites.count())]
    assert offered and offered == [practice for practice, _title in window.catalogue.choices()]


def test_preferences_that_cannot_be_saved_are_kept_in_use_and_the_window_says_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    dialog = window.open_preferences()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        dialog.rest_days.setValue(2)
    assert window.notice_bar.text() == f"Settings not saved: cannot write {window.settings.path}: the disk is full"
    assert window.settings.get(opt.REST_DAYS) == 2  # nothing lost: written with the next change
    window.settings.set(opt.HIDE_STREAKS, True)
    assert open_settings().get(opt.REST_DAYS) == 2


def test_every_preference_has_an_accessible_name(qtbot: QtBot, settings: Settings) -> None:
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QWidget

    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    kinds = (QAbstractButton, QAbstractSpinBox, QAbstractItemView)
    controls = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, kinds) and not isinstance(w.parentWidget(), (QAbstractSpinBox, QAbstractItemView))
    ]
    interfaces = [QAccessible.queryAccessibleInterface(w) for w in controls]
    assert controls and [i for i in interfaces if not i.text(QAccessible.Text.Name)] == []


def test_check_ins_are_offered_on_the_path_until_chosen_otherwise(qtbot: QtBot, settings: Settings) -> None:
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    assert dialog.checkins.currentData() == opt.CHECKINS_ON_PATH
    dialog.checkins.setCurrentIndex(dialog.checkins.findData(opt.CHECKINS_ALWAYS))
    assert settings.get(opt.CHECKINS) == opt.CHECKINS_ALWAYS


def test_rest_days_are_counted_in_days(qtbot: QtBot, settings: Settings) -> None:
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    shown = []
    for n in (0, 1, 2):
        dialog.rest_days.setValue(n)
        shown.append(dialog.rest_days.text())
    assert shown == ["None", "1 day", "2 days"]


def test_other_players_are_left_alone_until_the_person_asks(qtbot: QtBot, settings: Settings) -> None:
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    assert not dialog.pause_others.isChecked()
    dialog.pause_others.setChecked(True)
    assert open_settings().get(opt.PAUSE_OTHER_PLAYERS) is True


def test_without_a_session_bus_pausing_other_players_is_not_offered(
    qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kindly.ui.settings.preferences_dialog.session_bus_expected", lambda: False)
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.captions.isVisible() and not dialog.pause_others.isVisible()


def test_a_sync_folder_chosen_is_kept_and_shown(
    qtbot: QtBot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(shared))
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.changed):
        dialog.choose_sync_folder.click()
    assert open_settings().get(opt.SYNC_FOLDER) == str(shared)
    assert (dialog.sync_folder.text(), dialog.stop_syncing.isEnabled()) == (str(shared), True)


def test_stop_syncing_clears_the_sync_folder(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    settings.set(opt.SYNC_FOLDER, str(tmp_path))
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    dialog.stop_syncing.click()
    assert open_settings().get(opt.SYNC_FOLDER) == ""
    assert (dialog.sync_folder.text(), dialog.stop_syncing.isEnabled()) == (NO_SYNC_FOLDER, False)


def test_a_sync_folder_inside_kindlys_own_data_is_refused_in_the_commands_one_line(
    qtbot: QtBot, settings: Settings
) -> None:
    inside = data_dir() / "backups"
    inside.mkdir(parents=True)
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    assert not dialog.set_sync_folder(str(inside))
    with pytest.raises(KindlyInputError) as command_says:
        check_new_folder(inside, data_dir())
    assert dialog.sync_refusal.text() == str(command_says.value) and "\n" not in dialog.sync_refusal.text()
    assert not dialog.sync_refusal.isHidden() and open_settings().get(opt.SYNC_FOLDER) == ""


def test_cancelling_the_folder_chooser_changes_nothing(
    qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: "")
    dialog = PreferencesDialog(settings, PRACTICES)
    qtbot.addWidget(dialog)
    with qtbot.assertNotEmitted(dialog.changed):
        dialog.choose_sync_folder.click()
    assert open_settings().get(opt.SYNC_FOLDER) == ""
