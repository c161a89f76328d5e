"""`kindly practices [--json]`: every practice Kindly can offer, and how it will be voiced.

A user script that was refused is reported on standard error with its file
and line; the listing of the others still succeeds (exit 0).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from kindly import locations
from kindly.core.practice_script import MINUTES_MAX
from kindly.library.practice_library import PracticeEntry, PracticeLibrary, load_library


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON: the practices and any refused scripts")


def entry_json(entry: PracticeEntry) -> dict[str, Any]:
    practice = entry.practice
    return {
        "id": practice.id,
        "title": practice.title,
        "default_minutes": practice.default_minutes,
        "min_minutes": practice.minimum_minutes,
        "max_minutes": practice.maximum_minutes,
        "breath_cues": practice.breath_cues,
        "end_bell": "soft" if practice.soft_end else "full",
        "safety": practice.safety,
        "breath": practice.breath.spec(),
        "description": practice.description,
        "source": entry.source,
        "narration": entry.narration,
        "path": str(entry.path),
    }


def write_text(library: PracticeLibrary, out: TextIO) -> None:
    """One line per practice (id, title, minutes, voice), its description below, then where user scripts go."""
    if not library.entries:
        out.write("No practices found.\n")
    id_width = max((len(e.practice.id) for e in library.entries), default=0)
    title_width = max((len(e.practice.title) for e in library.entries), default=0)
    for entry in library.entries:
        p = entry.practice
        minutes = f"{p.default_minutes:g} min ({_range(p.minimum_minutes, p.maximum_minutes)})"
        mine = ", your script" if entry.source == "user" else ""
        out.write(f"{p.id:<{id_width}}  {p.title:<{title_width}}  {minutes:<20}  {entry.narration}{mine}\n")
        out.write(f"{'':<{id_width}}  {p.description}\n")
    out.write(
        f"\nYour own scripts go in {locations.user_scripts_dir()} "
        f"(the format: {locations.scripts_dir() / 'README.md'})\n"
    )


def _range(minimum: float, maximum: float) -> str:
    return f"at least {minimum:g}" if maximum >= MINUTES_MAX else f"{minimum:g}-{maximum:g}"


def run(options: argparse.Namespace) -> int:
    library = load_library()
    if options.json:
        json.dump(
            {"practices": [entry_json(e) for e in library.entries], "errors": list(library.errors)},
            sys.stdout,
            indent=1,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
    else:
        write_text(library, sys.stdout)
    for error in library.errors:
        print(f"kindly: warning: skipped a script: {error}", file=sys.stderr)
    return 0
