"""How a practice is drawn in the library: a calm card with its title, its length and one line about it.

A card is the palette's base colour on the window's, with soft corners; the
chosen one has a highlight edge and a mark at its side, so its words keep the
contrast they have on every card (text and hints on the base, AA in
`kindly.ui.theme`); the card the keyboard is on has a ring inside its edge
(`kindly.ui.theme.focus_ring_colour`, 3:1 on the card). The whole line about a practice is its tooltip and its
accessible text; on the card it is cut to one line.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QCursor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from kindly.library.library_entry import LibraryEntry
from kindly.ui.palette import mix_colours
from kindly.ui.theme import (
    CORNER_RADIUS_PX,
    TITLE,
    card_edge,
    focus_ring_colour,
    paint_card,
    paint_focus_ring,
    scaled_font,
    space,
)

PAD = space(1.5)  # inside a card
GAP = space(0.5)  # between a card's title and its line
MARK_PX = 4  # the chosen card's mark, at its left edge
MIN_CARD_WIDTH = 160


class LibraryEntryDelegate(QStyledItemDelegate):
    """Draws an entry as a card: title and length over one quieter line about it.

    Whether a card is chosen, has the keyboard or is under the pointer is asked of the list, as
    Qt's list view decides it, not read from `option.state`: that read makes PySide6 build the
    Python class of QStyle, every one of its enums, as the home page first paints.
    """

    def __init__(self, view: QListWidget, viewport: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self._viewport = viewport

    def card_state(self, index: QModelIndex | QPersistentModelIndex) -> tuple[bool, bool, bool]:
        """(chosen, focused, hovered) for the card at `index`, as Qt's list view sets them."""
        view, viewport = self._view, self._viewport
        chosen = view.selectionModel().isSelected(index)
        current = view.currentIndex() == index
        focused = current and (view.hasFocus() or viewport.hasFocus())
        hovered = viewport.underMouse() and view.indexAt(viewport.mapFromGlobal(QCursor.pos())) == index
        return chosen, focused, hovered

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        return scaled_font(option.font, TITLE, QFont.Weight.DemiBold), QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, detail = self._fonts(option)
        height = QFontMetrics(title).height() + GAP + QFontMetrics(detail).height() + 2 * PAD
        return QSize(MIN_CARD_WIDTH, height)  # as wide as the list (a wider hint would scroll it sideways)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        entry = index.data(Qt.ItemDataRole.UserRole)
        if entry is None:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        selected, focused, pointed = self.card_state(index)
        hovered = pointed and entry.startable
        highlight = palette.color(QPalette.ColorRole.Highlight)
        card = QRectF(option.rect)
        edge = highlight if selected else mix_colours(card_edge(palette), highlight, 0.5) if hovered else None
        paint_card(painter, card, palette, edge, 2.0 if selected else 1.0)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            mark = QRectF(card.left() + 2, card.top() + PAD, MARK_PX, card.height() - 2 * PAD)
            painter.drawRoundedRect(mark, MARK_PX / 2, MARK_PX / 2)
        if focused:  # the keyboard's place: a ring inside the edge
            ring = focus_ring_colour(palette, palette.color(QPalette.ColorRole.Base))
            paint_focus_ring(painter, card.adjusted(3, 3, -3, -3), ring, CORNER_RADIUS_PX - 3)

        strong = palette.color(QPalette.ColorRole.Text)
        quiet = palette.color(QPalette.ColorRole.PlaceholderText)
        title_font, detail_font = self._fonts(option)
        box = option.rect.adjusted(PAD + MARK_PX, PAD, -PAD, -PAD)
        title_h = QFontMetrics(title_font).height()
        meta = _meta(entry)
        meta_w = QFontMetrics(detail_font).horizontalAdvance(meta) + space(1) if meta else 0
        painter.setFont(title_font)
        painter.setPen(strong if entry.startable else quiet)
        title_box = QRect(box.left(), box.top(), box.width() - meta_w, title_h)
        title = QFontMetrics(title_font).elidedText(entry.title, Qt.TextElideMode.ElideRight, title_box.width())
        painter.drawText(title_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        painter.setFont(detail_font)
        painter.setPen(quiet)
        if meta:
            painter.drawText(
                QRect(box.left(), box.top(), box.width(), title_h),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                meta,
            )
        line_box = QRect(box.left(), box.top() + title_h + GAP, box.width(), QFontMetrics(detail_font).height())
        line = QFontMetrics(detail_font).elidedText(about(entry), Qt.TextElideMode.ElideRight, line_box.width())
        painter.drawText(line_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
        painter.restore()


def about(entry: LibraryEntry) -> str:
    """The one line under a card's title: what the practice is, or what is wrong with its script."""
    return entry.error if entry.error else entry.description


def _meta(entry: LibraryEntry) -> str:
    parts = []
    if entry.minutes:
        parts.append(f"{entry.minutes} min")
    if entry.user_script and entry.startable:
        parts.append("yours")
    return "  ·  ".join(parts)
