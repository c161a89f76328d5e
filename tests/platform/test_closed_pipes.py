"""A reader that stopped early is no error on any system, however the system words it."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from kindly.platform.closed_pipes import reader_has_gone

INVALID = OSError(errno.EINVAL, "Invalid argument")


@pytest.fixture
def pipe() -> Iterator[IO[bytes]]:
    """The writing end of a pipe."""
    reading, writing = os.pipe()
    with open(writing, "wb") as stream:
        yield stream
    os.close(reading)


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_a_broken_pipe_is_a_reader_that_has_gone_everywhere(pipe: IO[bytes], platform: str) -> None:
    assert reader_has_gone(BrokenPipeError(errno.EPIPE, "Broken pipe"), pipe, platform=platform)


def test_on_windows_an_invalid_argument_writing_a_pipe_is_a_reader_that_has_gone(pipe: IO[bytes]) -> None:
    assert reader_has_gone(INVALID, pipe, platform="win32")


def test_on_windows_an_invalid_argument_writing_a_file_is_a_failure(tmp_path: Path) -> None:
    with open(tmp_path / "out.csv", "wb") as stream:
        assert not reader_has_gone(INVALID, stream, platform="win32")


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_elsewhere_an_invalid_argument_is_a_failure_even_on_a_pipe(pipe: IO[bytes], platform: str) -> None:
    assert not reader_has_gone(INVALID, pipe, platform=platform)


def test_a_full_disk_is_never_taken_for_a_reader_that_has_gone(pipe: IO[bytes]) -> None:
    assert not reader_has_gone(OSError(errno.ENOSPC, "No space left on device"), pipe, platform="win32")
