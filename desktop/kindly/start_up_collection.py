"""The cyclic garbage collector paused while the window starts, and its start-up objects set aside.

Start-up allocates some 40,000 objects (modules, classes, Qt's enums, the
parsed practices) and frees almost none of them, yet each 700 allocations
send the collector walking the young ones: dozens of passes before the home
page is complete, for nothing. Paused from before the shell's imports until
the home page is up, then `gc.freeze` moves what start-up made out of every
later collection's way: they live as long as the app.
"""

from __future__ import annotations

import gc


def pause_collection() -> None:
    """Before the window's imports: no collection until `resume_collection`."""
    gc.disable()


def resume_collection() -> None:
    """Once the home page is complete (or start-up ended another way): collect as usual from now on.

    Safe to call more than once, and when nothing was paused.
    """
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()
