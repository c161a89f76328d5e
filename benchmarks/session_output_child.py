"""Child of the hidden-session CPU bench: `kindly ARGS...` with every session played through one output mode.

    session_output_child.py MODE [kindly arguments...]

The app picks its output itself ("auto"). To put two outputs side by side in
the same window of time, this wraps `kindly.audio.player_factory.choose_output`
so that it is asked for MODE whatever the app asks, and prints `output
<class>` on stderr each time it answers, then runs `kindly.cli.main` as the
`kindly` command does.
"""

from __future__ import annotations

import sys
from typing import Any

from kindly.audio import player_factory


def force_output(mode: str) -> None:
    choose = player_factory.choose_output

    def choose_forced(bank: Any, clock: Any, _asked: str = "auto", *rest: Any, **options: Any) -> Any:
        options.pop("mode", None)
        output, notice = choose(bank, clock, mode, *rest, **options)
        print(f"output {type(output).__name__}", file=sys.stderr, flush=True)
        return output, notice

    player_factory.choose_output = choose_forced  # type: ignore[assignment]


def main() -> int:
    mode, arguments = sys.argv[1], sys.argv[2:]
    force_output(mode)
    from kindly.cli import main as kindly_main

    return kindly_main(arguments)


if __name__ == "__main__":
    sys.exit(main())
