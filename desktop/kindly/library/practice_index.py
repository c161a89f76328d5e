"""The bundled practices' list lines, written ahead: the home page lists them without parsing a script.

`make practice-index` reads the bundled library in full and writes each
practice's line (title, length, description, breath) to
`assets/scripts/index.json`, with a fingerprint of what those lines were made
from: every bundled script, and every practice's manifest and clip names. At
start-up the window takes its lines from there instead of loading the parser
and parsing every script, which is a fifth of the time to a complete home page.

The index is used only when it can say nothing the full read would not: it was
made from exactly the files there now, and the person has no scripts of their
own. Otherwise (an edited script, a missing clip, a damaged or older index)
it is passed over without a word and the practices are read as ever.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from kindly import locations
from kindly.library.library_entry import LibraryEntry
from kindly.library.script_files import SCRIPT_SUFFIX

INDEX_NAME = "index.json"
INDEX_VERSION = 1
INDEX_LIMIT_BYTES = 1_000_000  # some 25 kB today


def index_path(scripts: Path | None = None) -> Path:
    return (scripts or locations.scripts_dir()) / INDEX_NAME


def fingerprint(scripts: Path, narration: Path) -> str:
    """What the bundled lines are made of, as one value: each script's name and bytes, each practice's
    manifest and the names of its clips. CRC-32 over all of them notices any edit; it is no seal (the
    bundle is the person's own) and needs no hash library loaded at start-up."""
    check = 0

    def add(data: bytes) -> None:
        nonlocal check
        check = zlib.crc32(len(data).to_bytes(8, "little"), check)
        check = zlib.crc32(data, check)

    for script in sorted(scripts.glob(f"*{SCRIPT_SUFFIX}")):
        add(script.name.encode())
        add(script.read_bytes())
    if narration.is_dir():
        for folder in sorted(entry.path for entry in os.scandir(narration) if entry.is_dir()):
            add(os.path.basename(folder).encode())
            with os.scandir(folder) as entries:
                add("\n".join(sorted(entry.name for entry in entries)).encode())
            manifest = Path(folder) / locations.MANIFEST_NAME
            add(manifest.read_bytes() if manifest.is_file() else b"")
    return f"{check:08x}"


def index_text(lines: list[LibraryEntry], made_from: str) -> str:
    """The index file's text: the format's version, the fingerprint and the lines, one practice a line."""
    body = ",\n".join(json.dumps(_fields(line), ensure_ascii=False, sort_keys=True) for line in lines)
    return f'{{"version": {INDEX_VERSION}, "fingerprint": "{made_from}", "lines": [\n{body}\n]}}\n'


def read_index(
    scripts: Path | None = None, narration: Path | None = None, user_scripts: Path | None = None
) -> list[LibraryEntry] | None:
    """The bundled practices' lines, when the index holds them as a full read would; else None."""
    scripts = scripts or locations.scripts_dir()
    narration = narration or locations.narration_dir()
    user_scripts = user_scripts or locations.user_scripts_dir()
    try:
        if any(user_scripts.glob(f"*{SCRIPT_SUFFIX}")):
            return None  # a person's own scripts are read, and checked against these, in full
        path = index_path(scripts)
        if not path.is_file() or path.stat().st_size > INDEX_LIMIT_BYTES:
            return None
        index = json.loads(path.read_bytes())
        if index.get("version") != INDEX_VERSION or index.get("fingerprint") != fingerprint(scripts, narration):
            return None
        return [LibraryEntry(**line) for line in index["lines"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # unreadable or of another shape: the full read says what there is to say


def _fields(line: LibraryEntry) -> dict[str, object]:
    return {name: getattr(line, name) for name in LibraryEntry.__dataclass_fields__}
