"""The breath pacer: a soft circle that grows on the inhale, rests on holds, shrinks on the exhale.

Its size is a pure function of the plan and the player's position
(`breath_level`), so it never drifts from the breath cues the user hears.
With breath cues off (a practice that asks for a natural breath) it does not
pace at all: it glows, slowly and unevenly enough not to be followed
(`unpaced_level`), at a tenth of the frame rate. The
frame timer runs only while the pacer can be seen: it stops when the widget
is hidden, its window minimized, or the window not exposed (unmapped, or
fully covered where the platform says so), so an unseen session costs no repaints.

Each frame repaints only the square the circle and its halo cover (what it
covered before and covers now), and a frame whose circle would move by less
than three quarters of a pixel (the top and bottom of a breath, a hold) is not
painted at all; each frame is scheduled for when the breath will have
moved that far (`next_frame_in`), so a hold and the slow turn of a breath
wake the process rarely. The breath and its halo are one gradient, one circle
filled. A visible session is held to cost no more than a bare widget animating one
gradient circle of the same size at the same rate (`make bench`'s session-cpu-visible
prints the ratio, against its budget of 1.0x).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QRadialGradient,
    QResizeEvent,
    QShowEvent,
    QWindow,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kindly.ui import accessible_events, accessible_interfaces
from kindly.ui.palette import breath_heart, mix_colours, soft_accent
from kindly.ui.theme import focus_ring_colour, paint_focus_ring, standing_out

if TYPE_CHECKING:
    from kindly.core.session_plan import BreathSpan, SessionPlan

FRAME_INTERVAL_MS = 33  # 30 frames a second: a breath moves a few pixels a frame at most, smooth at this rate
# A frame whose halo would move less than this is not painted: mid-breath the halo moves more than a
# pixel a frame and every frame is drawn; near the top and bottom of a breath, where it barely moves,
# it is drawn every second or third frame, each step still under a pixel (its edge is a soft fade).
MIN_VISIBLE_STEP_PX = 0.75
MAX_FRAME_GAP_S = 0.25  # a breath held still is still looked at four times a second
UNPACED_FRAME_INTERVAL_MS = 200  # the unpaced glow changes slowly: 5 frames a second is smooth enough
UNPACED_PERIOD_S = 23.0  # longer than any breath, so nobody tries to breathe with it
HALO_SCALE = 1.18  # the soft halo's radius, in the breath's
MIN_RADIUS_FRACTION = 0.38  # of the largest circle that fits, at the bottom of an exhale

PACER_DESCRIPTION = "A circle that grows as you breathe in and shrinks as you breathe out"
PLAIN_DESCRIPTION = "A still ring: nothing to follow, the time is yours"

PHASE_WORDS: dict[str, str] = {
    "inhale": "Breathe in",
    "hold": "Hold",
    "exhale": "Breathe out",
    # The second hold, after the exhale, is a rest with empty lungs.
    "rest": "Rest",
}


def ease_in_out(x: float) -> float:
    """A sine ease: breath starts and ends gently, never with a jolt."""
    x = min(1.0, max(0.0, x))
    return 0.5 - 0.5 * math.cos(math.pi * x)


def breath_level(span: BreathSpan | None, t: float) -> float:
    """How full the lungs are at `t`, 0 (empty) to 1 (full), for the span in force.

    Before the first inhale and after the end bell the pacer rests small.
    """
    if span is None:
        return 0.0
    progress = (t - span.t) / span.seconds if span.seconds > 0 else 1.0
    if span.phase == "inhale":
        return ease_in_out(progress)
    if span.phase == "hold":
        return 1.0
    if span.phase == "exhale":
        return 1.0 - ease_in_out(progress)
    return 0.0


def level_speed(span: BreathSpan | None, t: float) -> float:
    """How fast `breath_level` changes at `t`, in levels a second (0 on holds): the next frame is
    drawn when the breath will have moved far enough to be seen, not before."""
    if span is None or span.seconds <= 0 or span.phase not in ("inhale", "exhale"):
        return 0.0
    x = min(1.0, max(0.0, (t - span.t) / span.seconds))
    return 0.5 * math.pi * math.sin(math.pi * x) / span.seconds


def unpaced_level(t: float) -> float:
    """A slow glow between 0.35 and 0.65 full: two sines out of step, so it never ticks like a breath."""
    wave = math.sin(2 * math.pi * t / UNPACED_PERIOD_S) + 0.4 * math.sin(2 * math.pi * t / (UNPACED_PERIOD_S * 0.61))
    return 0.5 + 0.15 * wave / 1.4


WORDS_FADE_IN_S = 0.8  # the breath's words come in softly at the start of each phase
WORDS_FADE_OUT_S = 0.5  # and go softly at its end, when the phase is long enough to hold both


def words_opacity(span: BreathSpan | None, t: float) -> float:
    """How fully the phase's words show at `t`, 0 to 1: eased in as the phase begins, out as it ends."""
    if span is None or span.seconds <= 0:
        return 1.0
    into = t - span.t
    left = span.t + span.seconds - t
    fade_in = ease_in_out(into / WORDS_FADE_IN_S)
    fade_out = ease_in_out(left / WORDS_FADE_OUT_S) if span.seconds >= WORDS_FADE_IN_S + 2 * WORDS_FADE_OUT_S else 1.0
    return min(fade_in, fade_out)


