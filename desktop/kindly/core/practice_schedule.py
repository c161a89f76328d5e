"""Laying a practice's phrases onto a session's breath: when each one is spoken.

The rules (the contract's): a phrase starts on an inhale boundary, never
overlaps the one before it, and never runs past the end bell. The first
phrase waits for the start bell to ring out and a breath more; two phrases
are at least `MIN_GAP_S` apart unless the script joins them. The opening is
laid forwards from the start bell; the closing backwards from the end bell,
so its last word ends just before it; the middle blocks sit where the rests'
weights put them in the spare time between, so one script fits 5 minutes or
45. With the default guidance, any rest longer than the practice's
`max-silence` (five minutes unless it says) gets the practice's
re-invitations, evenly spread, so nobody is left alone for long.
Boundaries are whole cycle indices turned into times as `start + n * cycle`,
so nothing drifts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kindly.core.errors import KindlyFailure, KindlyInputError
from kindly.core.practice_script import FIRST_TIME, Join, Phrase, Practice, Step
from kindly.core.session_config import GUIDANCE_FULL, SessionConfig
from kindly.core.session_plan import Cue
from kindly.core.sound_catalog import BELLS
from kindly.core.user_numbers import as_written

CLOSING_MARGIN_S = 0.5
"""The last closing phrase ends at least this long before the end bell strikes."""

MIN_GAP_S = 2.0
"""The least silence between two phrases (about one out-breath), unless the script `[join]`s them:
closer, two sentences run together as one breathless one."""

RETURN_QUIET_END_S = 60.0
"""No re-invitation is spoken in the session's last minute."""

WORDS_PER_SECOND = 2.5
"""A calm speaking pace, for phrases shown as captions with no voice to time them."""

_EPS = 1e-6


@dataclass(frozen=True)
class PhraseTiming:
    """Where one phrase was placed, for the tests and the UI's caption list."""

    phrase: Phrase
    t: float
    duration: float


def first_word_at(config: SessionConfig) -> float:
    """The earliest the first phrase may start: once the start bell has rung out, and one out-breath
    more, so the first words never land on the strike or in its ring. (A whole breath more would not
    leave a one-minute practice room at 4-7-8's 19 s breaths; the phrase waits for an in-breath anyway.)"""
    return config.start_s + BELLS[config.bell].rung_out_s + config.breath.exhale


def estimated_speech_seconds(text: str) -> float:
    """How long a phrase takes to say at a calm pace (for captions without audio)."""
    words = len(text.split())
    return round(1.0 + words / WORDS_PER_SECOND, 3)


class _Grid:
    """The session's inhale boundaries as indices: `time(n) = start + n * cycle`."""

    def __init__(self, config: SessionConfig) -> None:
        self.start = config.start_s
        self.cycle = config.breath.cycle_seconds

    def time(self, n: int) -> float:
        return self.start + n * self.cycle

    def first_at_or_after(self, t: float) -> int:
        return max(0, math.ceil((t - self.start) / self.cycle - _EPS))

    def last_at_or_before(self, t: float) -> int:
        return math.floor((t - self.start) / self.cycle + _EPS)


def schedule_practice(
    practice: Practice,
    config: SessionConfig,
    durations: Sequence[float],
    clips: Sequence[str | None] | None = None,
) -> list[Cue]:
    """The practice's narration cues for this session, ready for `build_session_plan`.

    Args:
        practice: the parsed script.
        config: the session (its breath pattern, start and end).
        durations: each phrase's spoken length in seconds, in `practice.phrases()` order.
        clips: each phrase's audio file (absolute path), or None where it is only captioned.

    Raises:
        KindlyInputError: one line naming the practice and its minimum, when the
            session is shorter than the practice's minimum or its guidance does not fit.
    """
    return [
        Cue(
            timing.t,
            "narration",
            text=timing.phrase.text,
            practice=practice.id,
            duration=timing.duration,
            clip=(clips[timing.phrase.number - 1] if clips is not None else None),
        )
        for timing in place_phrases(practice, config, durations, clips)
    ]


