"""The timing rules of the contract, one rule per test."""

import json

import pytest

from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import Cue, breath_phase_at, build_session_plan


def plan_for(**kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("breath", parse_breath_pattern(kwargs.pop("pattern", "calm")))
    return build_session_plan(SessionConfig(**kwargs))


def times(plan, kind: str, name: str | None = None) -> list[float]:  # type: ignore[no-untyped-def]
    return [c.t for c in plan.cues if c.kind == kind and (name is None or c.name == name)]


def test_warmup_is_silent() -> None:
    plan = plan_for(minutes=1, warmup_s=12)
    assert min(c.t for c in plan.cues) == 12


def test_start_bell_and_first_inhale_sound_at_the_end_of_the_warmup() -> None:
    plan = plan_for(minutes=1, warmup_s=8)
    assert times(plan, "bell", "start") == [8]
    assert times(plan, "breath")[0] == 8
    assert plan.cues[0] == Cue(8, "bell", "start")
    assert plan.cues[1] == Cue(8, "breath", "inhale")


def test_end_bell_sounds_at_warmup_plus_minutes() -> None:
    plan = plan_for(minutes=3, warmup_s=5)
    assert times(plan, "bell", "end") == [185]


def test_file_goes_on_only_for_the_bell_to_ring_out() -> None:
    assert plan_for(minutes=1, warmup_s=0, bell="bowl").duration_s == 60 + 12
    assert plan_for(minutes=1, warmup_s=0, bell="wood-block").duration_s == 62.5


def test_interval_bells_sound_every_interval_after_the_start() -> None:
    plan = plan_for(minutes=10, warmup_s=5, interval_bell_min=3)
    assert times(plan, "bell", "interval") == [185, 365, 545]


def test_interval_bell_never_sounds_at_the_end() -> None:
    plan = plan_for(minutes=10, warmup_s=5, interval_bell_min=5)
    assert times(plan, "bell", "interval") == [305]
    assert times(plan, "bell", "end") == [605]


def test_no_interval_bells_when_the_interval_is_zero() -> None:
    assert times(plan_for(minutes=10, interval_bell_min=0), "bell", "interval") == []


def test_interval_longer_than_the_session_rings_no_interval_bell() -> None:
    assert times(plan_for(minutes=2, interval_bell_min=5), "bell", "interval") == []


def test_count_bell_sounds_with_every_nth_cycle_after_the_first() -> None:
    # calm = 4-6: a 10 s cycle; N = 3 rings with cycles 4, 7, 10... (t = 30, 60, 90 after the start)
    plan = plan_for(minutes=1.5, warmup_s=0, bell_every_breaths=3)
    assert times(plan, "bell", "count") == [30, 60]


def test_count_bells_fall_on_inhales() -> None:
    plan = plan_for(minutes=5, warmup_s=3, pattern="4-7-8", bell_every_breaths=2)
    inhales = set(times(plan, "breath", "inhale"))
    assert times(plan, "bell", "count")
    assert set(times(plan, "bell", "count")) <= inhales


def test_every_phase_with_length_gets_a_cue() -> None:
    plan = plan_for(minutes=1, warmup_s=0, pattern="box")
    first_cycle = [(c.t, c.name) for c in plan.cues if c.kind == "breath"][:4]
    assert first_cycle == [(0, "inhale"), (4, "hold"), (8, "exhale"), (12, "rest")]


def test_zero_length_holds_get_no_cue() -> None:
    plan = plan_for(minutes=1, warmup_s=0, pattern="4-0-6-0")
    assert {c.name for c in plan.cues if c.kind == "breath"} == {"inhale", "exhale"}


def test_breath_cues_stop_before_the_end_bell() -> None:
    plan = plan_for(minutes=1, warmup_s=2, pattern="4-6")
    breath = times(plan, "breath")
    assert max(breath) < plan.end_s
    # 60 s of 10 s cycles: the last exhale starts 54 s after the start.
    assert max(breath) == 2 + 54


def test_a_phase_starting_exactly_at_the_end_gets_no_cue() -> None:
    plan = plan_for(minutes=1, warmup_s=0, pattern="5-5")
    assert 60.0 not in times(plan, "breath")


def test_no_breath_cues_when_turned_off() -> None:
    assert times(plan_for(minutes=2, breath_cues=False), "breath") == []


def test_bells_still_sound_when_breath_cues_are_off() -> None:
    plan = plan_for(minutes=2, breath_cues=False, interval_bell_min=1)
    assert [c.name for c in plan.cues] == ["start", "interval", "end"]


def test_cues_are_sorted_by_time() -> None:
    plan = plan_for(minutes=20, pattern="478", interval_bell_min=2, bell_every_breaths=5)
    ts = [c.t for c in plan.cues]
    assert ts == sorted(ts)


def test_a_four_hour_session_has_no_drift() -> None:
    # 5.5-5.5 cannot be summed exactly in binary floating point; times must still be exact multiples.
    plan = plan_for(minutes=240, warmup_s=5, pattern="coherent")
    inhales = times(plan, "breath", "inhale")
    assert len(inhales) == 1310  # ceil(14400 / 11)
    for n, t in enumerate(inhales):
        assert t == 5 + n * 11.0
    assert inhales[-1] == pytest.approx(5 + 1309 * 11, abs=1e-9)


def test_odd_decimal_cycles_stay_on_their_grid_for_four_hours() -> None:
    plan = plan_for(minutes=240, warmup_s=0.3, pattern="1.1-2.3-1.7-0.1")
    inhales = times(plan, "breath", "inhale")
    cycle = 1.1 + 2.3 + 1.7 + 0.1
    worst = max(abs(t - (0.3 + n * cycle)) for n, t in enumerate(inhales))
    assert worst < 1e-9


def test_timeline_json_has_the_contract_shape() -> None:
    plan = plan_for(minutes=1, warmup_s=2, pattern="box", interval_bell_min=0.5)
    data = json.loads(json.dumps(plan.to_json()))
    assert set(data) == {"duration_s", "events"}
    assert data["events"][0] == {"t": 2.0, "kind": "bell", "role": "start"}
    assert data["events"][1] == {"t": 2.0, "kind": "breath", "phase": "inhale"}
    assert {e["kind"] for e in data["events"]} == {"bell", "breath"}
    assert all(("role" in e) == (e["kind"] == "bell") for e in data["events"])


def test_narration_events_carry_text_practice_and_duration() -> None:
    config = SessionConfig(minutes=1, warmup_s=0)
    phrase = Cue(
        10.0, "narration", text="Let the breath be as it is.", practice="breathing", duration=2.5, clip="/x.ogg"
    )
    plan = build_session_plan(config, narration=[phrase])
    event = next(e for e in plan.to_json()["events"] if e["kind"] == "narration")
    assert event == {
        "t": 10.0,
        "kind": "narration",
        "text": "Let the breath be as it is.",
        "practice": "breathing",
        "duration": 2.5,
    }


def test_breath_phase_at_is_computed_from_the_start() -> None:
    config = SessionConfig(minutes=240, warmup_s=5, breath=parse_breath_pattern("4-7-8"))
    span = breath_phase_at(config, 5 + 700 * 19 + 12.0)
    assert span is not None
    assert (span.phase, span.cycle, span.seconds) == ("exhale", 700, 8)
    assert span.t == 5 + 700 * 19 + 11


def test_there_is_no_breath_phase_in_the_warmup_or_after_the_end() -> None:
    config = SessionConfig(minutes=1, warmup_s=5)
    assert breath_phase_at(config, 4.99) is None
    assert breath_phase_at(config, 65.0) is None


@pytest.mark.parametrize(
    ("pattern", "warmup_s", "t", "cycle"),
    [
        ("5.5-5.5", 10.7, 43.699999999999996, 2),  # a hair before cycle 3 begins at 10.7 + 3 * 11
        ("4.1-2.3-6.7", 5.0, 135.99999999999997, 9),  # a hair before cycle 10, past the exhale's rounded end
    ],
)
def test_an_instant_a_hair_before_a_cycle_begins_is_the_exhale_of_the_cycle_before(
    pattern: str, warmup_s: float, t: float, cycle: int
) -> None:
    config = SessionConfig(minutes=60, warmup_s=warmup_s, breath=parse_breath_pattern(pattern))
    span = breath_phase_at(config, t)
    assert span is not None
    assert (span.phase, span.cycle) == ("exhale", cycle)
    assert span.t <= t


def test_the_plan_tells_the_breath_phase_as_the_config_does() -> None:
    plan = plan_for(minutes=1, warmup_s=5)
    assert plan.breath_at(5.0) == breath_phase_at(plan.config, 5.0)
    assert plan.breath_at(5.0) is not None and plan.breath_at(4.0) is None
    assert plan.start_s == 5.0
