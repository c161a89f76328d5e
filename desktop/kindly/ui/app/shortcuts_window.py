"""The keyboard shortcuts window (F1, Ctrl+?): every key Kindly answers, where it answers it.

Kindly's keys are set where they act (the menu, the session screen, the
check-in, the media keys); this is the one list of them a person can read.
A test checks that every shortcut the window holds is listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Keys:
    """Keys as Qt spells them (portable text), what they do, and (`shown`) words for them where the
    desktop's own names of the keys would not read well."""

    keys: tuple[str, ...]
    what: str
    shown: str = ""

    def text(self) -> str:
        native = QKeySequence.SequenceFormat.NativeText
        return self.shown or ", ".join(QKeySequence(key).toString(native) or key for key in self.keys)


# Where each key acts, and what it does there.
SHORTCUTS: tuple[tuple[str, tuple[Keys, ...]], ...] = (
    (
        "Anywhere",
        (
            Keys(("F1", "Ctrl+?"), "These keyboard shortcuts"),
            Keys(("Ctrl+,",), "Preferences"),
            Keys(("Ctrl+Q",), "Quit Kindly"),
            Keys(("Tab", "Shift+Tab"), "The next or the previous control"),
            Keys(("Return",), "Press the button with the focus"),
            Keys(("Alt",), "With an underlined letter: that control", "Alt + a letter"),
        ),
    ),
    (
        "Home",
        (
            Keys(("Up", "Down"), "Choose a practice in the list"),
            Keys(("Return",), "On a practice in the list: start it"),
        ),
    ),
    (
        "During a session",
        (
            Keys(("Space",), "Pause, or go on"),
            Keys(("F",), "The whole screen for the session, or back (a double click too)"),
            Keys(("T",), "Hear the time left, through a screen reader"),
            Keys(("Esc",), "Leave the whole screen; otherwise, ask to stop"),
            Keys(
                ("Toggle Media Play/Pause", "Media Play", "Media Pause"),
                "Pause, or go on",
                "A keyboard's play or pause key",
            ),
            Keys(("Media Stop",), "Ask to stop", "A keyboard's stop key"),
        ),
    ),
    (
        "Check-ins",
        (
            Keys(tuple("0123456789"), "Answer the question with the focus", "0 to 9"),
            Keys(("Esc",), "Before a session: back, and nothing starts; after it: skip the check-in"),
        ),
    ),
    (
        "Your practice",
        (Keys(("Del",), "On a recent session: delete its check-in (the session stays)"),),
    ),
)


class ShortcutsWindow(QDialog):
    """The list of keys, grouped by where they act; not modal, closed by Close or Esc."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        for where, rows in SHORTCUTS:
            group = QGroupBox(where)
            form = QFormLayout(group)
            for row in rows:
                key_label = QLabel(f"<b>{row.text()}</b>")
                form.addRow(key_label, QLabel(row.what))
            layout.addWidget(group)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
