"""Impossible session settings are refused in one line naming the value."""

import pytest

from kindly.core.errors import KindlyInputError
from kindly.core.session_config import LayerVolumes, SessionConfig


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"minutes": 0}, "minutes of 0 is out of range"),
        ({"minutes": -5}, "minutes of -5 is out of range"),
        ({"minutes": 240.5}, "minutes of 240.5 is out of range"),
        ({"minutes": float("inf")}, "minutes of inf"),
        ({"warmup_s": -1}, "warm-up of -1 s is negative"),
        ({"warmup_s": 601}, "warm-up of 601 s is too long"),
        ({"guidance": "lots"}, "unknown guidance 'lots'"),
        ({"interval_bell_min": -2}, "interval bell of -2 minutes"),
        # Bells closer than a few seconds apart are noise, and 1e-300 once made the planner loop for ever.
        ({"interval_bell_min": 1e-300}, "interval bell of 1e-300 minutes is out of range"),
        ({"interval_bell_min": 0.09}, "interval bell of 0.09 minutes is out of range"),
        ({"bell_every_breaths": -1}, "bell every -1 breaths"),
        ({"bell": "gong"}, "unknown bell 'gong'"),
        ({"ambient": "waves"}, "unknown ambient bed 'waves'"),
        ({"volumes": LayerVolumes(bells=101)}, "volume for bells of 101 is out of range"),
        ({"volumes": LayerVolumes(ambient=-1)}, "volume for ambient of -1 is out of range"),
    ],
)
def test_impossible_settings_are_refused(kwargs: dict, fragment: str) -> None:
    with pytest.raises(KindlyInputError, match=fragment):
        SessionConfig(**kwargs)


def test_the_most_frequent_interval_bell_rings_every_six_seconds() -> None:
    assert SessionConfig(interval_bell_min=0.1).interval_bell_min == 0.1


def test_the_longest_session_is_four_hours() -> None:
    assert SessionConfig(minutes=240).end_s == 5 + 240 * 60


def test_start_and_end_follow_warmup_and_minutes() -> None:
    config = SessionConfig(minutes=2, warmup_s=7.5)
    assert (config.start_s, config.end_s) == (7.5, 127.5)


def test_each_sound_layer_has_its_volume_and_no_other_layer_does() -> None:
    volumes = LayerVolumes(bells=70)
    assert volumes.get("bells") == 70
    with pytest.raises(KindlyInputError, match="unknown sound layer 'thunder'"):
        volumes.get("thunder")
