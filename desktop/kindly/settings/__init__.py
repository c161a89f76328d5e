"""The user's settings without Qt: every option declared once, and the rules for reading them.

The window (through a QSettings adapter in `kindly.ui.settings`) and the
commands read the same file through the same `Settings`, so `kindly stats`
counts a streak exactly as the window does.
"""
