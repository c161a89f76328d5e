"""`python -m kindly` is the same program as the `kindly` console script."""

import sys

from kindly.cli import main

sys.exit(main())
