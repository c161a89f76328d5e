"""Starting the app: the QApplication, the session controller and the main window, wired.

Start-up is kept to what the first painted window needs: the practices (which
read clip lengths with soundfile) are loaded just after the first paint, and
the audio layer (numpy, pydub) only when a session or a test sound starts.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kindly import APP_ID, APP_NAME
from kindly.core.clock import SystemClock
from kindly.core.errors import KindlyFailure
from kindly.library.path_week import PathWeekSource
from kindly.library.practice_catalogue import PracticeCatalogue
from kindly.locations import data_dir
from kindly.platform.desktop_session import window_needs_display_variable
from kindly.settings.options import THEME
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import Settings
from kindly.start_up_collection import resume_collection
from kindly.store.session_history import SessionHistory
from kindly.ui.app.icons import app_icon
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.app.qt_binding_check import require_sound_binding
from kindly.ui.app.qt_messages import log_qt_messages_without_stderr
from kindly.ui.app.single_instance import LaunchRequest, SingleInstance
from kindly.ui.app.sync_triggers import SyncTriggers, merge_on_history_thread
from kindly.ui.gui_thread import deliver_posted, on_main
from kindly.ui.session.session_controller import SessionController
from kindly.ui.stats.history_summary import HistorySummary
from kindly.ui.theme import style_buttons

if TYPE_CHECKING:
    from kindly.audio.player_factory import SessionAudio
    from kindly.audio.player_interface import PlayerListener, SessionPlayer
    from kindly.core.checkin import CheckIn
    from kindly.library.library_entry import LibraryEntry
    from kindly.ui.app.app_presence import AppPresence
    from kindly.ui.stats.stats_view import StatsView

log = logging.getLogger(__name__)

# The audio layer (numpy, pydub) is imported this long after the first paint, on the idle GUI thread.
AUDIO_AFTER_PAINT_MS = 300

# The tray, the reminder and the door for later launches start this long after the home page is complete.
PRESENCE_AFTER_HOME_MS = 30

# Once the home page is built, it waits at most this long for Today's week and story, read on the
# history's thread meanwhile, so that it is painted once, complete (a history slower than this: twice).
HOME_WAITS_FOR_HISTORY_S = 0.1

# The garbage collector, paused for start-up, runs again once the home page is complete, or after this
# long whatever happens (a history file held by another program keeps Today waiting).
COLLECTION_PAUSED_AT_MOST_MS = 3000

# `make bench` sets this to time start-up: Kindly quits right after its first paint.
FIRST_PAINT_PROBE = "KINDLY_QUIT_AFTER_FIRST_PAINT"


@dataclass
class AppParts:
    """Everything `run_app` builds, for the tray, single-instance and tests to wire into."""

    app: QApplication
    settings: Settings
    controller: SessionController
    window: MainWindow
    practices: PracticeCatalogue
    history: SessionHistory
    summary: HistorySummary
    players: PlayerMaker
    sync: SyncTriggers
    presence: AppPresence | None = None


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with Kindly's identity; follows the system's palette (made readable) and scaling.

    Scale factors are not rounded: Qt 6's default (PassThrough), left as it is
    so that touching the Qt namespace (~100 enums built at once) waits for the paint.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    from kindly.ui.theme import apply_look

    # Every text on its background at WCAG AA (as the system's palette changes); the soft buttons once the
    # home page is built (`style_buttons`): a page is built three times as fast before the style sheet.
    apply_look(app, buttons_now=False)
    return app


class PlayerMaker:
    """Makes each session's live player from the app's one `SessionAudio` (one bank).

    The audio layer (numpy, pydub: slow to import) never delays the first paint: it is
    loaded by `prepare`, called once the window has settled, or else at the first session.
    """

    def __init__(self) -> None:
        self._audio: SessionAudio | None = None

    @property
    def prepared(self) -> bool:
        return self._audio is not None

    def prepare(self) -> None:
        """Load the audio layer now, so the first Start sounds as promptly as the next."""
        if self._audio is None:
            from kindly.audio.player_factory import SessionAudio

            self._audio = SessionAudio(SystemClock())

    def __call__(self, listener: PlayerListener) -> SessionPlayer:
        self.prepare()
        assert self._audio is not None
        return self._audio.player(listener)


def build_parts(app: QApplication) -> AppParts:
    settings = open_settings()
    from kindly.ui.theme import use_theme  # loaded with the look, in `create_application`

    use_theme(settings.get(THEME))  # light or dark if the person chose so (system: nothing to do)
    clock = SystemClock()
    practices = PracticeCatalogue(index=_practice_index)
    history = SessionHistory(clock)
    summary = HistorySummary(history, settings, clock)
    players = PlayerMaker()

    def keep_checkin(answer: CheckIn) -> None:
        history.checkin_after(answer)
        sync.session_recorded()  # the check-in after reaches the other machines as the session did

    controller = SessionController(players, clock, plan_builder=practices.plan, session_log=history, parent=app)
    window = MainWindow(
        WindowParts(
            settings,
            controller,
            catalogue=practices,
            story=summary.story,
            story_later=summary.story_later,
            stats_page=lambda: _stats_page(summary, practices, history),
            load_library_now=False,
            home_now=False,
            path=PathWeekSource(practices, history, clock),
            keep_checkin=keep_checkin,
        )
    )
    history.set_notify(on_main(window.show_notice))  # told from the history's own thread
    sync = SyncTriggers(
        settings,
        merge_on_history_thread(history, data_dir()),
        window.show_notice,
        window.show_passing_notice,
        parent=window,
    )
    controller.session_finished.connect(sync.session_recorded)
    window.settings_changed.connect(sync.settings_changed)
    sync.merged.connect(window.history_changed)
    from kindly.ui.app.voices_ahead import VoicesAhead

    voices = VoicesAhead(practices, parent=window)  # a person's own scripts in a slow voice, between sessions
    window.library_read.connect(voices.library_read)
    # Held from the moment a session is being prepared (its own voice comes first) until it is over.
    controller.session_preparing.connect(voices.session_coming)
    controller.session_started.connect(voices.session_coming)
    controller.session_finished.connect(voices.session_over)
    controller.start_failed.connect(voices.session_over)
    # Quitting mid-session keeps the practice so far: stop (and record) before the history closes.
    app.aboutToQuit.connect(controller.stop)
    app.aboutToQuit.connect(history.close)
    return AppParts(app, settings, controller, window, practices, history, summary, players, sync)


def _practice_index() -> list[LibraryEntry] | None:
    """The bundled practices' lines written ahead, when they hold (loaded with the practices, after the paint)."""
    from kindly.library.practice_index import read_index

    return read_index()


