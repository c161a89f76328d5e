"""Run on a real X server by test_screenshots.py: shows Kindly's screens and saves PNGs of them.

Usage: python screenshot_driver.py OUT_DIR [--dark] [--size WxH] [--tag NAME] (and
QT_SCALE_FACTOR=2 in its environment for 2x). It builds the real main window
over a recording test player on a fake clock (no sound, no waiting), moves
the clock to chosen moments, and grabs the window at each. Prints one saved
path a line.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from recording_player import PlayerBox  # noqa: E402

from fakes import FakeClock  # noqa: E402
from kindly.core.checkin import CheckIn  # noqa: E402
from kindly.core.path_progress import PathProgress  # noqa: E402
from kindly.core.session_record import SessionRecord  # noqa: E402
from kindly.core.streaks import summarize  # noqa: E402
from kindly.library.path_week import PathWeekSource  # noqa: E402
from kindly.library.practice_catalogue import PracticeCatalogue  # noqa: E402
from kindly.settings.settings_file import open_settings  # noqa: E402
from kindly.store.session_history import SessionHistory  # noqa: E402
from kindly.ui.app.app_main import create_application  # noqa: E402
from kindly.ui.app.main_window import MainWindow, WindowParts  # noqa: E402
from kindly.ui.session.session_controller import SessionController  # noqa: E402
from kindly.ui.stats.history_summary import History  # noqa: E402
from kindly.ui.stats.stats_view import StatsView  # noqa: E402

TODAY = date(2026, 11, 25)


def _history() -> History:
    records = []
    for n in range(0, 300):
        if n % 7 in (3,) or n % 11 == 5:
            continue
        day = TODAY - timedelta(days=n)
        minutes = 5 + (n * 7) % 26
        start = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
        before, after = _checkins(n)
        records.append(
            SessionRecord(
                start,
                60,
                minutes * 60.0,
                minutes * 60.0,
                "mindful-breathing" if n % 2 else None,
                True,
                id=n + 1,
                checkin_before=before,
                checkin_after=after,
            )
        )
    return History(records, summarize(records, TODAY))


def _checkins(days_ago: int) -> tuple[CheckIn | None, CheckIn | None]:
    """Twelve weeks on the path: check-ins most days, kindness and ease rising slowly, never evenly."""
    if days_ago >= 12 * 7 or days_ago % 5 == 4:
        return None, None
    weeks_in = 11 - days_ago // 7
    wobble = (days_ago * 3) % 4 - 1
    before = CheckIn(max(0, min(10, 3 + weeks_in // 3 + wobble)), max(0, min(10, 4 + weeks_in // 4 + wobble)))
    after = CheckIn(min(10, before.kindness + 1 + days_ago % 3), min(10, before.ease + 2 - days_ago % 2))
    return before, (after if days_ago % 6 != 1 else None)


def _wait_for(app: QApplication, done: object) -> None:
    """Until `done()` (an answer from the history's thread, handed to the GUI thread), at most 5 s."""
    import time

    deadline = time.monotonic() + 5.0
    while not done() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.01)


def _settle(app: QApplication) -> None:
    """Until the layouts have settled: a shown section asks for room, the scroll area gives it, and
    the page lays out again (each a posted event)."""
    for _ in range(20):
        app.sendPostedEvents()
        app.processEvents()


