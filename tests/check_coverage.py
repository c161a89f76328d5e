"""The coverage ratchet: files held at 100 % of their lines and branches stay there.

    .venv/bin/python tests/check_coverage.py            # `make test` runs it after the suite

Reads the coverage data the suite left (`.coverage`, pytest-cov with branch
coverage, as pyproject's [tool.coverage.*] sets it) and fails, naming each
line and branch, when one of the HELD files has any left untested. What
pyproject's `exclude_also` names (each with its reason) does not count.

The whole of `kindly.core` and `kindly.store` is held, as qutebrowser's
scripts/dev/check_coverage.py holds its listed files. NOT_YET would name a
file still to reach it: a file moves from there to HELD in the commit whose
tests cover it, and never back.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KINDLY = "desktop/kindly"

# Empty since every module of the core and the store got there; a file is named here only while
# the commit that brings it in cannot yet cover it, and leaves in the commit that does.
NOT_YET: frozenset[str] = frozenset()


def held_files(root: Path = REPO) -> list[str]:
    """Every module of the core and the store not in NOT_YET (a new module is held from its first commit)."""
    found = sorted(
        str(path.relative_to(root)) for package in ("core", "store") for path in (root / KINDLY / package).glob("*.py")
    )
    return [name for name in found if name not in NOT_YET]


def untested(data_file: Path, held: list[str], root: Path = REPO) -> str:
    """coverage's report of the held files that miss a line or a branch; empty when none does."""
    import coverage  # only where the tests are measured: `make test`'s environment has it

    cov = coverage.Coverage(data_file=str(data_file), config_file=str(root / "pyproject.toml"))
    cov.load()
    measured = {str(Path(name).resolve()) for name in cov.get_data().measured_files()}
    missing = [name for name in held if str((root / name).resolve()) not in measured]
    lines = [f"{name}: never imported by the tests" for name in missing]
    if len(missing) < len(held):
        report = io.StringIO()
        total = cov.report(
            include=[str(root / name) for name in held if name not in missing],
            show_missing=True,
            skip_covered=True,
            file=report,
            precision=2,
        )
        if total < 100.0:
            lines.append(report.getvalue().rstrip())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-file", type=Path, default=REPO / ".coverage", help="coverage data (default: .coverage)")
    parser.add_argument("--root", type=Path, default=REPO, help="the tree the held files are found in")
    parser.add_argument("held", nargs="*", help="files to hold instead of the core's and the store's")
    args = parser.parse_args(argv)
    if not args.data_file.is_file():
        print(f"check_coverage: no coverage data at {args.data_file}: run the tests with --cov", file=sys.stderr)
        return 2
    held = args.held or held_files(args.root)
    gaps = untested(args.data_file, held, args.root)
    if gaps:
        print(f"check_coverage: these files are held at 100 % of lines and branches:\n{gaps}", file=sys.stderr)
        return 1
    print(f"check_coverage: {len(held)} files held at 100 % of lines and branches; {len(NOT_YET)} not yet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
