"""Run on a real X server by test_screenshots.py: shows Kindly's screens and saves PNGs of them.

Usage: python screenshot_driver.py OUT_DIR [--dark]. It builds the real main window
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
from PySide6.QtWidgets import QApplication  # noqa: E402
from recording_player import PlayerBox  # noqa: E402

from fakes import FakeClock  # noqa: E402
from kindly.core.checkin import CheckIn  # noqa: E402
from kindly.core.path_progress import PathProgress  # noqa: E402
from kindly.core.session_record import SessionRecord  # noqa: E402
from kindly.core.streaks import summarize  # noqa: E402
from kindly.library.path_week import PathWeekSource  # noqa: E402
from kindly.library.practice_catalogue import PracticeCatalogue  # noqa: E402
from kindly.store.session_history import SessionHistory  # noqa: E402
from kindly.ui.app.app_main import create_application  # noqa: E402
from kindly.ui.app.main_window import MainWindow  # noqa: E402
from kindly.ui.session.session_controller import SessionController  # noqa: E402
from kindly.ui.settings.qsettings_store import open_settings  # noqa: E402
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
    for _ in range(5):
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


def main(out: Path, dark: bool = False) -> int:
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
        open_settings(),
        controller,
        catalogue=practices,
        stats_page=lambda: StatsView(_history, practices.title_of, forget=lambda _id, _done: None),
        path=PathWeekSource(practices, history, clock),
        keep_checkin=history.checkin_after,
    )
    window.resize(960, 660)
    window.show()
    window.library_view.select("mindful-breathing")
    _settle(app)
    shots = []

    def shoot(name: str) -> None:
        _settle(app)
        path = out / f"{name}{'-dark' if dark else ''}.png"
        window.grab().save(str(path))
        shots.append(path)

    shoot("main-window")
    window.show_stats()
    shoot("stats")
    window.tabs.setCurrentIndex(0)
    window.setup_panel.start_button.click()
    session = controller.session
    assert session is not None
    first_phrase = next(c for c in session.plan.cues if c.kind == "narration")
    clock.advance(first_phrase.t + 1.5)  # mid-phrase, on an inhale
    window.session_screen.refresh()
    shoot("session")
    clock.advance(session.plan.end_s - clock.monotonic() + 1000.0)
    controller.refresh()
    shoot("end")

    # On the path: this week at home, the check-in before, the end screen's check-in and question.
    window.show_home()
    window.reload_library()
    _wait_for(app, lambda: window.week is not None)
    shoot("path-home")
    assert window.this_week is not None
    window.this_week.start_button.click()
    panel = window.checkin_before
    assert panel is not None
    panel.kindness.slider.setValue(4)
    panel.ease.slider.setValue(3)
    shoot("checkin")
    panel.go_on_button.click()
    path_session = controller.session
    assert path_session is not None
    clock.advance(path_session.plan.end_s - path_session.plan.start_s + 10.0)
    controller.refresh()
    window.end_screen.checkin.kindness.slider.setValue(6)
    window.end_screen.checkin.ease.slider.setValue(6)
    shoot("end-checkin")
    window.end_screen.checkin.go_on_button.click()
    shoot("end-path")
    window.show_home()
    window.show_stats()
    shoot("stats-checkins")
    history.close()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), dark="--dark" in sys.argv[2:]))