def place_phrases(
    practice: Practice,
    config: SessionConfig,
    durations: Sequence[float],
    clips: Sequence[str | None] | None = None,
) -> list[PhraseTiming]:
    """Each phrase with its start time and length, in time order (see `schedule_practice`)."""
    count = len(practice.phrases())
    if len(durations) != count or (clips is not None and len(clips) != count):
        raise KindlyFailure(
            f"practice {practice.id!r} has {count} phrases but {len(durations)} clip lengths were given"
        )
    for value in durations:
        if not (math.isfinite(value) and value >= 0):
            raise KindlyFailure(f"practice {practice.id!r}: a clip length of {value!r} s is impossible")
    if config.minutes < practice.minimum_minutes - _EPS:
        raise KindlyInputError(
            f"practice {practice.id!r} needs at least {practice.minimum_minutes:g} minutes "
            f"(asked for {as_written(config.minutes)})"
        )
    if config.minutes > practice.maximum_minutes + _EPS:
        raise KindlyInputError(
            f"practice {practice.id!r} lasts at most {practice.maximum_minutes:g} minutes "
            f"(asked for {as_written(config.minutes)}); for a longer sit, choose a silent timer or another practice"
        )
    grid = _Grid(config)
    blocks = [_spoken_steps(block, config.first_session) for block in practice.blocks]
    first_word = first_word_at(config)
    opening, opening_end = _lay_forwards(blocks[0], grid, durations, grid.start, first_word)
    if not opening:  # the first words are then a later block's: they too wait for the bell
        opening_end = max(opening_end, first_word)
    closing, closing_start = _lay_backwards(blocks[-1], grid, durations, config.end_s - CLOSING_MARGIN_S)
    middles = blocks[1:-1]
    # A block laid from an inhale boundary has the same length wherever it starts.
    lengths = [_lay_forwards(block, grid, durations, grid.start)[1] - grid.start for block in middles]
    # Where each middle block may begin with no spare time at all: after the blocks before it,
    # each of which (if it holds anything) may start up to a breath late, to begin on an inhale.
    offsets = [0.0]
    for block, length in zip(middles, lengths):
        offsets.append(offsets[-1] + length + (grid.cycle if block else 0.0))
    spare = closing_start - opening_end - offsets[-1]
    if spare < -_EPS or closing_start < config.start_s - _EPS:
        needed = (opening_end - config.start_s) + sum(lengths) + (config.end_s - closing_start)
        raise KindlyInputError(
            f"practice {practice.id!r} does not fit in {config.minutes:g} minutes with breath pattern "
            f"{config.breath.spec()} (its guidance alone takes about {_minutes_text(needed)}; "
            f"its minimum is {practice.minimum_minutes:g} minutes with its own pattern {practice.breath.spec()})"
        )
    timings = list(opening)
    rests: list[tuple[float, float]] = []
    total_weight = sum(practice.rest_weights)
    earliest = opening_end
    silence_from = timings[-1].t + timings[-1].duration if timings else first_word
    for index, block in enumerate(middles):
        share = spare * sum(practice.rest_weights[: index + 1]) / total_weight
        target = opening_end + offsets[index] + share
        placed, earliest = _lay_forwards(block, grid, durations, max(target, earliest))
        if placed:
            rests.append((silence_from, placed[0].t))
            silence_from = placed[-1].t + placed[-1].duration
        timings.extend(placed)
    rests.append((silence_from, closing[0].t if closing else config.end_s))
    if config.guidance == GUIDANCE_FULL and len(practice.returns) >= 2:
        timings.extend(_place_returns(practice, grid, durations, rests, config.end_s - RETURN_QUIET_END_S))
    timings.extend(closing)
    timings.sort(key=lambda timing: timing.t)
    return timings


def _spoken_steps(block: Sequence[Step], first_session: bool) -> list[Step]:
    """The block as this session speaks it: first-time phrases only on a first session (and a
    `[join]` to or from a phrase not spoken goes with it)."""
    steps: list[Step] = []
    dropped = False
    for step in block:
        if isinstance(step, Phrase) and step.kind == FIRST_TIME and not first_session:
            if steps and isinstance(steps[-1], Join):
                steps.pop()
            dropped = True
            continue
        if not (dropped and isinstance(step, Join)):
            steps.append(step)
        dropped = False
    return steps


def _return_count(length: float, spoken: float, limit: float) -> int:
    """The fewest re-invitations n, each `spoken` s long, that leave no silence in `length` s over
    `limit`: the least n with (length - n * spoken) / (n + 1) <= limit."""
    return max(0, math.ceil((length - limit) / (limit + spoken) - _EPS))


