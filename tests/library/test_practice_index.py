"""The bundled practices' lines written ahead: used only when they say what a full read would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kindly import locations
from kindly.core.errors import KindlyInputError
from kindly.library.library_entry import LibraryEntry
from kindly.library.narration_status import RECORDED
from kindly.library.practice_catalogue import PracticeCatalogue, in_order_of_use
from kindly.library.practice_index import fingerprint, index_path, index_text, read_index
from kindly.library.practice_library import PracticeLibrary, bundled_practices, load_library
from kindly.tools.write_practice_index import bundled_lines, main

LINE = LibraryEntry("calm-minute", "A calm minute", 1, "One calm minute.", breath="4-6")


@pytest.fixture
def assets(tmp_path: Path) -> tuple[Path, Path]:
    """Bundled scripts and clips of two practices, and an index written from them."""
    scripts, narration = tmp_path / "scripts", tmp_path / "narration"
    scripts.mkdir()
    for practice in ("one-minute-pause", "right-now"):
        shutil.copy(locations.scripts_dir() / f"{practice}.txt", scripts)
        shutil.copytree(locations.narration_dir() / practice, narration / practice)
    index_path(scripts).write_text(index_text([LINE], fingerprint(scripts, narration)), encoding="utf-8")
    return scripts, narration


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An assets folder of two fully recorded practices, the one Kindly reads from."""
    root = tmp_path / "assets"
    (root / "scripts").mkdir(parents=True)
    for practice in ("one-minute-pause", "right-now"):
        shutil.copy(locations.scripts_dir() / f"{practice}.txt", root / "scripts")
        shutil.copytree(locations.narration_dir() / practice, root / "audio" / "narration" / practice)
    monkeypatch.setattr(locations, "assets_dir", lambda: root)
    return root


def _read(assets: tuple[Path, Path]) -> list[LibraryEntry] | None:
    scripts, narration = assets
    return read_index(scripts, narration, locations.user_scripts_dir())


def test_the_committed_index_holds_each_bundled_practice_as_a_full_read_lists_it() -> None:
    # Else: `make practice-index` (after a script, a manifest or a clip changed).
    assert read_index() == bundled_lines(locations.scripts_dir())
    assert main(["--check"]) == 0


def test_an_index_made_from_the_files_there_gives_its_lines(assets: tuple[Path, Path]) -> None:
    assert _read(assets) == [LINE]


def test_an_edited_script_passes_the_index_over(assets: tuple[Path, Path]) -> None:
    script = assets[0] / "right-now.txt"
    script.write_text(script.read_text(encoding="utf-8").replace("minutes: ", "minutes: 1", 1), encoding="utf-8")
    assert _read(assets) is None


def test_a_new_script_passes_the_index_over(assets: tuple[Path, Path]) -> None:
    shutil.copy(locations.scripts_dir() / "noting.txt", assets[0])
    assert _read(assets) is None


def test_a_clip_gone_passes_the_index_over(assets: tuple[Path, Path]) -> None:
    next((assets[1] / "right-now").glob("*.ogg")).unlink()
    assert _read(assets) is None


def test_a_changed_manifest_passes_the_index_over(assets: tuple[Path, Path]) -> None:
    manifest = assets[1] / "right-now" / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"voice"', b'"voice" ', 1))
    assert _read(assets) is None


def test_a_persons_own_script_passes_the_index_over(assets: tuple[Path, Path]) -> None:
    folder = locations.user_scripts_dir()
    folder.mkdir(parents=True)
    (folder / "mine.txt").write_text("id: mine\n", encoding="utf-8")
    assert _read(assets) is None


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\xff not json",
        b"[1, 2]",
        b'{"version": 99, "fingerprint": "", "lines": []}',
        b'{"version": 1, "fingerprint": "FINGERPRINT", "lines": [{"practice": "x", "colour": "blue"}]}',
        b'{"version": 1, "fingerprint": "FINGERPRINT", "lines": {"a": 1}}',
        b'{"version": 1, "fingerprint": "FINGERPRINT"}',
    ],
)
def test_a_damaged_or_other_index_passes_over_without_a_word(assets: tuple[Path, Path], damage: bytes) -> None:
    index_path(assets[0]).write_bytes(damage.replace(b"FINGERPRINT", fingerprint(*assets).encode()))
    assert _read(assets) is None


