"""The clock that counts while asleep, chosen per system for the core's suspend watch."""

from __future__ import annotations

import time

import pytest

from kindly.platform.suspend_clock import system_boot_clock


@pytest.mark.skipif(not hasattr(time, "CLOCK_BOOTTIME"), reason="CLOCK_BOOTTIME is Linux's")
def test_on_linux_the_boot_clock_is_clock_boottime() -> None:
    clock = system_boot_clock("linux")
    assert clock is not None
    before = time.clock_gettime(time.CLOCK_BOOTTIME)
    assert before <= clock() <= time.clock_gettime(time.CLOCK_BOOTTIME)


def test_windows_has_no_boot_clock_and_the_wall_clock_stands_in() -> None:
    assert system_boot_clock("win32") is None
