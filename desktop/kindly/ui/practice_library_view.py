"""The practice library: every practice with its length and one line about it, and the silent timer.

A user script with a mistake is listed too, greyed out, with its one-line
error (file and line), so the person who wrote it can see what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

NOT_THERAPY_NOTE = "Kindly supports wellbeing; it is not therapy."


@dataclass(frozen=True)
class LibraryEntry:
    """One line of the library. `practice` None is the silent timer; `error` marks a broken script."""

    practice: str | None
    title: str
    minutes: int | None
    description: str
    breath: str | None = None
    user_script: bool = False
    error: str | None = None

    @property
    def startable(self) -> bool:
        return self.error is None


SILENT_TIMER = LibraryEntry(
    practice=None,
    title="Silent timer",
    minutes=None,
    description="Bells and breath only, no words: your own practice, held by the timer.",
)


class PracticeLibraryView(QWidget):
    """A list to choose from; choosing a practice sets up the session."""

    entry_chosen = Signal(object)  # LibraryEntry
    entry_activated = Signal(object)  # LibraryEntry (double-click or Enter)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("&Practices")
        self.list = QListWidget()
        self.list.setAccessibleName("Practices")
        self.list.setAccessibleDescription("Choose a practice or the silent timer")
        self.list.setWordWrap(True)
        self.list.setItemDelegate(_EntryDelegate(self.list))
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        heading.setBuddy(self.list)
        self.footer = QLabel(NOT_THERAPY_NOTE)
        self.footer.setWordWrap(True)
        self.footer.setAccessibleName("About Kindly")
        self.footer.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.footer)
        self._entries: list[LibraryEntry] = []
        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemActivated.connect(lambda item: self._emit_activated(self.list.row(item)))

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        """Show the silent timer first, then the practices, then broken user scripts."""
        ordered = [SILENT_TIMER, *[e for e in entries if e.startable], *[e for e in entries if not e.startable]]
        self._entries = ordered
        self.list.clear()
        for entry in ordered:
            item = QListWidgetItem(_entry_text(entry))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, _entry_text(entry).replace("\n", ". "))
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


class _EntryDelegate(QStyledItemDelegate):
    """Draws an entry as its title (and length) over a quieter line about it."""

    PAD = 8

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        detail = QFont(option.font)
        return title, detail

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        entry = index.data(Qt.ItemDataRole.UserRole)
        title, detail = self._fonts(option)
        width = max(120, option.rect.width() if option.rect.width() > 0 else 360) - 2 * self.PAD
        about = entry.error if entry is not None and entry.error else (entry.description if entry else "")
        lines = QFontMetrics(detail).boundingRect(
            QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), about
        ).height()
        return QSize(width, QFontMetrics(title).height() + lines + 2 * self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        entry = index.data(Qt.ItemDataRole.UserRole)
        if entry is None:
            super().paint(painter, option, index)
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        strong = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = strong if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        title_font, detail_font = self._fonts(option)
        box = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        title_h = QFontMetrics(title_font).height()
        painter.setFont(title_font)
        painter.setPen(strong if entry.startable else quiet)
        painter.drawText(QRect(box.left(), box.top(), box.width(), title_h), int(Qt.AlignmentFlag.AlignLeft), entry.title)
        meta = _meta(entry)
        if meta:
            painter.setFont(detail_font)
            painter.setPen(quiet)
            painter.drawText(QRect(box.left(), box.top(), box.width(), title_h), int(Qt.AlignmentFlag.AlignRight), meta)
        painter.setFont(detail_font)
        painter.setPen(quiet)
        about = entry.error if entry.error else entry.description
        painter.drawText(
            QRect(box.left(), box.top() + title_h + 2, box.width(), box.height() - title_h),
            int(Qt.TextFlag.TextWordWrap),
            about,
        )
        painter.restore()


def _meta(entry: LibraryEntry) -> str:
    parts = []
    if entry.minutes:
        parts.append(f"{entry.minutes} min")
    if entry.user_script and entry.startable:
        parts.append("yours")
    return "  ·  ".join(parts)
