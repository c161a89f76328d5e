"""The Qt shell: windows, the session screen, the tray, and their wiring."""
