"""Kokoro's voice and model files: checked against their pinned sha256 before use."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kindly import locations
from kindly.audio.speech import kokoro_engine
from kindly.audio.speech.kokoro_engine import KOKORO_VOICE_FILE, KOKORO_VOICE_SHAPE, load_kokoro_voice
from kindly.core.errors import KindlyFailure


def test_the_committed_kokoro_voice_is_a_style_table_with_its_licence_beside_it() -> None:
    folder = locations.assets_dir() / "voices"
    style = load_kokoro_voice(folder / KOKORO_VOICE_FILE)
    assert style.shape == KOKORO_VOICE_SHAPE and np.all(np.isfinite(style))
    assert "Apache License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert "kokoro-js 1.2.1" in (folder / "NOTICE").read_text(encoding="utf-8")


def test_a_voice_file_other_than_the_pinned_one_is_refused(tmp_path: Path) -> None:
    impostor = tmp_path / "am_michael.bin"
    impostor.write_bytes(np.zeros(510 * 256, dtype="<f4").tobytes())
    with pytest.raises(KindlyFailure, match="sha256 differs"):
        load_kokoro_voice(impostor)


def test_a_missing_kokoro_model_part_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kokoro_engine, "KOKORO_MODEL_PARTS", ("kindly_no_such_model_part",))
    with pytest.raises(KindlyFailure, match="kindly_no_such_model_part is missing"):
        kokoro_engine.assemble_kokoro_model(tmp_path / "cache")


def test_model_parts_that_do_not_join_into_the_pinned_model_leave_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in (1, 2):
        package = tmp_path / "site" / f"kindly_fake_part_{n}"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "part.bin").write_bytes(b"not a model")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(kokoro_engine, "KOKORO_MODEL_PARTS", ("kindly_fake_part_1", "kindly_fake_part_2"))
    cache = tmp_path / "cache"
    with pytest.raises(KindlyFailure, match="do not join into the pinned model"):
        kokoro_engine.assemble_kokoro_model(cache)
    assert list(cache.iterdir()) == []
