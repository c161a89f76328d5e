"""Which live outputs `make bench` compares: PortAudio's one stream ("stream") beside simpleaudio's voices.

The lines of `live_cue_outputs.py` and `session_cpu_outputs.py` each measure
the candidate output and the baseline in the same run. An output mode the
player factory does not offer (a build from before the PortAudio output) is
reported as not available; the run goes on.
"""

from __future__ import annotations

from typing import get_args

CANDIDATE = "stream"  # PortAudio: one callback stream for the whole session
BASELINE = "voices"  # simpleaudio: one play_buffer per sound, as Kindly played before


def output_modes() -> tuple[str, ...]:
    """The modes `kindly.audio.player_factory.choose_output` accepts (its `OutputMode`)."""
    from kindly.audio import player_factory

    return tuple(str(mode) for mode in get_args(getattr(player_factory, "OutputMode", object)))


def unavailable(*modes: str) -> str | None:
    """Why these outputs cannot be compared here (None: they can)."""
    known = output_modes()
    missing = [mode for mode in modes if mode not in known]
    if missing:
        return (
            f"not available: choose_output has no mode {', '.join(repr(m) for m in missing)} "
            f"(it offers {', '.join(known)})"
        )
    return None


def output_class(lines: list[str]) -> str | None:
    """The output class a child reported (`output <class>`), the last one if it reported several."""
    found = [line.split()[1] for line in lines if line.startswith("output ") and len(line.split()) > 1]
    return found[-1] if found else None
