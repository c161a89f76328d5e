"""The desktop's notifications, sent to a stand-in org.freedesktop.Notifications on a real session bus."""

from __future__ import annotations

import queue
from collections.abc import Iterator

import pytest

from kindly.platform.desktop_notifications import OBJECT_PATH, SERVICE, DesktopNotifications
from kindly.platform.session_bus import SessionBus
from session_bus_daemon import StandInService

pytestmark = pytest.mark.linux_only("D-Bus session buses are a Linux desktop's")

NOTIFICATION_ID = 7


@pytest.fixture
def service(session_bus: str) -> Iterator[StandInService]:
    with StandInService(SERVICE, {"Notify": ("u", (NOTIFICATION_ID,))}) as stand_in:
        yield stand_in


def test_a_notification_carries_kindlys_name_icon_entry_and_a_click(bus: SessionBus, service: StandInService) -> None:
    assert DesktopNotifications(bus).send("A gentle hand", "Your 10-minute practice is complete.")
    (call,) = service.wait_for("Notify")
    app_name, replaces, icon, summary, body, actions, hints, expiry = call.body
    assert (app_name, replaces, icon, expiry) == ("Kindly", 0, "org.kindly.Kindly", -1)
    assert (summary, body) == ("A gentle hand", "Your 10-minute practice is complete.")
    assert actions == ["default", "Open Kindly"]
    assert hints == {"desktop-entry": ("s", "org.kindly.Kindly"), "urgency": ("y", 1)}


def test_clicking_the_notification_runs_its_click(bus: SessionBus, service: StandInService) -> None:
    clicks: queue.Queue[str] = queue.Queue()
    DesktopNotifications(bus).send("Kindly", "A few quiet minutes?", clicked=lambda: clicks.put("clicked"))
    service.emit(OBJECT_PATH, SERVICE, "ActionInvoked", "us", (NOTIFICATION_ID, "default"))
    assert clicks.get(timeout=5) == "clicked"


def test_a_click_on_another_apps_notification_runs_nothing_of_kindlys(bus: SessionBus, service: StandInService) -> None:
    clicks: queue.Queue[str] = queue.Queue()
    notifications = DesktopNotifications(bus)
    notifications.send("Kindly", "first", clicked=lambda: clicks.put("first"))
    service.set_reply("Notify", ("u", (NOTIFICATION_ID + 1,)))
    notifications.send("Kindly", "second", clicked=lambda: clicks.put("second"))
    service.emit(OBJECT_PATH, SERVICE, "ActionInvoked", "us", (99, "default"))  # another app's
    service.emit(OBJECT_PATH, SERVICE, "ActionInvoked", "us", (NOTIFICATION_ID + 1, "default"))
    assert clicks.get(timeout=5) == "second"
    assert clicks.empty()


def test_a_closed_notification_is_forgotten(bus: SessionBus, service: StandInService) -> None:
    clicks: queue.Queue[str] = queue.Queue()
    notifications = DesktopNotifications(bus)
    notifications.send("Kindly", "first", clicked=lambda: clicks.put("first"))
    service.emit(OBJECT_PATH, SERVICE, "NotificationClosed", "uu", (NOTIFICATION_ID, 2))
    service.set_reply("Notify", ("u", (NOTIFICATION_ID + 1,)))
    notifications.send("Kindly", "second", clicked=lambda: clicks.put("second"))
    # Signals arrive in order: once the second is heard, the first's click has been let go.
    service.emit(OBJECT_PATH, SERVICE, "ActionInvoked", "us", (NOTIFICATION_ID, "default"))
    service.emit(OBJECT_PATH, SERVICE, "ActionInvoked", "us", (NOTIFICATION_ID + 1, "default"))
    assert clicks.get(timeout=5) == "second"
    assert clicks.empty()


def test_without_a_notification_service_nothing_is_sent_and_the_caller_is_told(bus: SessionBus) -> None:
    assert not DesktopNotifications(bus).send("Kindly", "A few quiet minutes?")


def test_a_service_that_fails_the_call_is_as_good_as_none(bus: SessionBus) -> None:
    with StandInService(SERVICE) as broken:  # answers Notify with an error
        assert not DesktopNotifications(bus).send("Kindly", "A few quiet minutes?")
    assert [call.member for call in broken.calls] == ["Notify"]
