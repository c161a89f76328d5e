"""Every difference between Windows, macOS and Linux, in one place.

Each module here holds one concern (private files, the lock between processes,
login autostart, where a windowed program's messages go) behind small
functions with one implementation per system; the rest of Kindly calls them
and never asks which system it runs on.
"""
