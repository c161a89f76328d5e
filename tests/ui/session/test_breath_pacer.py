"""The breath pacer: its size follows the breath, and it only animates while it can be seen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect
from PySide6.QtGui import QExposeEvent, QPaintEvent, QRegion, QWindow
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import build_session_plan
from kindly.ui.session.breath_pacer import BreathPacer, breath_level, phase_words

# Warm-up 5 s, then box breathing: in 5-9, hold 9-13, out 13-17, rest 17-21.
PLAN = build_session_plan(SessionConfig(minutes=1, warmup_s=5, breath=parse_breath_pattern("box")))


def _level_at(t: float) -> float:
    return breath_level(PLAN.breath_at(t), t)


def test_the_pacer_is_small_during_the_warm_up() -> None:
    assert _level_at(2.0) == 0.0


def test_the_pacer_grows_through_the_inhale_gently_at_both_ends() -> None:
    levels = [_level_at(5.0 + k * 0.5) for k in range(9)]
    assert levels == sorted(levels)
    assert levels[0] == pytest.approx(0.0)
    assert levels[4] == pytest.approx(0.5)
    assert levels[1] - levels[0] < levels[4] - levels[3]  # eased: slow start, quicker middle


def test_the_pacer_rests_full_on_the_hold() -> None:
    assert [_level_at(t) for t in (9.0, 11.0, 12.9)] == [1.0, 1.0, 1.0]


def test_the_pacer_shrinks_through_the_exhale() -> None:
    assert _level_at(13.0) == pytest.approx(1.0)
    assert _level_at(15.0) == pytest.approx(0.5)
    assert _level_at(16.99) == pytest.approx(0.0, abs=1e-3)


def test_the_pacer_rests_small_on_the_second_hold_and_after_the_end() -> None:
    assert (_level_at(19.0), _level_at(PLAN.end_s + 1.0)) == (0.0, 0.0)


def test_the_phase_is_named_in_words() -> None:
    assert [phase_words(PLAN.breath_at(t)) for t in (6, 10, 14, 18)] == ["Breathe in", "Hold", "Breathe out", "Rest"]


def test_the_widget_paints_the_level_at_the_position_it_is_given(qtbot: QtBot) -> None:
    pacer = BreathPacer()
    qtbot.addWidget(pacer)
    pacer.set_source(PLAN, lambda: 7.0)
    assert pacer.level == pytest.approx(0.5)


def test_a_full_breath_and_its_halo_fit_inside_the_pacer(qtbot: QtBot) -> None:
    pacer = BreathPacer()
    qtbot.addWidget(pacer)
    pacer.resize(240, 240)
    pacer.set_source(PLAN, lambda: 10.0)  # on the hold after the inhale: the breath at its fullest
    image = pacer.grab().toImage()
    background = pacer.palette().color(pacer.backgroundRole())
    edges = [image.pixelColor(x, y) for x, y in ((120, 0), (120, 239), (0, 120), (239, 120))]
    assert pacer.level == 1.0
    assert [c.name() for c in edges] == [background.name()] * 4


def _shown_pacer(qtbot: QtBot) -> tuple[QWidget, BreathPacer]:
    window = QWidget()
    qtbot.addWidget(window)
    pacer = BreathPacer()
    QVBoxLayout(window).addWidget(pacer)
    pacer.set_source(PLAN, lambda: 7.0)
    window.show()
    qtbot.waitExposed(window)
    return window, pacer


def test_the_frame_timer_runs_while_the_pacer_is_visible(qtbot: QtBot) -> None:
    _window, pacer = _shown_pacer(qtbot)
    assert pacer.is_animating()


def test_the_frame_timer_stops_when_the_window_is_hidden(qtbot: QtBot) -> None:
    window, pacer = _shown_pacer(qtbot)
    window.hide()
    assert not pacer.is_animating()


def test_the_frame_timer_stops_when_the_pacer_itself_is_hidden(qtbot: QtBot) -> None:
    _window, pacer = _shown_pacer(qtbot)
    pacer.hide()
    assert not pacer.is_animating()


def test_the_frame_timer_stops_when_the_window_is_minimized_and_resumes_when_restored(qtbot: QtBot) -> None:
    window, pacer = _shown_pacer(qtbot)
    window.showMinimized()
    stopped = not pacer.is_animating()
    window.showNormal()
    assert stopped and pacer.is_animating()


def test_the_frame_timer_never_runs_before_the_pacer_is_shown(qtbot: QtBot) -> None:
    pacer = BreathPacer()
    qtbot.addWidget(pacer)
    pacer.set_source(PLAN, lambda: 7.0)
    assert not pacer.is_animating()


def test_the_pacer_colour_is_the_palette_highlight_softened_toward_the_window() -> None:
    from PySide6.QtGui import QColor, QPalette

    from kindly.ui.palette import soft_accent

    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Highlight, QColor(40, 120, 200))
    dark.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    light = QPalette(dark)
    light.setColor(QPalette.ColorRole.Window, QColor(240, 240, 240))
    on_dark, on_light = soft_accent(dark), soft_accent(light)
    assert 30 < on_dark.blue() < 200 and on_dark.lightness() < on_light.lightness()


def test_the_frame_timer_stops_while_the_breath_is_held_still_and_resumes_after(qtbot: QtBot) -> None:
    _window, pacer = _shown_pacer(qtbot)
    pacer.set_still(True)
    held = not pacer.is_animating()
    pacer.set_still(False)
    assert held and pacer.is_animating()


class _Exposure:
    """Stands in for the platform's word on whether a window is exposed (offscreen, all are)."""

    def __init__(self) -> None:
        self.exposed = True

    def __call__(self, _window: QWindow) -> bool:
        return self.exposed


