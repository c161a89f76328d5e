"""Where Start goes: the panel's Start, a quick start and Again all reach the controller the same way."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import kindly.settings.options as opt
from kindly.library.session_choices import SessionChoices
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import Settings
from kindly.ui.session.session_controller import SessionController
from kindly.ui.session.session_starts import SessionStarts
from ui.conftest import catalogue_of
from ui.recording_player import PlayerBox


@pytest.fixture
def told() -> list[str]:
    return []


@pytest.fixture
def starts(settings: Settings, controller: SessionController, told: list[str]) -> SessionStarts:
    catalogue = catalogue_of()
    catalogue.reload()
    return SessionStarts(settings, catalogue, controller, told.append)


def test_the_panel_s_start_remembers_its_choices_for_the_next_launch(starts: SessionStarts, players: PlayerBox) -> None:
    attempt = starts.from_choices(SessionChoices(practice="gentle-hand", minutes=7, bell="wood-block"))
    again = open_settings()  # the file as the next launch reads it
    assert attempt and players.current.plan is not None
    assert (again.get(opt.PRACTICE), again.get(opt.MINUTES), again.get(opt.BELL)) == ("gentle-hand", 7, "wood-block")


def test_again_starts_the_last_session_with_a_volume_moved_during_it(
    starts: SessionStarts, players: PlayerBox, controller: SessionController
) -> None:
    starts.quick("timer-5")
    starts.volume_moved("bells", 12)
    controller.stop()
    assert starts.again()
    assert players.current.plan is not None and players.current.plan.config.volumes.bells == 12


def test_again_with_nothing_before_says_so_and_starts_nothing(starts: SessionStarts, players: PlayerBox) -> None:
    attempt = starts.again()
    assert (bool(attempt), attempt.problem, players.players) == (False, "there is no session to start again", [])


def test_an_unknown_quick_start_is_told_in_one_line_and_starts_nothing(
    starts: SessionStarts, players: PlayerBox, told: list[str]
) -> None:
    attempt = starts.quick("no-such-practice")
    assert attempt.problem is not None and "'no-such-practice'" in attempt.problem
    assert (told, players.players) == ([attempt.problem], [])


class AskingPages:
    """The window's side of a start (`StartPages`), recorded: what was asked, and whether home came back."""

    def __init__(self, asked: list[tuple[str, Callable[[], None]]], checkin: bool = False) -> None:
        self.asked = asked
        self.checkin = checkin
        self.checkins_asked: list[str] = []
        self.homes = 0

    def checkin_asked_now(self, practice: str | None) -> bool:
        return self.checkin

    def show_checkin_before(self, called: str) -> None:
        self.checkins_asked.append(called)

    def ask_to_replace(self, called: str, replace: Callable[[], None]) -> None:
        self.asked.append((called, replace))

    def show_home(self) -> None:
        self.homes += 1


def _asking(
    settings: Settings,
    controller: SessionController,
    told: list[str],
    asked: list[tuple[str, Callable[[], None]]],
    pages: AskingPages | None = None,
) -> SessionStarts:
    catalogue = catalogue_of()
    catalogue.reload()
    return SessionStarts(settings, catalogue, controller, told.append, pages=pages or AskingPages(asked))


@pytest.fixture
def checking_in(
    settings: Settings, controller: SessionController, told: list[str]
) -> tuple[SessionStarts, AskingPages]:
    pages = AskingPages([], checkin=True)
    return _asking(settings, controller, told, [], pages), pages


def test_a_start_that_asks_its_check_in_first_waits_for_it_and_starts_with_the_answer(
    checking_in: tuple[SessionStarts, AskingPages], players: PlayerBox
) -> None:
    from kindly.core.checkin import CheckIn

    starts, pages = checking_in
    assert starts.quick("gentle-hand", ask_checkin=True)
    assert (pages.checkins_asked, players.players) == (["“A gentle hand”"], [])
    assert starts.checked_in(CheckIn(3, 4))
    assert players.current.plan is not None and players.current.plan.config.practice == "gentle-hand"
    assert starts.waiting is None and pages.homes == 0


def test_a_skipped_check_in_starts_the_session_without_answers(
    checking_in: tuple[SessionStarts, AskingPages], controller: SessionController
) -> None:
    starts, _pages = checking_in
    starts.quick("timer-5", ask_checkin=True)
    assert starts.checked_in(None) and controller.is_active
    assert starts.last_request is not None and starts.last_request.checkin_before is None


def test_stepping_back_from_the_check_in_starts_nothing_and_goes_home(
    checking_in: tuple[SessionStarts, AskingPages], players: PlayerBox
) -> None:
    starts, pages = checking_in
    starts.quick("timer-5", ask_checkin=True)
    starts.backed_out()
    assert (starts.waiting, players.players, pages.homes) == (None, [], 1)
    assert not starts.checked_in(None)  # nothing waits any more


def test_a_start_refused_once_its_check_in_is_answered_goes_home_and_says_why(
    checking_in: tuple[SessionStarts, AskingPages], told: list[str]
) -> None:
    from kindly.library.quick_starts import SessionRequest

    starts, pages = checking_in
    starts.start(SessionRequest("timer", SessionChoices(minutes=0)), ask_checkin=True)
    attempt = starts.checked_in(None)
    assert attempt.problem is not None and told == [attempt.problem] and pages.homes == 1


def test_a_start_while_a_session_runs_asks_and_replaces_only_on_a_yes(
    settings: Settings, controller: SessionController, told: list[str], players: PlayerBox
) -> None:
    asked: list[tuple[str, Callable[[], None]]] = []
    starts = _asking(settings, controller, told, asked)
    starts.quick("timer-5")
    assert starts.quick("gentle-hand")  # not refused: asked
    [(title, replace)] = asked
    assert title == "“A gentle hand”" and len(players.players) == 1
    replace()
    assert players.players[0].calls == ["play", "stop"]
    assert players.current.plan is not None and players.current.plan.config.practice == "gentle-hand"


def test_a_start_that_could_not_happen_is_refused_before_anyone_is_asked(
    settings: Settings, controller: SessionController, told: list[str]
) -> None:
    from kindly.library.quick_starts import SessionRequest

    asked: list[tuple[str, Callable[[], None]]] = []
    starts = _asking(settings, controller, told, asked)
    starts.quick("timer-5")
    attempt = starts.start(SessionRequest("timer", SessionChoices(minutes=0)))
    assert attempt.problem is not None and asked == [] and controller.is_active
