"""Test doubles: a clock that only moves when told to, and the Windows Run key as a dict."""

from __future__ import annotations


class FakeClock:
    """A `kindly.core.clock.Clock` whose time advances only by `advance`/`sleep`."""

    def __init__(self, monotonic: float = 1000.0, wall: float = 1_764_000_000.0) -> None:
        self._monotonic = monotonic
        self._wall = wall
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> float:
        return self._wall

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.advance(max(0.0, seconds))

    def advance(self, seconds: float) -> None:
        """Both clocks move together, as on a machine that stays awake."""
        self._monotonic += seconds
        self._wall += seconds

    def suspend(self, seconds: float) -> None:
        """The machine sleeps: wall time moves on, monotonic time stands still."""
        self._wall += seconds

    def set_wall(self, wall: float) -> None:
        """The user sets the system clock (it may go backwards)."""
        self._wall = wall


class FakeRunKey:
    """The current user's Windows Run key (`kindly.platform.login_autostart.RunKey`) as a dict.

    `refusal`, when set, is the PermissionError's message every write raises (a locked-down registry).
    """

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.refusal: str | None = None

    def read(self, name: str) -> str | None:
        return self.values.get(name)

    def write(self, name: str, value: str) -> None:
        if self.refusal is not None:
            raise PermissionError(self.refusal)
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)
