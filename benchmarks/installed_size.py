"""What `make run` installs: the environment's size against its budget, and no Qt add-on module in it.

The figure is every file under the running interpreter's prefix (the .venv),
beside what Qt alone takes there (PySide6-Essentials and shiboken6). The
PySide6 metapackage would add Addons, WebEngine and PDF, which Kindly never
imports; the second line counts any of their modules that is present.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench_report import Budget, Measurement

BUDGET_MB = 450.0
# Modules of PySide6-Addons (and the WebEngine/PDF it pulls in); none belongs in Kindly's environment.
ADDON_MODULES = (
    "QtWebEngineCore",
    "QtWebEngineWidgets",
    "QtPdf",
    "QtMultimedia",
    "Qt3DCore",
    "QtCharts",
    "QtDataVisualization",
    "QtQuick3D",
    "QtBluetooth",
    "QtPositioning",
    "QtWebSockets",
)


def _size_mb(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def measure() -> list[Measurement]:
    prefix = Path(sys.prefix)
    import PySide6
    import shiboken6

    qt = Path(PySide6.__file__).parent
    qt_mb = _size_mb(qt) + _size_mb(Path(shiboken6.__file__).parent)
    # Essentials ships type stubs (.pyi) for every module; an installed module is its compiled extension.
    addons = [name for name in ADDON_MODULES if any(p.suffix in (".so", ".pyd") for p in qt.glob(f"{name}.*"))]
    return [
        Measurement(
            "installed-size",
            _size_mb(prefix),
            "MB",
            qt_mb,
            "of which Qt: PySide6-Essentials, shiboken6",
            Budget(BUDGET_MB, "value", unit="MB"),
            note=str(prefix),
        ),
        Measurement(
            "installed-qt-addons",
            float(len(addons)),
            "modules",
            None,
            "Kindly imports none",
            Budget(0, "value"),
            note=", ".join(addons) or "none present",
        ),
    ]
