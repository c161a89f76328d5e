"""Two real Syncthing instances keeping two Kindly machines' sync folders in step, over 127.0.0.1 alone.

Debian's `syncthing`, each instance with its own home, its GUI/REST API and
its sync protocol on free ports of 127.0.0.1, every way of reaching beyond
the machine switched off (global discovery, relays, NAT, STUN, local
announce, usage and crash reports, upgrades): each knows the other by device
id at a static address. Each shares one folder, the sync folder of one Kindly
machine (tests/sync_machines.py's `Machine`).

`two_machines_in_step` is the whole run of #31's real-engine test, kept here
so that the test and the note (`python tests/syncthing_pair.py`) run the same
thing. Waiting is bounded and waits on Syncthing's own events (its REST
long poll), never on a sleep. The processes are started and stopped here;
none outlives the run.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kindly.cli import main
from kindly.core.session_record import SessionRecord
from processes import stop_process
from sync_machines import Machine, session

SYNCTHING = shutil.which("syncthing")
FOLDER_ID = "kindly"
LOCALHOST = "127.0.0.1"
# What every switch beyond 127.0.0.1 is set to (config.xml's <options>).
OFFLINE_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "stunKeepaliveStartS": "0",  # zero switches STUN off
    "urAccepted": "-1",  # usage reporting declined for good
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
}
# Laptop on the 1st, 3rd and 5th of November, desktop on the 2nd and 4th: one five-day streak between them.
SESSIONS: dict[str, tuple[SessionRecord, ...]] = {
    "laptop": (session(0, seconds=600), session(2, seconds=900), session(4, seconds=300)),
    "desktop": (session(1, seconds=1200), session(3, seconds=600)),
}
AS_OF = "2026-11-05"


@dataclass
class Syncthing:
    """One instance: its home, the folder it shares, and where its REST API answers."""

    home: Path
    folder: Path
    gui_port: int
    listen_port: int
    api_key: str
    device_id: str
    events_seen: int = 0

    @property
    def listen_address(self) -> str:
        return f"tcp://{LOCALHOST}:{self.listen_port}"

    def rest(self, path: str, timeout: float = 5) -> Any:
        """GET `path` from its REST API: JSON, as Syncthing writes it."""
        request = urllib.request.Request(f"http://{LOCALHOST}:{self.gui_port}{path}")
        request.add_header("X-API-Key", self.api_key)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)

    def wait_for_change(self, seconds: int) -> None:
        """Return when a file in the folder changed (found on disk or pulled from the peer), or after `seconds`."""
        events = self.rest(f"/rest/events/disk?since={self.events_seen}&timeout={seconds}", timeout=seconds + 5)
        assert isinstance(events, list)
        if events:
            self.events_seen = max(event["id"] for event in events)


def connected_peers(instance: Syncthing) -> list[str]:
    """The addresses of the devices `instance` is connected to now."""
    connections = instance.rest("/rest/system/connections")
    assert isinstance(connections, dict)
    return [peer["address"] for peer in connections["connections"].values() if peer["connected"]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCALHOST, 0))
        return int(probe.getsockname()[1])


def generate(home: Path, folder: Path) -> Syncthing:
    """A new instance's keys and config (`syncthing generate`), its device id read back from the config."""
    assert SYNCTHING is not None
    subprocess.run(
        [SYNCTHING, "generate", f"--home={home}", "--no-default-folder", "--skip-port-probing"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    own = ET.parse(home / "config.xml").getroot().find("device")
    assert own is not None
    return Syncthing(home, folder, free_port(), free_port(), secrets.token_hex(16), own.attrib["id"])


def configure(this: Syncthing, peer: Syncthing) -> None:
    """Rewrite `this`'s config.xml: 127.0.0.1 only, the peer at its static address, the one shared folder."""
    path = this.home / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    gui = root.find("gui")
    options = root.find("options")
    own = root.find("device")
    default_folder = root.find("defaults/folder")
    assert gui is not None and options is not None and own is not None and default_folder is not None
    _set(gui, "address", f"{LOCALHOST}:{this.gui_port}")
    _set(gui, "apikey", this.api_key)
    _set(options, "listenAddress", this.listen_address)
    for name, value in OFFLINE_OPTIONS.items():
        _set(options, name, value)
    _set(own, "address", this.listen_address)
    other = copy.deepcopy(own)
    other.attrib.update(id=peer.device_id, name=peer.home.parent.name)  # the Kindly machine it serves
    _set(other, "address", peer.listen_address)
    own_index = list(root).index(own)
    root.insert(own_index + 1, other)
    folder = copy.deepcopy(default_folder)
    folder.attrib.update(
        id=FOLDER_ID,
        label="Kindly",
        path=str(this.folder),
        type="sendreceive",
        rescanIntervalS="2",
        fsWatcherEnabled="true",
        fsWatcherDelayS="1",
    )
    shared_with = folder.find("device")
    assert shared_with is not None
    peer_entry = copy.deepcopy(shared_with)
    peer_entry.attrib["id"] = peer.device_id
    folder.insert(list(folder).index(shared_with) + 1, peer_entry)
    root.insert(own_index + 2, folder)
    tree.write(path, encoding="unicode")
    (this.folder / ".stfolder").mkdir(exist_ok=True)  # the marker Syncthing wants in a folder it did not make


def _set(parent: ET.Element, tag: str, text: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = text


def start(instance: Syncthing) -> subprocess.Popen[bytes]:
    """`syncthing serve`, one process (no monitor to restart it, no upgrades), its log in its home."""
    assert SYNCTHING is not None
    # STHASHING names the SHA-256 code to use, sparing the benchmark that would choose it (a second at start).
    env = {**os.environ, "STNORESTART": "1", "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1", "STHASHING": "minio"}
    with open(instance.home / "syncthing.log", "wb") as log:
        return subprocess.Popen(
            [SYNCTHING, "serve", f"--home={instance.home}", "--no-browser", "--no-restart", "--no-upgrade"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )


def wait_until_up(instance: Syncthing, process: subprocess.Popen[bytes], deadline: float) -> None:
    """Until its REST API answers (each try bounded; it is starting, not idle)."""
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"syncthing exited ({process.returncode}): {_log_tail(instance)}")
        try:
            instance.rest("/rest/system/ping", timeout=1)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise TimeoutError(f"syncthing's API did not answer: {_log_tail(instance)}") from None
            process_waited(process, 0.1)


def process_waited(process: subprocess.Popen[bytes], seconds: float) -> None:
    """Wait on the process itself: it returns at once if it dies while its API is not up yet."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=seconds)


def _log_tail(instance: Syncthing) -> str:
    log = instance.home / "syncthing.log"
    return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"


@contextlib.contextmanager
def syncthing_pair(folders: Sequence[Path], homes: Sequence[Path], up_within: float = 30) -> Iterator[list[Syncthing]]:
    """Two instances sharing `folders` (one each), started, up; stopped however the block ends."""
    instances = [generate(home, folder) for home, folder in zip(homes, folders, strict=True)]
    configure(instances[0], instances[1])
    configure(instances[1], instances[0])
    processes: list[subprocess.Popen[bytes]] = []
    try:
        deadline = time.monotonic() + up_within
        for instance in instances:
            # One after the other: the second dials the first as it starts, while the first waits out its
            # reconnection interval; two started at once may dial each other at the same moment, and
            # their crossed hellos wait 20 s to time out.
            processes.append(start(instance))
            wait_until_up(instance, processes[-1], deadline)
        yield instances
    finally:
        for process in processes:
            stop_process(process)


@contextlib.contextmanager
def as_machine(root: Path, name: str) -> Iterator[None]:
    """Kindly's command line as run on machine `name` (its data and config folders), in this process."""
    saved = {key: os.environ.get(key) for key in ("KINDLY_DATA_DIR", "KINDLY_CONFIG_DIR")}
    os.environ["KINDLY_DATA_DIR"] = str(root / name / "data")
    os.environ["KINDLY_CONFIG_DIR"] = str(root / name / "config")
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def kindly(root: Path, name: str, *args: str) -> str:
    """`kindly ARGS` on machine `name`: its standard output; a failure is the test's."""
    out = io.StringIO()
    with as_machine(root, name), contextlib.redirect_stdout(out):
        status = main(list(args))
    assert status == 0, f"kindly {' '.join(args)} on {name}: exit {status}"
    return out.getvalue()


@dataclass
class Outcome:
    """What a person sees: each side's sessions, the seconds until both agreed, both `stats --json`."""

    recorded: dict[str, int]
    up_seconds: float
    agree_seconds: float
    sync_lines: dict[str, list[str]]  # each round's `kindly sync` line, per machine
    peers: dict[str, list[str]]  # where each instance's connected peers are
    options: dict[str, dict[str, Any]]  # each running instance's options, as its REST API tells them
    stats: dict[str, str]


def two_machines_in_step(root: Path, within: float = 90) -> Outcome:
    """Sessions recorded on two machines, Syncthing between their folders; until both count every session."""
    names = list(SESSIONS)
    for name in names:
        machine = Machine(root, name)
        for record in SESSIONS[name]:
            machine.record(record)
        machine.close()
        kindly(root, name, "settings", "set", "sync/folder", str(machine.replica))
    expected = sum(len(records) for records in SESSIONS.values())
    begun = time.monotonic()
    homes = [root / name / "syncthing" for name in names]
    with syncthing_pair([root / name / "share" for name in names], homes) as instances:
        up = time.monotonic()
        deadline = up + within
        lines: dict[str, list[str]] = {name: [] for name in names}
        while True:
            for name in names:
                lines[name].append(kindly(root, name, "sync").strip())
            stats = {name: kindly(root, name, "stats", "--json", "--as-of", AS_OF) for name in names}
            counted = {json.loads(text)["total_sessions"] for text in stats.values()}
            if counted == {expected} and len(set(stats.values())) == 1:
                agreed = time.monotonic()
                break
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no agreement within {within} s: {lines} {stats}")
            for instance in instances:
                instance.wait_for_change(max(1, min(2, int(left))))
        peers = {name: connected_peers(instance) for name, instance in zip(names, instances, strict=True)}
        options = {name: instance.rest("/rest/config/options") for name, instance in zip(names, instances, strict=True)}
    return Outcome(
        recorded={name: len(SESSIONS[name]) for name in names},
        up_seconds=up - begun,
        agree_seconds=agreed - up,
        sync_lines=lines,
        peers=peers,
        options=options,
        stats=stats,
    )


if __name__ == "__main__":
    # The note's run: `PYTHONPATH=desktop python tests/syncthing_pair.py`.
    if SYNCTHING is None:
        sys.exit("syncthing is not installed (apt-get install syncthing)")
    with tempfile.TemporaryDirectory(prefix="kindly-syncthing-") as folder:
        outcome = two_machines_in_step(Path(folder))
    shown = {key: value for key, value in vars(outcome).items() if key not in ("stats", "options")}
    print(json.dumps(shown, indent=2))
    for name, text in outcome.stats.items():
        print(f"--- {name}: kindly stats --json --as-of {AS_OF}\n{text}", end="")
