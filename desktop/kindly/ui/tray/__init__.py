"""Kindly in the system tray: its icon and menu, the quick starts, the daily reminder."""
