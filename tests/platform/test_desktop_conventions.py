"""What each desktop expects: only macOS reopens a window on activation and tints a template tray icon."""

from __future__ import annotations

import pytest

from kindly.platform.desktop_conventions import reopens_window_on_activate, tray_icon_is_template


@pytest.mark.parametrize(("platform", "expected"), [("darwin", True), ("linux", False), ("win32", False)])
def test_only_macos_brings_the_window_back_when_the_app_is_activated(platform: str, expected: bool) -> None:
    assert reopens_window_on_activate(platform) is expected


@pytest.mark.parametrize(("platform", "expected"), [("darwin", True), ("linux", False), ("win32", False)])
def test_only_macos_shows_a_template_tray_icon(platform: str, expected: bool) -> None:
    assert tray_icon_is_template(platform) is expected
