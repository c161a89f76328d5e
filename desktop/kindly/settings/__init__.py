"""The user's settings without Qt: every option declared once, and the rules for reading them.

The window and the commands read the same file (`settings_file`) through the
same `Settings`, so `kindly stats` counts a streak exactly as the window does.

What the settings log (a damaged file, a value read as its default) reaches
the person as the caller's own line (a command's `kindly: ...`, the window's
notice) and goes on to any log the program keeps; the `NullHandler` keeps
logging's last resort from printing it a second time on a command's standard error.
"""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
