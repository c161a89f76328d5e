"""What each desktop expects: only macOS reopens a window when the app is activated."""

from __future__ import annotations

import pytest

from kindly.platform.desktop_conventions import reopens_window_on_activate


@pytest.mark.parametrize(("platform", "expected"), [("darwin", True), ("linux", False), ("win32", False)])
def test_only_macos_brings_the_window_back_when_the_app_is_activated(platform: str, expected: bool) -> None:
    assert reopens_window_on_activate(platform) is expected