def test_no_index_is_no_lines(assets: tuple[Path, Path]) -> None:
    index_path(assets[0]).unlink()
    assert _read(assets) is None


def test_with_an_index_the_catalogue_lists_without_parsing_a_script() -> None:
    parsed: list[bool] = []

    def loader() -> PracticeLibrary:
        parsed.append(True)
        return load_library()

    catalogue = PracticeCatalogue(loader, index=lambda: [LINE])
    catalogue.reload()
    assert catalogue.loaded and catalogue.lines() == [LINE] and catalogue.ids() == ["calm-minute"]
    assert parsed == []


def test_with_an_index_the_scripts_are_parsed_when_a_practice_itself_is_asked_for() -> None:
    catalogue = PracticeCatalogue(index=read_index)
    catalogue.reload()
    listed = catalogue.lines()
    assert catalogue.library.get("right-now").practice.title == catalogue.title_of("right-now")
    assert catalogue.lines() == listed  # the full read lists them exactly as the index did


def test_an_index_that_passes_over_leaves_the_catalogue_reading_the_scripts() -> None:
    catalogue = PracticeCatalogue(index=lambda: None)
    catalogue.reload()
    assert catalogue.lines() == in_order_of_use(bundled_lines(locations.scripts_dir()))


def test_the_index_is_written_one_practice_a_line(assets: tuple[Path, Path]) -> None:
    text = index_text([LINE, LINE], "0")
    assert text.count("\n") == 4 and json.loads(text)["lines"][1]["title"] == "A calm minute"


def test_the_bundled_practices_are_each_parsed_and_recorded(bundle: Path) -> None:
    assert sorted(entry.practice.id for entry in bundled_practices()) == ["one-minute-pause", "right-now"]


def test_a_bundled_practice_with_a_clip_gone_is_refused_by_name(bundle: Path) -> None:
    next((bundle / "audio" / "narration" / "right-now").glob("*.ogg")).unlink()
    with pytest.raises(KindlyInputError, match="phrases without a recorded clip in right-now"):
        bundled_practices()


def test_the_index_tool_says_to_record_only_what_recording_mends(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = bundle / "scripts" / "right-now.txt"
    kept = script.read_text(encoding="utf-8")
    script.write_text("not a practice\n", encoding="utf-8")
    refused = (main([]), capsys.readouterr().err)
    script.write_text(kept, encoding="utf-8")
    next((bundle / "audio" / "narration" / "right-now").glob("*.ogg")).unlink()
    unrecorded = (main([]), capsys.readouterr().err)
    assert refused[0] == unrecorded[0] == 1
    assert "make narration" not in refused[1] and "right-now.txt" in refused[1]
    assert unrecorded[1] == (
        "practice index: phrases without a recorded clip in right-now (make narration records them)\n"
    )


def test_a_persons_own_recordings_never_stand_in_for_a_bundles_missing_clip(bundle: Path) -> None:
    next((bundle / "audio" / "narration" / "right-now").glob("*.ogg")).unlink()
    mine = locations.data_dir() / "recordings" / "right-now"
    mine.mkdir(parents=True)
    for number in range(200):
        (mine / f"{number}.wav").touch()
    heard_on_this_machine = {entry.practice.id: entry.narration for entry in load_library().entries}
    assert heard_on_this_machine["right-now"] == RECORDED  # their own voice, on their machine
    with pytest.raises(KindlyInputError, match="right-now"):
        bundled_practices()  # but not in what every first launch lists


def test_a_bundled_script_that_is_refused_is_said_with_its_file(bundle: Path) -> None:
    (bundle / "scripts" / "right-now.txt").write_text("not a practice\n", encoding="utf-8")
    with pytest.raises(KindlyInputError, match=r"a bundled script is refused: .*right-now\.txt"):
        bundled_practices()
