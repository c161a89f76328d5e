"""Finding practice paths (the bundled one and a person's own), each checked against the practices.

Bundled paths live in `assets/paths/`, a person's own in `<data dir>/paths/`,
in the format of `kindly.core.path_script`. A week that names a practice the
library does not have is refused with its file and line, and one broken path
never hides the others, exactly as for practice scripts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from kindly import locations
from kindly.core.errors import KindlyInputError
from kindly.core.path_script import PracticePath, parse_path
from kindly.core.script_text import ScriptError
from kindly.library.script_files import ScriptProblem, read_script_text, refused_as

BUNDLED_PATH = "twelve-weeks-of-kindness"
PATH_SUFFIX = ".txt"
PATH_LIMIT_BYTES = 256_000


@dataclass(frozen=True)
class PathLibrary:
    """The good paths (bundled first, then by title) and the problem of each refused one."""

    paths: tuple[PracticePath, ...]
    problems: tuple[ScriptProblem, ...]

    def get(self, path_id: str) -> PracticePath:
        """The path with this id.

        Raises:
            KindlyInputError: no such path, listing the ones there are.
        """
        for path in self.paths:
            if path.id == path_id:
                return path
        claimed = refused_as(path_id, self.problems)
        if claimed is not None:  # the one line names the broken file, rather than a notice beside it
            raise KindlyInputError(f"unknown path {path_id!r}: {claimed}")
        known = ", ".join(p.id for p in self.paths) or "none"
        raise KindlyInputError(f"unknown path {path_id!r} (one of: {known})")

    def offered(self) -> PracticePath | None:
        """The path a person on none is invited to begin: the bundled one, else the first there is."""
        return next((p for p in self.paths if p.id == BUNDLED_PATH), self.paths[0] if self.paths else None)


def load_paths(
    practice_ids: Collection[str],
    bundled_dir: Path | None = None,
    user_dir: Path | None = None,
) -> PathLibrary:
    """Every path Kindly can offer, each week's practices among `practice_ids`."""
    found: list[PracticePath] = []
    problems: list[ScriptProblem] = []
    taken: set[str] = set()
    folders: tuple[tuple[Path, Callable[[Path], str]], ...] = (
        (bundled_dir or locations.paths_dir(), lambda p: p.name),
        (user_dir or locations.user_paths_dir(), str),
    )
    for folder, shown in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob(f"*{PATH_SUFFIX}")):
            try:
                path = _read(file, shown(file), practice_ids)
            except ScriptError as exc:
                problems.append(ScriptProblem.of(exc))
                continue
            if path.id in taken:
                problems.append(ScriptProblem(path.source, 1, f"path id {path.id!r} is already used by another path"))
                continue
            taken.add(path.id)
            found.append(path)
    return PathLibrary(tuple(found), tuple(problems))


def _read(file: Path, name: str, practice_ids: Collection[str]) -> PracticePath:
    path = parse_path(read_script_text(file, name, PATH_LIMIT_BYTES, "path"), name)
    for week in path.weeks:
        for practice, line in ((week.practice, week.practice_line), (week.daily, week.daily_line)):
            if practice not in practice_ids:
                error = ScriptError(
                    name, line, f"week {week.number}: no practice {practice!r} (see 'kindly practices')"
                )
                error.script_id = path.id
                raise error
    return path
