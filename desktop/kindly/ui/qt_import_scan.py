"""PySide6 reads every module imported after it; Kindly makes that read a plain file read.

Once `PySide6.QtCore` is imported, shiboken looks at each module imported
afterwards (all of Kindly) for the word "PySide6", to know whether its
opt-in `__feature__` switches (snake_case, true_property) may apply there.
It asks `inspect.getsource`, which walks the module's finder, stats its
files and keeps every source in `linecache`: paid for every module before
the home page is painted, and every source held for good. The same
question, asked of the file's bytes, gives the same answer; a module with
no readable `.py` file (built in, frozen, a bundle's compiled one) is still
asked the original way.

Applied once, by importing this module, before the shell's other imports
(`kindly.ui` does). A binding without this hook is left as it is.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs shiboken's import hook, which this module then speeds up)

FEATURE_MODULE = "shibokensupport.feature"
HOOK_NAME = "_mod_uses_pyside"


def file_mentions_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether `module`'s source names PySide6, read from its `.py` file (else asked of `fallback`)."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            pass
    return fallback(module)


def speed_up_import_scan() -> bool:
    """Replace shiboken's per-import source scan with `file_mentions_pyside`; True once it is in place."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, HOOK_NAME, None)
    if feature is None or not callable(original):
        return False  # another binding version: nothing of this shape to speed up
    if getattr(original, "__wrapped__", None) is not None:
        return True  # already in place

    def scan(module: ModuleType) -> bool:
        return file_mentions_pyside(module, original)

    scan.__wrapped__ = original  # type: ignore[attr-defined]
    setattr(feature, HOOK_NAME, scan)
    return True


speed_up_import_scan()
