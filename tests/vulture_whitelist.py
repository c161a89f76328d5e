"""Names vulture reports as unused that are used: called by name from outside Kindly's code.

tests/test_code_checks.py runs vulture over desktop/kindly and this file, which vulture reads (it
is never imported or run): every name written here counts as used. Each entry says who uses it.
What only the tests used and nothing else needed has been deleted, not listed here; what stays is
part of the tested surface of its module. Whitelisting a name whitelists it everywhere, so keep
entries to names that are called by name elsewhere; a new finding is first a question: delete it?
"""

# ruff: noqa: B018  (vulture's whitelist format: a bare use of each name is the whole point)

from __future__ import annotations

from typing import Any

_: Any = None

# --- Called by Python, the standard library or Qt, by name ---------------------------------------

_.__getattr__  # kindly/__init__.py: PEP 562's module __getattr__, which gives `kindly.__version__`
_._print_message  # argument_parsing.py: argparse.ArgumentParser's hook for printing --help and usage
_.creationflags  # platform/processes.py: a TypedDict key, passed to subprocess.run/Popen as **options
_.process  # platform/keep_awake.py: wakepy's DBusAdapter calls it for each D-Bus call
_.close_connections  # platform/keep_awake.py: wakepy's DBusAdapter calls it when it is done
# audio/speech/kokoro_engine.py: onnxruntime.SessionOptions fields onnxruntime reads
_.intra_op_num_threads
_.inter_op_num_threads
_.mouseDoubleClickEvent  # ui/session/session_screen.py: a QWidget event handler Qt calls
# ui/accessible_interfaces.py: QAccessibleValueInterface's methods, called by the screen reader's bridge
_.currentValue
_.setCurrentValue
_.minimumValue
_.maximumValue
_.minimumStepSize
# ui/session/checkin_panel.py: QStyleOptionSlider fields the style reads when it draws the slider
_.sliderPosition
_.sliderValue
_.subControls

# --- Design constants named so a scale reads whole ----------------------------------------------

_.BODY  # ui/theme.py: the type scale's step 1 (the body font as it is); tests/ui/test_theme.py reads the scale

# --- Held for their owner's lifetime: each works through the signals it connects -----------------

# ui/app/app_presence.py: the parts of the app's presence, kept as named attributes so that each
# lives as long as the presence does (and the tests can reach it); nothing calls them by name.
_.close_policy
_.session_power
_.end_notice
_.media_controls

# --- The tested surface of a widget or module: what a test (or the screenshot driver) drives -----

_.loudness_db  # audio/loudness.py: the module's measure; the tests check that `normalize` reaches its target with it
_.kinder_after  # core/checkin_change.py: the counts the stats sentence is made from, checked apart from its words
_.easier_after  # core/checkin_change.py: as kinder_after, its pair
_.stop_file_log  # platform/windowed_messages.py: undoes start_file_log (global hooks), so tests can leave none behind
_.messages  # ui/accessible_events.py: what is still held for the screen reader, which the tests look at
_.merges  # ui/app/sync_triggers.py: merges asked of the history, which the tests count
_.set_more_shown  # ui/home/session_setup_panel.py: opens More as its button does (tests, tests/ui/screenshot_driver.py)
_.is_animating  # ui/session/breath_pacer.py: whether the pacer is drawing frames, which the tests ask
_.other_players  # ui/session/session_media_controls.py: the tests close its bus connection when done
_.path_progress  # store/session_history.py: the path as stored, read and waited for (the window asks `_later`)
_.already_kept  # store/sync_rows.py: the merge's count of sessions both sides held, beside `added`
