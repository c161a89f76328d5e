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


def _asking(
    settings: Settings, controller: SessionController, told: list[str], asked: list[tuple[str, Callable[[], None]]]
) -> SessionStarts:
    catalogue = catalogue_of()
    catalogue.reload()
    return SessionStarts(settings, catalogue, controller, told.append, ask_replace=lambda *a: asked.append(a))


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
