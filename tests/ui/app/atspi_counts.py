"""Counts per screen, read over the real AT-SPI bus, for two Kindlys side by side (before and after a change).

Usage (from a worktree, with the venv's python):
    python tests/ui/app/atspi_counts.py BEFORE_DESKTOP_DIR AFTER_DESKTOP_DIR [KEEP_DIR]

For each source tree: every screen's tree as Orca reads it (test_atspi.read_screens: nodes on screen,
focusable controls without a name, labels whose words are not the words drawn), and every event a
screen reader hears during the first 30 s of a session (a five-minute silent timer with its breath
paced, started from the set-up panel: atspi_session_driver.py), on the session screen and in focus
mode, with that screen's tree read just after ("session-30s-in", "focus-30s-in"). Prints one Markdown table of the two side by side, and the events by kind; with KEEP_DIR, also
keeps there what was read: tree-{before,after}-SCREEN.txt and events-{before,after}-{session,focus}.jsonl.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

from test_atspi import SYSTEM_PYTHON, Screen, atspi_bus, kindly_env, read_screens, read_tree  # noqa: E402

from services import _xvfb, running  # noqa: E402

SESSION_S = 30.0
SESSION_MODES = ("session", "focus")
KINDS = {
    "object:announcement": "announcements",
    "object:property-change:accessible-name": "name changes",
    "object:property-change:accessible-description": "description changes",
    "object:property-change:accessible-value": "value changes",
    "object:text-changed:insert": "text inserted",
    "object:text-changed:delete": "text deleted",
}


def session_events(
    env: dict[str, str], folder: Path, source: Path, mode: str
) -> tuple[list[dict[str, object]], Screen]:
    """What a listener hears from Kindly (from `source`) during the first `SESSION_S` of a session, and
    the screen's tree read just after."""
    app_env = kindly_env(env, folder / "home", source)
    folder.mkdir(parents=True, exist_ok=True)
    listen = [SYSTEM_PYTHON, str(HERE / "atspi_events.py"), str(int(SESSION_S) + 90)]
    driver = [sys.executable, str(HERE / "atspi_session_driver.py"), mode, str(folder)]
    heard: list[dict[str, object]] = []
    with running(listen, env) as (_listener, events):
        events.until("listening")
        with running(driver, app_env) as (app, lines):
            started = float(lines.until("atspi: started", timeout_s=60).split()[-1])
            end = started + SESSION_S
            while (left := end - time.monotonic()) > 0:
                try:
                    heard.append(json.loads(events.next(left)))
                except AssertionError:
                    break  # nothing more before the end
            (folder / "screen.want").touch()
            lines.until("atspi: screen", timeout_s=60)
            screen = Screen(read_tree(app.pid, env), json.loads((folder / f"{mode}.json").read_text()))
            (folder / f"{mode}.read").touch()
    return [h for h in heard if started <= float(str(h["t"])) <= end], screen


def count(
    source: Path, env: dict[str, str], folder: Path, keep: Path | None, tag: str
) -> tuple[dict[str, Screen], dict[str, Counter[str]]]:
    screens = read_screens(env, folder / "screens", source)
    events: dict[str, Counter[str]] = {}
    for mode in SESSION_MODES:
        heard, screens[f"{mode}-30s-in"] = session_events(env, folder / mode, source, mode)
        events[mode] = Counter(str(h["type"]) for h in heard)
        if keep is not None:
            (keep / f"events-{tag}-{mode}.jsonl").write_text("".join(json.dumps(h) + "\n" for h in heard))
    if keep is not None:
        for name, screen in screens.items():
            lines = [
                f"{'  ' * int(str(n['depth']))}{n['role']} {n['name']!r}"
                + (f" ({n['description']})" if n["description"] else "")
                for n in screen.nodes
            ]
            (keep / f"tree-{tag}-{name}.txt").write_text("\n".join(lines) + "\n")
    return screens, events


def both(before: object, after: object) -> str:
    return f"{before} / {after}" if before != after else f"{before} / {after} (same)"


def main(before_dir: str, after_dir: str, keep_dir: str | None = None) -> int:
    keep = Path(keep_dir) if keep_dir else None
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, _xvfb(Path(tmp) / "xvfb.log") as display:
        with atspi_bus(display, Path(tmp) / "bus") as env:
            if env is None:
                print("the AT-SPI bus did not start", file=sys.stderr)
                return 1
            before = count(Path(before_dir), env, Path(tmp) / "before", keep, "before")
            after = count(Path(after_dir), env, Path(tmp) / "after", keep, "after")
    (screens_b, events_b), (screens_a, events_a) = before, after
    print("| screen | nodes on screen | unnamed focusable controls | labels whose text is hidden |"
          " events in a session's first 30 s |")  # fmt: skip
    print("|---|---|---|---|---|")
    for name in dict.fromkeys([*screens_b, *screens_a]):
        b, a = screens_b.get(name), screens_a.get(name)
        cells = [
            both(len(b.nodes) if b else "-", len(a.nodes) if a else "-"),
            both(len(b.unnamed_controls()) if b else "-", len(a.unnamed_controls()) if a else "-"),
            both(len(b.hidden_labels()) if b else "-", len(a.hidden_labels()) if a else "-"),
        ]
        mode = name.split("-")[0] if name.endswith("-30s-in") else ""
        events = both(sum(events_b[mode].values()), sum(events_a[mode].values())) if mode else ""
        print(f"| {name} | {' | '.join(cells)} | {events} |")
    print()
    for tag, screens in (("before", screens_b), ("after", screens_a)):
        for name, screen in screens.items():
            if screen.hidden_labels():
                print(f"- {tag}, {name}: labels read as other words than drawn: {screen.hidden_labels()}")
    print()
    print("Events in a session's first 30 s, by kind (before / after):")
    print()
    print("| event | session screen | focus mode |")
    print("|---|---|---|")
    for kind in dict.fromkeys(
        [*KINDS, *events_b["session"], *events_a["session"], *events_b["focus"], *events_a["focus"]]
    ):
        cells = [both(events_b[mode][kind], events_a[mode][kind]) for mode in SESSION_MODES]
        print(f"| {KINDS.get(kind, kind)} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
