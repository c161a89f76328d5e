"""How a practice is drawn in the library list: a bold title and its length over a quieter line.

Only colours of the palette are used, so it reads well in light and dark.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kindly.library.library_entry import LibraryEntry


class LibraryEntryDelegate(QStyledItemDelegate):
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
        lines = (
            QFontMetrics(detail).boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), about).height()
        )
        return QSize(width, QFontMetrics(title).height() + lines + 2 * self.PAD + 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
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
        painter.drawText(
            QRect(box.left(), box.top(), box.width(), title_h), int(Qt.AlignmentFlag.AlignLeft), entry.title
        )
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
