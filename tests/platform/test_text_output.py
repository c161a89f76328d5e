"""A command's output is UTF-8 wherever it is redirected, on Windows too."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from kindly.platform.text_output import print_utf8_when_redirected

ARROW = "Mettā → kindness"


def _redirected(encoding: str) -> io.TextIOWrapper:
    """A standard output sent to a file or a pipe (no terminal), in `encoding`."""
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding)


def test_on_windows_a_redirected_output_writes_utf8_whatever_the_code_page() -> None:
    stream = _redirected("cp1252")
    print_utf8_when_redirected(stream, platform="win32")
    stream.write(ARROW)
    stream.flush()
    assert stream.buffer.getvalue() == ARROW.encode("utf-8")  # type: ignore[attr-defined]


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_elsewhere_the_locales_encoding_is_kept(platform: str) -> None:
    stream = _redirected("latin-1")
    print_utf8_when_redirected(stream, platform=platform)
    assert stream.encoding == "latin-1"


def test_a_closed_or_missing_output_is_left_alone() -> None:
    closed = _redirected("cp1252")
    closed.close()
    print_utf8_when_redirected(closed, platform="win32")
    print_utf8_when_redirected(None, platform="win32")


def test_a_real_command_redirected_prints_what_the_code_page_cannot_hold() -> None:
    """Python's own choice for a pipe (the ANSI code page on Windows, without UTF-8 mode) is what Kindly meets."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING")}
    probe = (
        "import sys\n"
        "from kindly.platform.text_output import print_utf8_when_redirected\n"
        "print_utf8_when_redirected(sys.stdout)\n"
        f"print({ARROW!r})\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, env=env, timeout=60)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode("utf-8").rstrip("\r\n") == ARROW
