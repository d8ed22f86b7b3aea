"""Rules that both the reads (queries/) and the writes (workflow/) need: status tables,
what is ready for an agenda, who is expected at a meeting, the final-minutes lock.

Below both, so a read never imports a write; Qt-free, like every service.
"""

from desktop.errors import UserError


class RuleError(UserError, ValueError):
    """An operation the rules refuse; the message is Chinese and names what is allowed."""
