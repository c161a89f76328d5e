"""The main window: the library and set-up at home, the check-in before, the session, the end screen.

The window is a view over one `SessionController`; the tray and `--start`
use the same public methods (`start_quick`, `start_session`, `show_home`) and
follow the controller's signals, so every way into a session behaves alike.
A start while a session runs shows that session and asks before replacing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, assert_never

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QMainWindow, QScrollArea, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

import kindly.settings.options as opt
from kindly import APP_NAME
from kindly.settings.settings_model import Settings
from kindly.ui.app.app_menu import build_kindly_menu
from kindly.ui.gui_thread import on_main
from kindly.ui.session.session_controller import ActiveSession, SessionController, SessionOutcome
from kindly.ui.session.session_starts import SessionStarts, StartAttempt
from kindly.ui.theme import space

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent

    from kindly.core.checkin import CheckIn
    from kindly.core.practice_words import PracticeStory
    from kindly.library.library_entry import LibraryEntry
    from kindly.library.path_week import PathWeekSource, ThisWeek
    from kindly.library.practice_catalogue import PracticeCatalogue
    from kindly.library.quick_starts import SessionRequest
    from kindly.ui.app.shortcuts_window import ShortcutsWindow
    from kindly.ui.home.path_page import PathPage
    from kindly.ui.home.practice_library_view import PracticeLibraryView
    from kindly.ui.home.session_setup_panel import SessionSetupPanel
    from kindly.ui.home.this_week_panel import ThisWeekPanel
    from kindly.ui.session.checkin_panel import CheckInPanel
    from kindly.ui.session.end_screen import EndScreen
    from kindly.ui.session.session_questions import SessionQuestion
    from kindly.ui.session.session_screen import SessionScreen
    from kindly.ui.settings.preferences_dialog import PreferencesDialog
    from kindly.ui.stats.stats_view import StatsView

# The practices are read this long after the window's first paint: the frame
# reaches the screen first, and a start-up probe that quits at once never waits.
LIBRARY_AFTER_PAINT_MS = 15
# Small enough for a half-screen laptop window, large enough for the set-up panel beside the practices.
MINIMUM_SIZE = (760, 540)
OPENING_SIZE = (920, 640)  # the first time, before a size of the person's own is remembered
# A notice that passes (a start refused by name) goes after this long; one about the settings stays.
PASSING_NOTICE_MS = 12_000

# Qt (the namespace: ~100 enums built on first touch), the Qt classes only the
# home page or a dialog uses (PySide6 builds each class on first touch), the
# library view, the session choices and quick starts load after the first
# paint: they are imported where used.
StorySource = Callable[[], "PracticeStory | None"]  # the history's story so far, None when unknown
# The same, without waiting: the answer comes later, from the history's thread.
StoryLater = Callable[[Callable[["PracticeStory | None"], None]], None]
StatsPageFactory = Callable[[], "StatsView"]  # builds the "Your practice" page when it is first shown
# The parts of the window whose signals it connects, each when it is built (`MainWindow._connect_signals`).
WindowPart = Literal["window", "home", "today", "session", "end", "path", "checkin", "preferences"]


@dataclass(frozen=True)
class WindowParts:
    """What the main window is a view over, and how much of itself it builds before its first paint.

    `keep_checkin` keeps the check-in given after a session with it (the session history);
    `story_later` tells "Today" the history so far (days, runs, today's minutes) without the window
    waiting for the disk; `stats_page` builds "Your practice" when it is first shown.
    """

    settings: Settings
    controller: SessionController
    catalogue: PracticeCatalogue
    path: PathWeekSource | None = None
    story: StorySource | None = None
    story_later: StoryLater | None = None
    stats_page: StatsPageFactory | None = None
    keep_checkin: Callable[[CheckIn], None] | None = None
    load_library_now: bool = True  # the practices read at once (else just after the first paint)
    home_now: bool = True  # the library and set-up built at once (else just after the first paint)


class _FirstPaints(QObject):
    """Tells the window of its paints until the home page and the practices no longer wait for one.

    A filter, not an `event` override: once removed, the window's events (every frame of a
    session's repaint among them) never pass through Python."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._window._on_painted)  # after this paint is done
        return False


class MainWindow(QMainWindow):
    """Home (library and set-up), the session, and the end of a session, one at a time."""

    settings_changed = Signal()  # after Preferences: the tray re-reads favourites and the reminder
    week_changed = Signal()  # this week on the path was read or begun: the tray's first item follows
    hidden = Signal()  # hidden to the tray, minimised away or closed
    closing = Signal()  # the person closed the window (it may hide to the tray, or quit)
    library_read = Signal()  # the practices were read (at launch, or again)

    def __init__(self, parts: WindowParts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        settings, controller, catalogue = parts.settings, parts.controller, parts.catalogue
        self.settings = settings
        self.controller = controller
        self.catalogue = catalogue
        self.path = parts.path
        self.this_week: ThisWeekPanel | None = None
        self.week: ThisWeek | None = None  # this week on the path as last read (None: on none)
        self._story = parts.story
        self._story_later = parts.story_later
        self.story: PracticeStory | None = None  # the history's story as last read (the tray follows it)
        self._keep_checkin = parts.keep_checkin
        self._checkin_page: QWidget | None = None
        self.checkin_before: CheckInPanel | None = None
        self._library_loaded = False
        self._library_due = False
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(f"{APP_NAME} main window")
        self._library_view: PracticeLibraryView | None = None
        self._setup_panel: SessionSetupPanel | None = None
        self._home_due = False
        self._first_paints = _FirstPaints(self)
        self.installEventFilter(self._first_paints)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Sections")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setAccessibleName("Sections")
        self._home = QWidget()
        QVBoxLayout(self._home).setContentsMargins(space(2), space(1.5), space(2), space(1))
        # On a small screen (a laptop at 2x scale) the home page scrolls rather than squeeze its
        # fields below their height: a length box cut in half is worse than a scroll bar.
        home_scroll = QScrollArea()
        home_scroll.setWidgetResizable(True)
        home_scroll.setFrameShape(QFrame.Shape.NoFrame)
        home_scroll.setWidget(self._home)
        self._home_scroll = home_scroll
        # Only a last resort: at 800x600 and up the page fits, and only its columns scroll (one scroll each).
        self.tabs.addTab(home_scroll, "Ho&me")
        # The stats page, the session screen and the end screen are built when first
        # needed: the first paint of the window waits for none of them.
        self._stats_factory = parts.stats_page
        self._stats_holder: QWidget | None = None
        self.stats_page: StatsView | None = None
        if parts.stats_page is not None:
            self._stats_holder = QWidget()
            QVBoxLayout(self._stats_holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(self._stats_holder, "&Your practice")
        self._session_screen: SessionScreen | None = None
        self._end_screen: EndScreen | None = None
        self._path_page: PathPage | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tabs)
        # A notice is a line under the pages, there only while it has something to say: no empty strip.
        self.notice_bar = QLabel("")
        self.notice_bar.setAccessibleDescription("Notice")
        self.notice_bar.setWordWrap(True)
        self.notice_bar.setContentsMargins(space(2), space(0.75), space(2), space(1))
        self.notice_bar.setVisible(False)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.pages, 1)
        column.addWidget(self.notice_bar)
        self.setCentralWidget(central)
        self.menu_kindly = build_kindly_menu(self, self.open_preferences, self.open_shortcuts)
        self.shortcuts_window: ShortcutsWindow | None = None
        self.notice_timer: QTimer | None = None  # clears a passing notice
        self.replace_question: SessionQuestion | None = None  # "Stop it and start X?" while it is asked
        self.starts = SessionStarts(settings, catalogue, controller, self.show_notice, pages=self)
        self._connect_signals("window")

        if parts.home_now:
            self._build_home()
        if parts.load_library_now:
            self.reload_library()
        # Sized for the screen it opens on: at 2x scale a laptop's screen is 640x400 in Qt's pixels,
        # and a window (or a minimum) larger than that would hang off its edges.
        room = self.screen().availableGeometry().size()
        self.setMinimumSize(min(MINIMUM_SIZE[0], room.width()), min(MINIMUM_SIZE[1], room.height()))
        fits = (int(room.width() * 0.95), int(room.height() * 0.9))  # with its frame and title bar
        self.resize(min(OPENING_SIZE[0], fits[0]), min(OPENING_SIZE[1], fits[1]))
        geometry = settings.get(opt.WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray.fromHex(geometry.encode("ascii")))
        settings.on_write_failure = self.show_notice  # a full disk is told here; the window goes on
        if settings.warnings:
            more = len(settings.warnings) - 1
            self.show_notice(settings.warnings[0] + (f" (and {more} more, in the log)" if more else ""))

    # --- for the tray, the command line and the tests ------------------------------
    @property
    def library_view(self) -> PracticeLibraryView:
        if self._library_view is None:
            self._build_home()
        assert self._library_view is not None
        return self._library_view

    @property
    def setup_panel(self) -> SessionSetupPanel:
        if self._setup_panel is None:
            self._build_home()
        assert self._setup_panel is not None
        return self._setup_panel

    def start_quick(self, name: str, ask_checkin: bool = False) -> StartAttempt:
        """Start a session by quick-start name (the tray, `--start`: at once; This week: after its
        check-in, when one is offered); a bad name is told, not raised."""
        if not self._library_loaded:
            # Started hidden in the tray: the practices have not been read yet.
            self.reload_library()
        attempt = self.starts.quick(name, ask_checkin)
        if attempt.problem is not None:
            self.show_passing_notice(attempt.problem)  # nothing to do about it here, so it goes by itself
        return attempt

    def start_session(self, request: SessionRequest) -> StartAttempt:
        """Start the session asked for and show it; refused (with a notice) if it cannot start."""
        return self.starts.start(request)

    @property
    def session_screen(self) -> SessionScreen:
        if self._session_screen is None:
            from kindly.ui.session.session_screen import SessionScreen

            screen = SessionScreen(
                self.controller, captions=self.settings.get(opt.CAPTIONS), time_left=self.settings.get(opt.TIME_LEFT)
            )
            screen.announcer.set_level(self.settings.get(opt.ANNOUNCE))
            self.pages.addWidget(screen)
            self._session_screen = screen
            self._connect_signals("session")
        return self._session_screen

    @property
    def session_showing(self) -> bool:
        """Whether the session screen (its pacer) is the page in view; `pages.currentChanged` tells of changes."""
        return self._session_screen is not None and self.pages.currentWidget() is self._session_screen

    @property
    def end_screen(self) -> EndScreen:
        if self._end_screen is None:
            from kindly.ui.session.end_screen import EndScreen

            screen = EndScreen()
            self.pages.addWidget(screen)
            self._end_screen = screen
            self._connect_signals("end")
        return self._end_screen

    @property
    def path_page(self) -> PathPage:
        """The whole path and where the person is on it (built when first shown)."""
        if self._path_page is None:
            from kindly.ui.home.path_page import PathPage

            page = PathPage()
            self.pages.addWidget(page)
            self._path_page = page
            self._connect_signals("path")
        return self._path_page

    def show_path(self) -> PathPage | None:
        """Show the path page (None: the window was made without paths)."""
        if self.path is None:
            return None
        page = self.path_page
        self._fill_path_page()
        self.pages.setCurrentWidget(page)
        page.focus_here()
        return page

    def checkin_offered(self, practice: str | None) -> bool:
        """Whether a check-in is offered around a session of `practice`, by the setting and this week."""
        from kindly.library.path_week import checkin_offered

        return checkin_offered(self.settings.get(opt.CHECKINS), self.week, practice)

    def checkin_asked_now(self, practice: str | None) -> bool:
        """Whether a start of `practice` made here asks the check-in first: offered (`checkin_offered`),
        and the window is in view to ask it (`StartPages`)."""
        return self.isVisible() and not self.isMinimized() and self.checkin_offered(practice)

    def show_checkin_before(self, called: str) -> CheckInPanel:
        """Ask the check-in before the session `called` (`StartPages`); Begin (or Enter) starts it with the
        answers given, Skip without any, Esc steps back home: each goes to `starts`, which holds the request."""
        if self._checkin_page is None:
            from PySide6.QtCore import Qt

            from kindly.ui.session.checkin_panel import CheckInPanel

            page = QWidget()
            panel = CheckInPanel("&Begin", escape_backs_out=True)
            layout = QVBoxLayout(page)
            layout.setContentsMargins(space(3), space(2), space(3), space(3))
            layout.addStretch(2)
            layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addStretch(3)
            self.pages.addWidget(page)
            self._checkin_page, self.checkin_before = page, panel
            self._connect_signals("checkin")
        assert self.checkin_before is not None
        self.checkin_before.ask(f"Before {called}, a moment to check in.")
        self.pages.setCurrentWidget(self._checkin_page)
        self.checkin_before.kindness.slider.setFocus()
        return self.checkin_before

    def show_stats(self) -> StatsView | None:
        """Build (once) and show the "Your practice" page."""
        if self._stats_holder is None:
            return None
        self.tabs.setCurrentWidget(self._stats_holder)
        return self._ensure_stats()

    def show_home(self) -> None:
        """Back to the library (and out of focus); a bell still ringing out goes on ringing."""
        self.leave_focus()
        self.pages.setCurrentWidget(self.tabs)

    def show_notice(self, message: str) -> None:
        if self.notice_timer is not None:
            self.notice_timer.stop()
        self.notice_bar.setText(message)
        self.notice_bar.setVisible(bool(message))
        if self._library_view is not None:
            self._library_view.footer.setVisible(True)  # a care note shown by the path gives it back

    def show_passing_notice(self, message: str) -> None:
        """A notice that goes by itself after a while (a start refused by its name): nothing to act on."""
        self.show_notice(message)
        if self.notice_timer is None:
            self.notice_timer = QTimer(self)
            self.notice_timer.setSingleShot(True)
            self.notice_timer.timeout.connect(lambda: self.show_notice(""))
        self.notice_timer.start(PASSING_NOTICE_MS)

    def toggle_focus(self) -> None:
        """Give the session the whole screen (no menu, no frame), or give it back."""
        if self.isFullScreen():
            self.leave_focus()
            return
        self.menuBar().setVisible(False)
        self.showFullScreen()
        if self._session_screen is not None:
            self._session_screen.set_controls_fade(True)

    def leave_focus(self) -> None:
        if self._session_screen is not None:
            self._session_screen.set_controls_fade(False)
        if self.isFullScreen():
            self.menuBar().setVisible(True)
            self.showNormal()

    def reload_library(self) -> None:
        """Read the practices again; keep the chosen one, or choose the last session's."""
        from kindly.library.session_choices import SessionChoices

        self._library_loaded = True
        current = self.library_view.current()
        wanted = current.practice if current is not None else self.settings.get(opt.PRACTICE) or None
        self.catalogue.reload()
        self.library_view.set_entries(self.catalogue.lines())
        if self.path is not None:
            self.path.reload()
            self.show_this_week()
        # Choosing fills in the practice's own length; the user's remembered set-up wins.
        remembered = SessionChoices.load(self.settings) if current is None else self.setup_panel.choices()
        if not self.library_view.select(wanted):
            self.library_view.select(None)
        if remembered is not None and remembered.practice == wanted:
            self.setup_panel.set_choices(remembered)
        self.library_read.emit()

    def raise_window(self) -> None:
        """Bring the window up from the tray, minimized or behind others."""
        self._build_home()  # only the first start-up frame goes without it
        self.showNormal() if self.isMinimized() else self.show()
        self.raise_()
        self.activateWindow()

    def open_preferences(self) -> PreferencesDialog:
        """Show the preferences (not blocking); each change applies at once and `settings_changed` follows."""
        from PySide6.QtCore import Qt

        from kindly.ui.settings.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.catalogue.choices(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._connect_signals("preferences", dialog)
        dialog.open()
        return dialog

    def open_shortcuts(self) -> ShortcutsWindow:
        """Show (or bring up) the list of every key Kindly answers; F1 and Ctrl+? open it."""
        if self.shortcuts_window is None:
            from kindly.ui.app.shortcuts_window import ShortcutsWindow

            self.shortcuts_window = ShortcutsWindow(self)
        self.shortcuts_window.show()
        self.shortcuts_window.raise_()
        self.shortcuts_window.activateWindow()
        return self.shortcuts_window

    def apply_settings(self) -> None:
        """Show what the settings now say, and tell whoever else follows them."""
        from kindly.ui.theme import use_theme

        use_theme(self.settings.get(opt.THEME))
        if self._session_screen is not None:
            self._session_screen.captions_button.setChecked(self.settings.get(opt.CAPTIONS))
            self._session_screen.set_time_left_shown(self.settings.get(opt.TIME_LEFT))
            self._session_screen.announcer.set_level(self.settings.get(opt.ANNOUNCE))
        self._refresh_stats()  # streaks hidden or counted differently now
        self.settings_changed.emit()

    # --- internals ---------------------------------------------------------------------
    def _build_home(self) -> None:
        """The library and the set-up panel: at once, or (`home_now=False`) just after the first paint."""
        if self._library_view is not None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSplitter

        from kindly.library.session_choices import SessionChoices
        from kindly.ui.home.practice_library_view import PracticeLibraryView
        from kindly.ui.home.session_setup_panel import SessionSetupPanel

        # No empty stop for Tab around the page (its controls are the stops); set here, after the first
        # paint, as Qt's namespace (~100 enums built at first touch) waits for it.
        self._home_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        library_view = PracticeLibraryView()
        setup_panel = SessionSetupPanel()
        self._library_view, self._setup_panel = library_view, setup_panel
        practise = QSplitter(Qt.Orientation.Horizontal)
        practise.setChildrenCollapsible(False)
        practise.addWidget(library_view)
        practise.addWidget(setup_panel)
        practise.setStretchFactor(0, 3)
        practise.setStretchFactor(1, 2)
        layout = self._home.layout()
        assert isinstance(layout, QVBoxLayout)
        if self.path is not None:
            from kindly.ui.home.this_week_panel import ThisWeekPanel

            self.this_week = ThisWeekPanel()
            self.this_week.setVisible(False)  # until the practices (and the paths) are read
            self._connect_signals("today")
            layout.addWidget(self.this_week)
        layout.addWidget(practise, 1)

        self._connect_signals("home")
        setup_panel.set_choices(SessionChoices.load(self.settings))
        # Once the new widgets are shown (a layout shows them a moment later, and a hidden button takes no
        # focus): else the focus stays where Qt put it as the window opened, the tab bar, and Enter does nothing.
        QTimer.singleShot(0, self, self.focus_main_action)

    def _connect_signals(self, part: WindowPart, preferences: PreferencesDialog | None = None) -> None:
        """Every connection between the window and its parts, in one place, each part's made as that
        part is built: the pages are built when first needed, so the first paint waits for none of them.
        `preferences` is the dialog just opened (a new one each time; it deletes itself on closing).
        A part's own plumbing, a timer's timeout or a question's answer, stays where it is made."""
        if part == "window":
            self.controller.preview_notice.connect(self.show_notice)
            self.controller.start_failed.connect(self.show_notice)
            self.controller.session_started.connect(self._on_session_started)
            self.controller.session_finished.connect(self._on_session_finished)
            if self._stats_holder is not None:
                self.tabs.currentChanged.connect(self._on_tab)
        elif part == "home":
            assert self._library_view is not None and self._setup_panel is not None
            self._library_view.entry_chosen.connect(self._on_entry_chosen)
            self._library_view.entry_activated.connect(lambda _entry: self._start_from_panel())
            self._setup_panel.start_requested.connect(self.starts.from_choices)
            self._setup_panel.test_sound_requested.connect(self._on_test_sound)
        elif part == "today":
            assert self.this_week is not None
            self.this_week.start_requested.connect(lambda name: self.start_quick(name, ask_checkin=True))
            self.this_week.begin_requested.connect(self._begin_path)
            self.this_week.path_requested.connect(self.show_path)
        elif part == "session":
            assert self._session_screen is not None
            self._session_screen.captions_toggled.connect(lambda on: self.settings.set(opt.CAPTIONS, on))
            self._session_screen.volume_changed.connect(self._on_session_volume)
            self._session_screen.focus_requested.connect(self.toggle_focus)
            self._session_screen.focus_left.connect(self.leave_focus)
        elif part == "end":
            assert self._end_screen is not None
            self._end_screen.done.connect(self.show_home)
            self._end_screen.again.connect(self.starts.again)
            self._end_screen.checked_in.connect(self._on_checked_in)
        elif part == "path":
            assert self._path_page is not None
            self._path_page.back_requested.connect(self.show_home)
            self._path_page.begin_requested.connect(self._begin_path)
            self._path_page.move_on_requested.connect(self._move_on)
            self._path_page.start_again_requested.connect(self._start_again)
            self._path_page.leave_requested.connect(self._leave_path)
        elif part == "checkin":
            assert self.checkin_before is not None
            self.checkin_before.answered.connect(self.starts.checked_in)
            self.checkin_before.skipped.connect(lambda: self.starts.checked_in(None))
            self.checkin_before.backed_out.connect(self.starts.backed_out)
        elif part == "preferences":
            assert preferences is not None
            preferences.changed.connect(self.apply_settings)
        else:
            assert_never(part)

    def focus_main_action(self) -> None:
        """Give the keyboard focus to the home page's main action (its first default button in view:
        Today's, else the set-up's Start), so Enter starts from the first moment."""
        # The few buttons that can be the main one, named, in the page's order: a search of the page's
        # children (`findChildren`) builds the Python class of every kind of widget on it at launch.
        candidates = [self.this_week.begin_button, self.this_week.start_button] if self.this_week is not None else []
        if self._setup_panel is not None:
            candidates.append(self._setup_panel.start_button)
        for button in candidates:
            if button.isDefault() and button.isVisibleTo(self._home):
                button.setFocus()
                return

    def _on_entry_chosen(self, entry: LibraryEntry) -> None:
        self.setup_panel.set_practice(entry)

    def _start_from_panel(self) -> None:
        choices = self.setup_panel.choices()
        if choices is not None:
            self.starts.from_choices(choices)

    def _on_session_volume(self, layer: str, volume: int) -> None:
        """A volume moved mid-session: the next session (set-up panel, tray, Again) starts with it."""
        self.starts.volume_moved(layer, volume)
        if self._setup_panel is not None:
            self._setup_panel.volumes[layer].setValue(volume)

    def _on_test_sound(self, bell: str, volume: int) -> None:
        self.show_notice("")
        self.controller.preview_bell(bell, volume)

    def _ensure_stats(self) -> StatsView | None:
        if self.stats_page is None and self._stats_factory is not None and self._stats_holder is not None:
            self.stats_page = self._stats_factory()
            layout = self._stats_holder.layout()
            if layout is not None:
                layout.addWidget(self.stats_page)
        return self.stats_page

    def _on_tab(self, index: int) -> None:
        if self.tabs.widget(index) is self._stats_holder:
            self._ensure_stats()

    def _on_checked_in(self, answer: CheckIn) -> None:
        """Keep the check-in after with its session; the stats page shows it (its read comes after the write)."""
        if self._keep_checkin is not None:
            self._keep_checkin(answer)
        self._refresh_stats()

    def _on_session_started(self, session: ActiveSession) -> None:
        self.show_notice("")
        screen = self.session_screen
        screen.show_session(session)
        self.pages.setCurrentWidget(screen)

    def show_this_week(self) -> None:
        """Ask for this week on the path (a week that has had its days gives way to the next); it is
        shown when the history's thread answers, so the window never waits for the disk."""
        if self.path is not None:
            self.path.current_later(on_main(self._show_week))
            if self._story_later is not None:
                self._story_later(on_main(self._show_story))

    def _show_story(self, story: PracticeStory | None) -> None:
        self.story = story
        if self.this_week is not None:
            self.this_week.show_story(story)
            self._one_main_action()
        self.week_changed.emit()

    def _show_week(self, week: ThisWeek | None) -> None:
        self.week = week
        if self.this_week is not None and self.path is not None:
            before = self.focusWidget()
            self.this_week.show_week(week, self.path.offered, self._usual())
            self._one_main_action()
            if before is None or before is self.setup_panel.start_button:
                self.focus_main_action()  # Today came in after launch: its action is the main one now
        if self._path_page is not None:
            self._fill_path_page()
        self.week_changed.emit()

    def _one_main_action(self) -> None:
        """One blue button on the home page: Today's large start when it offers one, else the set-up's Start
        (two read as two invitations, and neither as the one meant)."""
        if self.this_week is not None and self._setup_panel is not None:
            self._setup_panel.start_button.setDefault(self.this_week.offer is None)

    def _usual(self) -> tuple[str, str] | None:
        """The session a person usually practises (the last one), as a quick start: None before the first."""
        from kindly.library.quick_starts import LAST

        practice = self.settings.get(opt.PRACTICE)
        if practice and self.catalogue.entry(practice) is not None:
            return (LAST, self.catalogue.title_of(practice))
        return None

    def _begin_path(self) -> None:
        if self.path is not None:
            week = self.path.begin()
            self._show_week(week)
            if week is not None and week.path.care:
                self.show_notice(week.path.care)  # said once, gently, as the path begins
                self.library_view.footer.setVisible(False)  # one word of care at a time: the path's

    def _move_on(self) -> None:
        if self.path is not None and self.week is not None:
            self._show_week(self.path.move_on(self.week))

    def _start_again(self) -> None:
        if self.path is not None and self.week is not None:
            self._show_week(self.path.begin(self.week.path))

    def _leave_path(self) -> None:
        if self.path is not None:
            self.path.leave()
            self._show_week(None)
            self.show_notice("You have stepped off the path; your sessions stay.")

    def _fill_path_page(self) -> None:
        """The path page shows the path the person is on (or the one offered) and where they are."""
        path = self.week.path if self.week is not None else self.path.offered if self.path is not None else None
        if self._path_page is None or self.path is None or path is None:
            return
        day = self.path.day_of(self.week) if self.week is not None else 1
        walked = self.week is not None and self.path.walked(self.week)
        self._path_page.show_path(path, self.week, day, walked, self.catalogue.title_of)

    def history_changed(self) -> None:
        """Sessions came from elsewhere (another machine, through the sync folder): "Your practice" and
        Today read the history again, as after a session."""
        self._refresh_stats()
        self.show_this_week()

    def _refresh_stats(self) -> None:
        """Read the history again into "Your practice", if it has been built."""
        if self.stats_page is not None:
            self.stats_page.refresh()

    def ask_to_replace(self, called: str, replace: Callable[[], None]) -> None:
        """A start while a session runs (from here, the tray or `--start`): the window comes up on the
        running session and asks (`StartPages`); the newest request is the one asked about."""
        from kindly.ui.session.session_questions import ask_to_replace

        self.raise_window()
        if self.replace_question is not None:
            self.replace_question.reject()
        question = ask_to_replace(self, called, replace)
        question.finished.connect(lambda _result, asked=question: self._forget_replace_question(asked))
        self.replace_question = question

    def _forget_replace_question(self, question: SessionQuestion) -> None:
        if self.replace_question is question:
            self.replace_question = None

    def _close_replace_question(self) -> None:
        """The session ended on its own while its replacement was asked (the question no longer
        holds), or the window was put away (the running session goes on, as after Keep going)."""
        if self.replace_question is not None:
            self.replace_question.reject()

    def _on_session_finished(self, outcome: SessionOutcome) -> None:
        self._close_replace_question()
        self._refresh_stats()
        hidden = self.settings.get(opt.HIDE_STREAKS)
        story = None if hidden or self._story is None else self._story()
        week = self.week
        prompt = week.prompt_after(outcome.session.request.practice) if week is not None else None
        practice = outcome.session.request.practice
        self.end_screen.show_outcome(outcome, story, prompt, checkin=self.checkin_offered(practice))
        self.show_this_week()
        self.pages.setCurrentWidget(self.end_screen)

    def _on_painted(self) -> None:
        """The window painted (told by `_FirstPaints`, which goes once nothing more waits for a paint)."""
        if self._library_view is None and not self._home_due:
            # The first frame showed the window without its home page: build that next.
            self._home_due = True
            QTimer.singleShot(0, self._build_home)
        if not self._library_loaded and not self._library_due:
            # Shown (at start, or at last from the tray): read the practices once this paint is done.
            self._library_due = True
            QTimer.singleShot(LIBRARY_AFTER_PAINT_MS, self._load_library_once)
        if self._home_due and self._library_due:
            self.removeEventFilter(self._first_paints)  # no Python on the paint path from here on

    def _load_library_once(self) -> None:
        if not self._library_loaded:
            self.reload_library()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.leave_focus()  # on the end screen (once its check-in has taken its own Esc), the screen back
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._press_focused_button():
            event.accept()
        else:
            super().keyPressEvent(event)

    def _press_focused_button(self) -> bool:
        """Return and Enter press the button with the keyboard focus, as Space does: Qt's buttons
        answer them on their own only in a dialog (or as its default)."""
        from PySide6.QtWidgets import QPushButton

        button = self.focusWidget()
        if isinstance(button, QPushButton) and button.isEnabled() and button.isVisible():
            button.click()
            return True
        return False

    def hideEvent(self, event: QHideEvent) -> None:
        self._close_replace_question()
        # Hidden to the tray or closed: either way, open where the user left it next time.
        self.settings.set(opt.WINDOW_GEOMETRY, bytes(self.saveGeometry().toHex().data()).decode("ascii"))
        super().hideEvent(event)
        self.hidden.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()  # before Qt decides whether this was the last window, and so whether to quit
        self.settings.sync()
        super().closeEvent(event)
