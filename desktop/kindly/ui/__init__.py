"""The Qt shell: windows, the session screen, the tray, and their wiring.

Importing the shell first makes PySide6's look at each later import a plain file read
(`kindly.ui.qt_import_scan`): every module below is imported after PySide6.
"""

from kindly.ui import qt_import_scan as _qt_import_scan  # noqa: F401  (before any other shell module)
