"""The Linux bundle's runtime hook: sounddevice loads the PortAudio inside the bundle, not the system's or none.

In the frozen app `sys._MEIPASS` is the bundle's `_internal` folder, where the
spec puts `libportaudio.so.2`; the hook runs before any of Kindly's code.
Here a temporary folder with a copy of the library plays that part.
"""

from __future__ import annotations

import ctypes.util
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "packaging" / "portaudio_runtime_hook.py"
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_config  # noqa: E402

LINUX_PORTAUDIO = pytest.mark.linux_only("Debian's libportaudio2, which the Linux bundle carries")


def bundle_folder_with_portaudio(tmp_path: Path) -> Path:
    ((source, _folder),) = bundle_config.linux_portaudio()
    shutil.copy(source, tmp_path / bundle_config.PORTAUDIO_SONAME)
    return tmp_path


@LINUX_PORTAUDIO
def test_in_the_bundle_portaudio_is_found_in_the_bundle_and_other_libraries_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_find_library = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library", system_find_library)  # restored afterwards
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle_folder_with_portaudio(tmp_path)), raising=False)
    runpy.run_path(str(HOOK))
    assert ctypes.util.find_library("portaudio") == str(tmp_path / "libportaudio.so.2")
    assert ctypes.util.find_library("c") == system_find_library("c")


def test_a_bundle_without_portaudio_leaves_the_lookup_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system_find_library = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library", system_find_library)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    runpy.run_path(str(HOOK))
    assert ctypes.util.find_library is system_find_library


@LINUX_PORTAUDIO
def test_sounddevice_imported_after_the_hook_plays_through_the_bundled_library(tmp_path: Path) -> None:
    bundle = bundle_folder_with_portaudio(tmp_path)
    script = (
        "import runpy, sys\n"
        f"sys._MEIPASS = {str(bundle)!r}\n"
        f"runpy.run_path({str(HOOK)!r})\n"
        "import sounddevice\n"
        "print(sounddevice.get_portaudio_version()[1])\n"
        "print(*sorted({line.split()[-1] for line in open('/proc/self/maps') if 'libportaudio' in line}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    version, loaded = result.stdout.splitlines()[-2:]
    assert version.startswith("PortAudio V19")
    assert loaded == str(bundle / "libportaudio.so.2")