def _place_returns(
    practice: Practice,
    grid: _Grid,
    durations: Sequence[float],
    rests: Sequence[tuple[float, float]],
    latest_end: float,
) -> list[PhraseTiming]:
    """Re-invitations spread evenly through each long silence, taken in turn so none repeats at once.

    Each rest gets the fewest that leave no silence over the limit, evenly spread; one that
    would fall in the quiet last minute is moved just before it, and if that leaves the end
    of the rest too long a silence, the rest gets one more.
    """
    returns = practice.returns
    limit = practice.max_silence_s
    spoken = sum(durations[p.number - 1] for p in returns) / len(returns)
    timings: list[PhraseTiming] = []
    for begin, end in rests:
        count = _return_count(end - begin, spoken, limit)
        placed: list[PhraseTiming] = []
        for more in range(3 if count else 0):
            placed = _spread(returns, len(timings), count + more, spoken, grid, durations, (begin, end), latest_end)
            if _longest_silence(placed, begin, end) <= limit + grid.cycle:
                break
        timings.extend(placed)
    return timings


def _spread(
    returns: Sequence[Phrase],
    turn: int,
    count: int,
    spoken: float,
    grid: _Grid,
    durations: Sequence[float],
    rest: tuple[float, float],
    latest_end: float,
) -> list[PhraseTiming]:
    """`count` returns (`spoken` s long on average) evenly through the rest, from the `turn`-th
    in the list, on inhales."""
    begin, end = rest
    gap = (end - begin - count * spoken) / (count + 1)
    placed: list[PhraseTiming] = []
    earliest = begin + MIN_GAP_S
    for k in range(count):
        phrase = returns[(turn + k) % len(returns)]
        length = float(durations[phrase.number - 1])
        t = grid.time(grid.first_at_or_after(max(begin + (k + 1) * gap + k * spoken, earliest)))
        if t + length > latest_end + _EPS:
            t = grid.time(grid.last_at_or_before(latest_end - length))
        if t < earliest - _EPS or t + length > end - grid.cycle + _EPS:
            break
        placed.append(PhraseTiming(phrase, t, length))
        earliest = t + length + MIN_GAP_S
    return placed


def _longest_silence(placed: Sequence[PhraseTiming], begin: float, end: float) -> float:
    edges = [begin, *(x for p in placed for x in (p.t, p.t + p.duration)), end]
    return max(edges[i + 1] - edges[i] for i in range(0, len(edges), 2))


def _minutes_text(seconds: float) -> str:
    return f"{math.ceil(seconds / 30.0) / 2.0:g} minutes"


def _lay_forwards(
    steps: Sequence[Step], grid: _Grid, durations: Sequence[float], begin: float, first_word: float = 0.0
) -> tuple[list[PhraseTiming], float]:
    """A block from `begin`, no phrase before `first_word`; returns the timings and when the next
    block may begin: after its last pause, and at least the least gap after its last phrase."""
    timings: list[PhraseTiming] = []
    earliest = begin
    joined = False
    for step in steps:
        if isinstance(step, Phrase):
            at = max(earliest, first_word)
            if timings and not joined:
                at = max(at, timings[-1].t + timings[-1].duration + MIN_GAP_S)
            t = grid.time(grid.first_at_or_after(at))
            length = float(durations[step.number - 1])
            timings.append(PhraseTiming(step, t, length))
            earliest = t + length
            joined = False
        elif isinstance(step, Join):
            joined = True
        elif step.breaths:
            earliest = grid.time(grid.first_at_or_after(earliest) + step.breaths)
        else:
            earliest += step.seconds
    if timings:
        earliest = max(earliest, timings[-1].t + timings[-1].duration + MIN_GAP_S)
    return timings, earliest


def _lay_backwards(
    steps: Sequence[Step], grid: _Grid, durations: Sequence[float], deadline: float
) -> tuple[list[PhraseTiming], float]:
    """The closing back from `deadline`; returns the timings and the latest the rest may end
    (at least the least gap before its first phrase)."""
    timings: list[PhraseTiming] = []
    latest_end = deadline
    joined = False
    for step in reversed(steps):
        if isinstance(step, Phrase):
            latest = latest_end
            if timings and not joined:
                latest = min(latest, timings[-1].t - MIN_GAP_S)
            length = float(durations[step.number - 1])
            t = grid.time(grid.last_at_or_before(latest - length))
            timings.append(PhraseTiming(step, t, length))
            latest_end = t
            joined = False
        elif isinstance(step, Join):
            joined = True
        elif step.breaths:
            latest_end -= step.breaths * grid.cycle
        else:
            latest_end -= step.seconds
    timings.reverse()
    # A closing always holds a phrase spoken every time (parse_practice refuses one without).
    latest_end = min(latest_end, timings[0].t - MIN_GAP_S)
    return timings, latest_end
