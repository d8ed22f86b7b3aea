"""Qt-free rules of the domain: lifecycle transitions, locking, validation.

Widgets and the CLI call these; nothing else changes a topic's, meeting's or outcome's status.
"""

from desktop.errors import UserError


class RuleError(UserError, ValueError):
    """An operation the rules refuse; the message is Chinese and names what is allowed."""