def _pacer_with_exposure(qtbot: QtBot) -> tuple[QWidget, BreathPacer, _Exposure]:
    exposure = _Exposure()
    window = QWidget()
    qtbot.addWidget(window)
    pacer = BreathPacer(exposed=exposure)
    QVBoxLayout(window).addWidget(pacer)
    pacer.set_source(PLAN, lambda: 7.0)
    window.show()
    qtbot.waitExposed(window)
    return window, pacer, exposure


def _expose(window: QWidget, region: QRegion) -> None:
    handle = window.windowHandle()
    assert handle is not None
    QCoreApplication.sendEvent(handle, QExposeEvent(region))


def test_the_frame_timer_stops_when_the_window_is_no_longer_exposed_and_resumes_when_it_is(qtbot: QtBot) -> None:
    window, pacer, exposure = _pacer_with_exposure(qtbot)
    exposure.exposed = False
    _expose(window, QRegion())  # the platform's word that nothing of the window is shown
    stopped = not pacer.is_animating()
    exposure.exposed = True
    _expose(window, QRegion(window.rect()))
    assert stopped and pacer.is_animating()


def test_a_window_shown_but_not_exposed_draws_no_frames_once_the_platform_says_so(qtbot: QtBot) -> None:
    exposure = _Exposure()
    exposure.exposed = False
    window = QWidget()
    qtbot.addWidget(window)
    pacer = BreathPacer(exposed=exposure)
    QVBoxLayout(window).addWidget(pacer)
    window.show()
    qtbot.waitExposed(window)
    QCoreApplication.processEvents()  # the platform's Expose event, as it arrives after the show
    assert window.isVisible() and not pacer.is_animating()


def test_an_unexposed_window_resumed_from_a_pause_still_draws_no_frames(qtbot: QtBot) -> None:
    window, pacer, exposure = _pacer_with_exposure(qtbot)
    pacer.set_still(True)
    exposure.exposed = False
    _expose(window, QRegion())
    pacer.set_still(False)
    assert not pacer.is_animating()


class _Paints(QObject):
    """The regions the pacer was asked to paint."""

    def __init__(self, pacer: QWidget) -> None:
        super().__init__(pacer)
        self.regions: list[QRect] = []
        pacer.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.regions.append(event.rect())
        return False


def _painted_pacer(qtbot: QtBot, position: list[float]) -> tuple[QWidget, BreathPacer, _Paints]:
    """A pacer in a shown window (returned too: qtbot holds its widgets weakly), painted by hand."""
    window = QWidget()
    qtbot.addWidget(window)
    pacer = BreathPacer()
    QVBoxLayout(window).addWidget(pacer)
    window.resize(800, 420)
    pacer.set_source(PLAN, lambda: position[0])
    window.show()
    qtbot.waitExposed(window)
    pacer.set_still(True)  # frames are driven by hand below, not by the timer
    QCoreApplication.processEvents()
    return window, pacer, _Paints(pacer)


def test_a_breath_that_does_not_move_paints_no_frame(qtbot: QtBot) -> None:
    position = [2.0]  # the warm-up: the circle rests small
    _window, pacer, paints = _painted_pacer(qtbot, position)
    for _ in range(10):
        position[0] += 0.033
        pacer.advance()
        QCoreApplication.processEvents()
    assert paints.regions == []


