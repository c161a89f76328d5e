"""The practice library: a list of calm cards (every practice with its length and one line about it,
and the silent timer first).

A user script with a mistake is listed too, greyed out, with its one-line
error (file and line), so the person who wrote it can see what to fix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kindly.library.library_entry import LibraryEntry
from kindly.ui.theme import TITLE, scaled_font, space

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractScrollArea

NOT_THERAPY_NOTE = "Kindly supports wellbeing; it is not therapy."
VIEWPORT_NAME = "qt_scrollarea_viewport"  # QAbstractScrollArea names its viewport so (Qt 5 and 6)


SILENT_TIMER = LibraryEntry(
    practice=None,
    title="Silent timer",
    minutes=10,
    description="Bells only, no words: the time and a still ring. Breath cues, under More, pace it if you like.",
    breath_cues=False,  # plain unless a breath is asked for
)


def scroll_viewport(area: QAbstractScrollArea) -> QWidget:
    """`area.viewport()`, found by the name Qt gives it: the binding's first `viewport()` call builds
    the Python classes of dozens of Qt widget types, before the home page could paint; the lookup
    by name costs next to nothing."""
    found = area.findChild(QWidget, VIEWPORT_NAME)
    return found if found is not None else area.viewport()


class PracticeLibraryView(QWidget):
    """A list to choose from; choosing a practice sets up the session."""

    entry_chosen = Signal(object)  # LibraryEntry
    entry_activated = Signal(object)  # LibraryEntry (double-click or Enter)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("&Practices")
        heading.setFont(scaled_font(heading.font(), TITLE, QFont.Weight.DemiBold))
        self.list = QListWidget()
        self.list.setAccessibleName("Practices")
        self.list.setAccessibleDescription("Choose a practice or the silent timer")
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        # Cards on the window's own colour, a grid step apart: no box drawn around the list.
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setSpacing(space(0.5))
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # cards fit the width
        viewport = scroll_viewport(self.list)
        viewport.setBackgroundRole(QPalette.ColorRole.Window)
        viewport.setAttribute(Qt.WidgetAttribute.WA_Hover)
        heading.setBuddy(self.list)
        self.footer = QLabel(NOT_THERAPY_NOTE)
        self.footer.setWordWrap(True)
        self.footer.setAccessibleDescription("About Kindly")
        self.footer.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.footer)
        self._entries: list[LibraryEntry] = []
        self._delegate: QObject | None = None
        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemActivated.connect(lambda item: self._emit_activated(self.list.row(item)))

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        """Show the silent timer first, then the practices, then broken user scripts."""
        ordered = [SILENT_TIMER, *[e for e in entries if e.startable], *[e for e in entries if not e.startable]]
        self._entries = ordered
        if self._delegate is None:
            # Drawn by a delegate made with the first entries, not before the first paint.
            from kindly.ui.home.library_entry_delegate import LibraryEntryDelegate

            self._delegate = LibraryEntryDelegate(self.list, scroll_viewport(self.list))
            self.list.setItemDelegate(self._delegate)
        self.list.clear()
        for entry in ordered:
            item = QListWidgetItem(_entry_text(entry))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, _entry_text(entry).replace("\n", ". "))
            item.setToolTip(_entry_text(entry))  # the card shows one line of it
            item.setData(Qt.ItemDataRole.UserRole, entry)
            if not entry.startable:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)

    def entries(self) -> list[LibraryEntry]:
        return list(self._entries)

    def select(self, practice: str | None) -> bool:
        """Select a practice by id (None: the silent timer); False when it is not listed."""
        for row, entry in enumerate(self._entries):
            if entry.practice == practice and entry.startable:
                self.list.setCurrentRow(row)
                return True
        return False

    def current(self) -> LibraryEntry | None:
        row = self.list.currentRow()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self._entries) and self._entries[row].startable:
            self.entry_chosen.emit(self._entries[row])

    def _emit_activated(self, row: int) -> None:
        if 0 <= row < len(self._entries) and self._entries[row].startable:
            self.entry_activated.emit(self._entries[row])


def _entry_text(entry: LibraryEntry) -> str:
    if entry.error is not None:
        return f"{entry.title}\n{entry.error}"
    length = f"  ·  {entry.minutes} min" if entry.minutes else ""
    mine = "  ·  yours" if entry.user_script else ""
    return f"{entry.title}{length}{mine}\n{entry.description}"
