"""Where Start goes: every way into a session passes here, so each behaves alike.

The set-up panel's Start (and a double click in the list), a tray quick start,
`kindly --start NAME` from another terminal, and Again on the end screen all
become a `SessionRequest` and go to the session controller through `start`.
A start made in the window (the panel, This week, Again) may first ask the
check-in (`ask_first`): the request then waits for it and comes back
through `start`. A quick start from the tray or `--start` is one click and
starts at once; its check-in after is still offered on the end screen.
While a session runs, any other start first asks whether to stop it
(`ask_replace`); only a yes stops it and goes on with the start.
A practice spoken by the system voice is prepared on a thread first. A start
that cannot happen comes back as a `StartAttempt` with its one-line reason,
which the window also shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kindly.core.errors import KindlyInputError
from kindly.settings.settings_model import Settings

if TYPE_CHECKING:
    from kindly.library.practice_catalogue import PracticeCatalogue
    from kindly.library.quick_starts import SessionRequest
    from kindly.library.session_choices import SessionChoices
    from kindly.ui.session.session_controller import SessionController


@dataclass(frozen=True)
class StartAttempt:
    """Whether a session asked for has started and, if not, why in one line (also in the notice bar)."""

    problem: str | None = None

    def __bool__(self) -> bool:
        return self.problem is None


class SessionStarts:
    """Turns each way of asking into a started session (or a told reason), and remembers the last."""

    def __init__(
        self,
        settings: Settings,
        catalogue: PracticeCatalogue,
        controller: SessionController,
        tell: Callable[[str], None],
        ask_first: Callable[[SessionRequest], bool] | None = None,
        ask_replace: Callable[[str, Callable[[], None]], None] | None = None,
    ) -> None:
        """`ask_first` may take a request to ask the check-in before it (True: it will come back);
        `ask_replace(title, replace)` asks whether the running session gives way to `title`, and
        calls `replace` on a yes (without it, a start replaces the running session at once)."""
        self._settings = settings
        self._ask_first = ask_first
        self._ask_replace = ask_replace
        self._catalogue = catalogue
        self._controller = controller
        self._tell = tell
        self.last_request: SessionRequest | None = None

    def quick(self, name: str, ask_checkin: bool = False) -> StartAttempt:
        """A quick start by name: a practice id, a timer preset or `last`."""
        # Imported here, with the session choices: they load after the first paint.
        from kindly.library.quick_starts import resolve_quick_start
        from kindly.library.session_choices import SessionChoices

        try:
            request = resolve_quick_start(
                name, SessionChoices.load(self._settings), self._catalogue.quick_start_defaults()
            )
        except KindlyInputError as exc:
            return self._refused(exc)
        return self.start(request, ask_checkin)

    def from_choices(self, choices: SessionChoices) -> StartAttempt:
        """The set-up panel's Start: its choices are remembered (one write) for next time, then started."""
        from kindly.library.quick_starts import SessionRequest

        choices.save(self._settings)
        return self.start(SessionRequest(name=choices.practice or "timer", choices=choices), ask_checkin=True)

    def again(self) -> StartAttempt:
        """The end screen's Again: the last session once more, with any volume moved during it."""
        if self.last_request is None:
            return StartAttempt(problem="there is no session to start again")
        return self.start(self.last_request, ask_checkin=True)

    def start(self, request: SessionRequest, ask_checkin: bool = False) -> StartAttempt:
        """Start the session asked for; refused (and told) if it cannot start. With `ask_checkin`, the
        window may first ask the check-in (the session then starts once it is answered or skipped).
        While a session runs, the person is asked first (the start then waits for a yes)."""
        if self._controller.is_active and self._ask_replace is not None:
            try:
                request.choices.to_config()  # a start that could not happen is refused before anyone is asked
            except KindlyInputError as exc:
                return self._refused(exc)
            self._ask_replace(self._called(request), lambda: self._replace(request, ask_checkin))
            return StartAttempt()
        if ask_checkin and self._ask_first is not None and self._ask_first(request):
            return StartAttempt()
        entry = self._catalogue.entry(request.practice)
        title = entry.title if entry else None
        try:
            if entry is not None and not entry.voice_ready:
                self._controller.start_session_when_prepared(request, title)
                self._tell(f"Preparing the voice for “{entry.title}”; the session starts in a moment.")
            else:
                self._controller.start_session(request, title)
                self._tell("")
        except KindlyInputError as exc:
            return self._refused(exc)
        self.last_request = replace(request, checkin_before=None)  # Again asks afresh
        return StartAttempt()

    def _replace(self, request: SessionRequest, ask_checkin: bool) -> None:
        """The person said yes: the running session stops (kept as stopped early), then the start goes on."""
        self._controller.stop()
        self.start(request, ask_checkin)

    def _called(self, request: SessionRequest) -> str:
        """How the question names the session asked for: a practice by its title, else the timer."""
        if request.practice is None:
            return "the silent timer"
        return f"“{self._catalogue.title_of(request.practice)}”"

    def volume_moved(self, layer: str, volume: int) -> None:
        """A volume moved mid-session: remembered, and Again starts with it."""
        from kindly.library.quick_starts import SessionRequest
        from kindly.library.session_choices import VOLUME_OPTIONS

        self._settings.set(VOLUME_OPTIONS[layer], volume)
        if self.last_request is not None:
            last = self.last_request
            self.last_request = SessionRequest(last.name, last.choices.with_volume(layer, volume))

    def _refused(self, exc: KindlyInputError) -> StartAttempt:
        self._tell(str(exc))
        return StartAttempt(problem=str(exc))
