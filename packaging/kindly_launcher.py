"""Entry script of the frozen Kindly: the same `kindly.cli.main` as the `kindly` console script."""

import sys

from kindly.cli import main

if __name__ == "__main__":
    sys.exit(main())
