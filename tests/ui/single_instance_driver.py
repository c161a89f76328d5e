"""A tiny program built on kindly.ui.app.single_instance, for tests that need real processes.

Run as `python single_instance_driver.py [--start NAME] [--tray]` with
KINDLY_DATA_DIR set. The first one prints `running` and then one line per
forwarded request; a later one hands its request over and exits 0, or exits 2
with the running instance's refusal (a name starting "unknown" is refused).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kindly.core.errors import KindlyInputError
from kindly.ui.app.single_instance import LaunchRequest, SingleInstance


def _handle(request: LaunchRequest) -> None:
    if request.start and request.start.startswith("unknown"):
        raise KindlyInputError(f"no practice or preset named {request.start!r}")
    print(f"request start={request.start} tray={request.tray}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--start")
    parser.add_argument("--tray", action="store_true")
    options = parser.parse_args()
    app = QCoreApplication(sys.argv[:1])
    instance = SingleInstance(Path(os.environ["KINDLY_DATA_DIR"]), _handle)
    try:
        if not instance.claim_or_forward(LaunchRequest(start=options.start, tray=options.tray)):
            print("forwarded", flush=True)
            return 0
    except KindlyInputError as exc:
        print(f"kindly: error: {exc}", file=sys.stderr)
        return 2
    print(f"running pid={os.getpid()}", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
