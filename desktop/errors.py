"""The one base of every refusal whose message is written for the user (in Chinese)."""


class UserError(Exception):
    """Refused input or state; `str(error)` is shown as it is, never a traceback."""