def test_a_moving_breath_repaints_only_the_square_its_halo_covers(qtbot: QtBot) -> None:
    position = [6.0]  # early in the inhale
    _window, pacer, paints = _painted_pacer(qtbot, position)
    position[0] = 6.5
    pacer.advance()
    QCoreApplication.processEvents()
    assert len(paints.regions) == 1
    painted = paints.regions[0]
    assert painted.width() < pacer.width() * 0.75 and painted.height() <= pacer.height()
    assert painted.center().x() == pytest.approx(pacer.width() / 2, abs=2)


def test_the_breath_s_words_fade_in_as_a_phase_begins_and_out_as_it_ends() -> None:
    from kindly.ui.session.breath_pacer import words_opacity

    inhale = PLAN.breath_at(5.0)  # in from 5 s to 9 s
    assert words_opacity(inhale, 5.0) == 0.0
    assert 0.0 < words_opacity(inhale, 5.4) < 1.0
    assert words_opacity(inhale, 7.0) == 1.0
    assert words_opacity(inhale, 8.99) < 0.1


def test_a_phase_too_short_to_fade_both_ways_only_fades_in() -> None:
    from kindly.ui.session.breath_pacer import words_opacity

    short = build_session_plan(SessionConfig(minutes=1, warmup_s=0, breath=parse_breath_pattern("1-1-1")))
    span = short.breath_at(0.0)
    assert words_opacity(span, span.t + span.seconds - 0.01) == 1.0


def test_a_new_palette_gives_the_breath_its_new_colours(qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QPalette

    pacer = BreathPacer()
    qtbot.addWidget(pacer)
    pacer.resize(200, 200)
    before = pacer.grab().toImage().pixelColor(100, 100)
    dark = QPalette(pacer.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Highlight, QColor("#b0407a"))
    pacer.setPalette(dark)
    after = pacer.grab().toImage().pixelColor(100, 100)
    assert after != before
    assert pacer.grab().toImage().pixelColor(2, 2) == QColor("#202124")  # its background, the new window colour


def test_mid_breath_the_next_frame_comes_at_the_frame_rate(qtbot: QtBot) -> None:
    from kindly.ui.session.breath_pacer import FRAME_INTERVAL_MS

    _window, pacer, _paints = _painted_pacer(qtbot, [7.0])  # the middle of the inhale, 5-9 s
    pacer.advance()
    assert pacer.next_frame_in(7.0) == pytest.approx(FRAME_INTERVAL_MS / 1000)


def test_through_a_hold_the_pacer_wakes_only_now_and_then(qtbot: QtBot) -> None:
    from kindly.ui.session.breath_pacer import MAX_FRAME_GAP_S

    position = [10.0]  # the hold, 9-13 s: nothing moves
    _window, pacer, _paints = _painted_pacer(qtbot, position)
    pacer.advance()
    assert pacer.next_frame_in(10.0) == pytest.approx(MAX_FRAME_GAP_S)
    position[0] = 12.9
    pacer.advance()
    assert pacer.next_frame_in(12.9) == pytest.approx(0.1)  # the exhale, from its start


def test_as_a_breath_slows_to_its_turn_frames_come_further_apart(qtbot: QtBot) -> None:
    from kindly.ui.session.breath_pacer import FRAME_INTERVAL_MS

    position = [5.05]  # the first moment of the inhale (5-9 s): barely moving yet
    _window, pacer, _paints = _painted_pacer(qtbot, position)
    pacer.advance()
    slow = pacer.next_frame_in(5.05)
    position[0] = 6.0
    pacer.advance()
    assert slow > 3 * FRAME_INTERVAL_MS / 1000 > pacer.next_frame_in(6.0)


def test_the_words_beside_the_pacer_can_ask_for_a_frame_sooner(qtbot: QtBot) -> None:
    from kindly.ui.session.breath_pacer import FRAME_INTERVAL_MS

    position = [10.0]
    _window, pacer, _paints = _painted_pacer(qtbot, position)
    pacer.words_change_in = lambda t: 0.07
    pacer.advance()
    assert pacer.next_frame_in(10.0) == pytest.approx(0.07)
    pacer.words_change_in = lambda t: 0.0
    assert pacer.next_frame_in(10.0) == pytest.approx(FRAME_INTERVAL_MS / 1000)  # never faster than the rate


def test_the_breath_moves_fastest_mid_phase_and_not_at_all_on_a_hold() -> None:
    from kindly.ui.session.breath_pacer import level_speed

    inhale = PLAN.breath_at(5.0)
    assert level_speed(inhale, 7.0) > level_speed(inhale, 5.2) > 0.0
    assert level_speed(PLAN.breath_at(10.0), 10.0) == 0.0
