"""The session screen's Sound pop-up: volumes change the running session at once and are remembered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.core.session_config import LayerVolumes, SessionConfig
from kindly.core.session_plan import Cue, SessionPlan, build_session_plan
from kindly.library.narration_status import CAPTIONS_ONLY, RECORDED
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import Settings
from kindly.ui.app.main_window import MainWindow
from kindly.ui.session.session_controller import SessionController
from kindly.ui.session.session_screen import SessionScreen
from ui.conftest import show_session_screen
from ui.recording_player import PlayerBox

PLAYING_AT = LayerVolumes(bells=70, breath=40, narration=90, ambient=20)


def _narrated(voice: str | None = RECORDED) -> Callable[[SessionConfig], SessionPlan]:
    """Plans with one spoken phrase (heard through `voice`) over the timer's bells and breath cues."""

    def builder(config: SessionConfig) -> SessionPlan:
        cue = Cue(15.0, "narration", text="May this breath be a kind one.", practice="mine", duration=4.0)
        return replace(build_session_plan(config, narration=[cue]), narration_voice=voice)

    return builder


@pytest.fixture
def screen(qtbot: QtBot, players: PlayerBox, clock: FakeClock) -> Iterator[SessionScreen]:
    """A session that plays every layer: a voice, bells, breath cues and soft rain."""
    controller = SessionController(players, clock, plan_builder=_narrated())
    choices = SessionChoices(practice="mine", ambient="rain", volumes=PLAYING_AT)
    yield show_session_screen(qtbot, controller, SessionRequest("mine", choices))
    controller.deleteLater()


def test_moving_a_slider_changes_that_layer_of_the_running_session(screen: SessionScreen, players: PlayerBox) -> None:
    screen.open_volumes()
    screen.volume_popup.sliders["narration"].setValue(35)
    assert players.current.calls[-1] == "volume narration 35"


def test_the_sliders_open_at_the_volumes_the_session_plays_at(screen: SessionScreen, players: PlayerBox) -> None:
    screen.sound_button.click()
    shown = {layer: slider.value() for layer, slider in screen.volume_popup.sliders.items()}
    assert shown == {"bells": 70, "breath": 40, "narration": 90, "ambient": 20}
    assert players.current.calls == ["play"]  # showing them changes nothing


def test_the_sound_buttons_mnemonic_opens_the_volumes(qtbot: QtBot, screen: SessionScreen) -> None:
    if QKeySequence.mnemonic(screen.sound_button.text()).isEmpty():
        pytest.skip("this system's Qt has no mnemonics (macOS): there the button is reached with Tab")
    qtbot.keyClick(screen, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # S&ound
    qtbot.waitUntil(screen.volume_popup.isVisible)


def test_the_volumes_are_reached_and_changed_from_the_keyboard(
    qtbot: QtBot, screen: SessionScreen, players: PlayerBox
) -> None:
    screen.sound_button.setFocus()
    qtbot.keyClick(screen.sound_button, Qt.Key.Key_Space)
    popup = screen.volume_popup
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup.sliders["narration"], Qt.Key.Key_Tab)
    bells = popup.sliders["bells"]
    assert bells.hasFocus()
    qtbot.keyClick(bells, Qt.Key.Key_PageDown)
    assert players.current.volumes == {"bells": 60}


def test_every_slider_is_named_by_its_label_for_a_screen_reader(screen: SessionScreen) -> None:
    from PySide6.QtGui import QAccessible

    interfaces = [QAccessible.queryAccessibleInterface(slider) for slider in screen.volume_popup.sliders.values()]
    names = [interface.text(QAccessible.Text.Name) for interface in interfaces]
    assert names == ["Narration", "Bells", "Breath cues", "Ambient"]


def test_escape_closes_the_volumes_without_stopping_the_session(
    qtbot: QtBot, screen: SessionScreen, players: PlayerBox
) -> None:
    screen.open_volumes()
    popup = screen.volume_popup
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup.sliders["narration"], Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert screen._controller.is_active and "stop" not in players.current.calls


def test_a_volume_changed_mid_session_is_remembered_for_the_next_one(
    window: MainWindow, settings: Settings, players: PlayerBox
) -> None:
    window.setup_panel.start_button.click()
    window.session_screen.volume_popup.sliders["bells"].setValue(25)
    assert open_settings().get(opt.VOLUME_BELLS) == 25
    window.controller.stop()
    window.show_home()
    window.setup_panel.start_button.click()
    plan = players.current.plan
    assert plan is not None and plan.config.volumes.bells == 25


def test_the_volumes_never_cover_the_time_left_on_a_small_window(qtbot: QtBot, screen: SessionScreen) -> None:
    from PySide6.QtCore import QPoint, QRect

    screen.window().resize(760, 540)
    qtbot.waitUntil(lambda: screen.height() < 560)
    screen.open_volumes()
    qtbot.waitUntil(screen.volume_popup.isVisible)
    time_left = QRect(screen.time_label.mapToGlobal(QPoint(0, 0)), screen.time_label.size())
    assert screen.time_label.isVisible() and not screen.volume_popup.frameGeometry().intersects(time_left)


def _offered(screen: SessionScreen) -> list[str]:
    popup = screen.volume_popup
    return [layer for layer, slider in popup.sliders.items() if slider.isVisibleTo(popup)]


def test_a_plain_timer_offers_only_the_bells_it_rings(qtbot: QtBot, controller: SessionController) -> None:
    plain = SessionRequest("timer-10", SessionChoices(breath_cues=False))
    screen = show_session_screen(qtbot, controller, plain)
    screen.open_volumes()
    qtbot.waitUntil(screen.volume_popup.isVisible)
    assert _offered(screen) == ["bells"]
    assert screen.volume_popup.sliders["bells"].hasFocus()  # the keyboard lands on what is there


def test_a_timer_with_breath_cues_offers_bells_and_breath_cues(qtbot: QtBot, controller: SessionController) -> None:
    screen = show_session_screen(qtbot, controller, SessionRequest("timer-10", SessionChoices(breath_cues=True)))
    assert _offered(screen) == ["bells", "breath"]


def test_a_practice_with_a_voice_and_a_bed_offers_every_layer(screen: SessionScreen) -> None:
    assert _offered(screen) == ["narration", "bells", "breath", "ambient"]


def test_narration_shown_only_as_captions_has_no_volume_to_offer(
    qtbot: QtBot, players: PlayerBox, clock: FakeClock
) -> None:
    controller = SessionController(players, clock, plan_builder=_narrated(CAPTIONS_ONLY))
    screen = show_session_screen(qtbot, controller, SessionRequest("mine", SessionChoices(practice="mine")))
    assert "narration" not in _offered(screen)
    controller.deleteLater()
