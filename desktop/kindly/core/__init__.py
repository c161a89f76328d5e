"""The pure core: breath patterns, session plans, scripts and streaks.

Nothing here imports Qt, an audio library or the store, so it can be reasoned
about and tested on a fake clock (an import-linter contract in pyproject.toml
and tests/core/test_core_is_pure.py keep it so).
"""
