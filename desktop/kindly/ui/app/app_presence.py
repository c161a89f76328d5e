"""Kindly beside its window: the tray, notifications (the daily reminder, a session's end while
the window is away), and requests from later launches.

The app builds the main window, then `AppPresence` around it. Everything here
reaches sessions through the window's public methods (`start_quick`,
`raise_window`, `show_notice`) and its controller, so a session started from
the tray, from `kindly --start` in another terminal, or from the window
behaves the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

import kindly.settings.options as opt
from kindly.core.clock import Clock
from kindly.core.errors import KindlyInputError
from kindly.core.practice_words import practised_today_line
from kindly.platform.desktop_conventions import reopens_window_on_activate
from kindly.platform.keep_awake import KeepAwake
from kindly.ui.app.app_menu import add_app_action
from kindly.ui.app.dock_reopen import DockReopen
from kindly.ui.app.main_window import MainWindow
from kindly.ui.app.notifier import Notifier
from kindly.ui.app.session_end_notice import SessionEndNotice
from kindly.ui.app.single_instance import LaunchRequest, SingleInstance
from kindly.ui.session.session_media_controls import SessionMediaControls
from kindly.ui.session.session_power import SessionPower
from kindly.ui.tray.autostart_action import LoginAutostartAction
from kindly.ui.tray.reminder import REMINDER_TEXT, DailyReminder, ReminderSetting
from kindly.ui.tray.tray_icon import tray_available
from kindly.ui.tray.tray_menu import KindlyTray
from kindly.ui.tray.without_tray import Availability, QuitWithoutTray

if TYPE_CHECKING:
    from kindly.platform.session_bus import SessionBus

# How long Kindly waits, once hidden and idle, before letting go of its caches.
SETTLE_MS = 2000


class AppPresence(QObject):
    """The tray icon (when there is a tray), the reminder, and the running instance's door."""

    def __init__(
        self,
        window: MainWindow,
        clock: Clock,
        instance: SingleInstance | None = None,
        available: Availability = tray_available,
        practised_today: Callable[[], bool] = lambda: False,
        reopen_on_activate: bool | None = None,
    ) -> None:
        """`reopen_on_activate`: activating the app (a Dock click) brings back the hidden window
        (None: where the desktop expects it, `reopens_window_on_activate`)."""
        super().__init__(window)
        self._window = window
        self._practised_today = practised_today
        self._session_bus: SessionBus | None = None
        self._session_bus_opened = False
        self.close_policy = QuitWithoutTray(window.closing, available, parent=self)
        # While a session runs the computer stays awake, and with the pacer in view its display too.
        self.session_power = SessionPower(window, KeepAwake(lambda: self.session_bus), self)
        self.tray: KindlyTray | None = None
        if available():
            self.tray = KindlyTray(
                window.controller,
                window.start_quick,
                self.favourites,
                right_now=self.right_now_available,
                today=self.today_offer,
                practices=self.practices,
                done_today=self.done_today,
            )
            self.tray.menu.aboutToShow.connect(self._read_practices_for_menu)
            self.tray.show_requested.connect(window.raise_window)
            self.tray.quit_requested.connect(QCoreApplication.quit)
            self.tray.show()
            window.week_changed.connect(self.tray.refresh_menu)
        # Starting at login is offered in the window too: without a tray it is the only menu there is.
        self.autostart_action = LoginAutostartAction(window.show_notice, self)
        add_app_action(window.menu_kindly, self.autostart_action)
        window.menu_kindly.aboutToShow.connect(self.autostart_action.sync)
        if reopen_on_activate is None:
            reopen_on_activate = reopens_window_on_activate()
        self.dock_reopen: DockReopen | None = None
        gui = QApplication.instance()
        if isinstance(gui, QApplication):
            # On macOS the switch sits in the application menu, whose opening Qt does not report.
            gui.applicationStateChanged.connect(self._read_autostart_when_active)
            if reopen_on_activate:
                self.dock_reopen = DockReopen(window, gui.applicationState(), self)
                gui.applicationStateChanged.connect(self.dock_reopen.application_state_changed)
        # One way to notify: the desktop's notifications, else the tray's message, else the window.
        self.notifier = Notifier(lambda: self.session_bus, self.tray)
        self.end_notice = SessionEndNotice(window, self.notifier.notify)
        # Media keys on the window; the desktop's media controls open the bus when a session starts.
        self.media_controls = SessionMediaControls(window, lambda: self.session_bus, parent=self)
        self.reminder = DailyReminder(
            lambda: ReminderSetting.load(window.settings),
            self._notify,
            clock,
            wanted=self._reminder_wanted,
            text=self.reminder_text,
        )
        self.reminder.reschedule()
        if instance is not None:
            instance.set_handler(self.handle_launch)
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(instance.release)
        # Idle in the tray, nothing may wake the process: Qt's pixmap cache keeps
        # a flush timer (ticks every 10-30 s) while it holds anything, so it is
        # emptied once Kindly has settled with no window and no session.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.release_idle_caches)
        # Signals, never an event filter on the window: every event it gets would pass through Python.
        window.hidden.connect(self._settle.start)
        window.controller.session_finished.connect(self._settle.start)
        if self.tray is not None:
            self.tray.menu.aboutToHide.connect(self._settle.start)
        self._settle.start()

    @property
    def session_bus(self) -> SessionBus | None:
        """The desktop's session bus, opened on first use (None without one: Windows, macOS, a bare session).

        Media keys and notifications share this one connection; it closes when the app quits.
        """
        if not self._session_bus_opened:
            from kindly.platform.session_bus import SessionBus  # jeepney: not on the way to the first paint

            self._session_bus_opened = True
            self._session_bus = SessionBus.open()
            app = QCoreApplication.instance()
            if self._session_bus is not None and app is not None:
                app.aboutToQuit.connect(self._session_bus.close)
        return self._session_bus

    def release_idle_caches(self) -> None:
        """Empty Qt's pixmap cache when Kindly sits in the tray with nothing to draw."""
        if not self._window.isVisible() and not self._window.controller.is_active:
            QPixmapCache.clear()

    def favourites(self) -> list[tuple[str, str]]:
        """(practice id, title) of the favourite practices that can start, in the user's order.

        None until the practices have been read: Kindly hidden in the tray reads
        them only when its menu first opens or a session is asked for.
        """
        titles = dict(self._window.catalogue.choices())
        return [(p, titles[p]) for p in self._window.settings.get(opt.FAVOURITES) if p in titles]

    def practices(self) -> list[tuple[str, str]]:
        """(practice id, title) of every practice that can start, for the tray's Practices submenu."""
        return self._window.catalogue.choices()

    def todays_practice(self) -> tuple[str, str] | None:
        """(practice id, title) of today's practice on the path, when the person is on one."""
        week = self._window.week  # as the window last read it: the tray never waits for the disk
        return (week.week.daily, week.daily_title) if week is not None else None

    def today_offer(self) -> tuple[str, str] | None:
        """(quick-start name, words) of the home's one invitation: the tray's first item is the same."""
        panel = self._window.this_week
        return panel.offer if panel is not None else None

    def done_today(self) -> str:
        """ "Practised today: 12 minutes", from the history as the window last read it ("" before any)."""
        return practised_today_line(self._window.story)

    def reminder_text(self) -> str:
        """The daily reminder's words: on a path, they name today's practice."""
        today = self.todays_practice()
        if today is None:
            return REMINDER_TEXT
        return f"Today on your path: {today[1]}. A few quiet, kind minutes, whenever you are ready."

    def right_now_available(self) -> bool:
        """Whether the "Right now" practice is in the library and can start (the tray offers it first)."""
        from kindly.library.quick_starts import RIGHT_NOW

        return self._window.catalogue.entry(RIGHT_NOW) is not None

    def settings_changed(self) -> None:
        """Call after the settings change: the reminder time and the favourites are read again."""
        self.reminder.reschedule()
        if self.tray is not None:
            self.tray.refresh_menu()

    def handle_launch(self, request: LaunchRequest) -> None:
        """A later launch's request: start its session, or bring the window up.

        Raises:
            KindlyInputError: the session could not start (told to the launching
                process as well as in the window).
        """
        if request.start:
            attempt = self._window.start_quick(request.start)
            self._window.raise_window()
            if attempt.problem is not None:
                raise KindlyInputError(attempt.problem)
        elif not request.tray:
            self._window.raise_window()

    def _read_autostart_when_active(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.autostart_action.sync()

    def _read_practices_for_menu(self) -> None:
        """Read the practices if nobody has yet (the window reads them after its first paint)."""
        if not self._window.catalogue.loaded:
            self._window.reload_library()
            if self.tray is not None:
                self.tray.refresh_menu()

    def _reminder_wanted(self) -> bool:
        return not self._window.controller.is_active and not self._practised_today()

    def _notify(self, title: str, text: str) -> None:
        if not self.notifier.notify(title, text, self._open_home):
            # No notifications and no tray: the window is how Kindly is reached, and it is open.
            self._window.show_notice(text)

    def _open_home(self) -> None:
        """A click on the reminder: the window up on its practices (a session begun since stays in front)."""
        self._window.raise_window()
        if not self._window.controller.is_active:
            self._window.show_home()
