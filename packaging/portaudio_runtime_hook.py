"""PyInstaller runtime hook (Linux bundle): sounddevice loads the PortAudio the bundle carries.

sounddevice finds PortAudio with `ctypes.util.find_library("portaudio")`,
which on Linux asks ldconfig's cache of the system's libraries, never the
bundle: on a desktop without libportaudio2 sounddevice would fail to import
(and Kindly fall back to simpleaudio) although `libportaudio.so.2` is in the
bundle, and on one with it the system's copy would be loaded, not the one the
bundle was tested with. This runs before Kindly's code and answers that one
name with the bundled library; every other name is looked up as before.
Plain standard library: PyInstaller runs it as a script in the frozen app.
"""

import ctypes.util
import os
import sys


def _answer_portaudio_with_the_bundled_library() -> None:
    bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libportaudio.so.2")
    if not os.path.isfile(bundled):
        return
    system_find_library = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return bundled if name == "portaudio" else system_find_library(name)

    ctypes.util.find_library = find_library


_answer_portaudio_with_the_bundled_library()
