"""Preferences: the window's editor of the Qt-free `kindly.settings`."""
