"""The keyboard's media keys and the desktop's media controls, for the running session.

On every system the play/pause and stop keys work while Kindly's window has focus (shortcuts on
the window). On Linux, while a session runs, Kindly is also an MPRIS player
(`kindly.platform.mpris_player`): the media keys anywhere, a headset's button, GNOME's and KDE's
media controls and the lock screen pause, resume and stop it. If the person asked for it
(Preferences), the other players that were playing are paused for the session and resumed after.

The bus's calls arrive on its own thread; `on_main` takes each command to the GUI thread, where
the controller is. Without a session bus (Windows, macOS, a bare session) only the keys remain.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut

import kindly.settings.options as opt
from kindly.ui.gui_thread import on_main

if TYPE_CHECKING:
    from kindly.platform.mpris_player import MprisPlayer, NowPlaying
    from kindly.platform.other_players import OtherPlayers
    from kindly.platform.session_bus import SessionBus
    from kindly.ui.app.main_window import MainWindow
    from kindly.ui.session.session_controller import ActiveSession

log = logging.getLogger(__name__)

# A keyboard's one play/pause key arrives as any of these, by keyboard and layout: each toggles.
PLAY_PAUSE_KEYS = (Qt.Key.Key_MediaTogglePlayPause, Qt.Key.Key_MediaPlay, Qt.Key.Key_MediaPause)


class SessionMediaControls(QObject):
    """Media keys on the window, and Kindly's MPRIS player on the session bus while a session runs."""

    def __init__(
        self,
        window: MainWindow,
        session_bus: Callable[[], SessionBus | None],
        stop: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`session_bus` opens (once) the desktop's bus when the first session starts; `stop` is how a
        media Stop ends the session (the controller's `stop` unless given)."""
        super().__init__(parent)
        self._window = window
        self._controller = window.controller
        self._session_bus = session_bus
        self._stop = stop or self._controller.stop
        self._player: MprisPlayer | None = None
        self._others: OtherPlayers | None = None
        self._track = 0
        self.shortcuts: list[QShortcut] = []
        for key in PLAY_PAUSE_KEYS:
            self._add_key(key, self._controller.toggle_pause)
        self._add_key(Qt.Key.Key_MediaStop, self._ask_to_stop)
        self._controller.session_started.connect(self._on_started)
        self._controller.session_finished.connect(self._on_finished)
        self._controller.paused_changed.connect(self._show_now)
        self._controller.time_left_changed.connect(self._show_now)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._on_quit)

    @property
    def player(self) -> MprisPlayer | None:
        """Kindly's MPRIS player, once a session has started on a session bus."""
        return self._player

    @property
    def other_players(self) -> OtherPlayers | None:
        """The other players Kindly pauses (when asked to), once a session has started on a session bus."""
        return self._others

    # --- the session --------------------------------------------------------------------------
    def _on_started(self, session: ActiveSession) -> None:
        bus = self._session_bus()
        if bus is None:
            return
        if self._player is None:
            from kindly.platform.mpris_player import MprisPlayer
            from kindly.platform.other_players import OtherPlayers

            self._player = MprisPlayer(bus, on_main(self._on_command))
            self._others = OtherPlayers(bus)
        self._track += 1
        self._player.publish(self._now(session))
        if self._others is not None and self._window.settings.get(opt.PAUSE_OTHER_PLAYERS):
            self._others.pause_playing()

    def _on_finished(self, _outcome: object = None) -> None:
        if self._player is not None:
            self._player.withdraw()
        if self._others is not None:
            self._others.resume_paused()  # only those Kindly paused: none unless it was asked to

    def _on_quit(self) -> None:
        """Quitting mid-session: the players Kindly paused play again before it goes."""
        if self._controller.is_active:
            self._on_finished()
        if self._others is not None:
            self._others.close()

    def _show_now(self, *_changed: object) -> None:
        session = self._controller.session
        if self._player is not None and session is not None:
            self._player.update(self._now(session))

    def _now(self, session: ActiveSession) -> NowPlaying:
        from kindly.platform.mpris_player import PAUSED, PLAYING, NowPlaying

        plan = session.plan
        return NowPlaying(
            status=PAUSED if self._controller.is_paused else PLAYING,
            title=session.title,
            length_s=plan.end_s,
            position_s=self._controller.position_s(),
            track=self._track,
        )

    # --- what the desktop and the keys ask --------------------------------------------------------
    def _on_command(self, command: str) -> None:
        """A command from the desktop's media controls, here on the GUI thread."""
        if command == "PlayPause":
            self._controller.toggle_pause()
        elif command == "Play":
            self._controller.resume()
        elif command == "Pause":
            self._controller.pause()
        elif command == "Stop":
            self._ask_to_stop()
        elif command == "Raise":
            self._window.raise_window()

    def _ask_to_stop(self) -> None:
        """In front of the window, Stop asks as the window's own Stop does; from the lock screen or the
        desktop's controls, with the window away, there is no one at the window to answer: it stops."""
        if not self._controller.is_active:
            return
        if self._window.isVisible() and not self._window.isMinimized():
            self._window.session_screen.request_stop()
        else:
            self._stop()

    def _add_key(self, key: Qt.Key, action: Callable[[], None]) -> None:
        shortcut = QShortcut(QKeySequence(key), self._window, action)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcuts.append(shortcut)