def words_fade_change_in(span: BreathSpan | None, t: float, steps: int) -> float:
    """Seconds from `t` until the phase words' shade (one of `steps`) next changes: soon while they
    fade, else when the fade out begins (inf when they hold still to the phase's end)."""
    if span is None or span.seconds <= 0:
        return math.inf
    into = t - span.t
    if into < WORDS_FADE_IN_S:
        return WORDS_FADE_IN_S / steps
    if span.seconds < WORDS_FADE_IN_S + 2 * WORDS_FADE_OUT_S:
        return math.inf
    fade_out_at = span.seconds - WORDS_FADE_OUT_S
    return WORDS_FADE_OUT_S / steps if into >= fade_out_at else fade_out_at - into


def is_paced(plan: SessionPlan) -> bool:
    """The pacer follows the breath pattern only when the breath cues are on."""
    return plan.config.breath_cues


def is_plain(plan: SessionPlan) -> bool:
    """The silent timer with no breath to follow (its breath cues off): a plain timer, shown as the
    time and a still ring, with nothing to breathe with."""
    return plan.config.practice is None and not plan.config.breath_cues


def phase_words(span: BreathSpan | None) -> str:
    return PHASE_WORDS.get(span.phase, "") if span is not None else ""


class BreathPacer(QWidget):
    """Paints the breath; asks `position` for the player's place in `plan` each frame."""

    frame = Signal(float)  # the position each frame was painted at, for the labels beside it
    phase_changed = Signal(str)  # the breath's words ("Breathe in", "Hold"...; "" for none), as they change

    def __init__(self, parent: QWidget | None = None, exposed: Callable[[QWindow], bool] = QWindow.isExposed) -> None:
        """`exposed` says whether the platform shows a window's contents (injectable for tests:
        the offscreen platform calls every shown window exposed)."""
        super().__init__(parent)
        accessible_interfaces.install()  # its value (the phase) is read through Kindly's own interface
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setAccessibleName("Breath pacer")
        # It paints its own background: what lies under it is never painted first, frame after frame.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleDescription(PACER_DESCRIPTION)
        self.plain = False  # a plain timer: the ring alone, still (`is_plain`)
        self._plan: SessionPlan | None = None
        self._position: Callable[[], float] = lambda: 0.0
        self._level = 0.0
        self._watched_handle: QWindow | None = None
        self._exposed = exposed
        # The platform's last word (an Expose event) on whether the window is seen; until it
        # speaks a shown window counts as seen, as Expose events arrive after the show.
        self._window_exposed = True
        self._still = False
        self._painted_rect: QRect | None = None  # what the circle and halo covered when last painted
        self._next_rect: QRect | None = None  # what they cover at the level last taken
        self.span: BreathSpan | None = None  # the breath at the position last taken (the words beside it follow it)
        self.phase = ""  # the breath's words at that position, its accessible value ("" when nothing is paced)
        self._shades: _Shades | None = None  # the colours of the palette in force, mixed once
        self._backdrop: QPixmap | None = None  # the window colour and the guide ring, at this size
        # What the words beside the pacer need: the seconds from a position until they next change.
        self.words_change_in: Callable[[float], float] | None = None
        self._running = False
        # One frame at a time, each scheduled for when something will have visibly changed: at the
        # frame rate mid-breath, less often where the breath barely moves, four times a second through a hold.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.advance)

    # --- the source of truth ------------------------------------------------
    def set_source(self, plan: SessionPlan | None, position: Callable[[], float]) -> None:
        self._plan = plan
        self._position = position
        self.plain = plan is not None and is_plain(plan)
        self.phase = ""
        self.setAccessibleDescription(PLAIN_DESCRIPTION if self.plain else PACER_DESCRIPTION)
        self._backdrop = None  # the ring is drawn stronger for a plain timer
        self.update()
        self.advance()

    @property
    def level(self) -> float:
        return self._level

    def is_animating(self) -> bool:
        return self._running

    def advance(self) -> None:
        """Take the player's position now and repaint at the matching size (only where it changed)."""
        t = self._position()
        plan = self._plan
        self.span = plan.breath_at(t) if plan is not None else None
        self._follow_phase(plan)
        if self.plain:
            level = 0.0  # nothing moves: the frames only keep the time beside it
        elif plan is not None and self._glowing(t):
            level = unpaced_level(t - plan.start_s)
        else:
            level = breath_level(self.span, t)
        moved_px = abs(level - self._level) * self._px_per_level()
        if moved_px >= MIN_VISIBLE_STEP_PX or self._painted_rect is None:
            self._level = level
            self._next_rect = self._halo_rect()
            self.update(self._next_rect if self._painted_rect is None else self._next_rect.united(self._painted_rect))
        self.frame.emit(t)
        if self._running:
            self._timer.start(round(self.next_frame_in(t) * 1000))

    def _follow_phase(self, plan: SessionPlan | None) -> None:
        """Expose the breath's phase on the pacer, whatever a person chose to have announced: as its
        value (in words, and in numbers how full the breath is), with a value change at each new
        phase; and at the start of its description, which Qt tells too (AT-SPI carries the value
        only as a number, so the words travel in the description's change)."""
        paced = plan is not None and not self.plain and is_paced(plan)
        phase = phase_words(self.span) if paced else ""
        if phase == self.phase:
            return
        self.phase = phase
        self.setAccessibleDescription(f"{phase}. {PACER_DESCRIPTION}" if phase else PACER_DESCRIPTION)
        accessible_events.value_changed(self, self.accessible_value())
        self.phase_changed.emit(phase)

    # --- its accessible value (accessible_interfaces.CarriesValue) ----------------------
    def accessible_value(self) -> float:
        """How full the breath is, in percent, while one is paced (0 while none is): 0 as a breath in
        begins, 100 as it is held or let go."""
        return round(breath_level(self.span, self._position()) * 100.0) if self.phase else 0.0

    def accessible_value_range(self) -> tuple[float, float]:
        return (0.0, 100.0)

    def accessible_value_words(self) -> str:
        """The phase in words ("Breathe in"; "" while nothing is paced)."""
        return self.phase

    def next_frame_in(self, t: float) -> float:
        """Seconds from `t` until the next frame is worth drawing: when the halo will have moved
        `MIN_VISIBLE_STEP_PX`, a new phase begins or the words beside it change; never sooner than
        the frame rate, never later than `MAX_FRAME_GAP_S`."""
        plan, span = self._plan, self.span
        gap = MAX_FRAME_GAP_S
        if self._glowing(t):
            gap = UNPACED_FRAME_INTERVAL_MS / 1000.0
        elif span is not None:
            gap = min(gap, span.t + span.seconds - t)  # the next phase moves from its start
            speed_px = level_speed(span, t) * self._px_per_level()
            if speed_px > 0:
                gap = min(gap, MIN_VISIBLE_STEP_PX / speed_px)
        elif plan is not None and t < plan.start_s:
            gap = min(gap, plan.start_s - t)  # the first inhale
        if self.words_change_in is not None:
            gap = min(gap, self.words_change_in(t))
        return max(FRAME_INTERVAL_MS / 1000.0, gap)

    def _glowing(self, t: float) -> bool:
        """Whether `t` is in a session that asks for a natural breath: the unpaced glow, not the pacer."""
        plan = self._plan
        return plan is not None and not self.plain and not is_paced(plan) and plan.start_s <= t < plan.end_s

    def _px_per_level(self) -> float:
        """How far the halo's edge moves, in pixels, from an empty breath to a full one."""
        return self._max_radius() * (1.0 - MIN_RADIUS_FRACTION) * HALO_SCALE

    def _max_radius(self) -> float:
        # The halo of a full breath fits inside the widget: never cut off flat at its edges.
        return max(10.0, (min(self.width(), self.height()) / 2.0 - 2.0) / HALO_SCALE)

    def _radius(self) -> float:
        return self._max_radius() * (MIN_RADIUS_FRACTION + (1.0 - MIN_RADIUS_FRACTION) * self._level)

    def _halo_rect(self) -> QRect:
        """The square the circle and its halo cover now, with a pixel to spare (the guide ring around a
        small breath is still and is left as it is)."""
        reach = self._radius() * HALO_SCALE + 2.0
        centre = QPointF(self.width() / 2.0, self.height() / 2.0)
        return QRectF(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach).toAlignedRect()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._painted_rect = self._next_rect = self._backdrop = None  # a new size: the next frame paints it all
        super().resizeEvent(event)

    # --- run only while seen ----------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._watch_window()
        self._update_running()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._update_running()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched_handle and event.type() == QEvent.Type.Expose:
            # Sent both when the window becomes exposed and when it stops being (empty region).
            self._window_exposed = self._exposed(self._watched_handle)
            self._update_running()
        return False

    def _watch_window(self) -> None:
        """Follow the window's native handle: its signals for shown, hidden and minimized, its Expose
        events for covered. Never a filter on the window widget itself: every event the window gets
        (an update request for each frame among them) would pass through Python on its way."""
        handle = self.window().windowHandle()
        if handle is self._watched_handle:
            return
        if self._watched_handle is not None and shiboken6.isValid(self._watched_handle):
            self._watched_handle.removeEventFilter(self)
            self._watched_handle.visibilityChanged.disconnect(self._window_changed)
        self._watched_handle = handle
        if handle is not None:
            handle.installEventFilter(self)  # a native window's own events are few: Expose, input
            handle.visibilityChanged.connect(self._window_changed)

    def _window_changed(self, _visibility: object) -> None:
        self._update_running()  # shown, hidden, minimized or restored

    def set_still(self, still: bool) -> None:
        """Hold the picture (a paused session): nothing moves, so no frames are drawn."""
        self._still = still
        self._update_running()

    def _update_running(self) -> None:
        window = self.window()
        seen = self.isVisible() and window.isVisible() and not window.isMinimized() and self._window_exposed
        if seen and not self._still:
            if not self._running:
                self._running = True
                self.advance()  # and the next frame is scheduled from it
        else:
            self._running = False
            self._timer.stop()
            if seen:
                self.advance()  # the held picture, drawn once

    # --- painting -------------------------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:
        self._backdrop = self._painted_rect = None  # the keyboard's ring is drawn with the backdrop
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._backdrop = self._painted_rect = None
        self.update()
        super().focusOutEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._shades = self._backdrop = None  # light to dark (or a new accent): mixed again at the next frame
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Every colour and the gradient's stops are mixed once per palette, not once a frame: a frame
        # is the backdrop copied back and one gradient circle, with as little Python as that takes.
        shades = self._shades if self._shades is not None else self._mix_shades()
        painter = QPainter(self)
        centre = QPointF(self.width() / 2.0, self.height() / 2.0)
        halo_radius = self._radius() * HALO_SCALE
        self._painted_rect = self._next_rect if self._next_rect is not None else self._halo_rect()
        area = event.rect()
        # What lies behind the breath (the window colour and the guide ring) never changes: it is drawn
        # once per size and palette and copied back where the breath moved, never stroked again.
        backdrop = self._backdrop if self._backdrop is not None else self._draw_backdrop(shades)
        ratio = backdrop.devicePixelRatio()
        source = QRectF(area.x() * ratio, area.y() * ratio, area.width() * ratio, area.height() * ratio)
        painter.drawPixmap(QRectF(area), backdrop, source)
        if self.plain:
            painter.end()  # the ring alone
            return

        # The breath and its soft halo in one gradient (one circle filled, as cheap as it can be).
        # Its outer edge fades to nothing: no edge to smooth, so no antialiasing (half the cost of a frame).
        gradient = QRadialGradient(centre, halo_radius)
        gradient.setStops(shades.stops)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(_NO_PEN)
        painter.setBrush(gradient)
        painter.drawEllipse(centre, halo_radius, halo_radius)
        painter.end()

    def _draw_backdrop(self, shades: _Shades) -> QPixmap:
        """The window colour and a quiet ring (3:1) where a full breath reaches: a place for the breath to go."""
        ratio = self.devicePixelRatioF()
        backdrop = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        backdrop.setDevicePixelRatio(ratio)
        backdrop.fill(shades.window)
        painter = QPainter(backdrop)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(shades.plain_ring if self.plain else shades.guide)
        painter.setBrush(_NO_BRUSH)
        radius = self._max_radius()
        painter.drawEllipse(QPointF(self.width() / 2.0, self.height() / 2.0), radius, radius)
        if self.hasFocus():  # the keyboard rests here while the buttons are away (in focus)
            paint_focus_ring(painter, QRectF(self.rect()), focus_ring_colour(self.palette(), shades.window))
        painter.end()
        self._backdrop = backdrop
        return backdrop

    def _mix_shades(self) -> _Shades:
        palette = self.palette()
        accent = soft_accent(palette)
        window = palette.color(QPalette.ColorRole.Window)
        glow = QColor(accent)
        glow.setAlphaF(0.28)
        clear = QColor(accent)
        clear.setAlphaF(0.0)
        heart = breath_heart(accent)
        edge = 1.0 / HALO_SCALE  # where the breath ends and the halo begins, in the gradient's terms
        # Lighter at its heart, the breath's own colour at its edge, then a glow fading to nothing.
        stops = [
            (0.0, heart),
            (edge * 0.55, mix_colours(heart, accent, 0.5)),
            (edge - 0.004, accent),
            (edge + 0.004, glow),
            (1.0, clear),
        ]
        # The guide ring stands out 3:1 from the window (4.5:1 for high contrast): a place you can see.
        plain_ring = QPen(standing_out(mix_colours(accent, window, 0.25), window), 2.0)
        guide = QPen(standing_out(mix_colours(accent, window, 0.7), window), 1.5)
        self._shades = _Shades(window, guide, stops, plain_ring)
        return self._shades


@dataclass(frozen=True)
class _Shades:
    """The pacer's colours for one palette: its background, the guide ring's pen, the breath's stops."""

    window: QColor
    guide: QPen
    stops: list[tuple[float, QColor]]
    plain_ring: QPen  # a plain timer's ring: the one thing drawn, so a little stronger than the guide


_NO_BRUSH = Qt.BrushStyle.NoBrush
_NO_PEN = Qt.PenStyle.NoPen
