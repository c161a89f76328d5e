"""Preferences, and the QSettings file under the Qt-free `kindly.settings`."""
