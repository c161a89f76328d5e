"""Reading, without Qt, the `kindly.ini` that Kindly's settings were kept in by QSettings.

Only what QSettings' IniFormat writes for Kindly's settings is understood:
`[General]` holds the top-level keys, `[section]` then `key=value` gives
`section/key`; keys are %XX-escaped (a `\\` in a key is a `/`); a value may
be quoted and holds backslash escapes (`\\\\ \\" \\n \\t \\xHHHH`...); an
unquoted comma makes a list; `@Invalid()` (an empty list) reads as None.
The result is what `QSettings.value` would give: a string, a list of
strings, or None. The parsing follows Qt's own (`qsettings.cpp`:
`readIniLine`, `iniUnescapedKey`, `iniUnescapedStringList`), so a file is read
as the window read it; a line it cannot make sense of is skipped, as Qt does.
"""

from __future__ import annotations

import re
from typing import Any

_SPACE = " \t\r\n\f\v"
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ESCAPES.update({c: c for c in "\"?'\\"})
_HEX = "0123456789abcdefABCDEF"
_OCTAL = "01234567"
_KEY_ESCAPE = re.compile(r"%U([0-9a-fA-F]{4})|%([0-9a-fA-F]{2})")


def read_qsettings_ini(text: str) -> dict[str, Any]:
    """Every key of a QSettings INI file with the value QSettings would read for it."""
    values: dict[str, Any] = {}
    section = ""
    for line, equals in _lines(text.removeprefix("\ufeff")):
        if line.startswith("["):
            end = line.find("]")
            name = (line[1:end] if end != -1 else line[1:]).strip()
            if name.lower() == "general":
                section = ""
            elif name.lower() == "%general":  # a section really named "General"
                section = name[1:] + "/"
            else:
                section = _unescape_key(name) + "/"
        elif equals != -1:
            key = _unescape_key(line[:equals].rstrip(" \t"))
            values[section + key] = _variant(_unescape_value(line[equals + 1 :]))
    return values


def _lines(text: str) -> list[tuple[str, int]]:
    """The logical lines (a quoted value may hold a line break), each with where its `=` is (-1: none).

    An unquoted `;` begins a comment that runs to the end of the line.
    """
    lines: list[tuple[str, int]] = []
    size = len(text)
    i = 0
    while i < size:
        while i < size and text[i] in _SPACE:
            i += 1
        start, equals, quoted = i, -1, False
        while i < size:
            ch = text[i]
            i += 1
            if ch == "=":
                if not quoted and equals == -1:
                    equals = i - 1 - start
            elif ch in "\r\n":
                if not quoted:
                    i -= 1
                    break
            elif ch == "\\":
                if i < size:
                    i += 1
                    if i < size and text[i - 1 : i + 1] in ("\r\n", "\n\r"):
                        i += 1
            elif ch == '"':
                quoted = not quoted
            elif ch == ";":
                if i == start + 1:  # a comment line: skipped whole
                    while i < size and text[i] not in "\r\n":
                        i += 1
                    start = -1
                    break
                if not quoted:
                    i -= 1
                    break
        if start != -1 and i > start:
            lines.append((text[start:i], equals))
    return lines


def _unescape_key(key: str) -> str:
    """`%` with two hex digits, or `%U` with four, is a character; `\\` is `/`; anything else is itself."""

    def one(match: re.Match[str]) -> str:
        return chr(int(match.group(1) or match.group(2), 16))

    return _utf16_joined(_KEY_ESCAPE.sub(one, key.replace("\\", "/")))


def _unescape_value(raw: str) -> str | list[str]:
    """A value's text as Qt's `iniUnescapedStringList` reads it: a string, or a list where a comma was unquoted."""
    items: list[str] = []
    is_list = False
    current: list[str] = []
    quoted_value = False  # this item had quotes: its trailing spaces are its own
    in_quotes = False
    keep = 0  # trailing spaces are chopped down to here, never into an escape
    size = len(raw)
    i = _skip_spaces(raw, 0)
    while i < size:
        ch = raw[i]
        if ch == "\\":
            i += 1
            if i >= size:
                break
            code = raw[i]
            i += 1
            if code in _ESCAPES:
                current.append(_ESCAPES[code])
            elif code == "x" or code in _OCTAL:
                digits, base = (_HEX, 16) if code == "x" else (_OCTAL, 8)
                start = i if code == "x" else i - 1
                while i < size and raw[i] in digits:
                    i += 1
                if i > start:  # `\x` with no digit is dropped
                    current.append(chr(int(raw[start:i], base) & 0xFFFF))
            elif code in "\r\n" and i < size and raw[i] in "\r\n" and raw[i] != code:
                i += 1  # a line continued after a backslash
            keep = len(current)
        elif ch == '"':
            i += 1
            quoted_value = True
            in_quotes = not in_quotes
            if not in_quotes:
                i = _skip_spaces(raw, i)
                keep = len(current)
        elif ch == "," and not in_quotes:
            items.append(_chopped(current, keep, quoted_value))
            is_list = True
            current, quoted_value, keep = [], False, 0
            i = _skip_spaces(raw, i + 1)
        else:
            current.append(ch)
            i += 1
    last = _chopped(current, keep, quoted_value)
    return [*items, last] if is_list else last


def _skip_spaces(raw: str, i: int) -> int:
    while i < len(raw) and raw[i] in " \t":
        i += 1
    return i


def _chopped(chars: list[str], keep: int, quoted: bool) -> str:
    """The item's text without the trailing spaces Qt drops from an unquoted item (UTF-16 pairs joined)."""
    end = len(chars)
    while not quoted and end > keep and chars[end - 1] in " \t":
        end -= 1
    return _utf16_joined("".join(chars[:end]))


def _utf16_joined(text: str) -> str:
    """Qt's escapes give UTF-16 units: a pair of them is one character beyond U+FFFF."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _variant(value: str | list[str]) -> Any:
    """Qt's `stringToVariant`, for what Kindly ever stored: `@Invalid()` is None, `@@` a plain `@`."""
    if isinstance(value, list):
        if any(item.startswith("@") and not item.startswith("@@") for item in value):
            return [_one_variant(item) for item in value]
        return [item[1:] if item.startswith("@@") else item for item in value]
    return _one_variant(value)


def _one_variant(text: str) -> Any:
    if text == "@Invalid()":
        return None
    if text.startswith("@String(") and text.endswith(")"):
        return text[8:-1]
    if text.startswith("@@"):
        return text[1:]
    return text  # other @Type(...) values are none of Kindly's: kept as text, for the settings to refuse
