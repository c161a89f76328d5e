"""A user's own practice script, written where Kindly looks for user scripts (this test's data dir)."""

from __future__ import annotations

from pathlib import Path

from kindly import locations

USER_SCRIPT = """\
id: my-evening
title: My evening
minutes: 6
minimum: 2
breath: 4-6
description: My own practice.
---
Hello, evening.
[rest]
Goodbye, evening.
"""


def write_user_script(name: str, text: str = USER_SCRIPT) -> Path:
    folder = locations.user_scripts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
