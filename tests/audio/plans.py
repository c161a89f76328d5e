"""The short session the live player's tests play unless they say otherwise: one minute of 4-4 after 2 s."""

from __future__ import annotations

from kindly.core.breath_pattern import parse_breath_pattern
from kindly.core.session_config import SessionConfig
from kindly.core.session_plan import SessionPlan, build_session_plan


def make_plan(**options: object) -> SessionPlan:
    settings: dict[str, object] = {"minutes": 1.0, "warmup_s": 2.0, "breath": parse_breath_pattern("4-4")}
    settings.update(options)
    return build_session_plan(SessionConfig(**settings))  # type: ignore[arg-type]
