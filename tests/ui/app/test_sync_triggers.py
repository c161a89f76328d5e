"""The window merges the sync folder: after a session, when another machine's files arrive, and says a
missing folder once.

Real folders, a real history (SQLite, on its own thread), the sync core's own
writer for "the other machine"; only the waits are the settle and retry
timers, set short here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import kindly.settings.options as opt
from fakes import FakeClock
from kindly.core.errors import KindlyFailure
from kindly.core.session_record import SessionRecord
from kindly.library.quick_starts import SessionRequest
from kindly.library.session_choices import SessionChoices
from kindly.locations import data_dir
from kindly.settings.settings_model import Settings
from kindly.store.history import HistoryStore
from kindly.store.history_opening import open_history
from kindly.store.session_history import SessionHistory
from kindly.sync.sync_folder import JOURNALS
from kindly.sync.sync_run import sync_history
from kindly.ui.app.main_window import MainWindow, WindowParts
from kindly.ui.app.sync_triggers import RETRY_MS, SyncOutcome, SyncTriggers, merge_on_history_thread
from kindly.ui.session.session_controller import SessionController
from kindly.ui.stats.history_summary import HistorySummary
from kindly.ui.stats.stats_view import StatsView
from ui.conftest import catalogue_of
from ui.recording_player import PlayerBox

FIVE_MINUTES = SessionRequest("timer-5", SessionChoices(minutes=5, warmup_s=5))
SETTLE_MS = 50  # the settle wait, short: what is tested is that a burst makes one merge


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync" / "Kindly"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def notices() -> list[str]:
    """What the notice bar was told, a passing notice marked so."""
    return []


@pytest.fixture
def triggers(qtbot: QtBot, settings: Settings, history: SessionHistory, notices: list[str]) -> Iterator[SyncTriggers]:
    made = SyncTriggers(
        settings,
        merge_on_history_thread(history, data_dir()),
        notices.append,
        lambda line: notices.append(f"passing: {line}"),
        settle_ms=SETTLE_MS,
    )
    yield made
    made.deleteLater()


def other_machine_records(root: Path, shared: Path, clock: FakeClock) -> None:
    """A second Kindly (its own data folder) records a session and syncs it into the shared folder."""
    store = open_history(root / "laptop-data", clock)
    try:
        yesterday = datetime.fromtimestamp(clock.wall(), UTC) - timedelta(days=1)
        store.add(SessionRecord(yesterday, 0, 600.0, 600.0, "gentle-hand", True, zone="UTC"))
        sync_history(store, root / "laptop-data", shared, clock)
    finally:
        store.close()


def merged(triggers: SyncTriggers, qtbot: QtBot, count: int) -> None:
    qtbot.waitUntil(lambda: triggers.answered >= count, timeout=5000)


def test_a_session_recorded_is_written_to_the_sync_folder(
    qtbot: QtBot,
    settings: Settings,
    history: SessionHistory,
    players: PlayerBox,
    clock: FakeClock,
    shared: Path,
    triggers: SyncTriggers,
) -> None:
    settings.set(opt.SYNC_FOLDER, str(shared))
    triggers.start()
    merged(triggers, qtbot, 1)
    controller = SessionController(players, clock, session_log=history)
    controller.session_finished.connect(triggers.session_recorded)
    controller.start_session(FIVE_MINUTES)
    clock.advance(305.0)
    controller.refresh()
    merged(triggers, qtbot, 2)
    written = [line for f in (shared / JOURNALS).rglob("events-*.jsonl") for line in f.read_text().splitlines()]
    assert len(written) == 1 and '"type":"session"' in written[0]


def test_another_machines_session_dropped_in_the_folder_shows_on_your_practice(
    qtbot: QtBot,
    tmp_path: Path,
    settings: Settings,
    controller: SessionController,
    history: SessionHistory,
    clock: FakeClock,
    shared: Path,
    triggers: SyncTriggers,
) -> None:
    summary = HistorySummary(history, settings, clock)
    window = MainWindow(
        WindowParts(
            settings, controller, catalogue_of(), stats_page=lambda: StatsView(summary.history), story_later=None
        )
    )
    qtbot.addWidget(window)
    triggers.merged.connect(window.history_changed)
    settings.set(opt.SYNC_FOLDER, str(shared))
    triggers.start()
    merged(triggers, qtbot, 1)
    stats = window.show_stats()
    assert isinstance(stats, StatsView)
    stats.refresh()  # as when first shown
    assert isinstance(stats, StatsView) and stats.total_sessions.value.text() == "0"
    other_machine_records(tmp_path, shared, clock)  # its sync engine delivers the files: the folder changes
    qtbot.waitUntil(lambda: stats.total_sessions.value.text() == "1", timeout=5000)
    assert stats.recent.topLevelItemCount() == 1


def test_a_burst_of_changes_in_the_folder_makes_one_merge(
    qtbot: QtBot, settings: Settings, shared: Path, triggers: SyncTriggers
) -> None:
    settings.set(opt.SYNC_FOLDER, str(shared))
    triggers.start()
    merged(triggers, qtbot, 1)
    for n in range(5):
        (shared / f"note-{n}.txt").write_text("a file the engine brought")
    merged(triggers, qtbot, 2)
    qtbot.wait(SETTLE_MS * 4)  # nothing more comes of the same burst (the bounded wait of a debounce test)
    assert triggers.merges == 2


def test_a_missing_folder_is_said_once_then_said_fixed_when_it_comes_back(
    qtbot: QtBot, settings: Settings, shared: Path, triggers: SyncTriggers, notices: list[str]
) -> None:
    settings.set(opt.SYNC_FOLDER, str(shared))
    shared.rename(shared.with_name("unmounted"))
    triggers.start()
    merged(triggers, qtbot, 1)
    triggers.session_recorded()  # the next trigger: tried again, not said again
    merged(triggers, qtbot, 2)
    assert notices == [f"The sync folder is not there ({shared}); Kindly tries again later."]
    assert triggers.retry.isActive() and triggers.retry.interval() == RETRY_MS
    shared.with_name("unmounted").rename(shared)
    triggers.sync_now()  # as the retry timer does, every few minutes
    merged(triggers, qtbot, 3)
    assert notices[1:] == [f"passing: The sync folder is back ({shared}); your practice is merged again."]
    assert not triggers.retry.isActive()


def test_garbled_lines_are_logged_not_shown(
    qtbot: QtBot,
    settings: Settings,
    shared: Path,
    triggers: SyncTriggers,
    notices: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    (shared / JOURNALS / "0123456789abcdef").mkdir(parents=True)
    (shared / JOURNALS / "0123456789abcdef" / "events-000000000001-x.jsonl").write_text("{half a line\n")
    settings.set(opt.SYNC_FOLDER, str(shared))
    triggers.start()
    merged(triggers, qtbot, 1)
    assert notices == []
    assert "1 garbled lines skipped" in caplog.text


def test_with_no_sync_folder_nothing_is_merged_or_watched(settings: Settings, triggers: SyncTriggers) -> None:
    triggers.start()
    triggers.session_recorded()
    assert (triggers.merges, triggers.watcher.directories()) == (0, [])


def test_a_merge_that_brought_nothing_leaves_the_pages_as_they_are() -> None:
    assert not SyncOutcome().brought and not SyncOutcome(problem="gone").brought


def test_a_folder_chosen_in_preferences_is_watched_and_merged_at_once(
    qtbot: QtBot, window: MainWindow, shared: Path, triggers: SyncTriggers, notices: list[str]
) -> None:
    window.settings_changed.connect(triggers.settings_changed)
    triggers.start()
    assert window.open_preferences().set_sync_folder(str(shared))
    merged(triggers, qtbot, 1)
    assert str(shared) in triggers.watcher.directories()
    assert notices == []


def test_a_history_that_cannot_be_opened_adds_no_sync_notice_to_its_own(
    qtbot: QtBot, settings: Settings, clock: FakeClock, shared: Path, notices: list[str]
) -> None:
    def unopenable(_clock: object) -> HistoryStore:
        raise KindlyFailure("the disk is full")

    history = SessionHistory(clock, opener=unopenable)
    made = SyncTriggers(settings, merge_on_history_thread(history, data_dir()), notices.append, notices.append)
    settings.set(opt.SYNC_FOLDER, str(shared))
    made.start()
    merged(made, qtbot, 1)
    history.close()
    assert notices == [] and not made.retry.isActive()
