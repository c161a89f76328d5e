"""The ALSA devices PortAudio lists: add-on plugin devices left out, the default's way kept.

The rules are pure functions; the ALSA tests run real alsa-lib in a child process (its
configuration is process-wide state) on a configuration written here (ALSA_CONFIG_PATH), and
the last one starts real PortAudio against the system's own configuration and a PulseAudio
server, as a session does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kindly.platform.alsa_device_list import add_on_devices, leave_out_add_on_devices, reached_from_default
from pulse_server import PulseServer

DESKTOP = str(Path(__file__).resolve().parents[2] / "desktop")
ON_LINUX = pytest.mark.linux_only("ALSA is Linux's")


def test_the_default_reaches_what_it_names_and_what_those_name() -> None:
    strings = {"default": {"plug", "equal:CONTROLS=x"}, "equal": {"speakers"}, "speakers": set(), "a52": {"hw"}}

    assert reached_from_default(lambda name: strings.get(name, set()), set(strings)) == {"default", "equal", "speakers"}


def test_a_device_with_a_built_in_type_is_always_listed() -> None:
    types = {"dmix": None, "hw": "hw", "mixer": "plug", "a52": "a52", "pipewire": "pipewire"}

    assert add_on_devices(types, reached={"default"}) == ["a52", "pipewire"]


def test_an_add_on_device_on_the_defaults_way_is_listed() -> None:
    assert add_on_devices({"pulse": "pulse", "jack": "jack"}, reached={"default", "pulse"}) == ["jack"]


def test_nothing_is_left_out_off_linux() -> None:
    assert leave_out_add_on_devices(platform="win32") == []
    assert leave_out_add_on_devices(platform="darwin") == []


_AFTER = textwrap.dedent(
    """
    import ctypes, json, sys
    sys.path.insert(0, sys.argv[1])
    from kindly.platform.alsa_device_list import leave_out_add_on_devices, _load_alsa
    left_out = leave_out_add_on_devices()
    alsa = _load_alsa()
    top = alsa.top()
    pcm = alsa.child(top, "pcm") if top else None
    listed = sorted(alsa.name(node) for node in alsa.children(pcm)) if pcm else []
    print(json.dumps({"left_out": left_out, "listed": listed}))
    """
)


def _in_alsa_child(config: str, tmp_path: Path) -> dict[str, list[str]]:
    path = tmp_path / "asound.conf"
    path.write_text(textwrap.dedent(config), encoding="utf-8")
    env = {"ALSA_CONFIG_PATH": str(path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", _AFTER, DESKTOP], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


@ON_LINUX
def test_add_on_devices_leave_alsas_list_and_built_in_ones_stay(tmp_path: Path) -> None:
    result = _in_alsa_child(
        """
        pcm.null { type null }
        pcm.!default { type plug slave.pcm "null" }
        pcm.a52 { type a52 }
        pcm.upmix { type upmix slave.pcm "default" }
        pcm.quieter { type softvol slave.pcm "null" control.name "Quieter" }
        """,
        tmp_path,
    )

    assert result == {"left_out": ["a52", "upmix"], "listed": ["default", "null", "quieter"]}


@ON_LINUX
def test_an_add_on_device_the_default_names_stays(tmp_path: Path) -> None:
    result = _in_alsa_child(
        """
        pcm.!default "mine"
        pcm.mine { type plug slave.pcm "equal:CONTROLS=eq" }
        pcm.equal { type equal }
        pcm.jack { type jack }
        """,
        tmp_path,
    )

    assert result == {"left_out": ["jack"], "listed": ["default", "equal", "mine"]}


@ON_LINUX
def test_a_configuration_alsa_cannot_read_leaves_nothing_out(tmp_path: Path) -> None:
    result = _in_alsa_child("pcm.a52 { type a52 \n", tmp_path)

    assert result["left_out"] == []


_PORTAUDIO = textwrap.dedent(
    """
    import json, os, sys
    sys.path.insert(0, sys.argv[1])
    from kindly.platform.alsa_device_list import leave_out_add_on_devices
    left_out = leave_out_add_on_devices()
    import sounddevice
    default = sounddevice.query_devices(kind="output")
    with open("/proc/self/maps") as maps:
        loaded = sorted({os.path.basename(line.split()[-1]) for line in maps if ".so" in line})
    print(json.dumps({"left_out": left_out, "default": default["name"], "loaded": loaded}))
    """
)


@ON_LINUX
@pytest.mark.sound
def test_portaudio_opens_the_default_without_loading_add_on_plugins(pulse_server: PulseServer) -> None:
    pytest.importorskip("sounddevice")
    done = subprocess.run(
        [sys.executable, "-c", _PORTAUDIO, DESKTOP], env=pulse_server.env(), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)

    assert result["default"] == "default"
    loaded_plugins = {name for name in result["loaded"] if name.startswith("libasound_module_pcm_")}
    assert loaded_plugins <= {"libasound_module_pcm_pulse.so"}
    assert "libavcodec" not in " ".join(result["loaded"])
