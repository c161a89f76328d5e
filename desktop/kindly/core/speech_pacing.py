"""How a calm guide paces a spoken phrase: where it is cut, the pauses between its pieces, its pace.

Speech engines run sentences together faster than a calm guide would, and
give commas almost no pause; slowing every sound instead makes a voice drag.
So a phrase is spoken a sentence at a time, and each longer clause of it on
its own, with silences between them; and its pace is what a listener hears:
its words over its whole length, pauses included. Only text and arithmetic
here: the engines in `kindly.audio.speech` speak what this plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_GAP_S = 0.8
CLAUSE_GAP_S = 0.3
CLAUSE_MIN_WORDS = 3  # a shorter clause is spoken with its neighbour: "Soften, soothe, allow" stays whole
PACE_WORDS_PER_MINUTE = (110.0, 125.0)  # the calm range of guided meditation, pauses included
PACE_TARGET = 117.0
PACE_MIN_WORDS = 4  # "Thinking." has no pace to speak of
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;])\s+")


@dataclass(frozen=True)
class SpokenPiece:
    """One clause to speak, and the silence before it (none before a phrase's first)."""

    pause_before_s: float
    text: str


def spoken_pieces(
    text: str, clause_gap: float | None = CLAUSE_GAP_S, sentence_gap: float = SENTENCE_GAP_S
) -> list[SpokenPiece]:
    """The phrase as its clauses in order, each with the pause a calm guide leaves before it.

    A `clause_gap` of None keeps each sentence whole: a voice that phrases its own commas
    (Kokoro) sounds natural only when it hears the whole sentence; cut at a comma, each
    clause ends as if it were the last.
    """
    pieces: list[SpokenPiece] = []
    for sentence in split_sentences(text):
        clauses = [sentence] if clause_gap is None else split_clauses(sentence)
        for c_index, clause in enumerate(clauses):
            pause = ((clause_gap or 0.0) if c_index else sentence_gap) if pieces else 0.0
            pieces.append(SpokenPiece(pause, clause))
    return pieces


def split_sentences(text: str) -> list[str]:
    """The phrase cut after each full stop, question or exclamation mark, and colon."""
    parts = [part.strip() for part in _SENTENCE_END.split(text)]
    return [part for part in parts if part] or [text]


def split_clauses(sentence: str) -> list[str]:
    """The sentence cut after commas and semicolons, a clause of fewer than three words kept
    with the next (its comma then has the voice's own short pause)."""
    clauses: list[str] = []
    pending = ""
    for part in (p.strip() for p in _CLAUSE_END.split(sentence)):
        pending = f"{pending} {part}".strip()
        if len(pending.split()) >= CLAUSE_MIN_WORDS:
            clauses.append(pending)
            pending = ""
    if pending and clauses:  # a short last clause goes with the one before it
        clauses[-1] = f"{clauses[-1]} {pending}"
    elif pending:
        clauses.append(pending)
    return clauses


def pause_seconds(text: str, clause_gap: float | None = CLAUSE_GAP_S, sentence_gap: float = SENTENCE_GAP_S) -> float:
    """The silence put between the clauses and sentences of `text` (the pauses of `spoken_pieces`)."""
    clauses = [len(split_clauses(sentence)) for sentence in split_sentences(text)]
    between_clauses = 0.0 if clause_gap is None else sum(n - 1 for n in clauses) * clause_gap
    return (len(clauses) - 1) * sentence_gap + between_clauses


def words_per_minute(text: str, seconds: float) -> float:
    """A clip's pace as a listener hears it: its words over its whole length, pauses included."""
    return len(text.split()) / seconds * 60.0 if seconds > 0 else 0.0


def pace_is_settled(text: str, seconds: float) -> bool:
    """Whether `text` heard over `seconds` needs no other pace: it is in the calm range, or too short to have one."""
    low, high = PACE_WORDS_PER_MINUTE
    return len(text.split()) < PACE_MIN_WORDS or low <= words_per_minute(text, seconds) <= high


def heard_faster_than(text: str, seconds: float, words_a_minute: float) -> bool:
    """Whether `text` heard over `seconds` runs past `words_a_minute` (one too short to have a pace never does)."""
    return len(text.split()) >= PACE_MIN_WORDS and words_per_minute(text, seconds) > words_a_minute


def has_clauses(text: str) -> bool:
    """Whether cutting `text` at its commas (`split_clauses`) would give a voice more than its sentences."""
    return any(len(split_clauses(sentence)) > 1 for sentence in split_sentences(text))


def rescaled_length(scale: float, text: str, seconds: float, limits: tuple[float, float]) -> float:
    """The length scale that would bring `text`, heard over `seconds` when spoken at `scale`, to `PACE_TARGET`.

    Only the words stretch with the scale; the pauses between the clauses
    (`pause_seconds`) stay as they are. The result is kept within `limits`,
    beyond which a voice rushes or drawls, and is `scale` itself when the
    words have no length left to stretch.
    """
    low, high = limits
    words = len(text.split())
    pauses = pause_seconds(text)
    spoken = seconds - pauses
    wanted = words * 60.0 / PACE_TARGET - pauses
    return min(high, max(low, scale * wanted / spoken)) if spoken > 0 and wanted > 0 else scale
