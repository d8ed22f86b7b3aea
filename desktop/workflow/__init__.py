"""Qt-free rules of the domain: lifecycle transitions, locking, validation.

Widgets and the CLI call these; nothing else changes a topic's, meeting's or outcome's status.
"""


class RuleError(ValueError):
    """An operation the rules refuse; the message is Chinese and names what is allowed."""
