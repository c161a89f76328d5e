"""Where Start goes: every way into a session passes here, so each behaves alike.

The set-up panel's Start (and a double click in the list), a tray quick start,
`kindly --start NAME` from another terminal, and Again on the end screen all
become a `SessionRequest` and go to the session controller through `start`.
A start made in the window (the panel, This week, Again) may first ask the
check-in: the request waits here, the window shows the question (`StartPages`),
and its answer (`checked_in`) or a step back (`backed_out`) comes back here.
A quick start from the tray or `--start` is one click and starts at once; its
check-in after is still offered on the end screen. While a session runs, any
other start first asks whether to stop it; only a yes stops it and goes on
with the start. A practice spoken by the system voice is prepared on a thread
first. A start that cannot happen comes back as a `StartAttempt` with its
one-line reason, which the window also shows.

The window shows pages and holds no session state: the request waiting for its
check-in, and the last one (for Again), are kept here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from kindly.core.errors import KindlyInputError
from kindly.settings.settings_model import Settings

if TYPE_CHECKING:
    from kindly.core.checkin import CheckIn
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


class StartPages(Protocol):
    """The pages a start may ask on (the window's): without them, every start goes ahead at once."""

    def checkin_asked_now(self, practice: str | None) -> bool:
        """Whether the check-in before a session of `practice` is offered, and can be asked now."""
        ...

    def show_checkin_before(self, called: str) -> object:
        """Ask the check-in before the session `called` ("the silent timer", or a title in quotes)."""
        ...

    def ask_to_replace(self, called: str, replace: Callable[[], None]) -> None:
        """Ask whether the running session gives way to the one `called`; call `replace` on a yes."""
        ...

    def show_home(self) -> None:
        """Back home: a start asked from the check-in did not begin, or the person stepped back."""
        ...


class SessionStarts:
    """Turns each way of asking into a started session (or a told reason), and remembers the last."""

    def __init__(
        self,
        settings: Settings,
        catalogue: PracticeCatalogue,
        controller: SessionController,
        tell: Callable[[str], None],
        pages: StartPages | None = None,
    ) -> None:
        self._settings = settings
        self._pages = pages
        self._catalogue = catalogue
        self._controller = controller
        self._tell = tell
        self.last_request: SessionRequest | None = None
        self.waiting: SessionRequest | None = None  # asked for, waiting for its check-in

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
        pages = self._pages
        if self._controller.is_active and pages is not None:
            try:
                request.choices.to_config()  # a start that could not happen is refused before anyone is asked
            except KindlyInputError as exc:
                return self._refused(exc)
            pages.ask_to_replace(self._called(request), lambda: self._replace(request, ask_checkin))
            return StartAttempt()
        if ask_checkin and pages is not None and pages.checkin_asked_now(request.practice):
            self.waiting = request
            pages.show_checkin_before(self._called(request))
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

    def checked_in(self, answer: CheckIn | None) -> StartAttempt:
        """The check-in before was answered (or skipped: None): the session waiting for it starts with it.
        Refused (told), or its voice still being prepared (the session screen comes when it starts),
        the window goes back home."""
        request, self.waiting = self.waiting, None
        if request is None:
            return StartAttempt(problem="no session is waiting for a check-in")
        attempt = self.start(replace(request, checkin_before=answer))
        if (not attempt or not self._controller.is_active) and self._pages is not None:
            self._pages.show_home()
        return attempt

    def backed_out(self) -> None:
        """Esc at the check-in before: nothing starts, and home is as it was."""
        self.waiting = None
        if self._pages is not None:
            self._pages.show_home()

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
