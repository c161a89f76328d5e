"""Kindly: a desktop meditation timer for self-compassion practice."""

from importlib import metadata

try:
    __version__ = metadata.version("kindly")
except metadata.PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"

APP_NAME = "Kindly"
APP_ID = "org.kindly.Kindly"