def _stats_page(summary: HistorySummary, practices: PracticeCatalogue, history: SessionHistory) -> StatsView:
    from kindly.ui.stats.stats_view import StatsView

    return StatsView(summary.history, practices.title_of, forget=history.forget_checkins)


def require_display() -> None:
    """On X11/Wayland desktops, refuse in one line when there is no display (Qt would abort with a core dump)."""
    if not window_needs_display_variable() or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        raise KindlyFailure(
            "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
            "the commands (kindly practices, render, stats, history) work without one"
        )


def run_app(tray: bool, start: str | None) -> int:
    """`kindly`, `kindly --tray` and `kindly --start NAME`; returns the exit status."""
    log_qt_messages_without_stderr()  # the windowed exe's: a platform plugin that fails to load is kept too
    # Before any window: a binding that would abort mid-session, or no screen at all, is told now in one line.
    require_sound_binding()
    require_display()
    app = create_application(sys.argv[:1])
    instance = SingleInstance(data_dir())
    # The lock now, before the window; the door for later launches (QtNetwork) with the tray.
    if not instance.claim_or_forward(LaunchRequest(start=start, tray=tray), listen=False):
        return 0  # the running Kindly has taken the request
    parts = build_parts(app)
    window = parts.window
    QTimer.singleShot(COLLECTION_PAUSED_AT_MOST_MS, resume_collection)
    if os.environ.get(FIRST_PAINT_PROBE):
        after_first_paint(window, lambda: _report_first_paint(app))
    elif start:
        resume_collection()  # a session starts now: nothing more of start-up to wait for
        style_buttons()
        start_presence(parts, instance)
        parts.sync.start()
        window.reload_library()
        window.start_quick(start)
    elif tray:
        from kindly.ui.tray.without_tray import start_hidden_or_explain

        resume_collection()  # hidden in the tray: no home page to wait for
        style_buttons()  # its menu may open a page before the home is built
        start_presence(parts, instance)
        parts.sync.start()
        if start_hidden_or_explain(window):
            return app.exec()  # hidden in the tray: the practices are read when first needed
    else:
        # Neither the practices nor the tray, reminder and door are needed to see the window: after it.
        after_first_paint(window, lambda: _after_first_paint(parts, instance))
    window.show()
    return app.exec()


