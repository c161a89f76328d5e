"""The one error type for a user's own mistake.

Anything raised as `KindlyInputError` is shown as a single line
(`kindly: error: ...`, exit status 2) and never as a traceback.
"""


class KindlyInputError(ValueError):
    """Bad usage or bad input: a value, a file or a line the user can fix."""


class KindlyFailure(RuntimeError):
    """A failure of the program or the machine (exit status 1), told in one line."""
