"""The user's settings without Qt: every option declared once, and the rules for reading them.

The window and the commands read the same file (`settings_file`) through the
same `Settings`, so `kindly stats` counts a streak exactly as the window does.
"""