def _dark_palette() -> QPalette:
    """A dark system palette, as a dark desktop theme would give Kindly."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#26282b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#2b2d30",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#303236",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#4f7fbf",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9a9ca0",
        QPalette.ColorRole.Light: "#55585d",
        QPalette.ColorRole.Mid: "#3a3c40",
        QPalette.ColorRole.Dark: "#151617",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


SCREENS = (
    "home", "library", "setup-more", "preferences", "stats", "stats-checkins", "stats-recent",
    "checkin", "session", "focus", "end-checkin", "end",
)  # fmt: skip


def main(out: Path, dark: bool = False, size: tuple[int, int] | None = None, tag: str = "") -> int:
    """Every screen in `SCREENS`, saved as `<screen>[-<tag>][-dark].png`; `size` is the window's (else it
    opens as it would for a person, fitted to the screen)."""
    app = create_application(["kindly"])
    if dark:
        app.setStyle("Fusion")
        app.setPalette(_dark_palette())
    clock = FakeClock(wall=datetime(TODAY.year, TODAY.month, TODAY.day, 8, 0, tzinfo=UTC).timestamp())
    players = PlayerBox(clock)
    practices = PracticeCatalogue()
    history = SessionHistory(clock)  # a real history file in the run's own data folder
    now = datetime.fromtimestamp(clock.wall(), UTC)
    history.keep_path(  # a person in week 5 of the twelve, two days into it
        PathProgress("twelve-weeks-of-kindness", now - timedelta(days=30), 5, now - timedelta(days=2))
    )
    controller = SessionController(players, clock, plan_builder=practices.plan, session_log=history)
    window = MainWindow(
        WindowParts(
            open_settings(),
            controller,
            catalogue=practices,
            stats_page=lambda: StatsView(_history, practices.title_of, forget=lambda _id, _done: None),
            path=PathWeekSource(practices, history, clock),
            keep_checkin=history.checkin_after,
            story_later=lambda answer: answer(None),
        )
    )
    if size is not None:
        window.setMinimumSize(min(size[0], window.minimumWidth()), min(size[1], window.minimumHeight()))
        window.resize(*size)
    window.show()
    window.library_view.select("mindful-breathing")
    _wait_for(app, lambda: window.week is not None and window.this_week is not None)
    _settle(app)
    shots = []

    def shoot(name: str, widget: QWidget | None = None) -> None:
        _settle(app)
        path = out / f"{name}{f'-{tag}' if tag else ''}{'-dark' if dark else ''}.png"
        (widget or window).grab().save(str(path))
        shots.append(path)

    shoot("home")
    shoot("library", window.library_view)
    window.setup_panel.set_more_shown(True)
    shoot("setup-more")
    window.setup_panel.set_more_shown(False)
    dialog = window.open_preferences()
    wanted = dialog.sizeHint()
    _wait_for(app, lambda: dialog.width() >= wanted.width() and dialog.height() >= wanted.height())
    shoot("preferences", dialog)
    dialog.reject()
    window.show_stats()
    shoot("stats")
    stats = window.stats_page
    assert isinstance(stats, StatsView)
    _settle(app)
    stats.scroll_area.ensureWidgetVisible(stats.checkins, 0, 0)
    shoot("stats-checkins")
    stats.scroll_area.verticalScrollBar().setValue(stats.scroll_area.verticalScrollBar().maximum())
    shoot("stats-recent")

    # On the path: the check-in before, the session, focus, the end screen's check-in and question.
    window.tabs.setCurrentIndex(0)
    assert window.this_week is not None
    window.this_week.start_button.click()
    panel = window.checkin_before
    assert panel is not None
    panel.kindness.slider.answer(4)
    panel.ease.slider.answer(3)
    shoot("checkin")
    panel.go_on_button.click()
    session = controller.session
    assert session is not None
    first_phrase = next(c for c in session.plan.cues if c.kind == "narration")
    clock.advance(first_phrase.t + 1.5 - controller.position_s())  # mid-phrase
    window.session_screen.refresh()
    shoot("session")
    window.toggle_focus()
    _settle(app)
    window.session_screen.controls_timer.timeout.emit()  # the pointer has rested: only the breath
    window.session_screen.refresh()
    shoot("focus")
    window.leave_focus()
    clock.advance(session.plan.end_s - controller.position_s() + 10.0)
    controller.refresh()
    window.end_screen.checkin.kindness.slider.answer(6)
    window.end_screen.checkin.ease.slider.answer(6)
    shoot("end-checkin")
    window.end_screen.checkin.finish()  # Enter
    shoot("end")
    history.close()
    for path in shots:
        print(path)
    return 0


def _arguments(argv: list[str]) -> tuple[Path, bool, tuple[int, int] | None, str]:
    """OUT_DIR [--dark] [--size WxH] [--tag NAME]"""
    out, rest = Path(argv[0]), argv[1:]
    size = None
    tag = ""
    if "--size" in rest:
        width, height = rest[rest.index("--size") + 1].split("x")
        size = (int(width), int(height))
    if "--tag" in rest:
        tag = rest[rest.index("--tag") + 1]
    return out, "--dark" in rest, size, tag


if __name__ == "__main__":
    sys.exit(main(*_arguments(sys.argv[1:])))
