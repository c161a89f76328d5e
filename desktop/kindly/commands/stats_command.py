"""`kindly stats [--json] [--as-of YYYY-MM-DD]`: streaks and totals, told kindly.

The streak settings (day start, rest days, hiding streaks) are the ones the
window saved (`kindly.settings.settings_model.streak_settings`, read without
writing), so the command and the window count the same streak; an option
given here overrides its saved value for this run.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import Any

from kindly.argument_parsing import whole_option
from kindly.commands.history_command import open_history_telling, sessions_telling
from kindly.core.checkin_change import change_in_words, weekly_checkins
from kindly.core.errors import KindlyInputError
from kindly.core.practice_words import plural
from kindly.core.session_record import local_date
from kindly.core.streaks import (
    REST_DAYS_MAX,
    StreakSettings,
    StreakSummary,
    format_day_start,
    parse_day_start,
    session_date,
    summarize,
)
from kindly.settings.settings_file import open_settings
from kindly.settings.settings_model import streak_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="count up to this day (default: today here)")
    parser.add_argument(
        "--day-start",
        metavar="HH:MM",
        help="when a practice day begins, 00:00-06:00 (earlier sessions count for the day before; "
        "default: as set in the window)",
    )
    parser.add_argument(
        "--rest-days",
        metavar="N",
        type=whole_option("--rest-days", at_least=0, at_most=REST_DAYS_MAX),
        help="rest days a week that keep a streak alive, 0-2 (default: as set in the window)",
    )
    parser.add_argument("--hide-streaks", action="store_true", help="leave streaks out; show only the totals")


def streak_settings_for(args: argparse.Namespace) -> StreakSettings:
    """The window's saved streak settings, with any option given on the command line instead."""
    saved_settings = open_settings(writable=False)
    saved = streak_settings(saved_settings)
    for warning in saved_settings.warnings:
        print(f"kindly: {warning}", file=sys.stderr)
    return StreakSettings(
        day_start_min=parse_day_start(args.day_start) if args.day_start is not None else saved.day_start_min,
        rest_days_per_week=args.rest_days if args.rest_days is not None else saved.rest_days_per_week,
        hidden=args.hide_streaks or saved.hidden,
    )


def run(args: argparse.Namespace) -> int:
    settings = streak_settings_for(args)
    as_of = _as_of(args.as_of) if args.as_of is not None else today_here(settings.day_start_min)
    with open_history_telling() as store:
        records = sessions_telling(store)
    summary = summarize(records, as_of, settings)
    upto = [r for r in records if session_date(r, settings.day_start_min) <= as_of]
    if args.json:
        document = summary_json(summary, settings)
        document["checkins"] = [week.as_json() for week in weekly_checkins(upto, settings.day_start_min)]
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(describe(summary))
        if any(r.checkin_before or r.checkin_after for r in upto):
            print("")
            print(change_in_words(upto, as_of, settings.day_start_min).text)
    return 0


def today_here(day_start_min: int) -> date:
    """The practice date it is now on this machine, with the day starting `day_start_min` after midnight."""
    return local_date(datetime.now().astimezone().replace(tzinfo=None), day_start_min)


def summary_json(summary: StreakSummary, settings: StreakSettings) -> dict[str, Any]:
    return {
        "as_of": summary.as_of.isoformat(),
        "current_streak": summary.current_streak,
        "longest_streak": summary.longest_streak,
        "practice_days": summary.practice_days,
        "total_sessions": summary.total_sessions,
        "total_minutes": round(summary.total_minutes, 2),
        "last_practice_date": summary.last_practice_date.isoformat() if summary.last_practice_date else None,
        "practised_today": summary.practised_today,
        "streaks_hidden": summary.hidden,
        "day_start": format_day_start(settings.day_start_min),
        "rest_days_per_week": settings.rest_days_per_week,
        "kind_word": summary.kind_word,
    }


def describe(summary: StreakSummary) -> str:
    """The friendly, human form."""
    if summary.total_sessions == 0:
        return "No sessions yet. Whenever you are ready, a few minutes is a fine start."
    lines = []
    if not summary.hidden:
        if summary.current_streak == 0:
            lines.append("Current streak: begins again with your next session")
        else:
            still_open = "" if summary.practised_today else " (today is still open)"
            lines.append(f"Current streak: {_days(summary.current_streak)}{still_open}")
        lines.append(f"Longest streak: {_days(summary.longest_streak)}")
    lines.append(f"Practice days: {summary.practice_days}")
    lines.append(f"Sessions: {summary.total_sessions}, {_duration(summary.total_minutes)} in all")
    if summary.last_practice_date is not None:
        lines.append(f"Last practice: {_when(summary.last_practice_date, summary.as_of)}")
    if summary.kind_word:
        lines.append("")
        lines.append(summary.kind_word)
    return "\n".join(lines)


def _as_of(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise KindlyInputError(f"--as-of {text!r} is not a date like 2026-11-26") from None


def _days(count: int) -> str:
    return plural(count, "day")


def _duration(minutes: float) -> str:
    whole = round(minutes)
    if whole == 0:
        return "under a minute" if minutes > 0 else "0 min"
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest} min" if hours else f"{rest} min"


def _when(day: date, as_of: date) -> str:
    gap = (as_of - day).days
    if gap == 0:
        return f"{day.isoformat()} (today)"
    if gap == 1:
        return f"{day.isoformat()} (yesterday)"
    return day.isoformat()
