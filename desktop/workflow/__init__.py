"""Qt-free writes of the domain: lifecycle transitions, locking, validation.

Widgets and the CLI call these; nothing else changes a topic's, meeting's or outcome's status.
The tables and checks that reads need too live one layer down, in desktop.rules.
"""

from desktop.rules import RuleError

__all__ = ["RuleError"]
