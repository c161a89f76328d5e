"""Kindly's tray menu: quick starts, favourites and the running session's controls.

The tray never ticks on its own. While a session runs it repaints the time
left when the session controller reports it (once a second at most, and only
when the shown text changes); while idle it has no timer at all, so an idle
Kindly in the tray never wakes up. The icon is `tray_icon`'s, the login
switch `autostart_action`'s, life without a tray `without_tray`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from kindly import APP_NAME
from kindly.library.quick_starts import LAST, RIGHT_NOW, RIGHT_NOW_LABEL, quick_start_presets
from kindly.ui.clock_text import format_clock
from kindly.ui.tray.autostart_action import LoginAutostartAction
from kindly.ui.tray.tray_icon import kindly_icon, tray_image

log = logging.getLogger(__name__)

QuickStart = Callable[[str], object]  # starts a session by quick-start name (a practice id or a preset)
Favourites = Callable[[], list[tuple[str, str]]]  # (practice id, title) in menu order

MESSAGE_SHOWN_MS = 10_000


class SessionControls(Protocol):
    """What the tray needs of the session controller (`kindly.ui.session.session_controller.SessionController`)."""

    session_started: SignalInstance  # (session with a `title`)
    session_finished: SignalInstance  # (outcome)
    time_left_changed: SignalInstance  # (seconds)
    paused_changed: SignalInstance  # (paused)

    @property
    def is_active(self) -> bool: ...

    @property
    def is_paused(self) -> bool: ...

    def time_left_s(self) -> float: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def stop(self) -> None: ...


class KindlyTray(QObject):
    """The tray icon and its menu, following one session controller."""

    show_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        controls: SessionControls,
        start: QuickStart,
        favourites: Favourites = lambda: [],
        icon: QIcon | None = None,
        parent: QObject | None = None,
        right_now: Callable[[], bool] = lambda: False,
        today: Callable[[], tuple[str, str] | None] = lambda: None,
        practices: Favourites = lambda: [],
        done_today: Callable[[], str] = lambda: "",
    ) -> None:
        """`today` gives the home's one invitation (quick-start name, its words: "Start: A one-minute
        pause", or "Another? ..." once practised), which comes first, under `done_today`'s line
        ("Practised today: 12 minutes", "" before any practice today); `right_now`
        says whether the "Right now" practice can start: then it comes next. `practices` are every
        practice that can start, offered in a Practices submenu (Right now and favourites first)."""
        super().__init__(parent)
        self._controls = controls
        self._start = start
        self._favourites = favourites
        self._right_now = right_now
        self._today = today
        self._done_today = done_today
        self._practices = practices
        self._title = ""
        self._shown_time_left = ""
        self._message_clicked: Callable[[], None] | None = None  # what a click on the message shown asks

        # Notifications show Kindly in colour, beside a menu bar icon that may be a template.
        self._message_icon = icon or kindly_icon()
        self.icon = QSystemTrayIcon(tray_image(self._message_icon), self)
        self.icon.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.menu.setTitle(APP_NAME)

        self.time_left_action = QAction("", self)
        self.time_left_action.setEnabled(False)
        self.pause_action = QAction("&Pause", self)
        self.pause_action.triggered.connect(self._toggle_pause)
        self.stop_action = QAction("&Stop session", self)
        self.stop_action.triggered.connect(controls.stop)
        self._session_separator = QAction(self)
        self._session_separator.setSeparator(True)
        self._quick_starts_end = QAction(self)
        self._quick_starts_end.setSeparator(True)
        self.autostart_action = LoginAutostartAction(lambda text: self.show_message(APP_NAME, text), self)
        self.show_action = QAction(f"Show {APP_NAME}", self)
        self.show_action.triggered.connect(self.show_requested)
        self.quit_action = QAction(f"&Quit {APP_NAME}", self)
        self.quit_action.triggered.connect(self.quit_requested)
        self._quick_start_actions: list[QAction] = []
        self._shown: tuple[object, ...] | None = None  # what the quick starts and practices were built from
        self.practices_menu = QMenu("P&ractices")
        self.practices_menu.menuAction().setVisible(False)  # until there are practices to list

        self.menu.addActions([self.time_left_action, self.pause_action, self.stop_action, self._session_separator])
        self.menu.addAction(self.practices_menu.menuAction())
        self.menu.addAction(self._quick_starts_end)
        self.menu.addActions([self.autostart_action, self.show_action, self.quit_action])
        self.menu.aboutToShow.connect(self.refresh_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(self._on_message_clicked)

        controls.session_started.connect(self._on_started)
        controls.session_finished.connect(self._on_finished)
        controls.paused_changed.connect(self._on_paused)
        controls.time_left_changed.connect(self._show_time_left)
        self.refresh_menu()

    # --- for the app ----------------------------------------------------------
    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def show_message(self, title: str, text: str, clicked: Callable[[], None] | None = None) -> None:
        """A notification beside the tray icon; it never takes the keyboard focus.

        Clicking it brings the window up, then runs `clicked` (the message's own page, say).
        """
        self._message_clicked = clicked
        self.icon.showMessage(title, text, self._message_icon, MESSAGE_SHOWN_MS)

    def refresh_menu(self) -> None:
        """Bring the menu up to date (it is also done each time the menu opens)."""
        self._rebuild_quick_starts()
        self._show_session_state()
        self.autostart_action.sync()

    # --- internals ---------------------------------------------------------------
    def _rebuild_quick_starts(self) -> None:
        presets = dict(quick_start_presets())
        today = self._today()
        entries = [today] if today is not None else []
        entries += [(RIGHT_NOW, RIGHT_NOW_LABEL)] if self._right_now() else []
        last = presets.pop(LAST, "Last session again")
        entries += [(LAST, last)] if today is None or today[0] != LAST else []  # the usual, offered once
        entries += [(practice, title) for practice, title in self._favourites() if practice != RIGHT_NOW]
        entries += list(presets.items())
        done = self._done_today()
        practices = self._practices()
        shown = (tuple(entries), done, tuple(practices), tuple(self._favourites()), self._right_now())
        if shown == self._shown:
            # Unchanged since the menu last opened: kept as it is. Rebuilt at every opening, its actions
            # left memory behind each time (tests/soak's tray soak measures the growth).
            self._set_practices_visible()
            return
        self._shown = shown
        for action in self._quick_start_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self._quick_start_actions = []
        if done:  # said, not offered: the day's practice is done, and another is welcome
            said = QAction(done, self)
            said.setEnabled(False)
            self._quick_start_actions.append(said)
        for name, label in entries:
            action = QAction(label.replace("&", "&&"), self)
            action.setData(name)
            action.triggered.connect(lambda _checked=False, n=name: self._start(n))
            self._quick_start_actions.append(action)
        self.menu.insertActions(self.practices_menu.menuAction(), self._quick_start_actions)
        self._rebuild_practices(practices)

    def _rebuild_practices(self, practices: list[tuple[str, str]]) -> None:
        """Every practice, "Right now" and the favourites first, the rest in the library's order."""
        for action in self.practices_menu.actions():
            self.practices_menu.removeAction(action)
            action.deleteLater()
        favourites = [p for p, _title in self._favourites()]
        first = ([RIGHT_NOW] if self._right_now() else []) + [p for p in favourites if p != RIGHT_NOW]
        titles = dict(practices)
        ordered = [(p, titles[p]) for p in first if p in titles] + [(p, t) for p, t in practices if p not in first]
        for name, label in ordered:
            action = self.practices_menu.addAction(label.replace("&", "&&"))
            action.setData(name)
            action.triggered.connect(lambda _checked=False, n=name: self._start(n))
        self._set_practices_visible()

    def _set_practices_visible(self) -> None:
        """The practices' submenu, when there are practices and no session runs."""
        self.practices_menu.menuAction().setVisible(
            bool(self.practices_menu.actions()) and not self._controls.is_active
        )

    def _on_started(self, session: object) -> None:
        self._title = str(getattr(session, "title", "") or "")
        self._show_session_state()

    def _on_finished(self, _outcome: object) -> None:
        self._show_session_state()

    def _on_paused(self, _paused: bool) -> None:
        self._show_session_state()

    def _show_session_state(self) -> None:
        running = self._controls.is_active
        for action in (self.time_left_action, self.pause_action, self.stop_action, self._session_separator):
            action.setVisible(running)
        # During a session the menu is about that session: another start (which would end it) waits.
        for action in (*self._quick_start_actions, self._quick_starts_end):
            action.setVisible(not running)
        self.practices_menu.menuAction().setVisible(not running and not self.practices_menu.isEmpty())
        self.pause_action.setText("&Resume" if running and self._controls.is_paused else "&Pause")
        if running:
            self._show_time_left(self._controls.time_left_s())
        else:
            self._title = ""
            self._shown_time_left = ""
            self.time_left_action.setText("")
            self.icon.setToolTip(APP_NAME)

    def _show_time_left(self, seconds: float) -> None:
        if not self._controls.is_active:
            return
        paused = " (paused)" if self._controls.is_paused else ""
        text = f"{format_clock(seconds)} left{paused}"
        if text == self._shown_time_left:
            return
        self._shown_time_left = text
        self.time_left_action.setText(text)
        self.icon.setToolTip(f"{APP_NAME}: {self._title}, {text}" if self._title else f"{APP_NAME}: {text}")

    def _toggle_pause(self) -> None:
        if self._controls.is_paused:
            self._controls.resume()
        else:
            self._controls.pause()

    def _on_message_clicked(self) -> None:
        self.show_requested.emit()
        if self._message_clicked is not None:
            self._message_clicked()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_requested.emit()
