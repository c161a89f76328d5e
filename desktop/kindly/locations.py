"""Where Kindly finds its bundled assets and keeps the user's data and settings."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_DIR_NAME = "Kindly"


def assets_dir() -> Path:
    """The bundled `assets/` folder, in a source tree, an installed wheel or a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "kindly" / "assets"
    return _unfrozen_assets_dir()


@cache
def _unfrozen_assets_dir() -> Path:
    """Found once: the package does not move while it runs, and the home page asks once a practice."""
    installed = Path(__file__).resolve().parent / "assets"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "assets"


def audio_dir() -> Path:
    return assets_dir() / "audio"


# Beside each practice's clips: their texts' hashes and lengths (kindly.library.narration_manifest).
MANIFEST_NAME = "manifest.json"


def narration_dir() -> Path:
    """Where the bundled clips live, one folder per practice (assets/audio/narration/)."""
    return audio_dir() / "narration"


def scripts_dir() -> Path:
    return assets_dir() / "scripts"


def paths_dir() -> Path:
    """The bundled practice paths (assets/paths/)."""
    return assets_dir() / "paths"


def data_dir() -> Path:
    """`KINDLY_DATA_DIR` if set, else the per-user data dir (history, user scripts)."""
    override = os.environ.get("KINDLY_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def config_dir() -> Path:
    """`KINDLY_CONFIG_DIR` if set, else the per-user config dir (settings)."""
    override = os.environ.get("KINDLY_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def user_scripts_dir() -> Path:
    return data_dir() / "scripts"


def user_paths_dir() -> Path:
    """A person's own practice paths, in the bundled format."""
    return data_dir() / "paths"


def cache_dir() -> Path:
    """Disposable files (system-voice narration of user scripts)."""
    return data_dir() / "cache"
