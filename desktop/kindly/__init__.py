"""Kindly: a desktop meditation timer for self-compassion practice."""

from __future__ import annotations

import functools

APP_NAME = "Kindly"
APP_ID = "org.kindly.Kindly"
_SOURCE_VERSION = "0.0.0+source"


@functools.cache
def version() -> str:
    """The installed distribution's version (pyproject.toml is its one source).

    Read on demand, not at import: importlib.metadata is slow to import (it
    pulls in email and socket), which the first paint should not pay for.
    """
    from importlib import metadata

    try:
        return metadata.version("kindly")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return _SOURCE_VERSION


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'kindly' has no attribute {name!r}")
