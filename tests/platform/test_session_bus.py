"""The session bus connection that media controls and notifications share, on a real dbus-daemon."""

from __future__ import annotations

import queue

import pytest

from kindly.platform.session_bus import SessionBus, SessionBusError, session_bus_expected
from session_bus_daemon import StandInService

pytestmark = pytest.mark.linux_only("D-Bus session buses are a Linux desktop's")


def _address(name: str, path: str, interface: str):  # type: ignore[no-untyped-def]
    from jeepney import DBusAddress

    return DBusAddress(path, bus_name=name, interface=interface)


def test_windows_and_macos_have_no_session_bus() -> None:
    assert not session_bus_expected("win32")
    assert not session_bus_expected("darwin")
    assert session_bus_expected("linux")
    assert SessionBus.open(platform="win32") is None


def test_no_bus_address_means_no_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert SessionBus.open() is None


def test_a_bus_that_is_gone_means_no_bus(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'nobody-listens'}")
    assert SessionBus.open() is None


def test_a_call_returns_the_service_answer(bus: SessionBus) -> None:
    with StandInService("org.example.Answers", {"Twice": lambda call: ("u", (call.body[0] * 2,))}):
        answer = bus.call(_address("org.example.Answers", "/", "org.example.Answers"), "Twice", "u", (21,))
    assert answer == (42,)


def test_a_failed_call_names_the_service_and_method(bus: SessionBus) -> None:
    with StandInService("org.example.Answers"), pytest.raises(SessionBusError, match=r"org\.example\.Answers Missing"):
        bus.call(_address("org.example.Answers", "/", "org.example.Answers"), "Missing")


def test_a_name_held_by_another_program_is_not_taken(bus: SessionBus) -> None:
    with StandInService("org.example.Taken"):
        assert not bus.own_name("org.example.Taken")
    assert bus.own_name("org.example.Free")
    assert bus.name_has_owner("org.example.Free")
    assert "org.example.Free" in bus.names()


def test_served_path_answers_other_programs(bus: SessionBus) -> None:
    from jeepney import new_method_return

    bus.own_name("org.example.Kindly")
    bus.serve("/org/example", lambda message: new_method_return(message, "s", ("hello",)))
    other = SessionBus.open()
    assert other is not None
    try:
        answer = other.call(_address("org.example.Kindly", "/org/example", "org.example.Greeter"), "Greet")
    finally:
        other.close()
    assert answer == ("hello",)


def test_a_handler_that_fails_answers_with_an_error_not_silence(bus: SessionBus) -> None:
    def broken(_message: object) -> None:
        raise ValueError("no such track")

    bus.own_name("org.example.Kindly")
    bus.serve("/org/example", broken)
    other = SessionBus.open()
    assert other is not None
    try:
        with pytest.raises(SessionBusError, match="no such track"):
            other.call(_address("org.example.Kindly", "/org/example", "org.example.Greeter"), "Greet")
    finally:
        other.close()


def test_listened_signals_reach_their_handler(bus: SessionBus) -> None:
    from jeepney import MatchRule

    heard: queue.Queue[tuple[object, ...]] = queue.Queue()
    rule = MatchRule(type="signal", interface="org.example.Events", member="Happened")
    bus.listen(rule, lambda message: heard.put(tuple(message.body)))
    with StandInService("org.example.Events") as service:
        service.emit("/org/example", "org.example.Events", "Happened", "u", (7,))
        assert heard.get(timeout=5) == (7,)


def test_the_bus_going_away_ends_the_connection_quietly(session_bus: str) -> None:
    import threading

    from session_bus_daemon import kill_bus

    failures: list[BaseException] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: failures.append(args.exc_value)  # type: ignore[assignment]
    try:
        bus = SessionBus.open()
        assert bus is not None
        kill_bus(session_bus)
        with pytest.raises(SessionBusError):
            bus.names()
        bus.close()
    finally:
        threading.excepthook = previous
    assert failures == []


def test_closing_during_a_call_tells_the_caller_and_nothing_else(session_bus: str) -> None:
    import threading

    failures: list[BaseException] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: failures.append(args.exc_value)  # type: ignore[assignment]
    answer_now = threading.Event()
    arrived = threading.Event()
    outcome: queue.Queue[object] = queue.Queue()

    def slow(_call: object) -> tuple[str, tuple[int]]:
        arrived.set()
        answer_now.wait(timeout=5)
        return ("u", (1,))

    bus = SessionBus.open()
    assert bus is not None

    def caller() -> None:
        try:
            outcome.put(bus.call(_address("org.example.Slow", "/", "org.example.Slow"), "Answer"))
        except SessionBusError as error:
            outcome.put(error)

    try:
        with StandInService("org.example.Slow", {"Answer": slow}):
            waiting = threading.Thread(target=caller)
            waiting.start()
            assert arrived.wait(timeout=5)  # the call is on its way, its answer held back
            bus.close()
            answer_now.set()
            waiting.join(timeout=5)
    finally:
        threading.excepthook = previous
    assert failures == []
    assert isinstance(outcome.get(timeout=5), SessionBusError)
