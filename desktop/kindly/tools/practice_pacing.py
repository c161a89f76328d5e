"""Measure how the bundled practices are paced, as a listener hears them: one Markdown table.

    python -m kindly.tools.practice_pacing [--scripts DIR]

For each practice: its default, minimum and maximum minutes; its words; the
pace inside its recorded clips in syllables a second (median and range);
when its first phrase starts after the start bell strikes; the shortest gap
between two phrases; and its longest silence (no word and no bell) at its
default length and at 40 minutes (or its maximum). Every session is laid out
by the same code as a real one (`place_phrases`), with the practice's own
breath pattern, the default bell and the default guidance; gaps and silences
are the worst of a first session and a later one.

Syllables are estimated, not counted: each word's groups of vowels (a, e, i,
o, u, y), less a silent final "e", at least one a word. The estimate is the
same before and after a change, which is what a comparison needs.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kindly.core.practice_schedule import PhraseTiming, place_phrases
from kindly.core.practice_script import Practice
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import build_session_plan
from kindly.library.practice_library import prepare_narration
from kindly.tools.render_narration import parsed_bundled_scripts

LONG_MINUTES = 40.0
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_LETTERS = re.compile(r"[a-z]+")


def estimated_syllables(text: str) -> int:
    """Syllables by the vowel-group rule (see the module's docstring): close enough to compare paces."""
    total = 0
    for word in _LETTERS.findall(text.lower().replace("'", "")):
        groups = len(_VOWEL_GROUP.findall(word))
        if word.endswith("e") and not word.endswith(("le", "ee")) and groups > 1:
            groups -= 1
        total += max(1, groups)
    return total


@dataclass(frozen=True)
class Pacing:
    """One practice's row of the table."""

    practice: Practice
    words: int
    syllables_per_second: tuple[float, float, float]
    """Median, lowest and highest, across the clips."""
    first_phrase_s: float
    shortest_gap_s: float
    silence_default_s: float
    long_minutes: float
    silence_long_s: float


def longest_silence(config: SessionConfig, timings: Sequence[PhraseTiming]) -> float:
    """The longest stretch with neither a word nor a bell's strike, from the start bell to the end bell."""
    bells = [(c.t, c.t) for c in build_session_plan(config).cues if c.kind == "bell"]
    sounds = sorted([(t.t, t.t + t.duration) for t in timings] + bells)
    quiet, heard_until = 0.0, sounds[0][1]
    for start, end in sounds[1:]:
        quiet = max(quiet, start - heard_until)
        heard_until = max(heard_until, end)
    return quiet


def shortest_gap(timings: Sequence[PhraseTiming]) -> float:
    """The least silence between one phrase's end and the next one's start."""
    gaps = [after.t - (before.t + before.duration) for before, after in itertools.pairwise(timings)]
    return min(gaps, default=float("inf"))


def measure(practice: Practice) -> Pacing:
    """Lay the practice out at its default length and at the long one, first session and later."""
    durations = prepare_narration(practice, voice=None).durations
    paces = [estimated_syllables(p.text) / seconds for p, seconds in zip(practice.phrases(), durations) if seconds > 0]
    long_minutes = min(LONG_MINUTES, practice.maximum_minutes)

    def sessions(minutes: float) -> list[tuple[SessionConfig, list[PhraseTiming]]]:
        out = []
        for first in (True, False):
            config = SessionConfig(minutes=minutes, breath=practice.breath, practice=practice.id, first_session=first)
            out.append((config, place_phrases(practice, config, durations)))
        return out

    default = sessions(practice.default_minutes)
    long = sessions(long_minutes)
    return Pacing(
        practice=practice,
        words=sum(len(p.text.split()) for p in practice.phrases()),
        syllables_per_second=(statistics.median(paces), min(paces), max(paces)),
        first_phrase_s=min(timings[0].t - config.start_s for config, timings in default),
        shortest_gap_s=min(shortest_gap(timings) for _config, timings in [*default, *long]),
        silence_default_s=max(longest_silence(config, timings) for config, timings in default),
        long_minutes=long_minutes,
        silence_long_s=max(longest_silence(config, timings) for config, timings in long),
    )


def table(rows: Sequence[Pacing]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| id | default / min / max min | words | syllables a second: median (range) | first phrase after the "
        "start bell | shortest gap between phrases | longest silence at default | longest silence at 40 min "
        "(or max) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        p = row.practice
        median, low, high = row.syllables_per_second
        lines.append(
            f"| {p.id} | {p.default_minutes:g} / {p.minimum_minutes:g} / {p.maximum_minutes:g} | {row.words} "
            f"| {median:.1f} ({low:.1f}-{high:.1f}) | {row.first_phrase_s:.1f} s | {row.shortest_gap_s:.1f} s "
            f"| {row.silence_default_s:.0f} s | {row.silence_long_s:.0f} s at {row.long_minutes:g} min |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kindly.tools.practice_pacing", description=__doc__)
    parser.add_argument("--scripts", type=Path, default=None, help="a folder of scripts (default: the bundled ones)")
    args = parser.parse_args(argv)
    print(table([measure(p) for p in parsed_bundled_scripts(args.scripts)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
