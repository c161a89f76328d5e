"""A file name means what it means to every Unix tool: `-`, /dev/stdout, /dev/full, FIFOs, long names, signals.

Where a system has no such thing (Windows has no FIFOs, no signals to stop a
process with, no `>&-`; only Linux has /dev/full) the test is skipped there,
saying why; `-`, /dev/stdout, long names, links and a reader that stops early
hold everywhere.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindly.cli import main
from user_scripts import write_user_script

LONG_NAME = "a" * 246 + ".csv"  # 250 bytes: legal on every common file system (255 at most)
FULL_DEVICE = pytest.mark.linux_only("/dev/full, a disk that is always full, is Linux's alone")


def _kindly(*args: str, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kindly", *args],
        capture_output=True,
        timeout=timeout,
        input=stdin if stdin is not None else b"",
    )


def _one_session() -> None:
    assert _kindly("history", "add", "--start", "2026-11-24T07:30", "--minutes", "10").returncode == 0


def _said(done: subprocess.CompletedProcess[bytes]) -> str:
    """What a command said on standard error, its lines ended by \\n (Windows' Python writes \\r\\n)."""
    return done.stderr.decode().replace("\r\n", "\n")


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_history_export_to_dash_or_dev_stdout_writes_to_standard_output(name: str) -> None:
    _one_session()
    done = _kindly("history", "export", "--format", "csv", name)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[0].startswith("start_utc,")
    assert len(done.stdout.decode().splitlines()) == 2


@FULL_DEVICE
def test_history_export_to_dev_full_is_a_full_disk_and_the_device_stays() -> None:
    _one_session()
    done = _kindly("history", "export", "/dev/full")
    assert done.returncode == 1
    assert done.stderr.decode() == "kindly: failed: cannot write /dev/full: the disk is full\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_render_to_dash_streams_a_whole_wav_to_standard_output() -> None:
    done = _kindly("render", "-", "--minutes", "0.1", "--warmup", "0")
    assert done.returncode == 0, done.stderr
    wav = done.stdout
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"
    assert int.from_bytes(wav[4:8], "little") == len(wav) - 8  # the header's length is the length streamed


@FULL_DEVICE
def test_render_to_dev_full_is_a_full_disk() -> None:
    done = _kindly("render", "/dev/full", "--minutes", "0.1")
    assert done.returncode == 1
    assert done.stderr.decode() == "kindly: failed: cannot write /dev/full: the disk is full\n"


@FULL_DEVICE
def test_a_failed_timeline_leaves_no_wav_behind(tmp_path: Path) -> None:
    out = tmp_path / "session.wav"
    done = _kindly("render", str(out), "--minutes", "0.1", "--timeline", "/dev/full")
    assert done.returncode == 1
    assert "cannot write /dev/full: the disk is full" in done.stderr.decode()
    assert list(tmp_path.iterdir()) == []


def test_names_up_to_the_file_systems_limit_work(tmp_path: Path) -> None:
    _one_session()
    folder = tmp_path / "out"
    folder.mkdir()
    assert _kindly("history", "export", str(folder / LONG_NAME)).returncode == 0
    wav = folder / (LONG_NAME[:-4] + ".wav")
    done = _kindly("render", str(wav), "--minutes", "0.1")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted([LONG_NAME, wav.name])


@pytest.mark.slow
@pytest.mark.posix_only("SIGTERM and SIGHUP: Windows has no signal that stops another process")
@pytest.mark.parametrize("stop_name", ["SIGTERM", "SIGHUP"])
def test_a_render_stopped_by_a_signal_leaves_no_partial_file(stop_name: str, tmp_path: Path) -> None:
    stop = signal.Signals[stop_name]
    render = subprocess.Popen(
        [sys.executable, "-m", "kindly", "render", str(tmp_path / "long.wav"), "--minutes", "240"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".kindly-*.part")):
        assert time.monotonic() < deadline, "the render never started writing"
        try:
            render.wait(timeout=0.05)  # the poll interval; an early exit is noticed at once
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"the render exited early: {render.communicate()[1]!r}")
    render.send_signal(stop)
    _out, said = render.communicate(timeout=30)
    assert render.returncode == 128 + stop
    assert said.decode().endswith(f"kindly: stopped by {stop.name}\n")
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == []


@pytest.mark.parametrize("other_thread", [False, True], ids=["alone", "beside-another-thread"])
def test_a_stop_that_lands_as_the_temporary_file_is_made_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_thread: bool
) -> None:
    import tempfile
    import threading

    from kindly.argument_parsing import Stopped
    from kindly.user_files import output_file

    made = tempfile.mkstemp

    def made_then_stopped(*args: object, **kwargs: object) -> tuple[int, str]:
        done = made(*args, **kwargs)  # type: ignore[call-overload]
        _terminate_this_process()  # the stop lands here, before the name is handed back
        return done

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    monkeypatch.setattr(tempfile, "mkstemp", made_then_stopped)
    before = signal.signal(signal.SIGTERM, stop)
    # With another thread alive (the app's history, audio and Qt threads) the signal may reach that one.
    done = threading.Event()
    waiting = threading.Thread(target=done.wait) if other_thread else None
    if waiting is not None:
        waiting.start()
    try:
        with pytest.raises(Stopped), output_file(str(tmp_path / "session.wav")) as handle:
            handle.write(b"never finished")
    finally:
        signal.signal(signal.SIGTERM, before)
        done.set()
        if waiting is not None:
            waiting.join()
    assert list(tmp_path.iterdir()) == []


def _terminate_this_process() -> None:
    """SIGTERM to this process, as `kill` sends it; on Windows, where os.kill would end the
    process outright, as the C runtime raises it (the handler runs all the same)."""
    if os.name == "nt":
        signal.raise_signal(signal.SIGTERM)
    else:
        os.kill(os.getpid(), signal.SIGTERM)


@pytest.mark.posix_only("FIFOs and /dev/zero")
def test_a_fifo_among_the_scripts_never_hangs_kindly_practices(isolated_dirs: Path) -> None:
    write_user_script("my-evening.txt")
    scripts = Path(os.environ["KINDLY_DATA_DIR"]) / "scripts"
    os.mkfifo(scripts / "waiting.txt")
    (scripts / "endless.txt").symlink_to("/dev/zero")
    done = _kindly("practices", timeout=30)
    said = (done.stdout + done.stderr).decode()
    assert "waiting.txt:1: cannot read the script: it is not a regular file" in said
    assert "endless.txt:1: cannot read the script: it is not a regular file" in said
    assert "my-evening" in said  # the others still load


def test_a_script_past_the_size_limit_is_refused_with_its_name(isolated_dirs: Path) -> None:
    scripts = Path(os.environ["KINDLY_DATA_DIR"]) / "scripts"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "huge.txt").write_bytes(b"# " + b"x" * 300_000 + b"\n")
    done = _kindly("practices", timeout=30)
    assert (
        "huge.txt:1: cannot read the script: the script is too large (300 kB; at most 256 kB)"
        in (done.stdout + done.stderr).decode()
    )


@pytest.mark.posix_only("FIFOs")
def test_history_import_of_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "history.csv")
    done = _kindly("history", "import", str(tmp_path / "history.csv"), timeout=20)
    assert done.returncode == 2
    assert _said(done).startswith("kindly: error: cannot read ")
    assert "it is not a regular file" in _said(done)


def test_history_import_of_dash_reads_standard_input() -> None:
    _one_session()
    exported = _kindly("history", "export", "--format", "json", "-").stdout
    done = _kindly("history", "import", "-", stdin=exported)
    assert done.returncode == 0, done.stderr
    assert "skipped 1 exact duplicate" in done.stdout.decode()


@pytest.mark.parametrize("command", [["history", "export", ""], ["history", "import", ""], ["render", ""]])
def test_an_empty_file_name_is_refused_in_one_line(command: list[str]) -> None:
    done = _kindly(*command)
    assert done.returncode == 2
    assert _said(done).startswith("kindly: error: an empty file name names no file")


def _to_full_disk(*args: str) -> subprocess.CompletedProcess[bytes]:
    with open("/dev/full", "wb") as full:
        return subprocess.run([sys.executable, "-m", "kindly", *args], stdout=full, stderr=subprocess.PIPE, timeout=60)


@FULL_DEVICE
@pytest.mark.parametrize(
    "command", [["stats"], ["practices"], ["history", "add", "--start", "2026-11-25T07:30", "--minutes", "10"]]
)
def test_standard_output_on_a_full_disk_is_said_plainly(command: list[str]) -> None:
    done = _to_full_disk(*command)
    assert done.returncode == 1
    assert done.stderr.decode() == "kindly: failed: cannot write the output: the disk is full\n"


def _read_ten_bytes_then_stop(*args: str) -> tuple[int, str]:
    """`kindly ARGS | head -c 10`: the reader takes ten bytes and closes the pipe; Kindly's status and stderr."""
    command = [sys.executable, "-m", "kindly", *args]
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as kindly:
        assert kindly.stdout is not None and kindly.stderr is not None
        kindly.stdout.read(10)
        kindly.stdout.close()
        said = kindly.stderr.read().decode()
        return kindly.wait(timeout=60), said


def test_a_reader_that_stops_early_is_no_error() -> None:
    _one_session()
    for command in (["practices"], ["render", "-", "--minutes", "1"]):
        assert _read_ten_bytes_then_stop(*command) == (0, "")


