"""Reading script-like files (practices, paths) and keeping why one was refused.

Shared by the practice library and the paths, apart from both parsers: the
paths ("Today" on the home page) are read without the practice parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kindly.core.errors import KindlyInputError
from kindly.core.script_text import ScriptError, decode_script
from kindly.user_files import read_user_file


@dataclass(frozen=True)
class ScriptProblem:
    """Why one script was refused: its file as shown to the user, the line, and the reason."""

    file: str
    line: int
    reason: str
    claims: str | None = None
    """The name asking for which is answered with this problem: the id the file gave itself, or else its
    file name's stem (a mistake before the id line, in a file named for its practice)."""

    @classmethod
    def of(cls, error: ScriptError) -> ScriptProblem:
        return cls(error.source, error.line, error.reason, error.script_id or Path(error.source).stem)

    @property
    def file_name(self) -> str:
        """The file's own name, for a list with no room for its folder."""
        return Path(self.file).name

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def refused_as(name: str, problems: Iterable[ScriptProblem]) -> ScriptProblem | None:
    """The refused file that `name` asks for, if one claims it: a refusal of `name` then names that
    file and line in its one line, rather than beside it."""
    return next((problem for problem in problems if problem.claims == name), None)


SCRIPT_SUFFIX = ".txt"  # a practice script is a text file

# The longest bundled script is a few kB; a practice past this is not one a person wrote.
SCRIPT_LIMIT_BYTES = 256_000


def read_script_text(file: Path, name: str, limit: int, what: str) -> str:
    """A script-like file (a practice, a path) as text, or a ScriptError naming `name` and the line.

    Only regular files of a sensible size: a FIFO would hang, a link to /dev/zero fill the memory.
    """
    try:
        data = read_user_file(str(file), limit, what)
    except KindlyInputError as exc:
        raise ScriptError(name, 1, f"cannot read the {what}: {str(exc).split(': ', 1)[1]}") from None
    return decode_script(data, name)
