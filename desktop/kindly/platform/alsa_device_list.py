"""Linux: the ALSA devices PortAudio lists, cut to the ones that can carry Kindly's sound.

Starting PortAudio lists every PCM device in the ALSA configuration, and opens each one to
ask what it can do. Add-on plugin devices (Debian's libasound2-plugins: `a52`, `jack`, `oss`,
`speex`, `upmix`, `vdownmix`, `usbstream`) are opened too, and each open loads its module and
everything that links: the `a52` encoder alone brings libavcodec, librsvg, cairo and x265. On a
desktop that is memory held for the whole session, for devices Kindly never plays to:
a session plays to the default output (which follows the desktop's sound server).

So, just before PortAudio reads the list, this removes from ALSA's in-memory configuration (never
its files) the PCM definitions that name an add-on plugin type, unless the default device
reaches them. Every definition alsa-lib implements itself (hardware, `dmix`, `plug`, the sound
card aliases) stays, and so does a person's own default: a `pcm.!default` of type `pulse`,
`pipewire` or `jack` keeps its plugin, and a default that names another definition keeps that
one. ALSA reads its files again whenever they change, and PortAudio frees the configuration
when it stops, so this is done before each time PortAudio starts.

Anything unexpected (no libasound, a configuration it cannot read) leaves the list as it was:
this saves memory, and the sound never depends on it.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable, Iterator
from ctypes import POINTER, byref, c_char_p, c_int, c_void_p

log = logging.getLogger(__name__)

# The PCM types alsa-lib implements itself (its pcm.c `build_in_pcms`): any other type loads
# `libasound_module_pcm_<type>.so`.
BUILT_IN_TYPES = frozenset(
    {
        "adpcm", "alaw", "asym", "copy", "dmix", "dshare", "dsnoop", "empty", "file", "hooks", "hw",
        "iec958", "ladspa", "lfloat", "linear", "meter", "mmap_emul", "mulaw", "multi", "null",
        "plug", "rate", "route", "share", "shm", "softvol",
    }
)  # fmt: skip
DEFAULT = "default"
_STRING, _COMPOUND = 3, 1024  # snd_config_type_t


class _Alsa:
    """The few alsa-lib configuration calls this needs, typed for ctypes."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib
        signatures: dict[str, tuple[object, list[object]]] = {
            "snd_config_update": (c_int, []),
            "snd_config_search": (c_int, [c_void_p, c_char_p, POINTER(c_void_p)]),
            "snd_config_search_definition": (c_int, [c_void_p, c_char_p, c_char_p, POINTER(c_void_p)]),
            "snd_config_iterator_first": (c_void_p, [c_void_p]),
            "snd_config_iterator_next": (c_void_p, [c_void_p]),
            "snd_config_iterator_end": (c_void_p, [c_void_p]),
            "snd_config_iterator_entry": (c_void_p, [c_void_p]),
            "snd_config_get_id": (c_int, [c_void_p, POINTER(c_char_p)]),
            "snd_config_get_string": (c_int, [c_void_p, POINTER(c_char_p)]),
            "snd_config_get_type": (c_int, [c_void_p]),
            "snd_config_delete": (c_int, [c_void_p]),
        }
        for name, (restype, argtypes) in signatures.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes

    def top(self) -> int | None:
        """The global configuration, read (again, if its files changed) now."""
        if self.lib.snd_config_update() < 0:
            return None
        return c_void_p.in_dll(self.lib, "snd_config").value

    def child(self, node: int, key: str) -> int | None:
        found = c_void_p()
        if self.lib.snd_config_search(node, key.encode(), byref(found)) < 0:
            return None
        return found.value

    def children(self, node: int) -> Iterator[int]:
        lib = self.lib
        if lib.snd_config_get_type(node) != _COMPOUND:
            return
        position, end = lib.snd_config_iterator_first(node), lib.snd_config_iterator_end(node)
        while position != end:
            yield lib.snd_config_iterator_entry(position)
            position = lib.snd_config_iterator_next(position)

    def name(self, node: int) -> str:
        value = c_char_p()
        self.lib.snd_config_get_id(node, byref(value))
        return (value.value or b"").decode(errors="replace")

    def string(self, node: int) -> str | None:
        value = c_char_p()
        if self.lib.snd_config_get_string(node, byref(value)) < 0 or value.value is None:
            return None
        return value.value.decode(errors="replace")

    def strings_within(self, node: int) -> Iterator[str]:
        """Every string value in a definition, at any depth: the names it may refer to."""
        kind = self.lib.snd_config_get_type(node)
        if kind == _COMPOUND:
            for child in self.children(node):
                yield from self.strings_within(child)
        elif kind == _STRING:
            text = self.string(node)
            if text is not None:
                yield text

    def definition_strings(self, top: int, node: int, name: str) -> set[str]:
        """The strings in PCM `name`'s definition, as written (`pcm.!default "pulse"`) and as expanded."""
        found = set(self.strings_within(node))
        expanded = c_void_p()
        if self.lib.snd_config_search_definition(top, b"pcm", name.encode(), byref(expanded)) >= 0 and expanded.value:
            try:
                found.update(self.strings_within(expanded.value))
            finally:
                self.lib.snd_config_delete(expanded)
        return found

    def delete(self, node: int) -> None:
        self.lib.snd_config_delete(node)


def reached_from_default(strings_of: Callable[[str], set[str]], names: set[str]) -> set[str]:
    """The PCM names the default device's definition reaches, itself included (by name or `name:ARGS`).

    Only these definitions are expanded: expanding one can run its hooks.
    """
    reached = {DEFAULT}
    waiting = [DEFAULT]
    while waiting:
        for text in strings_of(waiting.pop()):
            referred = text.split(":", 1)[0]
            if referred in names and referred not in reached:
                reached.add(referred)
                waiting.append(referred)
    return reached


def add_on_devices(types: dict[str, str | None], reached: set[str]) -> list[str]:
    """The PCM definitions to leave out: an add-on plugin's type, and not on the default's way."""
    return sorted(
        name for name, kind in types.items() if kind is not None and kind not in BUILT_IN_TYPES and name not in reached
    )


def _load_alsa() -> _Alsa | None:
    try:
        return _Alsa(ctypes.CDLL("libasound.so.2"))
    except (OSError, AttributeError) as exc:
        log.info("ALSA's configuration cannot be read (%s): PortAudio lists every device", exc)
        return None


def leave_out_add_on_devices(platform: str = sys.platform) -> list[str]:
    """Before PortAudio starts: take add-on plugin devices out of ALSA's list. Returns their names."""
    if not platform.startswith("linux"):
        return []
    alsa = _load_alsa()
    if alsa is None:
        return []
    top = alsa.top()
    pcm = alsa.child(top, "pcm") if top else None
    if top is None or pcm is None:
        return []
    nodes = {alsa.name(node): node for node in alsa.children(pcm)}
    types: dict[str, str | None] = {}
    for name, node in nodes.items():
        kind = alsa.child(node, "type")
        types[name] = alsa.string(kind) if kind is not None else None
    reached = reached_from_default(
        lambda name: alsa.definition_strings(top, nodes[name], name) if name in nodes else set(), set(nodes)
    )
    left_out = add_on_devices(types, reached)
    for name in left_out:
        alsa.delete(nodes[name])
    if left_out:
        log.info("PortAudio will not list ALSA's add-on devices %s", ", ".join(left_out))
    return left_out