def _after_first_paint(parts: AppParts, instance: SingleInstance) -> None:
    window = parts.window
    # The history first, on its own thread, while the home page is built here: by the time "Today" asks
    # for its week the file is open (not at the first Start either: damage found and repaired is told
    # at once, in the notice bar). Not before the first paint: its imports would hold the frame back.
    parts.history.open_soon()
    from kindly.ui.theme import follow_contrast

    follow_contrast()  # high contrast, if the desktop asks for it (not before: it builds Qt's namespace)
    # The tray, the reminder and the door for later launches a moment after the home page is complete
    # ("Today" has its week) and painted: nobody is kept from the page for an icon.
    # (The window is the timer's context: a window closed meanwhile takes the call with it.)
    from PySide6.QtCore import Qt

    def home_complete() -> None:
        resume_collection()
        # Then a merge from the sync folder (on the history's thread): Today is shown from this machine's
        # history at once, and with the other machines' sessions as soon as they are merged.
        parts.sync.start()
        QTimer.singleShot(PRESENCE_AFTER_HOME_MS, window, lambda: _start_presence_or_say(parts, instance))

    window.week_changed.connect(home_complete, Qt.ConnectionType.SingleShotConnection)  # the week is told again later
    window.reload_library()
    style_buttons()  # the home page is built: its buttons styled at once, before it paints
    if window.path is None:
        home_complete()  # no "Today" to wait for
    else:
        # Today's week and story are being read on the history's thread. Waiting for them here a moment
        # (the thread has the interpreter to itself meanwhile) shows them in the home page's first paint:
        # no frame of a Today without its week, and one paint of the whole page instead of two.
        parts.history.flush(at_most_s=HOME_WAITS_FOR_HISTORY_S)
        deliver_posted()
    # The audio layer a moment later, once the home page is up: the first Start then sounds as
    # promptly as the next (make bench's start-to-first-cue times both), and no launch waits for it.
    QTimer.singleShot(AUDIO_AFTER_PAINT_MS, parts.players.prepare)


def _start_presence_or_say(parts: AppParts, instance: SingleInstance) -> None:
    try:
        start_presence(parts, instance)
    except KindlyFailure as exc:
        # The window is up: say it there rather than take it away.
        log.error("%s", exc)
        parts.window.show_notice(f"Later launches cannot reach this Kindly: {exc}")


def start_presence(parts: AppParts, instance: SingleInstance) -> AppPresence:
    """The door for later launches, then the tray and the reminder, around the built window."""
    from kindly.ui.app.app_presence import AppPresence

    instance.listen()
    summary = parts.summary
    presence = AppPresence(
        parts.window, SystemClock(), instance, practised_today=lambda: summary.history().summary.practised_today
    )
    parts.window.settings_changed.connect(presence.settings_changed)
    parts.presence = presence
    return presence


def _report_first_paint(app: QApplication) -> None:
    # A marker in the stderr stream, so `-X importtime` shows what came before the paint.
    print("kindly: first paint done", file=sys.stderr, flush=True)
    app.quit()


class _FirstPaint(QObject):
    """Calls back once, from the event loop, right after the window's first paint."""

    def __init__(self, callback: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def after_first_paint(window: QWidget, callback: Callable[[], object]) -> None:
    window.installEventFilter(_FirstPaint(callback, window))
