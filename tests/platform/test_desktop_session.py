"""What the desktop session gives a window, per system."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindly.platform.desktop_session import private_socket_dir, window_needs_display_variable


def test_on_linux_a_window_needs_a_display_variable() -> None:
    assert window_needs_display_variable("linux")


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_on_windows_and_macos_a_window_needs_no_display_variable(platform: str) -> None:
    assert not window_needs_display_variable(platform)


def test_the_private_runtime_folder_holds_the_local_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert private_socket_dir("linux") == tmp_path


def test_on_windows_a_local_socket_is_a_named_pipe_and_never_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert private_socket_dir("win32") is None


@pytest.mark.parametrize("runtime", ["", "relative/run", "/no/such/folder"])
def test_a_runtime_folder_that_is_not_an_absolute_existing_one_is_ignored(
    runtime: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
    assert private_socket_dir("linux") is None
