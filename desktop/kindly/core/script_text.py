"""A script file's text and its one kind of mistake, shared by practice scripts and practice paths.

Apart from either parser, so that reading a path (the home page's "Today")
does not load the practice parser and its dataclasses with it.
"""

from __future__ import annotations

from kindly.core.errors import KindlyInputError


class ScriptError(KindlyInputError):
    """A script the user can fix, with where: `FILE:LINE: reason` when shown."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}:{line}: {reason}")
        self.source = source
        self.line = line
        self.reason = reason
        # The id the file gave itself, when it was read before the mistake: asking for it names this error.
        self.script_id: str | None = None


def decode_script(data: bytes, source: str) -> str:
    """UTF-8 bytes as text (a leading BOM is allowed); a bad byte names its line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScriptError(source, line, f"not UTF-8 text (byte {exc.start + 1})") from None
    return text[1:] if text.startswith("\ufeff") else text
