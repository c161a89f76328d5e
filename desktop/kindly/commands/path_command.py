"""`kindly path [--json]` and `kindly path start [ID] | next | leave`: the practice path and where you are on it.

Showing the path is coming back to it: a week that has had its seven days
gives way to the next, beginning now (`kindly.core.path_progress`), and that
is kept. Nothing here ever locks, resets or scolds.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from kindly import locations
from kindly.commands.history_command import open_history_telling
from kindly.core.errors import KindlyFailure
from kindly.core.path_progress import PathProgress, come_back, finished, next_week, start_path
from kindly.core.path_script import PracticePath
from kindly.library.practice_library import load_library
from kindly.library.practice_paths import BUNDLED_PATH, load_paths
from kindly.store.path_store import current_path, keep_progress, leave_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the path and your place on it as JSON")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    start = actions.add_parser("start", help="begin a path at week 1 (default: the twelve weeks of kindness)")
    start.add_argument("path_id", nargs="?", default=BUNDLED_PATH, metavar="ID")
    start.add_argument("--again", action="store_true", help="begin again at week 1 a path you are on already")
    actions.add_parser("next", help="move on to the next week now")
    actions.add_parser("leave", help="step off the path (your sessions stay)")


def run(args: argparse.Namespace) -> int:
    library = load_library()
    paths = load_paths(library.ids())
    # The path asked for first: refused, its one line names the broken file, and no notice says it again.
    asked = paths.get(args.path_id) if args.action == "start" else None
    for problem in paths.problems:  # a broken path of the person's own never hides the others
        print(f"kindly: notice: {problem}", file=sys.stderr)
    titles = {e.practice.id: e.practice.title for e in library.entries}
    now = datetime.now(UTC)
    with open_history_telling() as store:
        progress = current_path(store)
        if asked is not None:
            path = asked
            if progress is not None and progress.path_id == path.id and not args.again:
                # A place on the path is never lost by a slip: beginning again is asked for in so many words.
                print(
                    f"You are on week {progress.week} of {path.title!r} already; "
                    f"'kindly path start --again' begins it at week 1."
                )
                return 0
            progress = start_path(path.id, now)
            keep_progress(store, progress)
        elif args.action == "leave":
            left = leave_path(store, now)
            print("You have stepped off the path; your sessions stay." if left else "You are not on a path.")
            return 0
        elif progress is not None and not any(p.id == progress.path_id for p in paths.paths):
            print(
                f"You are on the path {progress.path_id!r}, which is no longer here (its file was moved or has a "
                "mistake); 'kindly path leave' steps off it, and 'kindly path start' begins the twelve weeks."
            )
            return 0
        elif progress is not None:
            path = paths.get(progress.path_id)
            moved = next_week(progress, len(path.weeks), now) if args.action == "next" else None
            moved = moved or come_back(progress, len(path.weeks), now)
            if moved != progress:
                keep_progress(store, moved)
            progress = moved
        elif args.action == "next":
            print(f"You are not on a path yet: 'kindly path start' begins {paths.get(BUNDLED_PATH).title!r}.")
            return 0
    shown = paths.get(progress.path_id) if progress is not None else paths.offered()
    if shown is None:
        raise KindlyFailure(f"no practice path is installed (nothing in {locations.paths_dir()})")
    if args.json:
        print(json.dumps(path_json(shown, progress, now), indent=2, ensure_ascii=False))
    else:
        print(describe(shown, progress, now, titles))
    return 0


def path_json(path: PracticePath, progress: PathProgress | None, now: datetime) -> dict[str, Any]:
    return {
        "id": path.id,
        "title": path.title,
        "description": path.description,
        "care": path.care,
        "weeks": [
            {
                "week": w.number,
                "title": w.title,
                "practice": w.practice,
                "daily": w.daily,
                "reading": w.reading,
                "prompt": w.prompt,
            }
            for w in path.weeks
        ],
        "progress": {
            "started": progress.started.date().isoformat() if progress else None,
            "current_week": progress.week if progress else None,
            "week_began": progress.week_began.date().isoformat() if progress else None,
            "days_into_week": progress.days_into_week(now) if progress else None,
            "finished": finished(progress, len(path.weeks), now) if progress else False,
        },
    }


def describe(path: PracticePath, progress: PathProgress | None, now: datetime, titles: dict[str, str]) -> str:
    """The path in words: its weeks before it is begun; else this week, its reading, practices and prompt."""
    if progress is None:
        lines = [f"{path.title}: {path.description}", ""]
        lines += [f"  Week {w.number}: {w.title}" for w in path.weeks]
        lines += ["", "Begin whenever you like: kindly path start"]
        return "\n".join(lines + ([path.care] if path.care else []))
    week = path.weeks[progress.week - 1]
    day = progress.days_into_week(now) + 1
    lines = [
        f"{path.title}, week {week.number} of {len(path.weeks)}: {week.title} (day {min(day, 7)} of the week)",
        "",
        week.reading,
        "",
        f"This week's practice: {titles.get(week.practice, week.practice)} ({week.practice})",
        f"Each day: {titles.get(week.daily, week.daily)} ({week.daily})",
        f"To reflect on: {week.prompt}",
    ]
    if finished(progress, len(path.weeks), now):
        lines += ["", "You have walked the whole path. It stays here to come back to, whenever you like."]
    return "\n".join(lines)
