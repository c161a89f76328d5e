"""Every Tab stop on the home page is a named, visible control: walking the focus chain finds
no unnamed filler and no empty pane (WCAG 2.4.3, 4.1.2)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kindly.ui.app.main_window import MainWindow
from ui.focus_chain import tab_stops, unnamed_stops


def test_every_tab_stop_on_the_home_page_is_a_named_enabled_control(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.reload_library()
    assert len(tab_stops(window)) >= 5 and unnamed_stops(window) == []
