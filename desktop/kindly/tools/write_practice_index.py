"""`make practice-index`: write the bundled practices' list lines ahead (`kindly.library.practice_index`).

Run after a bundled script, a manifest or a clip changes (`make narration`
changes the last two); the test suite says when the index no longer
matches what it was made from. Every bundled practice must be recorded and
every script must parse: the index holds no line a person's machine could
read differently.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kindly import locations
from kindly.core.errors import KindlyInputError
from kindly.library.library_entry import LibraryEntry
from kindly.library.practice_catalogue import library_line
from kindly.library.practice_index import fingerprint, index_path, index_text
from kindly.library.practice_library import PhrasesNotRecorded, bundled_practices


def bundled_lines(scripts: Path) -> list[LibraryEntry]:
    """Each bundled practice's line, as a full read on a machine with no scripts or recordings of its own.

    Raises:
        KindlyInputError: a bundled script is refused (PhrasesNotRecorded: a practice has phrases without a clip).
    """
    return [library_line(entry) for entry in bundled_practices(scripts)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="write_practice_index", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the index is up to date")
    options = parser.parse_args(argv)
    scripts = locations.scripts_dir()
    try:
        text = index_text(bundled_lines(scripts), fingerprint(scripts, locations.narration_dir()))
    except KindlyInputError as exc:
        # Only a missing clip is made good by recording; a refused script is mended in the script.
        hint = " (make narration records them)" if isinstance(exc, PhrasesNotRecorded) else ""
        print(f"practice index: {exc}{hint}", file=sys.stderr)
        return 1
    target = index_path(scripts)
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if options.check:
        print("practice index: up to date" if current == text else "practice index: out of date (make practice-index)")
        return 0 if current == text else 1
    if current != text:
        target.write_text(text, encoding="utf-8", newline="\n")
    print(f"practice index: {target} ({text.count(chr(10)) - 2} practices)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