@pytest.mark.posix_only("ENAMETOOLONG: Windows calls a name too long an invalid or a missing one")
def test_a_name_too_long_for_the_file_system_is_refused_in_one_line(tmp_path: Path) -> None:
    for command in (
        ["render", str(tmp_path / ("a" * 256 + ".wav"))],
        ["history", "export", str(tmp_path / ("b/" * 2100)) + "h.csv"],
    ):
        done = _kindly(*command)
        assert done.returncode == 2
        assert _said(done).endswith("the name is too long for the file system\n")


def test_an_export_to_a_link_writes_through_it(tmp_path: Path) -> None:
    _one_session()
    try:
        (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    except OSError as exc:  # Windows lets only administrators and developer mode make links
        pytest.skip(f"this account cannot make a symbolic link: {exc}")
    if not (tmp_path / "link.csv").is_symlink():  # Wine 8 says yes, then makes none
        pytest.skip("this system made no symbolic link when asked")
    assert _kindly("history", "export", str(tmp_path / "link.csv")).returncode == 0
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "real.csv").read_text().startswith("start_utc,")


@FULL_DEVICE
def test_a_timeline_that_fails_before_a_streamed_wav_sends_no_sound() -> None:
    done = _kindly("render", "-", "--minutes", "0.2", "--timeline", "/dev/full")
    assert done.returncode == 1
    assert done.stdout == b""


@FULL_DEVICE
def test_a_failed_timeline_leaves_an_earlier_wav_as_it_was(tmp_path: Path) -> None:
    old = tmp_path / "session.wav"
    old.write_bytes(b"an earlier render")
    done = _kindly("render", str(old), "--minutes", "0.1", "--timeline", "/dev/full")
    assert done.returncode == 1
    assert old.read_bytes() == b"an earlier render"
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["session.wav"]


@pytest.mark.posix_only("the shell's >&- (Windows' own case, the windowed kindly.exe, is test_windowed_program's)")
def test_with_standard_output_closed_a_command_says_so_in_one_line() -> None:
    done = subprocess.run(
        f"{sys.executable} -m kindly stats >&-", shell=True, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr == "kindly: failed: cannot write the output: standard output is closed\n"


@FULL_DEVICE
def test_help_on_a_full_disk_is_said_plainly() -> None:
    done = _to_full_disk("history", "--help")
    assert done.returncode == 1
    assert done.stderr.decode() == "kindly: failed: cannot write the output: the disk is full\n"


# Each output a command writes, given a name: the WAV, the timeline beside it, a history export.
OUTPUTS = {
    "render OUT": lambda name, folder: ["render", name, "--minutes", "0.1"],
    "render --timeline": lambda name, folder: ["render", str(folder / "s.wav"), "--minutes", "0.1", "--timeline", name],
    "history export": lambda name, folder: ["history", "export", name],
}
# This system's folder separators: `/`, and on Windows `\\` as well.
SEPARATORS = [s for s in (os.sep, os.altsep) if s]
FILE_NAMES = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._ -]{0,30}", fullmatch=True).filter(lambda n: n.strip(" .") == n)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    output=st.sampled_from(sorted(OUTPUTS)),
    file_name=FILE_NAMES,
    trailing=st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=3).map("".join),
    in_subfolder=st.booleans(),
    exists=st.booleans(),
)
def test_an_output_name_ending_in_a_separator_is_refused_in_one_line_and_nothing_is_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    output: str,
    file_name: str,
    trailing: str,
    in_subfolder: bool,
    exists: bool,
) -> None:
    folder = tmp_path / "out" / ("sub" if in_subfolder else "")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name
    if exists:
        target.write_bytes(b"kept")
    before = sorted(p.name for p in folder.iterdir())
    name = str(target) + trailing
    capsys.readouterr()
    assert main(OUTPUTS[output](name, folder)) == 2
    refusal = f"a file's name cannot end in {trailing[-1]!r} (that names a folder)"
    assert capsys.readouterr().err == f"kindly: error: cannot write {name}: {refusal}\n"
    assert sorted(p.name for p in folder.iterdir()) == before
    assert not exists or target.read_bytes() == b"kept"


def test_the_next_write_removes_what_a_killed_one_left_a_day_ago_and_nothing_else(tmp_path: Path) -> None:
    """SIGKILL leaves a `.kindly-*.part` that nothing could clean up then: the next write beside it does."""
    _one_session()
    folder = tmp_path / "out"
    folder.mkdir()
    day_old = time.time() - 24 * 3600 - 60
    left = folder / ".kindly-k1ll3d.part"
    in_progress = folder / ".kindly-wr1t1ng.part"
    theirs = folder / "notes.part"
    for file in (left, in_progress, theirs):
        file.write_bytes(b"half")
    for file in (left, theirs):
        os.utime(file, (day_old, day_old))
    assert main(["history", "export", str(folder / "h.csv")]) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(["h.csv", in_progress.name, theirs.name])
