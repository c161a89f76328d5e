"""Listening to rendered audio in tests: onset detection and matched filtering."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

RATE = 44100


def read_wav(path: Path) -> tuple[np.ndarray, int, int, int]:
    """Samples as float32 in [-1, 1), with the rate, sample width and channel count."""
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        return (
            np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0,
            wav.getframerate(),
            wav.getsampwidth(),
            wav.getnchannels(),
        )


def onset_strength(samples: np.ndarray, hop: int = 128, size: int = 1024) -> tuple[np.ndarray, float]:
    """Spectral flux (positive change of the log-magnitude spectrum) per hop, and the hop in seconds."""
    frames = 1 + max(0, len(samples) - size) // hop
    idx = np.arange(size)[None, :] + hop * np.arange(frames)[:, None]
    window = np.hanning(size).astype(np.float32)
    spectra = np.abs(np.fft.rfft(samples[idx] * window, axis=1))
    log = np.log1p(1000.0 * spectra)
    flux = np.maximum(0.0, np.diff(log, axis=0)).sum(axis=1)
    flux = np.concatenate([[0.0], flux])
    # A frame's flux describes the change up to the frame's centre.
    return flux, hop / RATE


def onset_near(flux: np.ndarray, hop_s: float, t: float, tolerance_s: float, size: int = 1024) -> float | None:
    """The time of the strongest onset within `tolerance_s` of `t`, if it stands out of its surroundings."""
    centre = lambda i: i * hop_s + size / 2 / RATE  # noqa: E731
    lo = max(0, int((t - tolerance_s - size / 2 / RATE) / hop_s))
    hi = int((t + tolerance_s - size / 2 / RATE) / hop_s) + 2
    around_lo = max(0, int((t - 0.5) / hop_s))
    around = flux[around_lo : int((t - 0.1) / hop_s)]
    window = flux[lo:hi]
    if len(window) == 0:
        return None
    peak = int(np.argmax(window)) + lo
    baseline = float(np.median(around)) if len(around) else 0.0
    if flux[peak] < 3.0 * baseline + 1.0:
        return None
    return centre(peak)


def matched_lag_ms(samples: np.ndarray, cue: np.ndarray, t: float, search_ms: float = 30.0) -> float:
    """Where a cue's first 80 ms best matches the signal near `t`, in ms relative to `t`."""
    n = int(0.08 * RATE)
    template = cue[:n].astype(np.float64)
    start = int(round(t * RATE))
    search = int(search_ms / 1000 * RATE)
    best, best_lag = -np.inf, 0
    segment = samples[max(0, start - search) : start + search + n].astype(np.float64)
    offset = max(0, start - search) - start
    corr = np.correlate(segment, template, mode="valid")
    best_lag = int(np.argmax(corr)) + offset
    del best
    return best_lag / RATE * 1000.0
