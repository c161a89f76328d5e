"""Practice scripts: the hand-written text format of a guided practice, and its parser.

A script is a header of `key: value` lines, a `---` line, then the body:
narration phrases (a paragraph each), `[pause N breaths]` / `[pause Ns]`
silences, `[join]` between two phrases that belong together, one or more
elastic `[rest]`s (optionally weighted, `[rest 2]`) that share a session's
spare time, `[return]` phrases that the schedule spreads through silences
longer than the practice's `max-silence`, and `[first time]` phrases spoken
only on a person's first session of the practice. The part after the last rest is the
closing, laid out backwards from the end bell. `assets/scripts/README.md`
documents the format for the people who write scripts.

The parser is pure (text in, `Practice` out) so the library, the fuzz test
and the UI all share it; every mistake is a `KindlyInputError` that starts
`FILE:LINE:` so a user can go straight to it.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass

from kindly.core.breath_pattern import BreathPattern, parse_breath_pattern
from kindly.core.errors import KindlyInputError
from kindly.core.script_text import ScriptError
from kindly.core.user_numbers import parse_whole

HEADER_FIELDS: dict[str, str] = {
    "id": "a short name of lowercase letters, digits and hyphens, e.g. mindful-breathing",
    "title": "the name shown to the user",
    "minutes": "the default length in minutes",
    "minimum": "the shortest length in minutes the practice agrees to",
    "breath": "the breath pattern: a preset (calm, box, 478, coherent) or seconds like 4-6",
    "description": "one line about the practice",
}
OPTIONAL_FIELDS: dict[str, str] = {
    "maximum": "the longest length in minutes the practice agrees to",
    "breath cues": "whether paced breath cues start on: on or off",
    "safety": "one gentle line shown on screen at every start",
    "end bell": "full (the chosen bell) or soft (a quiet chime that will not wake a sleeper)",
    "max-silence": "the longest silence the re-invitations leave, e.g. 120 s or 2 minutes",
}
HEADER_END = "---"

MINUTES_MAX = 240.0
PAUSE_BREATHS_MAX = 60
PAUSE_SECONDS_MAX = 600.0
PHRASE_CHARS_MAX = 400
TITLE_CHARS_MAX = 80
DESCRIPTION_CHARS_MAX = 200
SAFETY_CHARS_MAX = 200
ID_CHARS_MAX = 40
REST_WEIGHT_MAX = 100.0
MAX_SILENCE_DEFAULT_S = 300.0
"""With no `max-silence:` header, re-invitations break any silence longer than five minutes."""
MAX_SILENCE_RANGE_S = (30.0, 1200.0)

_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*\Z", re.ASCII)
_NUMBER = re.compile(r"^\d{1,6}(\.\d{1,6})?\Z", re.ASCII)
_PAUSE_BREATHS = re.compile(r"^pause\s+(\S+?)\s*breaths?$")
_PAUSE_SECONDS = re.compile(r"^pause\s+(\S+?)\s*(s|secs?|seconds?)$")
_REST = re.compile(r"^rest(?:\s+(\S+))?$")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z -]*?)\s*:\s*(.*)$")
_SILENCE = re.compile(r"^(\S+?)\s*(s|secs?|seconds?|mins?|minutes?)\Z")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Phrase:
    """One spoken phrase; `number` counts phrases from 1 in script order.

    `kind` is "guide" (spoken where it stands), "return" (a re-invitation the
    schedule spreads through long silences) or "first time" (spoken where it
    stands, only on a person's first session of the practice).
    """

    text: str
    number: int
    line: int
    kind: str = "guide"

    @property
    def sha256(self) -> str:
        """The hash of the phrase's normalised text, which names its clip."""
        return text_sha256(self.text)


@dataclass(frozen=True)
class Pause:
    """A silence before the next phrase: whole breath cycles, or seconds."""

    breaths: int = 0
    seconds: float = 0.0
    line: int = 0


@dataclass(frozen=True)
class Join:
    """`[join]` between two phrases: the second follows on the next in-breath, without the usual gap,
    because the script means them as one thought (the schedule otherwise keeps them apart)."""

    line: int = 0


Step = Phrase | Pause | Join
JOIN = "join"
JOIN_NOTE = "[join] must stand between two phrases spoken where they stand, with nothing else between"
GUIDE = "guide"
RETURN = "return"
FIRST_TIME = "first time"


@dataclass(frozen=True)
class Practice:
    """A parsed script: its header, its blocks of steps between rests, and its returns.

    `blocks[0]` is the opening (laid from the start bell), `blocks[-1]` the
    closing (laid back from the end bell), any between are middle guidance;
    `rest_weights[i]` is the share of spare time in the rest after `blocks[i]`.
    """

    id: str
    title: str
    default_minutes: float
    minimum_minutes: float
    breath: BreathPattern
    description: str
    blocks: tuple[tuple[Step, ...], ...]
    rest_weights: tuple[float, ...]
    returns: tuple[Phrase, ...]
    source: str
    id_line: int = 0
    maximum_minutes: float = MINUTES_MAX
    breath_cues: bool = True
    safety: str = ""
    soft_end: bool = False
    all_phrases: tuple[Phrase, ...] = ()
    max_silence_s: float = MAX_SILENCE_DEFAULT_S

    @property
    def opening(self) -> tuple[Step, ...]:
        return self.blocks[0]

    @property
    def closing(self) -> tuple[Step, ...]:
        return self.blocks[-1]

    def phrases(self) -> tuple[Phrase, ...]:
        """Every phrase (returns included) in script order: phrase n is `phrases()[n - 1]`."""
        return self.all_phrases


def normalise_text(text: str) -> str:
    """The canonical form of a phrase: NFC, single spaces, no edge whitespace."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_sha256(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def parse_practice(text: str, source: str) -> Practice:
    """Parse a whole script.

    Args:
        text: the script's text.
        source: the file name to put in front of every error message.

    Raises:
        KindlyInputError: `SOURCE:LINE: what is wrong`, for the first mistake found.
    """
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    header_end, fields = _parse_header(lines, source)
    header = _Header(fields, source, header_end)
    practice_id = header.identifier()
    try:
        return _build_practice(practice_id, header, lines, header_end, source)
    except ScriptError as exc:
        exc.script_id = practice_id
        raise


def _build_practice(practice_id: str, header: _Header, lines: list[str], header_end: int, source: str) -> Practice:
    body = _parse_body(lines, header_end, source)
    return Practice(
        id=practice_id,
        title=header.text("title", TITLE_CHARS_MAX),
        default_minutes=header.minutes("minutes"),
        minimum_minutes=header.minimum(),
        breath=header.breath(),
        description=header.text("description", DESCRIPTION_CHARS_MAX),
        blocks=body.blocks,
        rest_weights=body.weights,
        returns=tuple(p for p in body.phrases if p.kind == RETURN),
        source=source,
        id_line=header.line_of("id"),
        maximum_minutes=header.maximum(),
        breath_cues=header.switch("breath cues", True),
        safety=header.optional_text("safety", SAFETY_CHARS_MAX),
        soft_end=header.choice("end bell", ("full", "soft"), "full") == "soft",
        all_phrases=body.phrases,
        max_silence_s=header.silence("max-silence", MAX_SILENCE_DEFAULT_S),
    )


def _fail(source: str, line: int, message: str) -> ScriptError:
    return ScriptError(source, line, message)


# Unicode's control characters (category Cc: C0, DEL and C1, fixed by the standard), the tab excepted.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _check_characters(value: str, source: str, number: int) -> None:
    """Refuse a control character or a lone surrogate (category Cs), naming the first: one scan of the
    line (and UTF-8's own refusal of surrogates), not a category lookup per character."""
    control = _CONTROL_CHARACTER.search(value)
    at = control.start() if control is not None else len(value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        at = min(at, exc.start)
    if at < len(value):
        raise _fail(source, number, f"unexpected control character U+{ord(value[at]):04X}")


def _parse_header(lines: list[str], source: str) -> tuple[int, dict[str, tuple[str, int]]]:
    """Read `key: value` lines up to `---`; returns the `---` line's index and the fields."""
    fields: dict[str, tuple[str, int]] = {}
    for index, raw in enumerate(lines):
        number = index + 1
        _check_characters(raw, source, number)
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == HEADER_END:
            return index, fields
        match = _HEADER_LINE.match(line)
        if not match:
            raise _fail(
                source,
                number,
                f"expected a header line 'key: value' or '{HEADER_END}' to end the header, found {_show(line)}",
            )
        key = " ".join(match.group(1).lower().split())
        if key not in HEADER_FIELDS and key not in OPTIONAL_FIELDS:
            known = ", ".join([*HEADER_FIELDS, *OPTIONAL_FIELDS])
            raise _fail(source, number, f"unknown header field {key!r} (one of: {known})")
        if key in fields:
            raise _fail(source, number, f"header field {key!r} given twice (first on line {fields[key][1]})")
        fields[key] = (match.group(2).strip(), number)
    raise _fail(source, max(len(lines), 1), f"no '{HEADER_END}' line ends the header")


def _show(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "...")


class _Header:
    """Validates each header field, naming its line."""

    def __init__(self, fields: dict[str, tuple[str, int]], source: str, end_index: int) -> None:
        self._fields = fields
        self._source = source
        self._end_line = end_index + 1

    def _describe(self, key: str) -> str:
        return HEADER_FIELDS.get(key) or OPTIONAL_FIELDS[key]

    def _get(self, key: str) -> tuple[str, int]:
        if key not in self._fields:
            raise _fail(self._source, self._end_line, f"missing header field '{key}:' ({HEADER_FIELDS[key]})")
        value, line = self._fields[key]
        if not value:
            raise _fail(self._source, line, f"header field '{key}:' is empty ({self._describe(key)})")
        return value, line

    def optional_text(self, key: str, limit: int) -> str:
        return self.text(key, limit) if key in self._fields else ""

    def switch(self, key: str, default: bool) -> bool:
        return self.choice(key, ("on", "off"), "on" if default else "off") == "on"

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        if key not in self._fields:
            return default
        value, line = self._get(key)
        if value.lower() not in choices:
            raise _fail(self._source, line, f"{key} {_show(value)} must be {' or '.join(choices)}")
        return value.lower()

    def maximum(self) -> float:
        if "maximum" not in self._fields:
            return MINUTES_MAX
        maximum = self.minutes("maximum")
        default = self.minutes("minutes")
        if maximum < default:
            raise _fail(
                self._source,
                self.line_of("maximum"),
                f"maximum of {maximum:g} minutes is shorter than the default of {default:g} minutes",
            )
        return maximum

    def line_of(self, key: str) -> int:
        return self._get(key)[1]

    def identifier(self) -> str:
        value, line = self._get("id")
        if len(value) > ID_CHARS_MAX or not _ID.match(value):
            raise _fail(
                self._source,
                line,
                f"id {_show(value)} must be lowercase letters, digits and single hyphens, "
                f"starting with a letter (at most {ID_CHARS_MAX} characters)",
            )
        return value

    def text(self, key: str, limit: int) -> str:
        value, line = self._get(key)
        if len(value) > limit:
            raise _fail(self._source, line, f"{key} is {len(value)} characters long (at most {limit})")
        return value

    def minutes(self, key: str) -> float:
        value, line = self._get(key)
        if not _NUMBER.match(value):
            raise _fail(self._source, line, f"{key} {_show(value)} is not a number of minutes")
        minutes = float(value)
        if not (math.isfinite(minutes) and 0 < minutes <= MINUTES_MAX):
            raise _fail(
                self._source, line, f"{key} of {minutes:g} is out of range (more than 0, at most {MINUTES_MAX:g})"
            )
        return minutes

    def silence(self, key: str, default: float) -> float:
        """Seconds, written with their unit: `90 s`, `90 seconds`, `2 min` or `2 minutes`."""
        if key not in self._fields:
            return default
        value, line = self._get(key)
        low, high = MAX_SILENCE_RANGE_S
        match = _SILENCE.match(value.lower())
        if not match or not _NUMBER.match(match.group(1)):
            raise _fail(
                self._source, line, f"{key} {_show(value)} is not a length of time: write e.g. 120 s or 2 minutes"
            )
        seconds = float(match.group(1)) * (60.0 if match.group(2).startswith("m") else 1.0)
        if not low <= seconds <= high:
            raise _fail(
                self._source,
                line,
                f"{key} of {_show(value)} is out of range ({low:g} s to {high / 60:g} minutes)",
            )
        return seconds

    def minimum(self) -> float:
        minimum = self.minutes("minimum")
        default = self.minutes("minutes")
        if minimum > default:
            _value, line = self._get("minimum")
            raise _fail(
                self._source,
                line,
                f"minimum of {minimum:g} minutes is longer than the default of {default:g} minutes",
            )
        return minimum

    def breath(self) -> BreathPattern:
        value, line = self._get("breath")
        try:
            return parse_breath_pattern(value)
        except KindlyInputError as exc:
            raise _fail(self._source, line, str(exc)) from None


@dataclass(frozen=True)
class _Body:
    blocks: tuple[tuple[Step, ...], ...]
    weights: tuple[float, ...]
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True)
class _Rest:
    weight: float


@dataclass(frozen=True)
class _Marker:
    """`[return]` or `[first time]`: says what kind the next phrase is."""

    kind: str


def _parse_body(lines: list[str], header_end: int, source: str) -> _Body:
    blocks: list[list[Step]] = [[]]
    weights: list[float] = []
    phrases: list[Phrase] = []
    first_rest_line = 0
    paragraph: list[str] = []
    paragraph_line = 0
    marker: tuple[str, int] | None = None
    join_line = 0  # a [join] waiting for the phrase it joins

    def flush() -> None:
        nonlocal paragraph, marker, join_line
        if not paragraph:
            return
        text = normalise_text(" ".join(paragraph))
        if not _WORD.search(text):
            raise _fail(source, paragraph_line, f"phrase {_show(text)} has no words to speak")
        if len(text) > PHRASE_CHARS_MAX:
            raise _fail(
                source,
                paragraph_line,
                f"phrase is {len(text)} characters long (at most {PHRASE_CHARS_MAX}): split it with a blank line",
            )
        kind = marker[0] if marker else GUIDE
        join_line = 0
        phrase = Phrase(text=text, number=len(phrases) + 1, line=paragraph_line, kind=kind)
        phrases.append(phrase)
        if kind != RETURN:
            blocks[-1].append(phrase)
        paragraph = []
        marker = None

    def expect_no_marker(number: int) -> None:
        if marker is not None:
            raise _fail(source, marker[1], f"[{marker[0]}] must be followed by the phrase it marks (line {number})")
        if join_line:
            raise _fail(source, join_line, JOIN_NOTE)

    for index in range(header_end + 1, len(lines)):
        number = index + 1
        raw = lines[index]
        _check_characters(raw, source, number)
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#"):
            continue
        if line.startswith("["):
            flush()
            directive = _parse_directive(line, source, number)
            if isinstance(directive, _Marker) and directive.kind == FIRST_TIME and marker is None:
                marker = (directive.kind, number)  # [join] then [first time]: the joined phrase is a first-time one
                continue
            expect_no_marker(number)
            if isinstance(directive, Join):
                spoken = [s for s in blocks[-1] if isinstance(s, Phrase)]
                if not (blocks[-1] and spoken and blocks[-1][-1] is spoken[-1] and phrases[-1] is spoken[-1]):
                    raise _fail(source, number, JOIN_NOTE)
                join_line = number
                blocks[-1].append(directive)
            elif isinstance(directive, _Rest):
                first_rest_line = first_rest_line or number
                weights.append(directive.weight)
                blocks.append([])
            elif isinstance(directive, _Marker):
                marker = (directive.kind, number)
            else:
                blocks[-1].append(directive)
            continue
        if line.startswith("]") or "[" in line or "]" in line:
            raise _fail(
                source,
                number,
                "a bracket inside a phrase: directives go on a line of their own, e.g. [pause 2 breaths]",
            )
        if line == HEADER_END:
            raise _fail(
                source, number, f"a second '{HEADER_END}' line (the header already ended on line {header_end + 1})"
            )
        if not paragraph:
            paragraph_line = number
        paragraph.append(line)
    flush()
    last_line = max(len(lines), 1)
    expect_no_marker(last_line)
    if not first_rest_line:
        raise _fail(
            source, last_line, "no [rest]: a script needs at least one elastic [rest] before its closing phrases"
        )
    if not any(isinstance(s, Phrase) and s.kind == GUIDE for s in blocks[-1]):
        raise _fail(
            source,
            last_line,
            "no closing phrase after the last [rest]: the closing needs at least one phrase spoken every time",
        )
    returns = [p for p in phrases if p.kind == RETURN]
    first_line: dict[str, int] = {}
    for phrase in returns:
        if phrase.text in first_line:
            raise _fail(
                source,
                phrase.line,
                f"the same [return] phrase twice (first on line {first_line[phrase.text]}): "
                "it would be heard twice in a row",
            )
        first_line[phrase.text] = phrase.line
    if len(returns) == 1:
        raise _fail(
            source,
            returns[0].line,
            "only one [return] phrase: give two or more, so none is heard twice in a row (or none at all)",
        )
    return _Body(tuple(tuple(b) for b in blocks), tuple(weights), tuple(phrases))


def _parse_directive(line: str, source: str, number: int) -> Pause | Join | _Rest | _Marker:
    """`[rest]`, `[rest W]`, `[return]`, `[first time]`, `[join]`, `[pause N breaths]` or `[pause N s]`."""
    if not line.endswith("]"):
        raise _fail(source, number, f"unclosed directive {_show(line)}: it must end with ']'")
    inner = " ".join(line[1:-1].split()).lower()
    if "[" in inner or "]" in inner:
        raise _fail(source, number, f"one directive per line, found {_show(line)}")
    rest = _REST.match(inner)
    if rest:
        if rest.group(1) is None:
            return _Rest(1.0)
        amount = rest.group(1)
        if not _NUMBER.match(amount) or not 0 < float(amount) <= REST_WEIGHT_MAX:
            raise _fail(
                source,
                number,
                f"rest weight {_show(amount)} must be a number more than 0, at most {REST_WEIGHT_MAX:g}, "
                "with at most 6 decimals, e.g. [rest 2]",
            )
        return _Rest(float(amount))
    if inner in (RETURN, FIRST_TIME):
        return _Marker(inner)
    if inner == JOIN:
        return Join(line=number)
    breaths = _PAUSE_BREATHS.match(inner)
    if breaths:
        amount = breaths.group(1)
        try:  # as every number a person writes: ASCII digits (a full-width five is not five here), bounded in length
            count = parse_whole(amount, "pause of")
        except KindlyInputError:
            raise _fail(
                source, number, f"pause of {_show(amount)} breaths: the number of breaths must be a whole number"
            ) from None
        if not 1 <= count <= PAUSE_BREATHS_MAX:
            raise _fail(source, number, f"pause of {amount} breaths is out of range (1-{PAUSE_BREATHS_MAX})")
        return Pause(breaths=count, line=number)
    seconds = _PAUSE_SECONDS.match(inner)
    if seconds:
        amount = seconds.group(1)
        if not _NUMBER.match(amount):
            raise _fail(source, number, f"pause of {_show(amount)} seconds: not a number of seconds")
        value = float(amount)
        if not 0 < value <= PAUSE_SECONDS_MAX:
            raise _fail(
                source, number, f"pause of {value:g} s is out of range (more than 0, at most {PAUSE_SECONDS_MAX:g})"
            )
        return Pause(seconds=value, line=number)
    if inner.startswith("pause"):
        raise _fail(
            source,
            number,
            f"cannot read {_show(line)}: write [pause N breaths] or [pause N s], e.g. [pause 3 breaths]",
        )
    raise _fail(
        source,
        number,
        f"unknown directive {_show(line)} (known: [pause N breaths], [pause N s], [rest], [rest W], "
        "[return], [first time], [join])",
    )
