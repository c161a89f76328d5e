"""The tray menu: quick starts, the running session's controls and time left, and life without a tray."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QSystemTrayIcon

from fakes import FakeClock
from kindly.library.quick_starts import resolve_quick_start
from kindly.library.session_choices import SessionChoices
from kindly.platform.login_autostart import autostart_installed, install_autostart
from kindly.ui.app.icons import TRAY_TEMPLATE_SIZES, tray_template_path
from kindly.ui.session.session_controller import SessionController
from kindly.ui.tray.tray_icon import drawn_icon, kindly_icon, tray_image
from kindly.ui.tray.tray_menu import KindlyTray
from kindly.ui.tray.without_tray import NO_TRAY_LINE, NO_TRAY_NOTICE, QuitWithoutTray, start_hidden_or_explain

FAVOURITES = [("gentle-hand", "A gentle hand"), ("body-scan", "Kind body scan")]


@pytest.fixture
def started() -> list[str]:
    """The quick-start names the tray asked for, in order."""
    return []


@pytest.fixture
def tray(controller: SessionController, started: list[str]) -> KindlyTray:
    return KindlyTray(controller, started.append, lambda: list(FAVOURITES), icon=drawn_icon())


def _labels(menu: QMenu) -> list[str]:
    """The menu as a user sees it: visible entries, separators as '--'."""
    return ["--" if a.isSeparator() else a.text() for a in menu.actions() if a.isVisible()]


def _action(menu: QMenu, text: str) -> QAction:
    matches = [a for a in menu.actions() if a.text() == text and a.isVisible()]
    assert len(matches) == 1, f"{text!r} not in {_labels(menu)}"
    return matches[0]


def _start_timer(controller: SessionController, name: str = "timer-5") -> None:
    controller.start_session(resolve_quick_start(name, SessionChoices(), {}))


def test_while_idle_the_menu_offers_quick_starts_and_no_session_controls(tray: KindlyTray) -> None:
    assert _labels(tray.menu) == [
        "Last session again",
        "A gentle hand",
        "Kind body scan",
        "Silent timer, 5 minutes",
        "Silent timer, 10 minutes",
        "Silent timer, 20 minutes",
        "--",
        "Start Kindly at &login",
        "Show Kindly",
        "&Quit Kindly",
    ]


def test_right_now_comes_first_when_it_can_start(controller: SessionController, started: list[str]) -> None:
    favourites = [("right-now", "Right now"), *FAVOURITES]
    tray = KindlyTray(controller, started.append, lambda: favourites, icon=drawn_icon(), right_now=lambda: True)
    labels = _labels(tray.menu)
    assert labels[:4] == [
        "Right now: three minutes for a hard moment",
        "Last session again",
        "A gentle hand",
        "Kind body scan",
    ]
    _action(tray.menu, labels[0]).trigger()
    assert started == ["right-now"]


def test_today_s_practice_on_the_path_comes_first_of_all(controller: SessionController, started: list[str]) -> None:
    tray = KindlyTray(
        controller,
        started.append,
        lambda: FAVOURITES,
        icon=drawn_icon(),
        right_now=lambda: True,
        today=lambda: ("one-minute-pause", "Start: A one-minute pause"),
    )
    labels = _labels(tray.menu)
    assert labels[:2] == ["Start: A one-minute pause", "Right now: three minutes for a hard moment"]
    _action(tray.menu, labels[0]).trigger()
    assert started == ["one-minute-pause"]


@pytest.mark.parametrize(
    "label, name",
    [
        ("Last session again", "last"),
        ("A gentle hand", "gentle-hand"),
        ("Silent timer, 5 minutes", "timer-5"),
        ("Silent timer, 10 minutes", "timer-10"),
        ("Silent timer, 20 minutes", "timer-20"),
    ],
)
def test_a_quick_start_entry_asks_for_its_session_by_name(
    tray: KindlyTray, started: list[str], label: str, name: str
) -> None:
    _action(tray.menu, label).trigger()
    assert started == [name]


def test_favourites_are_read_again_each_time_the_menu_opens(controller: SessionController, started: list[str]) -> None:
    favourites = [("gentle-hand", "A gentle hand")]
    tray = KindlyTray(controller, started.append, lambda: list(favourites), icon=drawn_icon())
    favourites[:] = [("body-scan", "Kind body scan")]
    tray.menu.aboutToShow.emit()
    _action(tray.menu, "Kind body scan").trigger()
    assert started == ["body-scan"]
    assert "A gentle hand" not in _labels(tray.menu)


def test_opening_the_menu_again_with_nothing_changed_keeps_its_entries(tray: KindlyTray) -> None:
    """Rebuilt at every opening, its ~35 entries left memory behind each time (tests/soak's tray soak)."""
    before = list(tray.menu.actions())
    tray.menu.aboutToShow.emit()
    tray.menu.aboutToShow.emit()
    assert tray.menu.actions() == before


def test_a_day_s_practice_done_changes_the_menu_when_it_next_opens(
    controller: SessionController, started: list[str]
) -> None:
    done = [""]
    tray = KindlyTray(
        controller, started.append, lambda: list(FAVOURITES), icon=drawn_icon(), done_today=lambda: done[0]
    )
    assert "Practised today: 12 minutes" not in _labels(tray.menu)
    done[0] = "Practised today: 12 minutes"
    tray.menu.aboutToShow.emit()
    assert _labels(tray.menu)[0] == "Practised today: 12 minutes"


def test_an_ampersand_in_a_title_is_shown_not_taken_for_a_shortcut(controller: SessionController) -> None:
    tray = KindlyTray(controller, lambda _n: None, lambda: [("rest", "Rest & ease")], icon=drawn_icon())
    assert "Rest && ease" in _labels(tray.menu)


def test_while_a_session_runs_the_menu_shows_time_left_pause_and_stop(
    tray: KindlyTray, controller: SessionController
) -> None:
    _start_timer(controller)
    assert _labels(tray.menu)[:4] == ["5:05 left", "&Pause", "&Stop session", "--"]
    assert not tray.time_left_action.isEnabled()


def test_the_tooltip_names_the_session_and_its_time_left(tray: KindlyTray, controller: SessionController) -> None:
    assert tray.icon.toolTip() == "Kindly"
    _start_timer(controller)
    assert tray.icon.toolTip() == "Kindly: Silent timer, 5:05 left"


def test_time_left_follows_the_session_as_it_goes(
    tray: KindlyTray, controller: SessionController, clock: FakeClock
) -> None:
    _start_timer(controller)
    clock.advance(65.2)
    controller.refresh()
    assert tray.time_left_action.text() == "4:00 left"


def test_pause_in_the_menu_pauses_and_then_offers_resume(tray: KindlyTray, controller: SessionController) -> None:
    _start_timer(controller)
    _action(tray.menu, "&Pause").trigger()
    assert controller.is_paused
    assert _labels(tray.menu)[:2] == ["5:05 left (paused)", "&Resume"]
    _action(tray.menu, "&Resume").trigger()
    assert not controller.is_paused


def test_stop_in_the_menu_ends_the_session_and_the_controls_go_away(
    tray: KindlyTray, controller: SessionController
) -> None:
    _start_timer(controller)
    _action(tray.menu, "&Stop session").trigger()
    assert not controller.is_active
    assert _labels(tray.menu)[0] == "Last session again"
    assert tray.icon.toolTip() == "Kindly"


def test_a_session_that_ends_by_itself_takes_its_controls_out_of_the_menu(
    tray: KindlyTray, controller: SessionController, clock: FakeClock
) -> None:
    _start_timer(controller)
    clock.advance(5 + 5 * 60)
    controller.refresh()
    assert "&Stop session" not in _labels(tray.menu)


def test_the_tray_keeps_no_timer_of_its_own(tray: KindlyTray, controller: SessionController) -> None:
    _start_timer(controller)
    controller.stop()
    assert tray.findChildren(QTimer) == []


def test_show_kindly_and_quit_are_asked_of_the_app(tray: KindlyTray, qtbot: object) -> None:
    asked: list[str] = []
    tray.show_requested.connect(lambda: asked.append("show"))
    tray.quit_requested.connect(lambda: asked.append("quit"))
    _action(tray.menu, "Show Kindly").trigger()
    _action(tray.menu, "&Quit Kindly").trigger()
    assert asked == ["show", "quit"]


def test_clicking_the_icon_shows_kindly(tray: KindlyTray) -> None:
    asked: list[str] = []
    tray.show_requested.connect(lambda: asked.append("show"))
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert asked == ["show"]


def test_the_login_entry_can_be_switched_on_and_off_from_the_menu(tray: KindlyTray) -> None:
    _action(tray.menu, "Start Kindly at &login").trigger()
    assert autostart_installed()
    _action(tray.menu, "Start Kindly at &login").trigger()
    assert not autostart_installed()


def test_the_login_entry_is_shown_checked_when_it_exists(tray: KindlyTray) -> None:
    install_autostart()
    tray.menu.aboutToShow.emit()
    assert tray.autostart_action.isChecked()


def test_the_app_icon_is_never_empty(qapp: QApplication) -> None:
    assert not kindly_icon().isNull()


def test_the_drawn_icon_comes_in_the_sizes_trays_ask_for(qapp: QApplication) -> None:
    sizes = {size.width() for size in drawn_icon().availableSizes()}
    assert {16, 22, 24, 32, 48} <= sizes


def test_where_the_system_tints_tray_icons_the_tray_shows_a_template(
    controller: SessionController, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kindly.ui.tray.tray_icon.tray_icon_is_template", lambda: True)
    icon = KindlyTray(controller, lambda _n: None, icon=drawn_icon()).icon.icon()
    assert icon.isMask()
    assert {size.width() for size in icon.availableSizes()} == set(TRAY_TEMPLATE_SIZES)


def test_elsewhere_the_tray_shows_kindly_in_colour(
    controller: SessionController, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kindly.ui.tray.tray_icon.tray_icon_is_template", lambda: False)
    icon = KindlyTray(controller, lambda _n: None).icon.icon()
    assert not icon.isMask()
    assert {16, 22, 128, 256} <= {size.width() for size in icon.availableSizes()}


def test_without_its_template_files_the_tray_still_shows_an_icon_in_colour(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("kindly.ui.tray.tray_icon.tray_template_path", lambda size: tmp_path / f"{size}.png")
    icon = tray_image(drawn_icon(), template=True)
    assert not icon.isNull() and not icon.isMask()


@pytest.mark.parametrize("size", TRAY_TEMPLATE_SIZES)
def test_the_menu_bar_template_is_pure_black_shaded_by_alpha_alone(qapp: QApplication, size: int) -> None:
    image = QImage(str(tray_template_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
    assert (image.width(), image.height()) == (size, size)
    pixels = [image.pixelColor(x, y) for x in range(size) for y in range(size)]
    assert all((c.red(), c.green(), c.blue()) == (0, 0, 0) for c in pixels if c.alpha() > 0)
    assert {c.alpha() for c in pixels} >= {0, 255}  # an edge to see, and room around it


# --- without a tray --------------------------------------------------------------------
class _ClosingWindow(QMainWindow):
    """A window that says it is closing, as Kindly's main window does."""

    closing = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)


@pytest.fixture
def window(qtbot: object) -> Iterator[_ClosingWindow]:
    made = _ClosingWindow()
    made.show_notice = lambda text: setattr(made, "notice", text)  # type: ignore[attr-defined]
    yield made
    QGuiApplication.setQuitOnLastWindowClosed(True)


def test_without_a_tray_closing_the_window_quits(window: _ClosingWindow) -> None:
    QuitWithoutTray(window.closing, available=lambda: False, parent=window)
    window.show()
    window.close()
    assert QGuiApplication.quitOnLastWindowClosed()


def test_with_a_tray_closing_the_window_keeps_kindly_running(window: _ClosingWindow) -> None:
    QuitWithoutTray(window.closing, available=lambda: True, parent=window)
    window.show()
    window.close()
    assert not QGuiApplication.quitOnLastWindowClosed()


def test_a_tray_that_goes_away_while_kindly_runs_is_noticed_when_the_window_closes(window: _ClosingWindow) -> None:
    tray_there = [True]
    QuitWithoutTray(window.closing, available=lambda: tray_there[0], parent=window)
    assert not QGuiApplication.quitOnLastWindowClosed()
    tray_there[0] = False
    window.show()
    window.close()
    assert QGuiApplication.quitOnLastWindowClosed()


def test_starting_in_the_tray_without_a_tray_opens_the_window_and_says_why(
    window: QMainWindow, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not start_hidden_or_explain(window, available=lambda: False)
    assert window.isVisible()
    assert window.notice == NO_TRAY_NOTICE  # type: ignore[attr-defined]
    assert capsys.readouterr().err == NO_TRAY_LINE + "\n"


def test_starting_in_the_tray_with_a_tray_stays_hidden(window: QMainWindow, capsys: pytest.CaptureFixture[str]) -> None:
    assert start_hidden_or_explain(window, available=lambda: True)
    assert not window.isVisible()
    assert capsys.readouterr().err == ""


def test_the_tray_shows_kindlys_own_icon(qapp: QApplication) -> None:
    # The bundled icon's large sizes (the drawn stand-in stops at 64 pixels).
    assert {16, 22, 128, 256} <= {size.width() for size in kindly_icon().availableSizes()}


def test_the_window_icon_offers_sizes_up_to_256_px_only(qapp: QApplication) -> None:
    from kindly.ui.app.icons import app_icon

    sizes = sorted(s.width() for s in app_icon().availableSizes())
    assert sizes[0] == 16
    assert max(sizes) == 256


PRACTICES = [
    ("kind-breath", "Kind breath"),
    ("right-now", "Right now"),
    ("body-scan", "Kind body scan"),
    ("noting", "Noting"),
]


def test_the_practices_submenu_lists_right_now_and_favourites_first_then_the_rest(
    controller: SessionController, started: list[str]
) -> None:
    tray = KindlyTray(
        controller,
        started.append,
        lambda: [("body-scan", "Kind body scan")],
        icon=drawn_icon(),
        right_now=lambda: True,
        practices=lambda: PRACTICES,
    )
    assert "P&ractices" in _labels(tray.menu)
    assert _labels(tray.practices_menu) == ["Right now", "Kind body scan", "Kind breath", "Noting"]
    _action(tray.practices_menu, "Noting").trigger()
    assert started == ["noting"]


def test_without_practices_read_there_is_no_empty_submenu(tray: KindlyTray) -> None:
    assert "P&ractices" not in _labels(tray.menu)


def test_while_a_session_runs_no_other_session_is_offered(tray: KindlyTray, controller: SessionController) -> None:
    _start_timer(controller)
    assert _labels(tray.menu) == [
        "5:05 left", "&Pause", "&Stop session", "--", "Start Kindly at &login", "Show Kindly", "&Quit Kindly",
    ]  # fmt: skip
    controller.stop()
    assert "Last session again" in _labels(tray.menu)
